package session

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/taxonomy"
	"github.com/cablesite/cablesite/generator/timeline"
)

// updateContent reads the changed content files again, updates the index
// and renders the pages the change reaches (see plan).
//
// When every changed file keeps its id, date, origin, classification,
// TAGS and references (an edit of the text or the subject), the index
// keeps its shape: the subjects are updated in place. Otherwise the index
// is built again from the scans kept, in memory, and the pages of the old
// and the new index are compared.
func (s *Session) updateContent(ctx context.Context, paths []string) error {
	b := s.b
	changed := s.expand(paths)
	if len(changed) == 0 {
		return nil
	}
	news := s.rescanAll(ctx, changed)
	if err := ctx.Err(); err != nil {
		s.retry = append(s.retry, paths...) // nothing was changed yet
		return err
	}
	s.searchStale = true
	olds, same, edited := s.merge(changed, news)

	idx0 := b.Index()
	cables := map[string]bool{} // ids of the cables changed
	moved := map[string]bool{}  // ids whose link (subject, date, origin, classification, page) changed
	if same {
		for _, f := range edited {
			j, _ := s.find(f)
			n := &s.scans[j]
			ei, ok := idx0.ByID[n.ID]
			if !ok || idx0.Entries[ei].File != f {
				continue // a duplicate, skipped
			}
			cables[n.ID] = true
			if e := &idx0.Entries[ei]; e.Subject != n.Subject {
				e.Subject = n.Subject
				moved[n.ID] = true
			}
		}
		return s.execute(ctx, s.plan(idx0, idx0, cables, moved, olds))
	}

	idx1 := index.Patch(idx0, s.edits(idx0, changed, olds))
	if idx1 == nil {
		idx1 = s.reindex()
	}
	for _, f := range changed {
		if _, broken := s.broken[f]; broken {
			continue // as it was
		}
		if o, ok := olds[f]; ok && o.Err == nil {
			cables[o.ID] = true
		}
		if j, ok := s.find(f); ok && s.scans[j].Err == nil {
			cables[s.scans[j].ID] = true
		}
	}
	s.touchClashes(idx0, idx1, cables)
	for id := range cables {
		if !sameLink(idx0, idx1, id) {
			moved[id] = true
		}
	}
	// Files sharing an id with a changed one may have become, or stopped
	// being, its skipped duplicate.
	for i := range s.scans {
		if sc := &s.scans[i]; sc.Err == nil && cables[sc.ID] {
			if _, touched := s.problems[s.files[i]]; !touched {
				s.problems[s.files[i]] = ""
			}
		}
	}
	p := s.plan(idx0, idx1, cables, moved, olds)
	if b.SetIndex(idx1) {
		// Every page's footer counts the cables: Settle renders them all
		// again.
		s.pendAll()
	}
	return s.execute(ctx, p)
}

// merge puts the new scans of the changed files in place of the kept
// ones. It returns the scans the changed files had (olds, if any),
// whether the index keeps its shape (same), and the files that changed
// keeping their shape and read well (edited). A file that stops reading
// well keeps its last good scan, and is broken.
func (s *Session) merge(changed []string, news []index.Scan) (olds map[string]index.Scan, same bool, edited []string) {
	olds = map[string]index.Scan{}
	same = true
	for i, f := range changed {
		n := news[i]
		j, known := s.find(f)
		if known {
			olds[f] = s.scans[j]
		}
		s.problems[f] = "" // touched: checkProblems finds its problem
		switch {
		case n.Err == index.ErrGone:
			delete(s.broken, f)
			if known {
				s.files = slices.Delete(s.files, j, j+1)
				s.scans = slices.Delete(s.scans, j, j+1)
				if olds[f].Err == nil {
					same = false
				}
			}
		case n.Err != nil:
			if known && s.scans[j].Err == nil {
				// The last good version stays until the file is fixed.
				s.broken[f] = n.Err
				continue
			}
			if known {
				s.scans[j] = n
			} else {
				s.files = slices.Insert(s.files, j, f)
				s.scans = slices.Insert(s.scans, j, n)
			}
		default:
			delete(s.broken, f)
			if !known {
				s.files = slices.Insert(s.files, j, f)
				s.scans = slices.Insert(s.scans, j, n)
				same = false
				continue
			}
			o := s.scans[j]
			s.scans[j] = n
			if o.Err != nil || !sameShape(&o, &n) {
				same = false
			} else {
				edited = append(edited, f)
			}
		}
	}

	return olds, same, edited
}

// rescanAll reads the front matter of files on the workers.
func (s *Session) rescanAll(ctx context.Context, files []string) []index.Scan {
	out := make([]index.Scan, len(files))
	r := s.b.Reader()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(files), r.Workers) {
		wg.Go(func() {
			var buf []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				out[i], buf = r.Rescan(files[i], buf)
			}
		})
	}
	wg.Wait()
	return out
}

// reindex builds the index again from the scans kept.
func (s *Session) reindex() *index.Index {
	return s.b.Reindex(s.files, s.scans)
}

// sameShape reports whether two scans of a file index alike: all but
// the subject are equal.
func sameShape(a, b *index.Scan) bool {
	return a.ID == b.ID && a.Date.Equal(b.Date) &&
		a.Origin == b.Origin && a.Class == b.Class && slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Refs, b.Refs)
}

// sameLink reports whether the cable id shows alike in the lists of both
// indexes: present in both, with the same subject, date, origin and
// classification.
func sameLink(idx0, idx1 *index.Index, id string) bool {
	i0, ok0 := idx0.ByID[id]
	i1, ok1 := idx1.ByID[id]
	if !ok0 || !ok1 {
		return false
	}
	e0, e1 := &idx0.Entries[i0], &idx1.Entries[i1]
	return e0.Subject == e1.Subject && e0.Date.Equal(e1.Date) &&
		termName(idx0.Origins, e0.Origin) == termName(idx1.Origins, e1.Origin) &&
		termName(idx0.Classes, e0.Class) == termName(idx1.Classes, e1.Class)
}

func termName(t *taxonomy.Grouping, i int32) string {
	if i < 0 {
		return ""
	}
	return t.Terms[i].Name
}

// A plan is the files an update writes again and removes.
type plan struct {
	render  map[string]bool // the files to render again
	gone    map[string]bool // files no longer written
	sitemap bool            // the pages or their order changed
}

// plan lists the pages the change of the cables changed reaches, from the
// index before it (idx0) and after (idx1), which are the same index when
// its shape is kept. moved are the cables whose link changed. olds are
// the scans the changed files had.
//
// A cable's page shows its neighbours (by date, and by date within its
// origin), the cables it cites and those citing it, with their subjects
// and dates: those pages change when the cable's link changes or it
// comes, goes or moves, and they are found in both indexes. A list's page
// changes when the cables on it, or their links, or the list's size
// change. The home page and the collection's feed are cheap and always
// rendered; the indexes of dates and terms when the shape changed.
func (s *Session) plan(idx0, idx1 *index.Index, cables, moved map[string]bool, olds map[string]index.Scan) *plan {
	p := &plan{render: map[string]bool{}, gone: map[string]bool{}}
	same := idx0 == idx1
	pages := map[string]bool{} // ids of the cables whose page to render
	lists := map[listKey]bool{}
	years := map[int]bool{}
	for _, id := range slices.Sorted(maps.Keys(cables)) {
		pages[id] = true
		for side, idx := range []*index.Index{idx0, idx1} {
			ei, ok := idx.ByID[id]
			if !ok || side == 1 && same {
				continue
			}
			e := &idx.Entries[ei]
			if moved[id] {
				for _, n := range neighbours(idx, ei) {
					pages[idx.Entries[n].ID] = true
				}
				for _, c := range idx.Citing(ei) {
					pages[idx.Entries[c].ID] = true
				}
			}
			refs := s.refsOf(e.File, side == 0, olds)
			if moved[id] || !slices.Equal(s.refsOf(e.File, true, olds), s.refsOf(e.File, false, olds)) {
				for _, r := range refs {
					if t, ok := idx.ByID[r]; ok {
						pages[idx.Entries[t].ID] = true
					}
				}
			}
			for _, k := range keysOf(idx, e) {
				lists[k] = true
			}
			if !e.Date.IsZero() {
				years[e.Date.Year()] = true
			}
			if side == 0 {
				if i1, ok := idx1.ByID[id]; !ok || idx1.Entries[i1].Page() != e.Page() {
					p.gone[e.Page()] = true
				}
			}
		}
	}
	if !same {
		// A term whose folder changed (its slug was taken by a new term,
		// or the taxonomy grew past maxTermFolders) moves every page
		// listing it and every cable's page linking to it.
		for _, t1 := range idx1.Taxonomies() {
			t0 := idx0.Taxonomy(t1.Kind)
			for _, tm := range t1.Terms {
				if i0, ok := t0.IDs[tm.Name]; ok && t0.Terms[i0].Dir != tm.Dir {
					lists[listKey{kind: t1.Kind, name: tm.Name}] = true
					for _, ei := range tm.Cables {
						pages[idx1.Entries[ei].ID] = true
					}
				}
			}
		}
	}

	for id := range pages {
		if ei, ok := idx1.ByID[id]; ok {
			s.addCable(p, idx1, ei)
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(lists), compareKeys) {
		s.compareList(p, idx0, idx1, k, moved)
	}
	p.render[layout.Home] = true
	p.render[layout.Feed] = true
	if same {
		return p
	}
	p.sitemap = true
	p.render[layout.Dates] = true
	for _, t := range idx1.Taxonomies() {
		p.render[layout.TermsPath(t.Kind)] = true
	}
	// Month and year pages link to their neighbours.
	changedMonths, changedYears := neighboursChanged(idx0, idx1)
	for _, y := range changedYears {
		years[y] = true
	}
	for _, i := range changedMonths {
		ml := &idx1.Months[i]
		n := s.pageCount(len(ml.Cables))
		for pg := 1; pg <= n; pg++ {
			p.render[layout.ListPath(layout.MonthDir(ml.Month), pg)] = true
		}
	}
	for year := range years {
		i, _ := slices.BinarySearchFunc(idx1.Months, year, func(ml index.MonthList, y int) int { return cmp.Compare(ml.Month.Year, y) })
		j := i
		for j < len(idx1.Months) && idx1.Months[j].Month.Year == year {
			j++
		}
		if i == j {
			p.gone[layout.YearPath(year)] = true
			continue
		}
		p.render[layout.YearPath(year)] = true
	}
	return p
}

// refsOf returns the references of the content file f as the index
// before the change (old) or after it read them.
func (s *Session) refsOf(f string, old bool, olds map[string]index.Scan) []string {
	if old {
		if o, ok := olds[f]; ok {
			return o.Refs
		}
	}
	if j, ok := s.find(f); ok {
		return s.scans[j].Refs
	}
	return nil
}

// neighbours returns the cables before and after entry ei in the
// collection and in its origin.
func neighbours(idx *index.Index, ei int32) []int32 {
	var out []int32
	e := &idx.Entries[ei]
	if e.Rank > 0 {
		out = append(out, idx.Order[e.Rank-1])
	}
	if int(e.Rank)+1 < len(idx.Order) {
		out = append(out, idx.Order[e.Rank+1])
	}
	if e.Origin >= 0 {
		list := idx.Origins.Terms[e.Origin].Cables
		if e.OriginPos > 0 {
			out = append(out, list[e.OriginPos-1])
		}
		if int(e.OriginPos)+1 < len(list) {
			out = append(out, list[e.OriginPos+1])
		}
	}
	return out
}

// addCable plans the page of entry ei, unless its file does not read.
func (s *Session) addCable(p *plan, idx *index.Index, ei int32) {
	e := &idx.Entries[ei]
	if _, broken := s.broken[e.File]; broken {
		return
	}
	p.render[e.Page()] = true
}

// listKey names a list of cables across indexes.
type listKey struct {
	kind  string // "month", "undated", or a taxonomy's kind
	month timeline.Month
	name  string // a term's name
}

func compareKeys(a, b listKey) int {
	return cmp.Or(cmp.Compare(a.kind, b.kind), a.month.Compare(b.month), cmp.Compare(a.name, b.name))
}

// keysOf returns the lists entry e is in.
func keysOf(idx *index.Index, e *index.Entry) []listKey {
	ks := []listKey{{kind: "undated"}}
	if !e.Date.IsZero() {
		ks[0] = listKey{kind: "month", month: timeline.MonthOf(e.Date)}
	}
	for _, ti := range e.Tags {
		ks = append(ks, listKey{kind: idx.Tags.Kind, name: idx.Tags.Terms[ti].Name})
	}
	if e.Origin >= 0 {
		ks = append(ks, listKey{kind: idx.Origins.Kind, name: idx.Origins.Terms[e.Origin].Name})
	}
	if e.Class >= 0 {
		ks = append(ks, listKey{kind: idx.Classes.Kind, name: idx.Classes.Terms[e.Class].Name})
	}
	return ks
}

// cableList is a list of cables as its pages show it.
type cableList struct {
	dir         string
	cables      []int32 // in collection order
	newestFirst bool
	chart       bool   // its first page charts the whole list
	feed        string // a TAG's feed, or ""
}

// lookup returns the list k of idx, if it has one.
func (s *Session) lookup(idx *index.Index, k listKey) (cableList, bool) {
	switch k.kind {
	case "month":
		i, ok := slices.BinarySearchFunc(idx.Months, k.month, func(ml index.MonthList, m timeline.Month) int { return ml.Month.Compare(m) })
		if !ok {
			return cableList{}, false
		}
		ml := &idx.Months[i]
		return cableList{dir: layout.MonthDir(ml.Month), cables: ml.Cables}, true
	case "undated":
		if len(idx.Undated) == 0 {
			return cableList{}, false
		}
		return cableList{dir: layout.UndatedDir, cables: idx.Undated}, true
	}
	t := idx.Taxonomy(k.kind)
	ti, ok := t.IDs[k.name]
	if !ok {
		return cableList{}, false
	}
	tm := t.Terms[ti]
	l := cableList{dir: tm.Dir, cables: tm.Cables, newestFirst: true, chart: true}
	if t == idx.Tags {
		l.feed = tm.Dir + "feed.xml"
	}
	return l, true
}

// pageCount returns the number of pages of a list of n cables.
func (s *Session) pageCount(n int) int { return max(1, (n+s.b.PageSize()-1)/s.b.PageSize()) }

// pageOfPos returns the page showing position i of a list of n cables.
func (s *Session) pageOfPos(i, n int, newestFirst bool) int {
	if newestFirst {
		i = n - 1 - i
	}
	return i/s.b.PageSize() + 1
}

// compareList plans the pages of list k that differ between the indexes,
// and the removal of those gone.
func (s *Session) compareList(p *plan, idx0, idx1 *index.Index, k listKey, moved map[string]bool) {
	l0, ok0 := s.lookup(idx0, k)
	l1, ok1 := s.lookup(idx1, k)
	n0, n1 := 0, 0
	if ok0 {
		n0 = s.pageCount(len(l0.cables))
	}
	if ok1 {
		n1 = s.pageCount(len(l1.cables))
	}
	whole := !ok0 || !ok1 || l0.dir != l1.dir || len(l0.cables) != len(l1.cables)
	if ok0 && (!ok1 || l0.dir != l1.dir) {
		for pg := 1; pg <= n0; pg++ {
			p.gone[layout.ListPath(l0.dir, pg)] = true
		}
		if l0.feed != "" {
			p.gone[l0.feed] = true
		}
	}
	if whole || n0 != n1 {
		p.sitemap = true
	}
	if !ok1 {
		return
	}
	if l1.feed != "" {
		p.render[l1.feed] = true
	}
	render := map[int]bool{}
	if whole {
		for pg := 1; pg <= n1; pg++ {
			render[pg] = true
		}
	} else {
		n := len(l1.cables)
		if idx0 != idx1 {
			for i := range l1.cables {
				if idx0.Entries[l0.cables[i]].ID != idx1.Entries[l1.cables[i]].ID {
					render[s.pageOfPos(i, n, l1.newestFirst)] = true
				}
			}
		}
		for id := range moved {
			ei, ok := idx1.ByID[id]
			if !ok {
				continue
			}
			rank := idx1.Entries[ei].Rank
			i, found := slices.BinarySearchFunc(l1.cables, rank, func(c int32, r int32) int { return cmp.Compare(idx1.Entries[c].Rank, r) })
			if found {
				render[s.pageOfPos(i, n, l1.newestFirst)] = true
			}
		}
		if l1.chart && len(render) > 0 {
			render[1] = true // its chart counts the list by month
		}
	}
	for pg := range render {
		p.render[layout.ListPath(l1.dir, pg)] = true
	}
	for pg := n1 + 1; pg <= n0; pg++ {
		p.gone[layout.ListPath(l0.dir, pg)] = true
	}
}

// execute renders the plan's pages and removes the files gone. When it
// fails part-way, Settle renders the plan's pages again, from the index as
// it is then, and sweeps the folder of the files gone.
func (s *Session) execute(ctx context.Context, p *plan) (err error) {
	defer func() {
		if err != nil {
			for name := range p.render {
				s.redo[name] = true
			}
			s.sweep, s.sitemapStale = true, true
		}
	}()
	if err = s.render(ctx, p.render); err != nil {
		return err
	}
	if p.sitemap {
		// No reader waits for it: Settle writes it.
		s.sitemapStale = true
	}
	for _, path := range slices.Sorted(maps.Keys(p.gone)) {
		if p.render[path] {
			continue
		}
		if err := s.folder.Remove(path); err != nil {
			return err
		}
		// A cable's text goes with its page (search.TextPath, written with it).
		if s.b.Search() && strings.HasPrefix(path, "cable/") {
			if err := s.folder.Remove(search.TextPath(path)); err != nil {
				return err
			}
		}
	}
	return nil
}
