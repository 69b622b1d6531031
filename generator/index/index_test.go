package index

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"
)

// testScans returns the scans of n cables in file order: dated over a
// few years (every seventh undated), with origins, classifications and
// TAGS from short lists, each citing a few earlier ones.
func testScans(n int) ([]string, []Scan) {
	origins := []string{"Embassy Paris", "Embassy Belgrade", "Secretary of State", "Consulate Lagos"}
	tags := []string{"PGOV", "PREL", "KV", "SR", "ECON", "MARR"}
	var files []string
	var scans []Scan
	for i := range n {
		s := Scan{
			ID:      fmt.Sprintf("07TEST%03d", i),
			Subject: fmt.Sprintf("SUBJECT %d", i),
			IDLine:  3,
			Origin:  origins[i%len(origins)],
			Class:   []string{"SECRET", "CONFIDENTIAL"}[i%2],
			Tags:    []string{tags[i%len(tags)], tags[(i*5+1)%len(tags)]},
		}
		if i%7 != 3 {
			s.Date = time.Date(2005+i%4, time.Month(1+i*5%12), 1+i%27, 10, 0, 0, 0, time.UTC)
		}
		for _, back := range []int{1, 5, 11} {
			if i >= back {
				s.Refs = append(s.Refs, fmt.Sprintf("07TEST%03d", i-back))
			}
		}
		files = append(files, fmt.Sprintf("cables/x/%03d.md", i))
		scans = append(scans, s)
	}
	return files, scans
}

// shape is what the pages see of an index, by names rather than by
// numbers: the numbers of terms may differ between two indexes of one
// collection made in different ways.
func shape(idx *Index) map[string]any {
	ids := func(list []int32) []string {
		out := make([]string, len(list))
		for i, ei := range list {
			out[i] = idx.Entries[ei].ID
		}
		return out
	}
	out := map[string]any{"order": ids(idx.Order), "undated": ids(idx.Undated), "counts": idx.Counts}
	for _, ml := range idx.Months {
		out["month "+ml.Month.String()] = ids(ml.Cables)
	}
	for ei := range idx.Entries {
		e := &idx.Entries[ei]
		var terms []string
		for _, t := range idx.Taxonomies() {
			for _, ti := range TermsOf(t.Kind, e) {
				terms = append(terms, t.Kind+":"+t.Terms[ti].Name)
			}
		}
		out["cable "+e.ID] = fmt.Sprint(e.Subject, e.File, e.Date, terms, e.Rank, e.OriginPos, ids(idx.Citing(int32(ei))))
	}
	for _, t := range idx.Taxonomies() {
		var sorted []string
		for _, ti := range t.Sorted {
			tm := t.Terms[ti]
			sorted = append(sorted, tm.Name)
			out[t.Kind+" "+tm.Name] = fmt.Sprint(tm.Slug, tm.Dir, tm.Meaning, ids(tm.Cables))
		}
		out[t.Kind] = sorted
	}
	return out
}

var testOptions = Options{Name: func(f string) string { return f }, Meaning: func(code string) string { return "the meaning of " + code }}

// Patch gives the index Build gives for the same scans: one derivation,
// two ways.
func TestPatchAsBuild(t *testing.T) {
	files, scans := testScans(120)
	idx0, problems := Build(files, slices.Clone(scans), testOptions)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	for _, tc := range []struct {
		name string
		edit func(s *Scan)
	}{
		{"later", func(s *Scan) { s.Date = s.Date.AddDate(1, 2, 3) }},
		{"earlier", func(s *Scan) { s.Date = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"undated", func(s *Scan) { s.Date = time.Time{} }},
		{"subject", func(s *Scan) { s.Subject = "ANOTHER" }},
		{"tags", func(s *Scan) { s.Tags = []string{"KV", "KV", "SR"} }},
		{"origin", func(s *Scan) { s.Origin = "Embassy Belgrade" }},
		{"no origin", func(s *Scan) { s.Origin, s.Class = "", "" }},
		{"refs", func(s *Scan) { s.Refs = []string{"07TEST000", "07TEST119", s.ID, "NOTHERE"} }},
	} {
		for _, j := range []int{0, 3, 60, 119} {
			next := slices.Clone(scans)
			old := next[j]
			tc.edit(&next[j])
			want, _ := Build(files, slices.Clone(next), testOptions)
			got := Patch(idx0, []Edit{{Entry: idx0.ByID[old.ID], Old: &old, New: &next[j]}})
			if got == nil {
				t.Errorf("%s of cable %d: no patch", tc.name, j)
				continue
			}
			if g, w := shape(got), shape(want); !reflect.DeepEqual(g, w) {
				for k := range w {
					if !reflect.DeepEqual(g[k], w[k]) {
						t.Errorf("%s of cable %d: %s is %v, want %v", tc.name, j, k, g[k], w[k])
					}
				}
			}
		}
	}
	if !reflect.DeepEqual(shape(idx0), shape(func() *Index { i, _ := Build(files, slices.Clone(scans), testOptions); return i }())) {
		t.Error("Patch changed the index it patched")
	}
}

// A change that adds a term, or takes a term's last cable, is beyond a
// patch: slugs may change.
func TestPatchDeclines(t *testing.T) {
	files, scans := testScans(30)
	idx0, _ := Build(files, slices.Clone(scans), testOptions)
	for name, edit := range map[string]func(s *Scan){
		"new TAG":    func(s *Scan) { s.Tags = []string{"ZZZZ"} },
		"new origin": func(s *Scan) { s.Origin = "Embassy Nowhere" },
	} {
		next := slices.Clone(scans)
		old := next[4]
		edit(&next[4])
		if Patch(idx0, []Edit{{Entry: idx0.ByID[old.ID], Old: &old, New: &next[4]}}) != nil {
			t.Errorf("%s: patched", name)
		}
	}
	if Patch(idx0, nil) != nil {
		t.Error("no edit: patched")
	}
}
