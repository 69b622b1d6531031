package site

import (
	"fmt"
	"slices"
	"time"

	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/taxonomy"
	"github.com/cablesite/cablesite/generator/timeline"
)

// entry is what the build keeps of a cable between its two passes: what
// lists, threads and navigation need, never its text. Terms are indexes
// into their taxonomy.
type entry struct {
	id, subject string
	file        string // its path in the content folder
	date        time.Time
	origin      int32 // -1: none
	class       int32 // -1: none
	tags        []int32
	rank        int32 // position in index.order
	originPos   int32 // position in its origin's list
}

func (e *entry) page() string { return layout.CablePath(e.id, e.date) }

// index is the whole collection as pass 2 needs it.
type index struct {
	entries []entry
	// order lists the entries by date, then id; undated cables last.
	order  []int32
	byID   map[string]int32
	tags   *taxo
	origin *taxo
	class  *taxo
	months []monthList // in month order
	// undated lists the cables without a date, by id.
	undated []int32
	// citedBy[citedOff[i]:citedOff[i+1]] are the entries citing entry i,
	// in collection order.
	citedOff []int32
	citedBy  []int32
	counts   timeline.Counts
	// clashes holds, for each content file whose cable was left out
	// because an earlier file's cable has its page, the message saying so.
	clashes map[string]string
}

type monthList struct {
	month  timeline.Month
	cables []int32 // in collection order
}

// taxo is one taxonomy of the index: package taxonomy groups the cables
// by its terms.
type (
	taxo = taxonomy.Grouping
	term = taxonomy.Term
)

// maxTermFolders is how many term folders one taxonomy folder may hold
// before they are spread over folders by their first letters.
const maxTermFolders = 40_000

// termLink returns the link to the list of term tm.
func termLink(tm *term) render.TermLink {
	return render.TermLink{Name: tm.Name, Meaning: tm.Meaning, Slug: tm.Slug, Path: layout.ListPath(tm.Dir, 1), Count: len(tm.Cables)}
}

// The derivation of the index: buildIndex makes it whole from the scans;
// a Session's patchIndex makes again, with the same helpers, only what a
// change of some cables reaches (incremental_index.go).

// setTerms gives entry e the terms of sc, each numbered by term (which
// interns it, or finds it and returns false when it is not there); false
// when a term is not there.
func (idx *index) setTerms(e *entry, sc *scanned, term func(t *taxo, name string) (int32, bool)) bool {
	e.origin, e.class, e.tags = -1, -1, nil
	var ok bool
	if sc.origin != "" {
		if e.origin, ok = term(idx.origin, sc.origin); !ok {
			return false
		}
	}
	if sc.class != "" {
		if e.class, ok = term(idx.class, sc.class); !ok {
			return false
		}
	}
	if len(sc.tags) > 0 {
		e.tags = make([]int32, 0, len(sc.tags))
		for _, name := range sc.tags {
			ti, ok := term(idx.tags, name)
			if !ok {
				return false
			}
			if !slices.Contains(e.tags, ti) {
				e.tags = append(e.tags, ti)
			}
		}
	}
	return true
}

// compare orders entries a and b in the collection (compareEntries).
func (idx *index) compare(a, b int32) int { return compareEntries(&idx.entries[a], &idx.entries[b]) }

// placeInOrigin records each cable's position in the list of its origin
// tm, for the links to its neighbours there.
func (idx *index) placeInOrigin(tm *term) {
	for pos, ei := range tm.Cables {
		idx.entries[ei].originPos = int32(pos)
	}
}

// resolve returns the cables of the index that the references refs of
// entry self name, each once, self left out.
func (idx *index) resolve(self int32, refs []string) []int32 {
	var out []int32
	for _, id := range refs {
		if ti, ok := idx.byID[id]; ok && ti != self && !slices.Contains(out, ti) {
			out = append(out, ti)
		}
	}
	return out
}

// buildIndex interns the terms of the scanned files, in file order, and
// computes every list the pages need.
func (b *builder) buildIndex(files []string, scans []scanned) *index {
	idx := &index{
		byID:   make(map[string]int32, len(scans)),
		tags:   taxonomy.NewGrouping("tag"),
		origin: taxonomy.NewGrouping("origin"),
		class:  taxonomy.NewGrouping("classification"),
	}
	idx.entries = make([]entry, 0, len(scans))
	refs := make([][]string, 0, len(scans))
	pages := make(pageSet, len(scans))
	for i := range scans {
		s := &scans[i]
		if s.err != nil {
			b.warn(s.err.Error())
			b.skipped++
			continue
		}
		if j, dup := idx.byID[s.id]; dup {
			b.warn(fmt.Sprintf("%s:%d: duplicate id %q (also in %s): skipped", b.name(files[i]), s.idLine, s.id, b.name(idx.entries[j].file)))
			b.skipped++
			continue
		}
		e := entry{id: s.id, subject: s.subject, file: files[i], date: s.date, origin: -1, class: -1}
		if j, taken := pages.add(idx.entries, &e, int32(len(idx.entries))); taken {
			msg := clashMessage(b.name(files[i]), s.idLine, &e, &idx.entries[j], b.name(idx.entries[j].file))
			if idx.clashes == nil {
				idx.clashes = map[string]string{}
			}
			idx.clashes[files[i]] = msg
			b.warn(msg)
			b.skipped++
			continue
		}
		idx.setTerms(&e, s, func(t *taxo, name string) (int32, bool) { return t.Intern(name), true })
		idx.byID[s.id] = int32(len(idx.entries))
		idx.entries = append(idx.entries, e)
		refs = append(refs, s.refs)
		*s = scanned{} // let the scan's strings go
	}

	// The collection's order: by date, then id; undated cables last.
	idx.order = make([]int32, len(idx.entries))
	for i := range idx.order {
		idx.order[i] = int32(i)
	}
	slices.SortFunc(idx.order, idx.compare)
	idx.rank()

	dict := b.tags
	idx.tags.Finish(idx.order, func(ei int32) []int32 { return idx.entries[ei].tags }, func(s string) string { return s }, func(code string) string {
		t, ok := dict.Lookup(code)
		if !ok {
			return ""
		}
		return t.Description()
	}, b.maxTermFolders)
	idx.origin.Finish(idx.order, func(ei int32) []int32 { return one(&idx.entries[ei].origin) }, taxonomy.OriginSortKey, nil, b.maxTermFolders)
	idx.class.Finish(idx.order, func(ei int32) []int32 { return one(&idx.entries[ei].class) }, taxonomy.ClassificationSortKey, nil, b.maxTermFolders)
	for _, tm := range idx.origin.Terms {
		idx.placeInOrigin(tm)
	}

	// Cited by: the reverse of every resolved reference, in the order of
	// the citing cables, each citing cable once.
	counts := make([]int32, len(idx.entries)+1)
	targets := make([][]int32, len(idx.entries))
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
	for _, ei := range idx.order {
		for _, ti := range targets[ei] {
			idx.citedBy[fill[ti]] = ei
			fill[ti]++
		}
	}
	return idx
}

// taxonomies returns the index's taxonomies in the order of their pages:
// TAGS, origins, classifications.
func (idx *index) taxonomies() []*taxo { return []*taxo{idx.tags, idx.origin, idx.class} }

// taxonomy returns the taxonomy of a kind ("tag", "origin",
// "classification").
func (idx *index) taxonomy(kind string) *taxo {
	switch kind {
	case idx.tags.Kind:
		return idx.tags
	case idx.origin.Kind:
		return idx.origin
	}
	return idx.class
}

// setTaxonomy replaces the index's taxonomy of t's kind with t.
func (idx *index) setTaxonomy(t *taxo) {
	switch t.Kind {
	case idx.tags.Kind:
		idx.tags = t
	case idx.origin.Kind:
		idx.origin = t
	default:
		idx.class = t
	}
}

// termsOf returns the terms entry e has in the taxonomy of a kind.
func termsOf(kind string, e *entry) []int32 {
	switch kind {
	case "tag":
		return e.tags
	case "origin":
		return one(&e.origin)
	}
	return one(&e.class)
}

func one(p *int32) []int32 {
	if *p < 0 {
		return nil
	}
	return []int32{*p}
}

// citing returns the entries citing entry i.
func (idx *index) citing(i int32) []int32 { return idx.citedBy[idx.citedOff[i]:idx.citedOff[i+1]] }

// rank numbers the entries in the order of idx.order and groups them as
// the date pages list them: the undated, the cables of each month, and
// the counts per month.
func (idx *index) rank() {
	idx.undated, idx.months, idx.counts = nil, nil, timeline.Counts{}
	for r, ei := range idx.order {
		e := &idx.entries[ei]
		e.rank = int32(r)
		if e.date.IsZero() {
			idx.undated = append(idx.undated, ei)
			continue
		}
		m := timeline.MonthOf(e.date)
		if n := len(idx.months); n == 0 || idx.months[n-1].month != m {
			idx.months = append(idx.months, monthList{month: m})
		}
		ml := &idx.months[len(idx.months)-1]
		ml.cables = append(ml.cables, ei)
	}
	for _, ml := range idx.months {
		idx.counts.AddMonth(ml.month, len(ml.cables))
	}
}
