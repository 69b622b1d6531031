package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// The test corpus: generated documents over a small vocabulary, so that
// words co-occur often and phrases can be told from words that merely
// share a document, plus a few written by hand for the cases that matter.

var (
	testWords = strings.Fields(`nuclear weapons program embassy minister prime government election fraud visa
		oil exports military assistance human rights independence serbia belgrade pristina talks
		agreement sanctions security council president parliament opposition party reform budget
		trade energy pipeline border refugees police court judge corruption investigation media
		press freedom religious leaders meeting visit delegation ambassador foreign policy defense
		cooperation training aid development health education water drought harvest prices inflation`)
	testOrigins = []string{"Embassy Madrid", "Secretary of State", "Embassy Belgrade", "US Office Pristina", "Embassy Paris", "Consulate Sao Paulo"}
	testClasses = []string{"UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "CONFIDENTIAL", "CONFIDENTIAL//NOFORN", "SECRET", "SECRET//NOFORN"}
	testTags    = strings.Fields("PGOV PREL KV SR MARR ECON ETRD EPET PHUM KDEM SP FR")
	testStation = map[string]string{"Embassy Madrid": "MADRID", "Secretary of State": "STATE", "Embassy Belgrade": "BELGRADE",
		"US Office Pristina": "PRISTINA", "Embassy Paris": "PARIS", "Consulate Sao Paulo": "SAOPAULO"}
)

// handDocs are the documents the tests look for by name.
var handDocs = []Doc{
	{ID: "07STATE126086", Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC), Subject: "KOSOVO,S FUTURE STATUS: DEMARCHE REQUEST",
		Origin: "Secretary of State", Classification: "CONFIDENTIAL", Tags: []string{"PREL", "KV", "SR"},
		Body: "THIS IS AN ACTION REQUEST. WE WANT TO STRESS THAT KOSOVO,S INDEPENDENCE IS THE ONLY WAY FORWARD. THE U.S. POSITION IS CLEAR."},
	{ID: "08BELGRADE55", Date: time.Date(2008, 2, 17, 10, 0, 0, 0, time.UTC), Subject: "Kosovo's declaration and Serbian reactions",
		Origin: "Embassy Belgrade", Classification: "SECRET//NOFORN", Tags: []string{"PGOV", "SR", "KV"},
		Body: "Kosovo's parliament declared independence today. Serbian officials called the declaration illegal."},
	{ID: "06MADRID1", Date: time.Date(2006, 3, 1, 9, 0, 0, 0, time.UTC), Subject: "<img src=x onerror=alert(1)> hostile subject",
		Origin: "Embassy Madrid", Classification: "UNCLASSIFIED", Tags: []string{"SP", "PGOV"},
		Body: "The text <script>alert(2)</script> and <b>bold</b> & ampersands must show as text. Café au lait in São Paulo."},
	{ID: "09PARIS77", Date: time.Date(2009, 12, 31, 23, 0, 0, 0, time.UTC), Subject: "Weapons and the nuclear question",
		Origin: "Embassy Paris", Classification: "SECRET", Tags: []string{"FR", "MARR"},
		Body: "Here the words weapons and nuclear appear apart: weapons of the past, nuclear of the future."},
	{ID: "10ANKARA5", Date: time.Date(2010, 1, 5, 8, 0, 0, 0, time.UTC), Subject: "A long cable",
		Origin: "Embassy Paris", Classification: "UNCLASSIFIED", Tags: []string{"FR"},
		Body: strings.Repeat("The delegation met the minister and spoke of trade and energy at length.\n", 20) +
			"At the very end, a zeppelin flew over the harbour of Izmir."},
	{ID: "UNDATED1", Subject: "A cable without a date", Origin: "Embassy Paris", Classification: "UNCLASSIFIED", Tags: []string{"FR"},
		Body: "Undated cables sort last and have no year."},
}

// testDocs returns n generated documents and the hand-written ones.
func testDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(7, 11))
	docs := make([]Doc, 0, n+len(handDocs))
	sentence := func(words int) string {
		w := make([]string, words)
		for i := range w {
			w[i] = testWords[r.IntN(len(testWords))]
		}
		return strings.Join(w, " ")
	}
	// The fields searched by to:, from:, signer: and ref: come from a
	// stream of their own, so that the rest is as it was before them.
	r2 := rand.New(rand.NewPCG(13, 17))
	posts := []string{"AMEMBASSY BOGOTA", "AMEMBASSY MADRID", "SECSTATE WASHDC", "AMCONSUL BARCELONA", "USMISSION USNATO", "AMEMBASSY THE HAGUE"}
	routes := []string{"RUEHBO", "RUEHMD", "RUEHC", "RUEHBL", "RUEHNO", "RUEHTC"}
	signers := []string{"RICE", "MCFARLAND", "AGUIRRE", "O'NEILL", "<b>ESC</b>"}
	for i := range n {
		origin := testOrigins[r.IntN(len(testOrigins))]
		date := time.Date(2003+r.IntN(8), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
		var tags []string
		for range 1 + r.IntN(3) {
			tags = append(tags, testTags[r.IntN(len(testTags))])
		}
		var body strings.Builder
		for range 3 + r.IntN(10) {
			body.WriteString(strings.ToUpper(sentence(5 + r.IntN(15))))
			body.WriteString(". ")
		}
		docs = append(docs, Doc{
			ID:             fmt.Sprintf("%02d%s%d", date.Year()%100, testStation[origin], 100+i),
			Date:           date,
			Subject:        strings.ToUpper(sentence(3 + r.IntN(6))),
			Origin:         origin,
			Classification: testClasses[r.IntN(len(testClasses))],
			Tags:           tags,
			Body:           body.String(),
		})
		d := &docs[len(docs)-1]
		k := r2.IntN(len(posts))
		d.From = posts[k]
		for range r2.IntN(4) {
			k := r2.IntN(len(posts))
			d.To = append(d.To, posts[k], routes[k])
		}
		if r2.IntN(3) > 0 {
			d.Signers = []string{signers[r2.IntN(len(signers))]}
		}
		for range r2.IntN(3) {
			if i > 0 {
				d.References = append(d.References, docs[r2.IntN(len(docs)-1)].ID)
			}
		}
	}
	return append(docs, handDocs...)
}

// holdsPhrase reports whether the subject or the body of d holds the
// terms of a phrase one after the other, as the tokenizer reads them.
func holdsPhrase(d Doc, phrase string) bool {
	var tok Tokenizer
	want := tok.Terms(phrase)
	for _, text := range []string{d.Subject, d.Body} {
		ts := tok.Terms(text)
		for i := 0; i+len(want) <= len(ts); i++ {
			if slices.Equal(ts[i:i+len(want)], want) {
				return true
			}
		}
	}
	return false
}

// memWriter collects written files in memory, safe for concurrent use.
type memWriter struct {
	mu    sync.Mutex
	files fstest.MapFS
}

func (m *memWriter) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = fstest.MapFS{}
	}
	if _, ok := m.files[name]; ok {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = &fstest.MapFile{Data: append([]byte(nil), data...)}
	return nil
}

// buildIndex builds the index of docs in memory.
func buildIndex(t testing.TB, docs []Doc, cfg Config) (fstest.MapFS, Stats) {
	t.Helper()
	b := NewBuilder(cfg)
	for _, d := range docs {
		b.Add(d)
	}
	var w memWriter
	stats, err := b.Write(context.Background(), &w)
	if err != nil {
		t.Fatal(err)
	}
	return w.files, stats
}

// writeDir writes files into a new temporary folder and returns it.
func writeDir(t testing.TB, files fstest.MapFS) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// docIDs returns the ids of a result's hits, the first 1,000 unless opt
// asks for a page of another size.
func docIDs(t testing.TB, s *Searcher, query string, opt SearchOptions) []string {
	t.Helper()
	if opt.PerPage == 0 {
		opt.PerPage = 1000
	}
	res, err := s.Search(query, opt)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}
