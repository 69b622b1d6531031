package index

import (
	"fmt"
	"slices"
	"time"

	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/taxonomy"
	"github.com/cablesite/cablesite/generator/timeline"
)

// An Entry is what the build keeps of a cable between its two passes:
// what lists, threads and navigation need, never its text. Terms are
// indexes into their taxonomy's Terms, -1 for none.
type Entry struct {
	ID, Subject string
	File        string // its path in the content folder
	Date        time.Time
	Origin      int32
	Class       int32
	Tags        []int32
	Rank        int32 // position in Index.Order
	OriginPos   int32 // position in its origin's list
}

// Page returns the path of the cable's page.
func (e *Entry) Page() string { return layout.CablePath(e.ID, e.Date) }

// An Index is the whole collection as the pages need it. Patch makes
// another from it, leaving it as it was; only an entry's Subject, which
// orders nothing, may be changed in place (a session does, when an edit
// changes nothing else the index holds).
type Index struct {
	Entries []Entry
	// Order lists the entries by date, then id; undated cables last.
	Order []int32
	ByID  map[string]int32
	// The taxonomies, each grouping the cables by its terms.
	Tags, Origins, Classes *taxonomy.Grouping
	Months                 []MonthList // in month order
	// Undated lists the cables without a date, by id.
	Undated []int32
	// citedBy[citedOff[i]:citedOff[i+1]] are the entries citing entry i,
	// in collection order.
	citedOff []int32
	citedBy  []int32
	// Counts counts the cables of each month.
	Counts timeline.Counts
	// Clashes holds, for each content file whose cable was left out
	// because an earlier file's cable has its page, the message saying so.
	Clashes map[string]string
}

// A MonthList is the cables of a month.
type MonthList struct {
	Month  timeline.Month
	Cables []int32 // in collection order
}

type taxo = taxonomy.Grouping

// MaxTermFolders is how many term folders one taxonomy folder may hold
// before they are spread over folders by their first letters.
const MaxTermFolders = 40_000

// Options are what Build needs besides the scans.
type Options struct {
	// Name returns how messages name a content file.
	Name func(file string) string
	// Meaning returns the meaning of a TAG, or "".
	Meaning func(code string) string
	// MaxTermFolders is MaxTermFolders, or fewer for a test.
	MaxTermFolders int
}

// The derivation of the index: Build makes it whole from the scans;
// Patch makes again, with the same helpers, only what a change of some
// cables reaches (patch.go).

// setTerms gives Entry e the terms of sc, each numbered by term (which
// interns it, or finds it and returns false when it is not there); false
// when a term is not there.
func (idx *Index) setTerms(e *Entry, sc *Scan, term func(t *taxo, name string) (int32, bool)) bool {
	e.Origin, e.Class, e.Tags, e.OriginPos = -1, -1, nil, 0
	var ok bool
	if sc.Origin != "" {
		if e.Origin, ok = term(idx.Origins, sc.Origin); !ok {
			return false
		}
	}
	if sc.Class != "" {
		if e.Class, ok = term(idx.Classes, sc.Class); !ok {
			return false
		}
	}
	if len(sc.Tags) > 0 {
		e.Tags = make([]int32, 0, len(sc.Tags))
		for _, name := range sc.Tags {
			ti, ok := term(idx.Tags, name)
			if !ok {
				return false
			}
			if !slices.Contains(e.Tags, ti) {
				e.Tags = append(e.Tags, ti)
			}
		}
	}
	return true
}

// compare orders entries a and b in the collection (compareEntries).
func (idx *Index) compare(a, b int32) int { return compareEntries(&idx.Entries[a], &idx.Entries[b]) }

// placeInOrigin records each cable's position in the list of its origin
// tm, for the links to its neighbours there.
func (idx *Index) placeInOrigin(tm *taxonomy.Term) {
	for pos, ei := range tm.Cables {
		idx.Entries[ei].OriginPos = int32(pos)
	}
}

// resolve returns the cables of the index that the references refs of
// Entry self name, each once, self left out.
func (idx *Index) resolve(self int32, refs []string) []int32 {
	var out []int32
	for _, id := range refs {
		if ti, ok := idx.ByID[id]; ok && ti != self && !slices.Contains(out, ti) {
			out = append(out, ti)
		}
	}
	return out
}

// Build interns the terms of the scans of files, in file order, and
// computes every list the pages need. It returns the problems of the
// files left out, in file order, and lets go of the scans' strings
// (scans[i] is zero after).
func Build(files []string, scans []Scan, opt Options) (*Index, []string) {
	var problems []string
	warn := func(msg string) { problems = append(problems, msg) }
	if opt.MaxTermFolders <= 0 {
		opt.MaxTermFolders = MaxTermFolders
	}
	idx := &Index{
		ByID:    make(map[string]int32, len(scans)),
		Tags:    taxonomy.NewGrouping("tag"),
		Origins: taxonomy.NewGrouping("origin"),
		Classes: taxonomy.NewGrouping("classification"),
	}
	idx.Entries = make([]Entry, 0, len(scans))
	refs := make([][]string, 0, len(scans))
	pages := make(pageSet, len(scans))
	for i := range scans {
		s := &scans[i]
		if s.Err != nil {
			warn(s.Err.Error())
			continue
		}
		if j, dup := idx.ByID[s.ID]; dup {
			warn(fmt.Sprintf("%s:%d: duplicate id %q (also in %s): skipped", opt.Name(files[i]), s.IDLine, s.ID, opt.Name(idx.Entries[j].File)))
			continue
		}
		e := Entry{ID: s.ID, Subject: s.Subject, File: files[i], Date: s.Date, Origin: -1, Class: -1}
		if j, taken := pages.add(idx.Entries, &e, int32(len(idx.Entries))); taken {
			msg := clashMessage(opt.Name(files[i]), s.IDLine, &e, &idx.Entries[j], opt.Name(idx.Entries[j].File))
			if idx.Clashes == nil {
				idx.Clashes = map[string]string{}
			}
			idx.Clashes[files[i]] = msg
			warn(msg)
			continue
		}
		idx.setTerms(&e, s, func(t *taxo, name string) (int32, bool) { return t.Intern(name), true })
		idx.ByID[s.ID] = int32(len(idx.Entries))
		idx.Entries = append(idx.Entries, e)
		refs = append(refs, s.Refs)
		*s = Scan{} // let the scan's strings go
	}

	// The collection's order: by date, then id; undated cables last.
	idx.Order = make([]int32, len(idx.Entries))
	for i := range idx.Order {
		idx.Order[i] = int32(i)
	}
	slices.SortFunc(idx.Order, idx.compare)
	idx.rank()

	idx.Tags.Finish(idx.Order, func(ei int32) []int32 { return idx.Entries[ei].Tags }, func(s string) string { return s }, opt.Meaning, opt.MaxTermFolders)
	idx.Origins.Finish(idx.Order, func(ei int32) []int32 { return one(&idx.Entries[ei].Origin) }, taxonomy.OriginSortKey, nil, opt.MaxTermFolders)
	idx.Classes.Finish(idx.Order, func(ei int32) []int32 { return one(&idx.Entries[ei].Class) }, taxonomy.ClassificationSortKey, nil, opt.MaxTermFolders)
	for _, tm := range idx.Origins.Terms {
		idx.placeInOrigin(tm)
	}

	// Cited by: the reverse of every resolved reference, in the order of
	// the citing cables, each citing cable once.
	counts := make([]int32, len(idx.Entries)+1)
	targets := make([][]int32, len(idx.Entries))
	for ei, ids := range refs {
		targets[ei] = idx.resolve(int32(ei), ids)
		for _, ti := range targets[ei] {
			counts[ti+1]++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	idx.citedOff = counts
	idx.citedBy = make([]int32, counts[len(counts)-1])
	fill := slices.Clone(counts[:len(counts)-1])
	for _, ei := range idx.Order {
		for _, ti := range targets[ei] {
			idx.citedBy[fill[ti]] = ei
			fill[ti]++
		}
	}
	return idx, problems
}

// Taxonomies returns the index's taxonomies in the order of their pages:
// TAGS, origins, classifications.
func (idx *Index) Taxonomies() []*taxo { return []*taxo{idx.Tags, idx.Origins, idx.Classes} }

// Taxonomy returns the taxonomy of a kind ("tag", "origin",
// "classification").
func (idx *Index) Taxonomy(kind string) *taxo {
	switch kind {
	case idx.Tags.Kind:
		return idx.Tags
	case idx.Origins.Kind:
		return idx.Origins
	}
	return idx.Classes
}

// setTaxonomy replaces the index's taxonomy of t's kind with t.
func (idx *Index) setTaxonomy(t *taxo) {
	switch t.Kind {
	case idx.Tags.Kind:
		idx.Tags = t
	case idx.Origins.Kind:
		idx.Origins = t
	default:
		idx.Classes = t
	}
}

// TermsOf returns the terms entry e has in the taxonomy of a kind.
func TermsOf(kind string, e *Entry) []int32 {
	switch kind {
	case "tag":
		return e.Tags
	case "origin":
		return one(&e.Origin)
	}
	return one(&e.Class)
}

func one(p *int32) []int32 {
	if *p < 0 {
		return nil
	}
	return []int32{*p}
}

// Citing returns the entries citing entry i, in collection order.
func (idx *Index) Citing(i int32) []int32 { return idx.citedBy[idx.citedOff[i]:idx.citedOff[i+1]] }

// rank numbers the entries in the order of idx.Order and groups them as
// the date pages list them: the undated, the cables of each month, and
// the counts per month.
func (idx *Index) rank() {
	idx.Undated, idx.Months, idx.Counts = nil, nil, timeline.Counts{}
	for r, ei := range idx.Order {
		e := &idx.Entries[ei]
		e.Rank = int32(r)
		if e.Date.IsZero() {
			idx.Undated = append(idx.Undated, ei)
			continue
		}
		m := timeline.MonthOf(e.Date)
		if n := len(idx.Months); n == 0 || idx.Months[n-1].Month != m {
			idx.Months = append(idx.Months, MonthList{Month: m})
		}
		ml := &idx.Months[len(idx.Months)-1]
		ml.Cables = append(ml.Cables, ei)
	}
	for _, ml := range idx.Months {
		idx.Counts.AddMonth(ml.Month, len(ml.Cables))
	}
}
