package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kljensen/snowball/english"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/corpus"
)

// TestFormRows checks the rows of word forms on a vocabulary of the cases
// that matter: derived forms that Porter2 leaves apart are found from
// the word and not the other way round, and words that merely start with
// another are not its forms.
func TestFormRows(t *testing.T) {
	names := strings.Fields(`election elections electoral electric electricity fraud frauds fraudulent fraudulently
		human humanitarian humanity humans military militarily minister ministerial ministers ministership ministry
		part partial post postal poster president presidential right rightist rights secret secretary state statement
		statistics visa visas visavis zz 2007 kosovo`)
	slices.SortFunc(names, compareJS)
	rows, rowOf := formRows(names)
	formsOf := func(w string) string {
		i := slices.Index(names, w)
		if i < 0 {
			t.Fatalf("%s: not in the vocabulary", w)
		}
		if rowOf[i] < 0 {
			return ""
		}
		var out []string
		for _, m := range rows[rowOf[i]] {
			out = append(out, names[m])
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct{ word, want string }{
		{"fraud", "fraud frauds fraudulent fraudulently"},
		{"frauds", "fraud frauds fraudulent fraudulently"},
		{"fraudulent", "fraudulent fraudulently"}, // not fraud
		{"human", "human humanity humans"},        // not humanitarian
		{"humanitarian", ""},
		{"military", "militarily military"},
		{"minister", "minister ministerial ministers ministership"}, // not ministry
		{"ministry", ""},
		{"election", "election elections"}, // not electoral, electric
		{"president", "president presidential"},
		{"part", ""},              // not partial: -al on a word of under six letters
		{"post", ""},              // not postal, poster
		{"right", "right rights"}, // not rightist
		{"secret", ""},            // not secretary
		{"state", ""},             // not statement (Porter2 keeps it apart), statistics
		{"visa", "visa visas"},    // not visavis (Pagefind's vis-a-vis)
		{"zz", ""},
		{"2007", ""},
		{"kosovo", ""},
	} {
		if got := formsOf(tc.word); got != tc.want {
			t.Errorf("%s: forms %q, want %q", tc.word, got, tc.want)
		}
	}
}

// formCheck tells whether a term is a form of a word in the sense of
// doc.go ("Word forms"), decided from the two words alone, with no
// dictionary: the same Porter2 stem, or derived (derivedFrom) from a word
// of that stem. It keeps the stems it computed.
type formCheck struct{ stems map[string]string }

func (c *formCheck) stem(w string) string {
	if c.stems == nil {
		c.stems = map[string]string{}
	}
	s, ok := c.stems[w]
	if !ok {
		s = english.Stem(w, true)
		c.stems[w] = s
	}
	return s
}

// isFormOf reports whether term is a form of word.
func (c *formCheck) isFormOf(term, word string) bool {
	if term == word {
		return true
	}
	if !stemmable(term) || !stemmable(word) {
		return false
	}
	stem := c.stem(word)
	if c.stem(term) == stem {
		return true
	}
	for _, base := range derivationBases(term) {
		if c.stem(base) == stem && derivedFrom(term, base, stem) {
			return true
		}
	}
	return false
}

// lacksForm returns the words of which terms holds no form.
func (c *formCheck) lacksForm(terms map[string]bool, words []string) []string {
	var out []string
	for _, w := range words {
		found := terms[w]
		for t := range terms {
			if found {
				break
			}
			found = c.isFormOf(t, w)
		}
		if !found {
			out = append(out, w)
		}
	}
	return out
}

// docTermSet is the set of terms a document's searchable text holds (its
// id, subject, origin, TAGS and body: what a word of a query matches).
func docTermSet(tok *Tokenizer, d Doc) map[string]bool {
	set := map[string]bool{}
	for _, t := range tok.Terms(strings.Join(append([]string{d.ID, d.Subject, d.Origin, d.Body}, d.Tags...), " ")) {
		set[t] = true
	}
	return set
}

// TestWordFormsInHits checks, on the real corpus and on 2,000 synthcables
// cables, for words and two-word queries drawn from the texts, that every
// hit holds each word of the query in some form (formCheck), and that every
// document holding the words as written is a hit.
func TestWordFormsInHits(t *testing.T) {
	t.Run("real", func(t *testing.T) {
		var docs []Doc
		for _, name := range corpus.Files(t, "real/cablegate-html", ".html") {
			docs = append(docs, docsOf(t, name, cable.FormatAuto)...)
		}
		wordFormsInHits(t, docs, 300)
	})
	t.Run("synthcables", func(t *testing.T) {
		if testing.Short() {
			t.Skip("generates 2,000 cables")
		}
		wordFormsInHits(t, synthDocs(t, 2000), 300)
	})
}

func wordFormsInHits(t *testing.T, docs []Doc, n int) {
	files, _ := buildIndex(t, docs, Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	var tok Tokenizer
	var check formCheck
	sets := map[string]map[string]bool{} // document id -> terms
	df := map[string]int{}
	for _, d := range docs {
		sets[d.ID] = docTermSet(&tok, d)
		for term := range sets[d.ID] {
			df[term]++
		}
	}
	// Words: every stemmable term of two documents or more, in order of
	// frequency, n of them spread over the vocabulary, and the words that
	// the bench's queries and this change are about.
	var vocab []string
	for term, k := range df {
		if k >= 2 && stemmable(term) && !isStop(term) {
			vocab = append(vocab, term)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		return df[vocab[i]] > df[vocab[j]] || df[vocab[i]] == df[vocab[j]] && vocab[i] < vocab[j]
	})
	words := strings.Fields("nuclear weapons prime minister kosovo independence oil exports human rights election fraud visa military assistance president government")
	for i := 0; i < n && len(vocab) > 0; i++ {
		words = append(words, vocab[i*len(vocab)/n])
	}
	var queries [][]string
	for i, w := range words {
		queries = append(queries, []string{w})
		if i%3 == 0 && i+1 < len(words) {
			queries = append(queries, []string{w, words[(i*7+1)%len(words)]})
		}
	}
	for _, ws := range queries {
		q := strings.Join(ws, " ")
		hits := map[string]bool{}
		for _, id := range queryIDs(t, s, q) {
			hits[id] = true
			if lack := check.lacksForm(sets[id], ws); len(lack) > 0 {
				t.Errorf("%s: hit %s holds no form of %v", q, id, lack)
			}
		}
		for id, set := range sets {
			all := true
			for _, w := range ws {
				all = all && set[w]
			}
			if all && !hits[id] {
				t.Errorf("%s: %s holds the words and is not a hit", q, id)
			}
		}
	}
}

// isStop reports whether a term is a stop word or too short to be indexed.
func isStop(term string) bool {
	return !indexable([]byte(term))
}

// TestStemsDerived checks derived forms end to end, the client agreeing.
func TestStemsDerived(t *testing.T) {
	texts := []string{
		"fraud was found", "a fraudulent vote", "human rights", "humanitarian aid",
		"military aid", "acting militarily", "the visa section", "vis-a-vis the visavis", "the presidential palace",
	}
	var docs []Doc
	for i, text := range texts {
		docs = append(docs, Doc{ID: fmt.Sprintf("07TEST%d", i+1), Date: time.Date(2007, 1, i+1, 0, 0, 0, 0, time.UTC), Body: text})
	}
	files, _ := buildIndex(t, docs, Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, want string }{
		{"fraud", "07TEST1 07TEST2"},
		{"fraudulent", "07TEST2"},
		{"human", "07TEST3"},
		{"humanitarian", "07TEST4"},
		{"military", "07TEST5 07TEST6"},
		{`"military"`, "07TEST5"},
		{"visa", "07TEST7"},
		{"visas", ""},            // not a word of the index, and the client has no stemmer
		{"humani", "07TEST4"},    // not a word of the index: the words it starts
		{"president", "07TEST9"}, // not a word of the index: the words it starts
	} {
		if got := strings.Join(queryIDs(t, s, tc.q), " "); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.q, got, tc.want)
		}
	}
	agreeWithClient(t, files, []string{"fraud", "fraudulent", "human", "humanitarian", "military", `"military"`, "visa", "humani", "president"})
}
