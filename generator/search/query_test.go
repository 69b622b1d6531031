package search

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// parseCases are queries and their parse, as Query.Canon writes it; with
// live, the parse while the reader types. TestParseQuery checks the Go
// parser, TestQueryParserAgreesWithClient the client's, on the same table.
var parseCases = []struct {
	q, want, live string // live "": as want
}{
	{q: `nuclear weapons`, want: `nuclear weapons`, live: `nuclear weapons*`},
	{q: `"nuclear weapons" program`, want: `program "nuclear weapons"`, live: `program* "nuclear weapons"`},
	{q: `"exports"`, want: `"exports"`},
	{q: `tag:PGOV origin:"Embassy Madrid" class:secret year:2006..2008`, want: `tag:PGOV origin:"Embassy Madrid" class:secret year:2006..2008`},
	{q: `the minister of`, want: `minister`, live: `minister of*`},
	{q: `U.S.-led 20,000 kosovo's`, want: `kosovo "us led" "20 000"`, live: `kosovo* "us led" "20 000"`},
	{q: `gov* "prime minister`, want: `gov* "prime minister" [quote]`},
	{q: `date:2007-01-01..2007-06-30 Year:2007 TAG:kv`, want: `date:2007-01-01..2007-06-30 year:2007 tag:kv`},
	{q: `unknown:field a:b`, want: `[!field] [!field]`},
	{q: `constructor tostring __proto__ hasownproperty`, want: `constructor tostring proto hasownproperty`, live: `constructor tostring proto hasownproperty*`},
	// OR joins the two sides; AND binds looser.
	{q: `nuclear OR uranium`, want: `(nuclear OR uranium)`, live: `(nuclear OR uranium*)`},
	{q: `iran nuclear OR uranium enrichment`, want: `iran enrichment (nuclear OR uranium)`, live: `iran enrichment* (nuclear OR uranium)`},
	{q: `a OR b OR "prime minister" OR tag:PGOV`, want: `("prime minister" OR tag:PGOV)`},
	{q: `iran OR iraq OR syria`, want: `(iran OR iraq OR syria)`, live: `(iran OR iraq OR syria*)`},
	{q: `iran or iraq`, want: `iran iraq`, live: `iran iraq*`},
	{q: `iran OR iran`, want: `iran`, live: `(iran OR iran*)`},
	{q: `OR iran`, want: `iran [or]`, live: `iran* [or]`},
	{q: `iran OR`, want: `iran [or]`},
	{q: `iran OR OR iraq`, want: `(iran OR iraq) [or]`, live: `(iran OR iraq*) [or]`},
	{q: `the OR iran`, want: `iran`, live: `iran*`},
	// Exclusions.
	{q: `nuclear -iran`, want: `nuclear -iran`},
	{q: `nuclear NOT iran`, want: `nuclear -iran`},
	{q: `nuclear -"prime minister" -tag:PGOV NOT origin:"Embassy Madrid"`, want: `nuclear -"prime minister" -tag:PGOV -origin:"Embassy Madrid"`},
	{q: `-iran`, want: `-iran [!onlynot]`},
	{q: `NOT iran NOT iraq`, want: `-iran -iraq [!onlynot]`},
	{q: `nuclear -nuclear`, want: `nuclear -nuclear [never]`},
	{q: `nuclear -`, want: `nuclear`},
	{q: `nuclear NOT`, want: `nuclear [not]`},
	{q: `nuclear -the`, want: `nuclear`},
	{q: `iran OR -iraq`, want: `(iran OR iraq) [!ornot]`},
	{q: `--iran x-ray`, want: `iran "x ray"`, live: `iran "x ray"`},
	{q: `nuclear -gov*`, want: `nuclear -gov*`},
	// Parentheses do not group.
	{q: `(iran OR iraq) nuclear`, want: `nuclear (iran OR iraq) [parens]`, live: `nuclear* (iran OR iraq) [parens]`},
	// Fields.
	{q: `to:"AMEMBASSY BOGOTA" from:secstate subject:nuclear signer:rice ref:06BOGOTA1234`, want: `to:"AMEMBASSY BOGOTA" from:secstate subject:nuclear signer:rice ref:06BOGOTA1234`},
	{q: `in:iran-nuclear IN:"x y" -in:z`, want: `in:iran-nuclear in:"x y" -in:z`},
	{q: `to:RUEHB* FROM:"SECSTATE WASHDC"`, want: `to:RUEHB* from:"SECSTATE WASHDC"`},
	{q: `date:2006-03..2006-06 date:2006-03-01..2006-03-15 date:..2005 date:2007..`, want: `date:2006-03..2006-06 date:2006-03-01..2006-03-15 date:..2005 date:2007..`},
	{q: `date:2006-13`, want: `date:2006-13 [!value]`},
	{q: `date:yesterday year:twenty`, want: `date:yesterday year:twenty [!value] [!value]`},
	{q: `year:..`, want: `year:.. [!value]`},
	{q: `tag: iran`, want: `iran`, live: `iran*`},
	{q: `tag:"unclosed`, want: `tag:"unclosed" [quote]`},
	{q: `note: 10:30 Re:x 1:2`, want: `note "10 30" "1 2" [!field]`},
	{q: `http://example.org/x?y`, want: `[!field]`},
	{q: `<img src=x onerror=alert(1)>`, want: `img 1 "src x" "onerror alert" [parens]`},
	{q: ``, want: ``},
	{q: `"`, want: `[quote]`},
	{q: `"" -""`, want: ``},
}

func TestParseQuery(t *testing.T) {
	for _, tc := range parseCases {
		if got := parseQuery(tc.q, false).Canon(); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.q, got, tc.want)
		}
		live := tc.live
		if live == "" {
			live = tc.want
		}
		if got := parseQuery(tc.q, true).Canon(); got != live {
			t.Errorf("%q live: %s, want %s", tc.q, got, live)
		}
	}
}

// ids returns the ids of a query's documents, in document order.
func queryIDs(t *testing.T, s *Searcher, q string) []string {
	t.Helper()
	r, err := s.Search(q, SearchOptions{Sort: "oldest", PerPage: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

// TestQueryLogic checks OR, exclusions and the fielded filters against
// the documents themselves.
func TestQueryLogic(t *testing.T) {
	docs := testDocs(400)
	files, _ := buildIndex(t, docs, Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	set := func(q string) map[string]bool {
		m := map[string]bool{}
		for _, id := range queryIDs(t, s, q) {
			m[id] = true
		}
		return m
	}
	a, b := set("nuclear"), set("serbia")
	if len(a) == 0 || len(b) == 0 {
		t.Fatal("the test words should match")
	}
	or, not := set("nuclear OR serbia"), set("nuclear -serbia")
	for id := range a {
		if !or[id] || not[id] == b[id] {
			t.Errorf("%s: in nuclear; OR %v, -serbia %v, serbia %v", id, or[id], not[id], b[id])
		}
	}
	for id := range b {
		if !or[id] {
			t.Errorf("%s: serbia but not in nuclear OR serbia", id)
		}
	}
	if len(or) != len(setUnion(a, b)) {
		t.Errorf("nuclear OR serbia: %d, want %d", len(or), len(setUnion(a, b)))
	}
	if n := len(set("nuclear NOT serbia")); n != len(not) {
		t.Errorf("NOT: %d, -: %d", n, len(not))
	}
	if n := len(set("-serbia")); n != 0 {
		t.Errorf("-serbia alone: %d hits, want none (a notice)", n)
	}

	words := func(s string) []string { var tok Tokenizer; return tok.Terms(s) }
	hasWord := func(names []string, w string) bool {
		for _, n := range names {
			if slices.Contains(words(n), w) {
				return true
			}
		}
		return false
	}
	hasPrefix := func(names []string, p string) bool {
		for _, n := range names {
			for _, x := range words(n) {
				if strings.HasPrefix(x, p) {
					return true
				}
			}
		}
		return false
	}
	named := func(names []string, full string) bool {
		for _, n := range names {
			if FacetKey(n) == FacetKey(full) {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		q    string
		want func(d Doc) bool
	}{
		{"to:bogota", func(d Doc) bool { return hasWord(d.To, "bogota") }},
		{`to:"AMEMBASSY BOGOTA"`, func(d Doc) bool { return named(d.To, "AMEMBASSY BOGOTA") }},
		{`to:"AMEMBASSY THE HAGUE"`, func(d Doc) bool { return named(d.To, "amembassy the hague") }}, {"to:the", func(d Doc) bool { return hasWord(d.To, "the") }},
		{"to:ruehb*", func(d Doc) bool { return hasPrefix(d.To, "ruehb") }},
		{"from:secstate", func(d Doc) bool { return hasWord([]string{d.From}, "secstate") }},
		{`from:"AMEMBASSY MADRID"`, func(d Doc) bool { return named([]string{d.From}, "AMEMBASSY MADRID") }},
		{"signer:rice", func(d Doc) bool { return hasWord(d.Signers, "rice") }},
		{"signer:o'neill", func(d Doc) bool { return hasWord(d.Signers, "oneill") }},
		{"subject:nuclear", func(d Doc) bool { return slices.Contains(words(d.Subject), "nuclear") }},
		{"subject:nuc*", func(d Doc) bool { return hasPrefix([]string{d.Subject}, "nuc") }},
		{"ref:" + docs[3].ID, func(d Doc) bool { return slices.Contains(d.References, docs[3].ID) }},
		{"date:2006-03..2006-06", func(d Doc) bool {
			return !d.Date.Before(time.Date(2006, 3, 1, 0, 0, 0, 0, time.UTC)) && d.Date.Before(time.Date(2006, 7, 1, 0, 0, 0, 0, time.UTC))
		}},
		{"date:2006-03-01..2006-03-15", func(d Doc) bool {
			return !d.Date.Before(time.Date(2006, 3, 1, 0, 0, 0, 0, time.UTC)) && d.Date.Before(time.Date(2006, 3, 16, 0, 0, 0, 0, time.UTC))
		}},
	} {
		got := set(tc.q)
		n := 0
		for _, d := range docs {
			if tc.want(d) {
				n++
				if !got[d.ID] {
					t.Errorf("%s: %s missing", tc.q, d.ID)
				}
			}
		}
		if n == 0 || n != len(got) {
			t.Errorf("%s: %d hits, want %d", tc.q, len(got), n)
		}
	}
}

func setUnion(a, b map[string]bool) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// agreeWithClient runs queries through the Go Searcher and the client in
// Node on one index and fails on any difference of documents.
func agreeWithClient(t *testing.T, files fstest.MapFS, queries []string) {
	t.Helper()
	dir := writeDir(t, files)
	s, err := Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	var reqs []map[string]string
	for _, q := range queries {
		reqs = append(reqs, map[string]string{"q": q})
	}
	var out struct{ Results []struct{ Docs []int } }
	node(t, coreScript(), map[string]any{"index": dir, "queries": reqs, "noFacets": true}, &out)
	bad, nonEmpty := 0, 0
	defer func() {
		if len(queries) >= 100 && nonEmpty < len(queries)/4 {
			t.Errorf("only %d of %d queries found anything: the test says little", nonEmpty, len(queries))
		}
		t.Logf("%d queries, %d found documents", len(queries), nonEmpty)
	}()
	for i, q := range queries {
		set, err := (&queryRun{s: s}).evaluate(ParseQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		got := out.Results[i].Docs
		if len(set.docs) == 0 && len(got) == 0 {
			continue
		}
		nonEmpty++
		if !slices.Equal(set.docs, got) {
			if bad++; bad <= 10 {
				t.Errorf("%q: Go %d %v, client %d %v", q, len(set.docs), head(set.docs), len(got), head(got))
			}
		}
	}
}

// TestStems checks word forms: a word finds the other forms of its
// stem, a quoted word only itself, and the client agrees.
func TestStems(t *testing.T) {
	texts := []string{
		"oil exports rose", "the ministry exported grain", "exporting arms", "an export licence",
		"the election was close", "elections are due", "electoral fraudulence", "the exporter", "nothing of that", "fraud and more fraud",
	}
	var docs []Doc
	for i, text := range texts {
		docs = append(docs, Doc{ID: fmt.Sprintf("07TEST%d", i+1), Date: time.Date(2007, 1, i+1, 0, 0, 0, 0, time.UTC), Body: text})
	}
	docs[1].Collections = []string{"grain-trade", "exports"}
	docs[3].Collections = []string{"exports"}
	files, _ := buildIndex(t, docs, Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ q, want string }{
		{"export", "07TEST1 07TEST2 07TEST3 07TEST4 07TEST8"},
		{"exports", "07TEST1 07TEST2 07TEST3 07TEST4 07TEST8"},
		{`"exports"`, "07TEST1"},
		{`"oil exports"`, "07TEST1"},
		{"elections", "07TEST5 07TEST6"},
		{"election -elections", ""},
		{`election -"elections"`, "07TEST5"},
		{`"exporter"`, "07TEST8"},
		{"electoral", "07TEST7"}, // Porter2: electoral is a stem of its own
		{"exp*", "07TEST1 07TEST2 07TEST3 07TEST4 07TEST8"},
		{"exporti", "07TEST3"},        // not a word of the index, but exporting starts with it
		{"fraud", "07TEST7 07TEST10"}, // fraudulent starts with it (its stem, fraudul, differs)
		{`"fraud"`, "07TEST10"},
		{"elec", "07TEST5 07TEST6 07TEST7"}, // elec starts election, elections, electoral
		{"in:exports", "07TEST2 07TEST4"},
		{"in:grain-trade OR in:nothing", "07TEST2"},
		{"export -in:exports", "07TEST1 07TEST3 07TEST8"},
	} {
		if got := strings.Join(queryIDs(t, s, tc.q), " "); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.q, got, tc.want)
		}
	}
	agreeWithClient(t, files, []string{"export", "exports", `"exports"`, "elections", "election -elections", `election -"elections"`, "exports OR electoral", "in:exports", "in:grain-trade OR in:nothing", "export -in:exports", "fraud", "exporti", "elec", `"fraud"`})
}
