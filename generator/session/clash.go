package session

import (
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/timeline"
)

// touchClashes adds to cables the cables whose page is, or was, that of
// a changed one, case aside: they may have been left out for it, or be
// now. Their problems are found again.
func (s *Session) touchClashes(idx0, idx1 *index.Index, cables map[string]bool) {
	var changed []*index.Entry
	months := map[timeline.Month]bool{}
	undated := false
	for id := range cables {
		for _, idx := range []*index.Index{idx0, idx1} {
			if ei, ok := idx.ByID[id]; ok {
				e := &idx.Entries[ei]
				changed = append(changed, e)
				if e.Date.IsZero() {
					undated = true
				} else {
					months[timeline.MonthOf(e.Date.UTC())] = true
				}
			}
		}
	}
	for i := range s.scans {
		sc := &s.scans[i]
		if sc.Err != nil || cables[sc.ID] || (sc.Date.IsZero() && !undated) || (!sc.Date.IsZero() && !months[timeline.MonthOf(sc.Date.UTC())]) {
			continue
		}
		e := index.Entry{ID: sc.ID, Date: sc.Date}
		for _, c := range changed {
			if index.SamePage(&e, c) {
				cables[sc.ID] = true
				if _, touched := s.problems[s.files[i]]; !touched {
					s.problems[s.files[i]] = ""
				}
				break
			}
		}
	}
}
