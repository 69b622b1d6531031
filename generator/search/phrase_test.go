package search

import (
	"fmt"
	"slices"
	"testing"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/corpus"
)

// Phrases are matched on residues of the words that follow each term (see
// doc.go): a document holding a phrase always matches it, and one holding
// its words apart matches only when a residue fits by chance. This
// measures both on 2,000 synthcables cables, for 150 two-word phrases
// taken from their bodies: recall must be whole, and precision (the share
// of the matches that hold the phrase) far above that of the words alone.
func TestPhrasePrecision(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 2,000 cables")
	}
	t.Run("synthcables", func(t *testing.T) { phrasePrecision(t, synthDocs(t, 2000), 600, 0.75) })
	t.Run("real", func(t *testing.T) {
		var docs []Doc
		for _, name := range corpus.Files(t, "real/cablegate-html", ".html") {
			docs = append(docs, docsOf(t, name, cable.FormatAuto)...)
		}
		phrasePrecision(t, docs, 400, 0.75)
	})
}

// phrasePrecision checks n two-word phrases of docs' bodies, and that at
// least min of the matches hold their phrase.
func phrasePrecision(t *testing.T, docs []Doc, n int, min float64) {
	files, _ := buildIndex(t, docs, Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}

	// The terms of each document's subject and body, as the index reads them.
	var tok Tokenizer
	terms := func(text string) []string {
		var out []string
		tok.Tokens(text, func(term []byte, _ int) { out = append(out, string(term)) })
		return out
	}
	type fields struct{ subject, body []string }
	docTerms := make([]fields, len(docs))
	for i, d := range docs {
		docTerms[i] = fields{terms(d.Subject), terms(d.Body)}
	}
	adjacent := func(ts []string, a, b string) bool {
		for i := 0; i+1 < len(ts); i++ {
			if ts[i] == a && ts[i+1] == b {
				return true
			}
		}
		return false
	}

	// Phrases: every 97th pair of adjacent indexable words of the bodies
	// (13th in a small corpus).
	var phrases [][2]string
	seen := map[[2]string]bool{}
	k := 0
	every := 97
	if len(docs) < 1000 {
		every = 13
	}
	for _, f := range docTerms {
		for i := 0; i+1 < len(f.body) && len(phrases) < n; i++ {
			a, b := f.body[i], f.body[i+1]
			if !indexable([]byte(a)) || !indexable([]byte(b)) {
				continue
			}
			if k++; k%every == 0 && !seen[[2]string{a, b}] {
				seen[[2]string{a, b}] = true
				phrases = append(phrases, [2]string{a, b})
			}
		}
	}
	if len(phrases) < n {
		t.Fatalf("only %d phrases", len(phrases))
	}

	ids := func(query string) []string { return docIDs(t, s, query, SearchOptions{PerPage: len(docs)}) }
	var holding, matched, withWords int
	for _, p := range phrases {
		var truth []string
		for i, f := range docTerms {
			if adjacent(f.subject, p[0], p[1]) || adjacent(f.body, p[0], p[1]) {
				truth = append(truth, docs[i].ID)
			}
		}
		got := ids(fmt.Sprintf("%q", p[0]+" "+p[1]))
		for _, id := range truth {
			if !slices.Contains(got, id) {
				t.Errorf("%q: %s holds the phrase but does not match", p[0]+" "+p[1], id)
			}
		}
		holding += len(truth)
		matched += len(got)
		withWords += len(ids(p[0] + " " + p[1]))
	}
	precision := float64(holding) / float64(matched)
	words := float64(holding) / float64(withWords)
	t.Logf("%d phrases: %d matches, %d of them hold the phrase (precision %.3f); the words alone: %d matches (precision %.3f)",
		len(phrases), matched, holding, precision, withWords, words)
	if precision < min || precision < 3*words {
		t.Errorf("phrase precision %.3f: want at least %.2f, and three times the words' %.3f", precision, min, words)
	}
}
