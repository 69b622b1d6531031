package site

import (
	"cmp"
	"slices"
)

// patchIndex returns the index after a change of some cables' dates,
// subjects, terms or references, computed from idx0 in time proportional
// to the collection without building it again (which interns every term
// and sorts every cable): the cables and their ids stay, so do the
// terms. It returns nil when the change is beyond a patch (a cable added,
// removed or given another id, a duplicate involved, a term appearing or
// disappearing), and buildIndex must run. idx0 is left as it was: the
// pages are planned from both.
//
// It shares its helpers with buildIndex (setTerms, compare, rank,
// placeInOrigin, resolve; taxonomy's WithCables for Finish). The patch
// pays for itself: on a date change in the middle of the collection
// (BenchmarkIndex, on a shared 2-core machine), building again from the
// kept scans took 98-291 ms at 20,000 cables and 3.6 s at 250,000, the
// patch 6-26 ms and 0.46 s.
//
// changed are the changed files; olds their scans before the change.
func (s *Session) patchIndex(idx0 *index, changed []string, olds map[string]scanned) *index {
	edits := s.edits(idx0, changed, olds)
	if len(edits) == 0 {
		return nil
	}
	idx := *idx0
	idx.entries = slices.Clone(idx0.entries)
	edited := make(map[int32]bool, len(edits))
	// The lists of terms that change, in each taxonomy: those of the
	// edited cables, before and after (a cable that moves in time moves
	// in all its lists).
	lists := map[string]*termLists{}
	for _, t := range idx0.taxonomies() {
		lists[t.Kind] = &termLists{touched: map[int32]bool{}, count: map[int32]int{}}
	}
	for _, ed := range edits {
		edited[ed.ei] = true
		e := &idx.entries[ed.ei]
		for _, t := range idx0.taxonomies() {
			lists[t.Kind].leave(termsOf(t.Kind, e))
		}
		if !idx0.setTerms(e, ed.new, lookup) {
			return nil // a new term: slugs may change
		}
		e.subject, e.date = ed.new.subject, ed.new.date
		for _, t := range idx0.taxonomies() {
			lists[t.Kind].join(termsOf(t.Kind, e))
		}
	}
	// A page that moves may take another cable's, or free the page of
	// one left out for it: buildIndex decides who has each page.
	for _, ed := range edits {
		if e := &idx.entries[ed.ei]; e.page() != idx0.entries[ed.ei].page() {
			if len(idx0.clashes) > 0 || idx0.pageTaken(e, edited) {
				return nil
			}
			for _, other := range edits {
				if other.ei != ed.ei && samePage(e, &idx.entries[other.ei]) {
					return nil
				}
			}
		}
	}
	for _, t := range idx0.taxonomies() {
		if lists[t.Kind].emptied(t) {
			return nil // a term disappears: slugs may change
		}
	}

	// The collection's order: the edited cables taken out and put back
	// in their new places.
	idx.order = make([]int32, 0, len(idx0.order))
	for _, ei := range idx0.order {
		if !edited[ei] {
			idx.order = append(idx.order, ei)
		}
	}
	for _, ed := range edits {
		i, _ := slices.BinarySearchFunc(idx.order, ed.ei, idx.compare)
		idx.order = slices.Insert(idx.order, i, ed.ei)
	}
	idx.rank()

	byRank := func(a, b int32) int { return cmp.Compare(idx.entries[a].rank, idx.entries[b].rank) }
	for _, t0 := range idx0.taxonomies() {
		idx.setTaxonomy(lists[t0.Kind].patch(t0, &idx, edits, edited, byRank))
	}
	for ti := range lists[idx.origin.Kind].touched {
		idx.placeInOrigin(idx.origin.Terms[ti])
	}
	idx.patchCitedBy(idx0, edits, edited, byRank)
	return &idx
}

// lookup finds a term of t, which a patch never adds.
func lookup(t *taxo, name string) (int32, bool) {
	ti, ok := t.IDs[name]
	return ti, ok
}

// An edit is a cable of the index whose file changed.
type edit struct {
	ei       int32
	old, new *scanned
}

// edits returns the cables of idx0 the change of the files changed
// edits, or nil when the change is beyond a patch (see patchIndex).
func (s *Session) edits(idx0 *index, changed []string, olds map[string]scanned) []edit {
	var edits []edit
	for _, f := range changed {
		if _, broken := s.broken[f]; broken {
			continue // it stays as it was
		}
		o, known := olds[f]
		j, now := s.find(f)
		oldOK := known && o.err == nil
		newOK := now && s.scans[j].err == nil
		if !oldOK && !newOK {
			continue // skipped before and after
		}
		if !oldOK || !newOK || o.id != s.scans[j].id {
			return nil
		}
		ei, ok := idx0.byID[o.id]
		if !ok {
			return nil
		}
		if idx0.entries[ei].file != f {
			continue // a duplicate, skipped before and after
		}
		edits = append(edits, edit{ei: ei, old: &o, new: &s.scans[j]})
	}
	return edits
}

// termLists are the lists of one taxonomy's terms a patch changes.
type termLists struct {
	touched map[int32]bool
	count   map[int32]int // members joining minus leaving
}

func (l *termLists) leave(terms []int32) {
	for _, ti := range terms {
		l.touched[ti] = true
		l.count[ti]--
	}
}

func (l *termLists) join(terms []int32) {
	for _, ti := range terms {
		l.touched[ti] = true
		l.count[ti]++
	}
}

// emptied reports whether a term of t is left without a cable.
func (l *termLists) emptied(t *taxo) bool {
	for ti, d := range l.count {
		if len(t.Terms[ti].Cables)+d == 0 {
			return true
		}
	}
	return false
}

// patch returns taxonomy t0 with the touched terms' lists made again in
// idx's order: their cables that were not edited, and the edited cables
// that have them now.
func (l *termLists) patch(t0 *taxo, idx *index, edits []edit, edited map[int32]bool, byRank func(a, b int32) int) *taxo {
	lists := make(map[int32][]int32, len(l.touched))
	for ti := range l.touched {
		cables := make([]int32, 0, len(t0.Terms[ti].Cables)+l.count[ti])
		for _, ei := range t0.Terms[ti].Cables {
			if !edited[ei] {
				cables = append(cables, ei)
			}
		}
		for _, ed := range edits {
			if slices.Contains(termsOf(t0.Kind, &idx.entries[ed.ei]), ti) {
				cables = append(cables, ed.ei)
			}
		}
		slices.SortFunc(cables, byRank)
		lists[ti] = cables
	}
	return t0.WithCables(lists)
}

// patchCitedBy makes again, in idx's order, the lists of the cables
// citing those the edited cables cite, before or after; the others are
// idx0's.
func (idx *index) patchCitedBy(idx0 *index, edits []edit, edited map[int32]bool, byRank func(a, b int32) int) {
	lists := map[int32][]int32{}
	for _, ed := range edits {
		for _, t := range idx.resolve(ed.ei, ed.old.refs) {
			lists[t] = nil
		}
		for _, t := range idx.resolve(ed.ei, ed.new.refs) {
			lists[t] = nil
		}
	}
	for t := range lists {
		var l []int32
		for _, c := range idx0.citing(t) {
			if !edited[c] {
				l = append(l, c)
			}
		}
		for _, ed := range edits {
			if slices.Contains(idx.resolve(ed.ei, ed.new.refs), t) {
				l = append(l, ed.ei)
			}
		}
		slices.SortFunc(l, byRank)
		lists[t] = l
	}
	// A citing list holding an edited cable that did not change its
	// references is in lists too (the cable's old references are its
	// new ones), so every list whose order could change is made again.
	list := func(t int) []int32 {
		if l, ok := lists[int32(t)]; ok {
			return l
		}
		return idx0.citing(int32(t))
	}
	n := len(idx.entries)
	idx.citedOff = make([]int32, n+1)
	for t := range n {
		idx.citedOff[t+1] = idx.citedOff[t] + int32(len(list(t)))
	}
	idx.citedBy = make([]int32, idx.citedOff[n])
	for t := range n {
		copy(idx.citedBy[idx.citedOff[t]:], list(t))
	}
}

// compareEntries orders the collection: by date, then id; undated cables
// last.
func compareEntries(ea, eb *entry) int {
	if za, zb := ea.date.IsZero(), eb.date.IsZero(); za != zb {
		if za {
			return 1
		}
		return -1
	}
	return cmp.Or(ea.date.Compare(eb.date), cmp.Compare(ea.id, eb.id))
}
