package session

import "github.com/cablesite/cablesite/generator/index"

// edits returns the cables of idx0 the change of the files changed
// edits, or nil when the change is beyond a patch (see index.Patch).
func (s *Session) edits(idx0 *index.Index, changed []string, olds map[string]index.Scan) []index.Edit {
	var edits []index.Edit
	for _, f := range changed {
		if _, broken := s.broken[f]; broken {
			continue // it stays as it was
		}
		o, known := olds[f]
		j, now := s.find(f)
		oldOK := known && o.Err == nil
		newOK := now && s.scans[j].Err == nil
		if !oldOK && !newOK {
			continue // skipped before and after
		}
		if !oldOK || !newOK || o.ID != s.scans[j].ID {
			return nil
		}
		ei, ok := idx0.ByID[o.ID]
		if !ok {
			return nil
		}
		if idx0.Entries[ei].File != f {
			continue // a duplicate, skipped before and after
		}
		edits = append(edits, index.Edit{Entry: ei, Old: &o, New: &s.scans[j]})
	}
	return edits
}
