package search

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

// The client must read the index as the Go code writes it and tokenize as
// the Go tokenizer does. These tests run its core (templates/search-core.js:
// tokenizer, queries, index, ranking, highlighting) in Node, without a
// browser, through what it defines; the search page's script (search.js)
// runs in the browser tests.

// The client's scripts, in templates/.
const (
	coreJS = "search-core.js"
	pageJS = "search.js"
)

// templateFile returns the path of a file of templates/.
func templateFile(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "templates", name)
}

// coreScript returns the path of the client's core.
func coreScript() string { return templateFile(coreJS) }

// node runs the harness with req and decodes its answer into out. It skips
// when node is absent, but fails under CI=true.
func node(t testing.TB, script string, req map[string]any, out any) {
	t.Helper()
	bin, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is not installed; CI must have it")
		}
		t.Skip("node is not installed: skipping the client tests")
	}
	req["script"] = script
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, filepath.Join("testdata", "harness.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		t.Fatalf("node's answer: %v\n%s", err, stdout.String())
	}
}

// minified writes a script of templates/ as the site's build publishes it,
// minified, and returns its path.
func minified(t testing.TB, name string) string {
	t.Helper()
	src, err := os.ReadFile(templateFile(name))
	if err != nil {
		t.Fatal(err)
	}
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	out, err := m.Bytes("application/javascript", src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// agreementInputs are the texts both tokenizers get: the table's, and
// stranger ones.
func agreementInputs() []string {
	in := []string{}
	for _, tc := range tokenCases {
		in = append(in, tc.in)
	}
	in = append(in,
		"ǅemal Ǆ ǆ ﬁnance ½ ² ٣ ३ 𝐀𝐁 𐐀𐐨",
		"Straße STRASSE ẞ ß ΣΑΣ ς",
		"l'État c’est moi; ‘quoted’ `tick` ´acute",
		"A.B.C.D. a.b. A.B.c Ab.C. U.S.S.R. I.E., e.g.,",
		"X,S Y,S, Z,SS ,S ,s A,S1 É,S Ä,S",
		"tab\there\nnew line\u2028sep\u00a0nbsp",
		"\u0130stanbul \u0049\u0307 \u1E9E",
		"Ελληνικά Ἀθῆναι ὀδυσσεύς",
		"日本語のテキスト 中文",
		"עברית ערבية العربية",
		"\ufeffBOM and \u200bzero width",
		"07STATE126086 07 STATE 126086 STATE 00126086",
		strings.Repeat("é", 80),
		"ÅNGSTRÖM Å Ω K",
		"ﬀ ﬃ Ⅻ ⅻ ①",
	)
	return in
}

func TestTokenizerAgreesWithClient(t *testing.T) {
	inputs := agreementInputs()
	for _, script := range []struct{ name, path string }{{"source", coreScript()}, {"minified", minified(t, coreJS)}} {
		t.Run(script.name, func(t *testing.T) {
			var out struct {
				Tokens    [][][]any `json:"tokens"`
				FacetKeys []string  `json:"facetKeys"`
				IDKeys    []string  `json:"idKeys"`
				FNV       []uint32  `json:"fnv"`
			}
			node(t, script.path, map[string]any{"tokens": inputs}, &out)
			var tok Tokenizer
			for i, in := range inputs {
				var want [][]any
				tok.Tokens(in, func(term []byte, pos int) { want = append(want, []any{string(term), float64(pos)}) })
				var got [][]any
				for _, tt := range out.Tokens[i] {
					got = append(got, tt[:2])
					// The client's spans must cover the term's own text.
					start, end := int(tt[2].(float64)), int(tt[3].(float64))
					u := utf16Units(in)
					if start < 0 || end > len(u) || start >= end {
						t.Errorf("%q: bad span %d..%d", in, start, end)
					}
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("tokens(%q):\nclient %v\nGo     %v", in, got, want)
				}
				if fk := FacetKey(in); out.FacetKeys[i] != fk {
					t.Errorf("facetKey(%q): client %q, Go %q", in, out.FacetKeys[i], fk)
				}
				if k := IDKey(in); out.IDKeys[i] != k && isASCII(in) {
					// Upper-casing and trimming differ beyond ASCII, which no id holds.
					t.Errorf("idKey(%q): client %q, Go %q", in, out.IDKeys[i], k)
				}
				if h := idShard(in, 1<<31); uint32(h) != out.FNV[i]%(1<<31) {
					t.Errorf("fnv1a(%q): client %d, Go %d", in, out.FNV[i], h)
				}
			}
		})
	}
}

func utf16Units(s string) []uint16 {
	var u []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			u = append(u, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			u = append(u, uint16(r))
		}
	}
	return u
}

func TestQueryParserAgreesWithClient(t *testing.T) {
	var queries []string
	for _, tc := range parseCases {
		queries = append(queries, tc.q)
	}
	queries = append(queries, agreementInputs()...)
	stop := map[string]bool{}
	for _, w := range stopList {
		stop[w] = true
	}
	var out struct {
		Canon []string `json:"canon"`
		Live  []string `json:"live"`
	}
	node(t, coreScript(), map[string]any{"parse": queries, "stop": stop}, &out)
	for i, q := range queries {
		if got, want := out.Canon[i], parseQuery(q, false).Canon(); got != want {
			t.Errorf("%q: client %s, Go %s", q, got, want)
		}
		if got, want := out.Live[i], parseQuery(q, true).Canon(); got != want {
			t.Errorf("%q live: client %s, Go %s", q, got, want)
		}
	}
}

// TestClientReadsIndex runs the same queries through the Go Searcher and
// the client's code, on one index: same documents, same scores.
func TestClientReadsIndex(t *testing.T) {
	// Small facet blocks, so that facets of large results are sampled.
	docs := testDocs(400)
	files, _ := buildIndex(t, docs, Config{facetBlock: 16})
	ref := ""
	for _, d := range docs {
		if len(d.References) > 0 {
			ref = d.References[0]
			break
		}
	}
	dir := writeDir(t, files)
	s, err := Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{
		"nuclear", "nuclear weapons", `"nuclear weapons"`, "kosovo", "kosovo's", "KOSOVO,S independence",
		"gov*", "tag:PGOV", "tag:kv serbia", `origin:"Embassy Madrid"`, "origin:madrid", "class:secret", `class:"SECRET"`,
		"class:noforn", "year:2007", "year:2005..2006 election", "us", `"prime minister" fraud`, "cafe",
		"zzznotaword", "the", "img onerror", "year:2005 tag:kv", "date:2007-01-01..2007-06-30 nuclear", "date:2006-03", "date:..2004",
		"nuclear OR serbia", "nuclear -serbia", "nuclear NOT tag:kv", `nuclear -"prime minister"`, "tag:kv OR tag:pgov -nuclear",
		`"prime minister" OR gov* -year:2007`, "-nuclear", "nuclear -nuclear", "date:2006-03..2006-06", "date:2006-03-01..2006-03-15",
		`to:"AMEMBASSY BOGOTA"`, "to:bogota", "to:RUEHB*", "to:ruehbo -from:secstate", `from:"SECSTATE WASHDC" nuclear`, "from:sec*",
		"to:the", `to:"the hague"`, `to:"AMEMBASSY THE*"`, "subject:nuclear", "subject:nucl* OR signer:rice", "signer:o'neill",
		`signer:"<b>ESC</b>"`, "signer:b", "ref:" + ref, "ref:" + ref + " OR ref:" + docs[9].ID,
		"unknown:field nuclear",
	}
	var reqs []map[string]string
	for _, q := range queries {
		reqs = append(reqs, map[string]string{"q": q})
	}
	var out struct {
		Results []struct {
			Docs              []int
			Scores            []float64
			Facets, FacetsAll struct {
				Exact                    bool
				Sampled                  int
				Year, Tag, Origin, Class []FacetCount
			}
		}
	}
	node(t, coreScript(), map[string]any{"index": dir, "queries": reqs}, &out)
	exact, sampled := false, false
	for _, r := range out.Results {
		if len(r.Docs) > 0 {
			exact, sampled = exact || r.Facets.Exact, sampled || !r.Facets.Exact
		}
	}
	if !exact || !sampled {
		t.Errorf("the queries should count facets both exactly and from samples (exact %v, sampled %v)", exact, sampled)
	}
	for i, q := range queries {
		t.Run(q, func(t *testing.T) {
			qr := &queryRun{s: s}
			set, err := qr.evaluate(ParseQuery(q))
			if err != nil {
				t.Fatal(err)
			}
			got := out.Results[i]
			if len(set.docs) == 0 && len(got.Docs) == 0 {
				return
			}
			if !reflect.DeepEqual(set.docs, got.Docs) {
				t.Fatalf("documents: Go %d %v, client %d %v", len(set.docs), head(set.docs), len(got.Docs), head(got.Docs))
			}
			for j := range set.scores {
				if math.Abs(set.scores[j]-got.Scores[j]) > 1e-9 {
					t.Fatalf("doc %d: score Go %v, client %v", set.docs[j], set.scores[j], got.Scores[j])
				}
			}
			for _, all := range []bool{false, true} {
				f, err := qr.facets(set.docs, all)
				if err != nil {
					t.Fatal(err)
				}
				cf := got.Facets
				if all {
					cf = got.FacetsAll
					if !f.Exact || f.Sampled != len(set.docs) {
						t.Errorf("all facets: exact %v, %d of %d counted", f.Exact, f.Sampled, len(set.docs))
					}
				}
				if f.Exact != cf.Exact || f.Sampled != cf.Sampled || !reflect.DeepEqual(f.Year, cf.Year) ||
					!reflect.DeepEqual(f.Tag, cf.Tag) || !reflect.DeepEqual(f.Origin, cf.Origin) || !reflect.DeepEqual(f.Class, cf.Class) {
					t.Errorf("facets (all %v):\nGo     %+v\nclient %+v", all, f, cf)
				}
			}
		})
	}
}

func head(s []int) []int {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestClientOrder checks the client's top-k selection against a full sort.
func TestClientOrder(t *testing.T) {
	cases := [][]any{{10, 5, ""}, {5000, 20, ""}, {5000, 60, ""}, {20000, 400, ""}, {3000, 20, "date"}, {3000, 20, "oldest"}, {100, 200, ""}, {50000, 1, ""}}
	var out struct{ Order []bool }
	node(t, coreScript(), map[string]any{"order": cases}, &out)
	for i, ok := range out.Order {
		if !ok {
			t.Errorf("order(n=%v, k=%v, sort=%q) differs from a full sort", cases[i][0], cases[i][1], cases[i][2])
		}
	}
}

// TestClientSnippets checks the snippets the page cuts from a cable's
// text, what it marks in them, and its check of phrases.
func TestClientSnippets(t *testing.T) {
	long := strings.Repeat("The delegation met the minister and spoke of trade. ", 12)
	cases := []struct {
		q, text string
		snippet string // "" for none
		marks   []string
		holds   bool
		pattern string // what the cable's page marks in text, as a regexp
	}{
		{"zeppelin", "A short text with no such word.", "", nil, true, ""},
		{"zeppelin", "The zeppelin came.", "The zeppelin came.", []string{"zeppelin"}, true, "zeppelin"},
		// Far into the text: "…" before, the sentence whole, filled
		// backwards to about 260 characters at the end of the text.
		{"zeppelin", long + "Then a zeppelin flew over Izmir.", "", []string{"zeppelin"}, true, "zeppelin"},
		// In the middle: starts at its sentence, cut after.
		{"zeppelin", long + "Then a zeppelin flew over Izmir. " + long, "", []string{"zeppelin"}, true, "zeppelin"},
		// The passage with the most distinct words wins over the first.
		{"oil pipeline", "Oil first. " + long + "The oil pipeline was closed.", "", []string{"oil", "pipeline"}, true, `\boil\b|\bpipeline\b`},
		// A phrase is marked whole, and only where its words follow each
		// other; its words alone are not marked.
		{`"nuclear weapons"`, "Weapons, then nuclear. The nuclear weapons program.", "Weapons, then nuclear. The nuclear weapons program.",
			[]string{"nuclear weapons"}, true, "nuclear weapons"},
		{`"nuclear weapons"`, "Weapons, then nuclear power.", "", nil, false, ""},
		// The tokenizer's rules hold: KOSOVO,S is kosovo, U.S. is us.
		{`"kosovo independence"`, "KOSOVO,S INDEPENDENCE IS NEAR", "KOSOVO,S INDEPENDENCE IS NEAR", []string{"KOSOVO,S INDEPENDENCE"}, true, "KOSOVO,S INDEPENDENCE"},
		{`"the u.s. position"`, "We said: the U.S. position is clear.", "We said: the U.S. position is clear.", []string{"the U.S. position"}, true, `the U\.S\. position`},
		// Words that name members of every JavaScript object are words.
		{"constructor", "A constructor builds.", "A constructor builds.", []string{"constructor"}, true, "constructor"},
		{"zeppelin", "The constructor of the zeppelin.", "The constructor of the zeppelin.", []string{"zeppelin"}, true, "zeppelin"},
		// Prefixes and hostile text: text, never markup.
		{"gov*", "<b>Government</b> of <img src=x>", "<b>Government</b> of <img src=x>", []string{"Government"}, true, "Government"},
	}
	var reqs []map[string]string
	for _, c := range cases {
		reqs = append(reqs, map[string]string{"q": c.q, "text": c.text})
	}
	stop := map[string]bool{}
	for _, w := range stopList {
		stop[w] = true
	}
	var out struct {
		Snippets []struct {
			Snippet   string
			Marks     []string
			Holds     bool
			Highlight string
			SameQuery bool
			PageMarks []string
			PageFirst int
		}
	}
	node(t, coreScript(), map[string]any{"snippets": reqs, "stop": stop}, &out)
	for i, c := range cases {
		got := out.Snippets[i]
		if c.snippet != "" && got.Snippet != c.snippet {
			t.Errorf("%q in %.40q…: snippet %q, want %q", c.q, c.text, got.Snippet, c.snippet)
		}
		if len(got.Marks) == 0 && len(c.marks) == 0 {
			got.Marks = nil
		}
		if !reflect.DeepEqual(got.Marks, c.marks) || got.Holds != c.holds {
			t.Errorf("%q in %.40q…: marks %q, holds %v; want %q, %v", c.q, c.text, got.Marks, got.Holds, c.marks, c.holds)
		}
		// The link to the hit carries the query's words and phrases to
		// the cable's page, which marks them all and scrolls to the first
		// mark of the snippet's passage.
		if !got.SameQuery {
			t.Errorf("%q: the link carries %q, which reads as another query", c.q, got.Highlight)
		}
		core := strings.TrimSuffix(strings.TrimPrefix(got.Snippet, "… "), " …")
		if at := strings.Index(c.text, core); len(c.marks) > 0 {
			want := regexp.MustCompile(`(?i)`+c.pattern).FindAllString(c.text, -1)
			if !reflect.DeepEqual(got.PageMarks, want) {
				t.Errorf("%q in %.40q…: the page marks %q, want %q", c.q, c.text, got.PageMarks, want)
			}
			if first := regexp.MustCompile(`(?i)` + c.pattern).FindStringIndex(c.text[max(at, 0):]); at < 0 || first == nil || got.PageFirst != at+first[0] {
				t.Errorf("%q in %.40q…: the page scrolls to offset %d, want the first mark in the snippet %q", c.q, c.text, got.PageFirst, got.Snippet)
			}
		} else if len(got.PageMarks) > 0 || got.PageFirst != -1 {
			t.Errorf("%q in %.40q…: the page marks %q (first at %d), want none", c.q, c.text, got.PageMarks, got.PageFirst)
		}
		if c.snippet == "" && len(c.marks) > 0 {
			// A passage cut from a long text.
			if n := len([]rune(got.Snippet)); n < 200 || n > 300 || !strings.HasPrefix(got.Snippet, "… ") {
				t.Errorf("%q: snippet of %d characters %q", c.q, n, got.Snippet)
			}
			if strings.Contains(c.text, "Izmir. The") && (!strings.HasPrefix(got.Snippet, "… Then a zeppelin") || !strings.HasSuffix(got.Snippet, " …")) {
				t.Errorf("%q: snippet %q: want it to start at the sentence, and to be cut after", c.q, got.Snippet)
			}
			if strings.HasSuffix(c.text, "Izmir.") && !strings.HasSuffix(got.Snippet, "over Izmir.") {
				t.Errorf("%q: snippet %q: want the text's end", c.q, got.Snippet)
			}
		}
	}
}
