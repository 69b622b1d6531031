package search

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// edgeDocs are dated at the edges of the years a site may hold (1 to
// 9999), around 1900 (day 0 of version 2 of the index) and on leap days,
// and two outside the range, which are indexed as undated.
func edgeDocs() (in, out []Doc) {
	dates := []time.Time{
		time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), // 0001-01-01T00:00:00Z itself is the zero time: undated
		time.Date(1, 12, 31, 12, 0, 0, 0, time.UTC),
		time.Date(50, 6, 15, 0, 0, 0, 0, time.UTC), // JavaScript's Date.UTC reads year 50 as 1950
		time.Date(99, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1860, 2, 29, 8, 0, 0, 0, time.UTC),
		time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1899, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("+14", 14*3600)), // 1899-12-31T10:00Z
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC),
		time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	for i, d := range dates {
		in = append(in, Doc{ID: "EDGE" + strconv.Itoa(i), Date: d, Subject: "edge " + d.UTC().Format(time.RFC3339),
			Origin: "Embassy Paris", Body: "An edge of the calendar."})
	}
	for i, d := range []time.Time{
		time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		out = append(out, Doc{ID: "OUT" + strconv.Itoa(i), Date: d, Subject: "out of range", Body: "An edge of the calendar."})
	}
	return in, out
}

func dayOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Every date from year 1 to 9999 is indexed (the index of version 2
// panicked on a date before 1900), shown on its day, and found by the
// year and date filters, in Go and in the client; dates outside are
// undated.
func TestDatesAtTheEdges(t *testing.T) {
	in, out := edgeDocs()
	files, _ := buildIndex(t, append(slices.Clone(in), out...), Config{})
	s, err := Open(files)
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	want := map[string][]string{}
	for _, d := range in {
		u := d.Date.UTC()
		for _, q := range []string{"date:" + u.Format("2006-01-02"), "date:" + u.Format("2006-01"), "year:" + strconv.Itoa(u.Year())} {
			if _, ok := want[q]; !ok {
				queries = append(queries, q)
			}
			want[q] = append(want[q], d.ID)
		}
	}
	queries = append(queries, "date:0001..1899", "date:1900..", "year:..1899", "calendar")
	for _, d := range in {
		switch y := d.Date.UTC().Year(); {
		case y <= 1899:
			want["date:0001..1899"] = append(want["date:0001..1899"], d.ID)
			want["year:..1899"] = append(want["year:..1899"], d.ID)
		default:
			want["date:1900.."] = append(want["date:1900.."], d.ID)
		}
	}
	for _, d := range append(slices.Clone(in), out...) {
		want["calendar"] = append(want["calendar"], d.ID)
	}

	res, err := s.Search("calendar", SearchOptions{Sort: "oldest", PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	date := map[string]time.Time{}
	for _, h := range res.Hits {
		date[h.ID] = h.Date
	}
	for _, d := range in {
		if got := date[d.ID]; !got.Equal(dayOf(d.Date)) {
			t.Errorf("%s dated %s: hit dated %s", d.ID, d.Date.UTC(), got)
		}
	}
	for _, d := range out {
		if got, ok := date[d.ID]; !ok || !got.IsZero() {
			t.Errorf("%s dated %s (outside years 1 to 9999): hit dated %s, want undated", d.ID, d.Date, got)
		}
	}
	for _, q := range queries {
		got := docIDs(t, s, q, SearchOptions{Sort: "oldest"})
		slices.Sort(got)
		w := slices.Sorted(slices.Values(want[q]))
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s: got %v, want %v", q, got, w)
		}
	}
	var years []string
	for _, y := range res.Facets.Year {
		years = append(years, y.Name)
	}
	if w := []string{"9999", "2007", "2000", "1900", "1899", "1860", "99", "50", "1", "undated"}; !reflect.DeepEqual(years, w) {
		t.Errorf("year facet %v, want %v", years, w)
	}

	// The client reads the same days and finds the same documents.
	dir := writeDir(t, files)
	var reqs []map[string]string
	for _, q := range queries {
		reqs = append(reqs, map[string]string{"q": q})
	}
	var docs []int
	for _, h := range res.Hits {
		docs = append(docs, h.Doc)
	}
	var client struct {
		Results []struct{ Docs []int }
		Hits    []struct{ ID, Date string }
	}
	node(t, coreScript(), map[string]any{"index": dir, "queries": reqs, "hits": docs}, &client)
	for i, q := range queries {
		got, err := (&queryRun{s: s}).evaluate(ParseQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.docs, client.Results[i].Docs) && len(got.docs)+len(client.Results[i].Docs) > 0 {
			t.Errorf("%s: Go %v, client %v", q, got.docs, client.Results[i].Docs)
		}
	}
	day := map[string]string{}
	for _, d := range in {
		day[d.ID] = d.Date.UTC().Format("2006-01-02")
	}
	for i, h := range client.Hits {
		want := day[h.ID]
		if h.ID != res.Hits[i].ID || h.Date != want {
			t.Errorf("client hit %d: %s %q, want %s %q", docs[i], h.ID, h.Date, res.Hits[i].ID, want)
		}
	}
}
