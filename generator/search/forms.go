package search

import (
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
)

// Word forms (doc.go, "Word forms"): the terms a query word stands for,
// decided here, when the index is written, so that the client carries no
// stemmer. A word stands for
//
//   - the terms that share its Porter2 stem (its stem class): export,
//     exports, exported, exporting, exporter;
//   - and the terms derived from one of those by an ending that Porter2
//     leaves on (derivational suffixes below), when the stemmer agrees that
//     the derived term starts with the word's stem: fraud finds fraudulent
//     and fraudulently (Porter2's fraudul), military finds militarily,
//     president finds presidential. The converse does not hold: fraudulent
//     does not find fraud.
//
// Terms that merely start with the word are not its forms: human does not
// find humanitarian, visa does not find visavis, state not statistics.

// derivational lists the endings a derived form adds to a term of the
// word's stem class, each an English derivational suffix that forms an
// adverb, an adjective or an abstract noun of the same word (militarily,
// fraudulent, presidential, leadership) and that Porter2 does not strip,
// with the shortest term it is added to. Porter2 strips -ness, -ment,
// -ity, -ism, -ive, -ize, -ation and others already, in words long enough
// for them. Agentive and comparative -er, and -ist, -ic, -ary, -ry, -ion,
// are left out, and -al, -ial and -ship on words under six letters: on
// the bench's vocabulary they link words that are not forms of each other
// (post and poster, care and career, secret and secretary, mill and
// million, right and rightist, form and formal, sign and signal, town and
// township).
var derivational = []struct {
	suffix  string
	minBase int
}{
	{"ly", 4}, {"ulent", 4}, {"ulently", 4}, {"ulence", 4},
	{"al", 6}, {"ally", 6}, {"ial", 6}, {"ially", 6}, {"ship", 6}, {"ships", 6},
}

// derivedFrom reports whether term is a form of base that Porter2 does
// not find: base with one of the derivational endings (a final y of base
// becomes i before -ly: militarily), the stemmer agreeing that term
// starts with base's stem. baseStem is Porter2's stem of base.
func derivedFrom(term, base, baseStem string) bool {
	if len(term) <= len(base) || !strings.HasPrefix(english.Stem(term, true), baseStem) {
		return false
	}
	for _, d := range derivational {
		if len(base) < d.minBase {
			continue
		}
		if term == base+d.suffix {
			return true
		}
		if strings.HasPrefix(d.suffix, "ly") && strings.HasSuffix(base, "y") && term == base[:len(base)-1]+"i"+d.suffix {
			return true
		}
	}
	return false
}

// derivationBases returns the terms that term may derive from (see
// derivedFrom): term without each derivational ending, and with a y for
// an i before -ly.
func derivationBases(term string) []string {
	var out []string
	for _, d := range derivational {
		base, ok := strings.CutSuffix(term, d.suffix)
		if !ok || len(base) < d.minBase {
			continue
		}
		out = append(out, base)
		if strings.HasPrefix(d.suffix, "ly") && strings.HasSuffix(base, "i") {
			out = append(out, base[:len(base)-1]+"y")
		}
	}
	return out
}

// formRows gives the word forms of a dictionary: names are its terms in
// dictionary order. Each stem class (the stemmable terms sharing a
// Porter2 stem) has one row: its terms and the terms derived from them
// (derivedFrom), in dictionary order. rowOf[i] is the row of names[i], -1
// when its row would hold it alone (it has no other form) or when it is
// not stemmable. Rows are numbered in the order of their first term.
func formRows(names []string) (rows [][]int32, rowOf []int32) {
	rowOf = make([]int32, len(names))
	stems := make([]string, len(names))
	byStem := map[string][]int32{}
	index := map[string]int32{}
	for i, name := range names {
		rowOf[i] = -1
		if !stemmable(name) {
			continue
		}
		stems[i] = english.Stem(name, true)
		byStem[stems[i]] = append(byStem[stems[i]], int32(i))
		index[name] = int32(i)
	}
	// The derived forms of each class, by the class's stem.
	derived := map[string][]int32{}
	for i, name := range names {
		if stems[i] == "" {
			continue
		}
		for _, base := range derivationBases(name) {
			b, ok := index[base]
			if !ok || stems[b] == stems[i] || !derivedFrom(name, base, stems[b]) {
				continue
			}
			if d := derived[stems[b]]; len(d) == 0 || d[len(d)-1] != int32(i) {
				derived[stems[b]] = append(d, int32(i))
			}
		}
	}
	for i := range names {
		s := stems[i]
		if s == "" || rowOf[i] >= 0 {
			continue
		}
		members := byStem[s]
		if members[0] != int32(i) {
			continue // not the class's first term: it has its row already
		}
		row := append([]int32(nil), members...)
		for _, d := range derived[s] {
			if !slices.Contains(row, d) {
				row = append(row, d)
			}
		}
		if len(row) < 2 {
			continue
		}
		slices.Sort(row)
		for _, m := range members {
			rowOf[m] = int32(len(rows))
		}
		rows = append(rows, row)
	}
	return rows, rowOf
}
