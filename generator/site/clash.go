package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/timeline"
)

// pageSet finds the cable, if any, that has a page already: two ids may
// have one safe name (annotate.SafeID keeps "a_b-3a8e75c1" and makes it of
// "a/b"), and names that differ only in case are one file where the site
// may be copied (macOS, Windows). It keys each page by a hash of its
// folder and its name in lower case, probing on, so that it holds no
// string of its own (250,000 paths would be some 30 MB).
type pageSet map[uint64]int32

// add records entry i, e, and returns false; or, when an entry of
// entries has e's page already, returns it and true.
func (ps pageSet) add(entries []entry, e *entry, i int32) (int32, bool) {
	for h := pageHash(e); ; h++ {
		j, used := ps[h]
		if !used {
			ps[h] = i
			return 0, false
		}
		if samePage(&entries[j], e) {
			return j, true
		}
	}
}

func pageHash(e *entry) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037) // FNV-1a, 64 bits
	if !e.date.IsZero() {
		m := timeline.MonthOf(e.date.UTC())
		h = (h ^ uint64(m.Year*12+int(m.Month))) * prime
	}
	for _, c := range []byte(annotate.SafeID(e.id)) {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * prime
	}
	return h
}

// samePage reports whether a and b have one page, case aside.
func samePage(a, b *entry) bool {
	return strings.EqualFold(a.page(), b.page())
}

// clashMessage says that the cable e of file (its id on line) is left out
// for other, of otherFile, which has its page.
func clashMessage(file string, line int, e, other *entry, otherFile string) string {
	but := ""
	if e.page() != other.page() {
		but = ", but for case, which some file systems ignore"
	}
	return fmt.Sprintf("%s:%d: id %q has the page %s of id %q (%s)%s: skipped", file, line, e.id, other.page(), other.id, otherFile, but)
}

// pageTaken reports whether a cable of idx, other than those of skip,
// has e's page, case aside. Only the cables of e's month can.
func (idx *index) pageTaken(e *entry, skip map[int32]bool) bool {
	list := idx.undated
	if !e.date.IsZero() {
		i, ok := slices.BinarySearchFunc(idx.months, timeline.MonthOf(e.date.UTC()), func(ml monthList, m timeline.Month) int { return ml.month.Compare(m) })
		if !ok {
			return false
		}
		list = idx.months[i].cables
	}
	for _, ei := range list {
		if !skip[ei] && samePage(&idx.entries[ei], e) {
			return true
		}
	}
	return false
}

// touchClashes adds to cables the cables whose page is, or was, that of
// a changed one, case aside: they may have been left out for it, or be
// now. Their problems are found again.
func (s *Session) touchClashes(idx0, idx1 *index, cables map[string]bool) {
	var changed []*entry
	months := map[timeline.Month]bool{}
	undated := false
	for id := range cables {
		for _, idx := range []*index{idx0, idx1} {
			if ei, ok := idx.byID[id]; ok {
				e := &idx.entries[ei]
				changed = append(changed, e)
				if e.date.IsZero() {
					undated = true
				} else {
					months[timeline.MonthOf(e.date.UTC())] = true
				}
			}
		}
	}
	for i := range s.scans {
		sc := &s.scans[i]
		if sc.err != nil || cables[sc.id] || (sc.date.IsZero() && !undated) || (!sc.date.IsZero() && !months[timeline.MonthOf(sc.date.UTC())]) {
			continue
		}
		e := entry{id: sc.id, date: sc.date}
		for _, c := range changed {
			if samePage(&e, c) {
				cables[sc.id] = true
				if _, touched := s.problems[s.files[i]]; !touched {
					s.problems[s.files[i]] = ""
				}
				break
			}
		}
	}
}
