package index

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

// add records Entry i, e, and returns false; or, when an Entry of
// entries has e's page already, returns it and true.
func (ps pageSet) add(entries []Entry, e *Entry, i int32) (int32, bool) {
	for h := pageHash(e); ; h++ {
		j, used := ps[h]
		if !used {
			ps[h] = i
			return 0, false
		}
		if SamePage(&entries[j], e) {
			return j, true
		}
	}
}

func pageHash(e *Entry) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037) // FNV-1a, 64 bits
	if !e.Date.IsZero() {
		m := timeline.MonthOf(e.Date.UTC())
		h = (h ^ uint64(m.Year*12+int(m.Month))) * prime
	}
	for _, c := range []byte(annotate.SafeID(e.ID)) {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * prime
	}
	return h
}

// SamePage reports whether a and b have one page, case aside.
func SamePage(a, b *Entry) bool {
	return strings.EqualFold(a.Page(), b.Page())
}

// clashMessage says that the cable e of file (its id on line) is left out
// for other, of otherFile, which has its page.
func clashMessage(file string, line int, e, other *Entry, otherFile string) string {
	but := ""
	if e.Page() != other.Page() {
		but = ", but for case, which some file systems ignore"
	}
	return fmt.Sprintf("%s:%d: id %q has the page %s of id %q (%s)%s: skipped", file, line, e.ID, other.Page(), other.ID, otherFile, but)
}

// pageTaken reports whether a cable of idx, other than those of skip,
// has e's page, case aside. Only the cables of e's month can.
func (idx *Index) pageTaken(e *Entry, skip map[int32]bool) bool {
	list := idx.Undated
	if !e.Date.IsZero() {
		i, ok := slices.BinarySearchFunc(idx.Months, timeline.MonthOf(e.Date.UTC()), func(ml MonthList, m timeline.Month) int { return ml.Month.Compare(m) })
		if !ok {
			return false
		}
		list = idx.Months[i].Cables
	}
	for _, ei := range list {
		if !skip[ei] && SamePage(&idx.Entries[ei], e) {
			return true
		}
	}
	return false
}
