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
// changed are the changed files; olds their scans before the change.
func (s *Session) patchIndex(idx0 *index, changed []string, olds map[string]scanned) *index {
	type edit struct {
		ei       int32
		old, new *scanned
	}
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
	if len(edits) == 0 {
		return nil
	}

	idx := *idx0
	idx.entries = slices.Clone(idx0.entries)
	isEdited := make(map[int32]bool, len(edits))
	// The terms whose lists change: those of the edited cables, before
	// and after (a cable that moves in time moves in all its lists).
	touched := [3]map[int32]bool{{}, {}, {}}
	taxos0 := [3]*taxo{idx0.tags, idx0.origin, idx0.class}
	count := [3]map[int32]int{{}, {}, {}} // members joining minus leaving
	for _, ed := range edits {
		isEdited[ed.ei] = true
		e := &idx.entries[ed.ei]
		before := [3][]int32{slices.Clone(e.tags), one(&e.origin), one(&e.class)}
		e.subject = ed.new.subject
		e.date = ed.new.date
		e.origin, e.class, e.tags = -1, -1, nil
		var ok bool
		if ed.new.origin != "" {
			if e.origin, ok = idx0.origin.ids[ed.new.origin]; !ok {
				return nil
			}
		}
		if ed.new.class != "" {
			if e.class, ok = idx0.class.ids[ed.new.class]; !ok {
				return nil
			}
		}
		for _, name := range ed.new.tags {
			ti, ok := idx0.tags.ids[name]
			if !ok {
				return nil
			}
			if !slices.Contains(e.tags, ti) {
				e.tags = append(e.tags, ti)
			}
		}
		after := [3][]int32{e.tags, one(&e.origin), one(&e.class)}
		for k := range 3 {
			for _, ti := range before[k] {
				touched[k][ti] = true
				count[k][ti]--
			}
			for _, ti := range after[k] {
				touched[k][ti] = true
				count[k][ti]++
			}
		}
	}
	// A page that moves may take another cable's, or free the page of
	// one left out for it: buildIndex decides who has each page.
	for _, ed := range edits {
		if e := &idx.entries[ed.ei]; e.page() != idx0.entries[ed.ei].page() {
			if len(idx0.clashes) > 0 || idx0.pageTaken(e, isEdited) {
				return nil
			}
			for _, other := range edits {
				if other.ei != ed.ei && samePage(e, &idx.entries[other.ei]) {
					return nil
				}
			}
		}
	}
	for k, t := range taxos0 {
		for ti, d := range count[k] {
			if len(t.terms[ti].cables)+d == 0 {
				return nil // the term disappears: slugs may change
			}
		}
	}

	// The collection's order: the edited cables taken out and put back
	// in their new places.
	idx.order = make([]int32, 0, len(idx0.order))
	for _, ei := range idx0.order {
		if !isEdited[ei] {
			idx.order = append(idx.order, ei)
		}
	}
	for _, ed := range edits {
		e := &idx.entries[ed.ei]
		i, _ := slices.BinarySearchFunc(idx.order, e, func(o int32, e *entry) int { return compareEntries(&idx.entries[o], e) })
		idx.order = slices.Insert(idx.order, i, ed.ei)
	}
	idx.rank()

	// Each touched term gets its list again, in the new order.
	byRank := func(a, b int32) int { return cmp.Compare(idx.entries[a].rank, idx.entries[b].rank) }
	get := [3]func(*entry) []int32{
		func(e *entry) []int32 { return e.tags },
		func(e *entry) []int32 { return one(&e.origin) },
		func(e *entry) []int32 { return one(&e.class) },
	}
	var taxos [3]*taxo
	for k, t0 := range taxos0 {
		t := *t0
		t.terms = slices.Clone(t0.terms)
		for ti := range touched[k] {
			tm := *t0.terms[ti]
			tm.cables = make([]int32, 0, len(t0.terms[ti].cables)+count[k][ti])
			for _, ei := range t0.terms[ti].cables {
				if !isEdited[ei] {
					tm.cables = append(tm.cables, ei)
				}
			}
			for _, ed := range edits {
				if slices.Contains(get[k](&idx.entries[ed.ei]), ti) {
					tm.cables = append(tm.cables, ed.ei)
				}
			}
			slices.SortFunc(tm.cables, byRank)
			tm.link.Count = len(tm.cables)
			t.terms[ti] = &tm
			if k == 1 {
				for pos, ei := range tm.cables {
					idx.entries[ei].originPos = int32(pos)
				}
			}
		}
		taxos[k] = &t
	}
	idx.tags, idx.origin, idx.class = taxos[0], taxos[1], taxos[2]

	// Cited by: the lists of the cables the edited ones cite, before or
	// after, are made again in the new order; the others stay.
	resolve := func(self int32, refs []string) []int32 {
		var out []int32
		for _, id := range refs {
			if ti, ok := idx.byID[id]; ok && ti != self && !slices.Contains(out, ti) {
				out = append(out, ti)
			}
		}
		return out
	}
	lists := map[int32][]int32{}
	for _, ed := range edits {
		for _, t := range resolve(ed.ei, ed.old.refs) {
			lists[t] = nil
		}
		for _, t := range resolve(ed.ei, ed.new.refs) {
			lists[t] = nil
		}
	}
	for t := range lists {
		var l []int32
		for _, c := range idx0.citing(t) {
			if !isEdited[c] {
				l = append(l, c)
			}
		}
		for _, ed := range edits {
			if slices.Contains(resolve(ed.ei, ed.new.refs), t) {
				l = append(l, ed.ei)
			}
		}
		slices.SortFunc(l, byRank)
		lists[t] = l
	}
	// A citing list holding an edited cable that did not change its
	// references is in lists too (the cable's old references are its
	// new ones), so every list whose order could change is made again.
	n := len(idx.entries)
	idx.citedOff = make([]int32, n+1)
	for t := range n {
		l, ok := lists[int32(t)]
		if !ok {
			l = idx0.citing(int32(t))
		}
		idx.citedOff[t+1] = idx.citedOff[t] + int32(len(l))
	}
	idx.citedBy = make([]int32, idx.citedOff[n])
	for t := range n {
		l, ok := lists[int32(t)]
		if !ok {
			l = idx0.citing(int32(t))
		}
		copy(idx.citedBy[idx.citedOff[t]:], l)
	}
	return &idx
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
