package index

import (
	"cmp"
	"slices"
)

// Patch returns the index after a change of some cables' dates,
// subjects, terms or references, computed from idx0 in time proportional
// to the collection without building it again (which interns every term
// and sorts every cable): the cables and their ids stay, so do the
// terms. It returns nil when the change is beyond a patch (a cable added,
// removed or given another id, a duplicate involved, a term appearing or
// disappearing), and Build must run. idx0 is left as it was: the
// pages are planned from both.
//
// It shares its helpers with Build (setTerms, compare, rank,
// placeInOrigin, resolve; taxonomy's WithCables for Finish). The patch
// pays for itself: on a date change in the middle of the collection
// (BenchmarkIndex, on a shared 2-core machine), building again from the
// kept scans took 98-291 ms at 20,000 cables and 3.6 s at 250,000, the
// patch 6-26 ms and 0.46 s; measured again once the index had a package
// of its own, 94-180 ms against 4.0 ms at 20,000. TestPatchAsBuild holds
// the two to the same index.
//
// edits are the cables of idx0 whose files changed.
func Patch(idx0 *Index, edits []Edit) *Index {
	if len(edits) == 0 {
		return nil
	}
	idx := *idx0
	idx.Entries = slices.Clone(idx0.Entries)
	edited := make(map[int32]bool, len(edits))
	// The lists of terms that change, in each taxonomy: those of the
	// edited cables, before and after (a cable that moves in time moves
	// in all its lists).
	lists := map[string]*termLists{}
	for _, t := range idx0.Taxonomies() {
		lists[t.Kind] = &termLists{touched: map[int32]bool{}, count: map[int32]int{}}
	}
	for _, ed := range edits {
		edited[ed.Entry] = true
		e := &idx.Entries[ed.Entry]
		for _, t := range idx0.Taxonomies() {
			lists[t.Kind].leave(TermsOf(t.Kind, e))
		}
		if !idx0.setTerms(e, ed.New, lookup) {
			return nil // a new term: slugs may change
		}
		e.Subject, e.Date = ed.New.Subject, ed.New.Date
		for _, t := range idx0.Taxonomies() {
			lists[t.Kind].join(TermsOf(t.Kind, e))
		}
	}
	// A page that moves may take another cable's, or free the page of
	// one left out for it: Build decides who has each page.
	for _, ed := range edits {
		if e := &idx.Entries[ed.Entry]; e.Page() != idx0.Entries[ed.Entry].Page() {
			if len(idx0.Clashes) > 0 || idx0.pageTaken(e, edited) {
				return nil
			}
			for _, other := range edits {
				if other.Entry != ed.Entry && SamePage(e, &idx.Entries[other.Entry]) {
					return nil
				}
			}
		}
	}
	for _, t := range idx0.Taxonomies() {
		if lists[t.Kind].emptied(t) {
			return nil // a term disappears: slugs may change
		}
	}

	// The collection's order: the edited cables taken out and put back
	// in their new places.
	idx.Order = make([]int32, 0, len(idx0.Order))
	for _, ei := range idx0.Order {
		if !edited[ei] {
			idx.Order = append(idx.Order, ei)
		}
	}
	for _, ed := range edits {
		i, _ := slices.BinarySearchFunc(idx.Order, ed.Entry, idx.compare)
		idx.Order = slices.Insert(idx.Order, i, ed.Entry)
	}
	idx.rank()

	byRank := func(a, b int32) int { return cmp.Compare(idx.Entries[a].Rank, idx.Entries[b].Rank) }
	for _, t0 := range idx0.Taxonomies() {
		idx.setTaxonomy(lists[t0.Kind].patch(t0, &idx, edits, edited, byRank))
	}
	for ti := range lists[idx.Origins.Kind].touched {
		idx.placeInOrigin(idx.Origins.Terms[ti])
	}
	idx.patchCitedBy(idx0, edits, edited, byRank)
	return &idx
}

// An Edit is a cable of the index whose file changed: its entry, and its
// file's scans before and after the change.
type Edit struct {
	Entry    int32
	Old, New *Scan
}

// lookup finds a term of t, which a patch never adds.
func lookup(t *taxo, name string) (int32, bool) {
	ti, ok := t.IDs[name]
	return ti, ok
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
func (l *termLists) patch(t0 *taxo, idx *Index, edits []Edit, edited map[int32]bool, byRank func(a, b int32) int) *taxo {
	lists := make(map[int32][]int32, len(l.touched))
	for ti := range l.touched {
		cables := make([]int32, 0, len(t0.Terms[ti].Cables)+l.count[ti])
		for _, ei := range t0.Terms[ti].Cables {
			if !edited[ei] {
				cables = append(cables, ei)
			}
		}
		for _, ed := range edits {
			if slices.Contains(TermsOf(t0.Kind, &idx.Entries[ed.Entry]), ti) {
				cables = append(cables, ed.Entry)
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
func (idx *Index) patchCitedBy(idx0 *Index, edits []Edit, edited map[int32]bool, byRank func(a, b int32) int) {
	lists := map[int32][]int32{}
	for _, ed := range edits {
		for _, t := range idx.resolve(ed.Entry, ed.Old.Refs) {
			lists[t] = nil
		}
		for _, t := range idx.resolve(ed.Entry, ed.New.Refs) {
			lists[t] = nil
		}
	}
	for t := range lists {
		var l []int32
		for _, c := range idx0.Citing(t) {
			if !edited[c] {
				l = append(l, c)
			}
		}
		for _, ed := range edits {
			if slices.Contains(idx.resolve(ed.Entry, ed.New.Refs), t) {
				l = append(l, ed.Entry)
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
		return idx0.Citing(int32(t))
	}
	n := len(idx.Entries)
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
func compareEntries(ea, eb *Entry) int {
	if za, zb := ea.Date.IsZero(), eb.Date.IsZero(); za != zb {
		if za {
			return 1
		}
		return -1
	}
	return cmp.Or(ea.Date.Compare(eb.Date), cmp.Compare(ea.ID, eb.ID))
}
