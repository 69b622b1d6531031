package search

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func openTest(t *testing.T, docs []Doc) *Searcher {
	t.Helper()
	files, _ := buildIndex(t, docs, Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSearch(t *testing.T) {
	s := openTest(t, testDocs(300))
	has := func(ids []string, id string) bool { return slices.Contains(ids, id) }
	tests := []struct {
		query       string
		want, avoid []string
	}{
		{"kosovo", []string{"07STATE126086", "08BELGRADE55"}, nil},
		{"kosovo's", []string{"07STATE126086", "08BELGRADE55"}, nil},
		{"KOSOVO,S independence", []string{"07STATE126086", "08BELGRADE55"}, nil},
		{`"kosovo's independence"`, []string{"07STATE126086"}, []string{"08BELGRADE55"}},
		{"U.S.", []string{"07STATE126086"}, nil},
		{"cafe sao paulo", []string{"06MADRID1"}, nil},
		{"CAFÉ", []string{"06MADRID1"}, nil},
		{`"nuclear weapons"`, nil, []string{"09PARIS77"}},
		{"nuclear weapons apart", []string{"09PARIS77"}, nil},
		{"undated", []string{"UNDATED1"}, nil},
		{"decl*", []string{"08BELGRADE55"}, nil},
		{"the of", nil, []string{"07STATE126086"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			ids := docIDs(t, s, tc.query, SearchOptions{})
			for _, id := range tc.want {
				if !has(ids, id) {
					t.Errorf("%s not found (%d hits)", id, len(ids))
				}
			}
			for _, id := range tc.avoid {
				if has(ids, id) {
					t.Errorf("%s found", id)
				}
			}
		})
	}
}

// TestFilters checks each filter against the documents' own fields.
func TestFilters(t *testing.T) {
	docs := testDocs(300)
	s := openTest(t, docs)
	byID := map[string]Doc{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	tests := []struct {
		query string
		keep  func(d Doc) bool
	}{
		{"tag:KV", func(d Doc) bool { return slices.Contains(d.Tags, "KV") }},
		{"tag:pgov", func(d Doc) bool { return slices.Contains(d.Tags, "PGOV") }},
		{`origin:"Embassy Madrid"`, func(d Doc) bool { return d.Origin == "Embassy Madrid" }},
		{"origin:madrid", func(d Doc) bool { return d.Origin == "Embassy Madrid" }},
		{"origin:embassy", func(d Doc) bool { return strings.HasPrefix(d.Origin, "Embassy") }},
		{"class:secret", func(d Doc) bool { return strings.HasPrefix(d.Classification, "SECRET") }},
		{`class:"SECRET//NOFORN"`, func(d Doc) bool { return d.Classification == "SECRET//NOFORN" }},
		{"class:noforn", func(d Doc) bool { return strings.HasSuffix(d.Classification, "NOFORN") }},
		{"year:2007", func(d Doc) bool { return d.Date.Year() == 2007 && !d.Date.IsZero() }},
		{"year:2005..2006", func(d Doc) bool { return !d.Date.IsZero() && d.Date.Year() >= 2005 && d.Date.Year() <= 2006 }},
		{"year:..2004", func(d Doc) bool { return !d.Date.IsZero() && d.Date.Year() <= 2004 }},
		{"date:2007-01-01..2007-06-30", func(d Doc) bool {
			return !d.Date.IsZero() && !d.Date.Before(time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC)) && d.Date.Before(time.Date(2007, 7, 1, 0, 0, 0, 0, time.UTC))
		}},
		{"date:2006-03", func(d Doc) bool { return d.Date.Year() == 2006 && d.Date.Month() == 3 }},
		{"date:..2004", func(d Doc) bool { return !d.Date.IsZero() && d.Date.Year() <= 2004 }},
		{"tag:KV class:secret year:2003..2008", func(d Doc) bool {
			return slices.Contains(d.Tags, "KV") && strings.HasPrefix(d.Classification, "SECRET") && d.Date.Year() >= 2003 && d.Date.Year() <= 2008
		}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			var want []string
			for _, d := range docs {
				if tc.keep(d) {
					want = append(want, d.ID)
				}
			}
			got := docIDs(t, s, tc.query, SearchOptions{Sort: "oldest"})
			slices.Sort(got)
			slices.Sort(want)
			if len(want) == 0 {
				t.Fatal("the test corpus has no such document")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %d %v\nwant %d %v", len(got), got, len(want), want)
			}
		})
	}
}

func TestSortByDate(t *testing.T) {
	s := openTest(t, testDocs(200))
	res, err := s.Search("tag:KV", SearchOptions{Sort: "date", PerPage: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1], res.Hits[i]
		if !b.Date.IsZero() && (a.Date.IsZero() || a.Date.Before(b.Date)) {
			t.Fatalf("hit %d (%s %s) before hit %d (%s %s): not newest first", i-1, a.ID, a.Date, i, b.ID, b.Date)
		}
	}
}

// TestRankingBM25 checks the numbers on a corpus small enough to work out
// by hand, and that the subject weighs more than the body.
func TestRankingBM25(t *testing.T) {
	date := time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC)
	docs := []Doc{
		{ID: "07A1", Date: date, Subject: "alpha", Body: "beta gamma"},
		{ID: "07A2", Date: date.Add(time.Hour), Subject: "beta", Body: "alpha alpha delta"},
		{ID: "07A3", Date: date.Add(2 * time.Hour), Subject: "gamma", Body: "delta"},
	}
	// avg subject length 1, avg body length 2; alpha: df 2 of 3.
	wantIDF := math.Log(1 + (3-2+0.5)/(2+0.5))
	if got := idf(3, 2); math.Abs(got-wantIDF) > 1e-12 {
		t.Fatalf("idf = %v, want %v", got, wantIDF)
	}
	// 07A1: subject tf 1, length 1: tf~ = 3*1/(1-0.5+0.5*1/1) = 3, saturation 3/4.2.
	w1 := termWeight(fieldCounts{subject: 1}, 1, 2, 1, 2)
	// 07A2: body tf 2, length 3: tf~ = 2/(0.25+0.75*3/2) = 1.4545...
	w2 := termWeight(fieldCounts{body: 2}, 1, 3, 1, 2)
	if math.Abs(w1-3) > 1e-12 || math.Abs(w2-2/1.375) > 1e-12 {
		t.Fatalf("weights %v %v", w1, w2)
	}
	l1, l2 := impactLevel(fieldCounts{subject: 1}, 1, 2, 1, 2), impactLevel(fieldCounts{body: 2}, 1, 3, 1, 2)
	if l1 != 5 || l2 != 4 { // 3/4.2 = 0.714 -> level 5; 1.4545/2.6545 = 0.548 -> level 4
		t.Fatalf("levels %d %d, want 5 4", l1, l2)
	}
	s := openTest(t, docs)
	res, err := s.Search("alpha", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].ID != "07A1" || res.Hits[1].ID != "07A2" {
		t.Fatalf("hits %+v", res.Hits)
	}
	for i, l := range []int{5, 4} {
		want := (k1 + 1) * wantIDF * (float64(l) + 0.5) / levels
		if math.Abs(res.Hits[i].Score-want) > 1e-12 {
			t.Errorf("%s: score %v, want %v", res.Hits[i].ID, res.Hits[i].Score, want)
		}
	}
	// A TAG weighs as much as a word of the subject.
	if termWeight(fieldCounts{tags: true}, 1, 2, 1, 2) != weightTags {
		t.Error("tag weight")
	}
}

// TestDeterministic: the same documents in another order, added from
// several goroutines, give the same files byte for byte.
func TestDeterministic(t *testing.T) {
	docs := testDocs(500)
	a, _ := buildIndex(t, docs, Config{})
	shuffled := slices.Clone(docs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, _ := buildIndex(t, shuffled, Config{Workers: 3})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, f := range a {
		g, ok := b[name]
		if !ok || !bytes.Equal(f.Data, g.Data) {
			t.Errorf("%s differs", name)
		}
	}
}

// TestShards checks that a query loads only what it needs, and the limits
// on folders.
func TestShards(t *testing.T) {
	files, stats := buildIndex(t, testDocs(3000), Config{})
	perDir := map[string]int{}
	for name := range files {
		perDir[path.Dir(name)]++
	}
	for dir, n := range perDir {
		if n > filesPerDir {
			t.Errorf("%s holds %d files", dir, n)
		}
	}
	if stats.Files != len(files) {
		t.Errorf("stats: %d files, wrote %d", stats.Files, len(files))
	}
	if stats.Kinds["postings"].Files < 2 || stats.Kinds["dict"].Files < 2 || stats.Kinds["docs"].Files < 100 {
		t.Fatalf("the corpus is too small to shard: %+v", stats.Kinds)
	}
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	count := func(keys []string, prefix string) int {
		n := 0
		for _, k := range keys {
			if strings.HasPrefix(k, prefix) {
				n++
			}
		}
		return n
	}
	res, err := s.Search("kosovo", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if count(res.Files, "t/") != 1 || count(res.Files, "p/") != 1 || count(res.Files, "q/") != 0 || count(res.Files, "f/") > maxFacetBlocks ||
		count(res.Files, "i/") != 0 {
		t.Errorf("a one-word query loaded %v", res.Files)
	}
	if n := count(res.Files, "d/"); n == 0 || n > len(res.Hits) {
		t.Errorf("%d hits from %d blocks", len(res.Hits), n)
	}
	res, err = s.Search(`"nuclear weapons"`, SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if count(res.Files, "q/") == 0 || count(res.Files, "q/") > 2 {
		t.Errorf("a phrase loaded %v", res.Files)
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
	}
	if res.Bytes >= total/2 {
		t.Errorf("a phrase loaded %d of the index's %d bytes", res.Bytes, total)
	}
}

func TestShardPath(t *testing.T) {
	for key, want := range map[string]string{
		"index": "search/index.js", "p/0": "search/p/0/0.js", "p/1023": "search/p/0/1023.js",
		"p/1024": "search/p/1/1024.js", "d/250000": "search/d/244/250000.js",
	} {
		if got := shardPath(key); got != want {
			t.Errorf("shardPath(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestIDKey(t *testing.T) {
	for in, want := range map[string]string{
		"07STATE126086": "STATE 126086", "07state00126086": "STATE 126086", "66PARIS0": "PARIS 0",
		"UNDATED1": "UNDATED1", "07 STATE 1": "07 STATE 1", "": "",
	} {
		if got := IDKey(in); got != want {
			t.Errorf("IDKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteStops(t *testing.T) {
	b := NewBuilder(Config{})
	for _, d := range testDocs(100) {
		b.Add(d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Write(ctx, &memWriter{}); err == nil {
		t.Error("Write with a cancelled context succeeded")
	}
	b = NewBuilder(Config{})
	b.Add(testDocs(0)[0])
	n := 0
	_, err := b.Write(context.Background(), WriterFunc(func(name string, data []byte) error {
		if n++; n == 3 {
			return errDiskFull
		}
		return nil
	}))
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Write error = %v", err)
	}
}

var errDiskFull = &diskFull{}

type diskFull struct{}

func (*diskFull) Error() string { return "disk full" }
