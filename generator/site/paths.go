package site

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
)

// jobOf returns the job writing the file of the site at p, found from
// its path (package layout) in the index; false when the site has no
// such file. The job is the one schedule emits for p.
func (b *Builder) jobOf(p string) (job, bool) {
	switch p {
	case layout.Home:
		return func(w *worker) error { return w.home() }, true
	case layout.NotFound:
		return func(w *worker) error { return w.notFound() }, true
	case layout.Search:
		return func(w *worker) error { return w.searchPage() }, b.site.Search
	case layout.Feed:
		return func(w *worker) error { return w.feed(layout.Feed, "", nil) }, true
	case layout.Dates:
		return func(w *worker) error { return w.years() }, true
	}
	if strings.HasPrefix(p, "cable/") {
		ei, ok := b.cableAt(p)
		return func(w *worker) error { return w.cable(ei) }, ok
	}
	for _, ed := range b.editorial {
		switch {
		case ed.Home:
		case p == ed.Path:
			return func(w *worker) error { return w.editorialPage(ed) }, true
		case ed.IsCollection() && p == ed.FeedPath():
			return b.collectionFeed(ed), true
		}
	}
	if slices.Contains(b.static, p) {
		return func(*worker) error { return b.copyStatic(p) }, true
	}
	return b.listJob(p)
}

// A listAt is what a folder of the site (or a year's page) lists.
type listAt struct {
	month  *index.MonthList
	t      *taxo
	tm     *term
	year   int
	months []index.MonthList // a year's
}

// listsAt returns the lists of the index by their folders ("date/2007/09/",
// "tag/pgov/"), and the years by their pages, made once per index.
func (b *Builder) listsAt() map[string]listAt {
	if b.lists != nil && b.listsOf == b.idx {
		return b.lists
	}
	idx := b.idx
	lists := map[string]listAt{}
	for i := 0; i < len(idx.Months); {
		year, j := idx.Months[i].Month.Year, i
		for ; j < len(idx.Months) && idx.Months[j].Month.Year == year; j++ {
			lists[layout.MonthDir(idx.Months[j].Month)] = listAt{month: &idx.Months[j]}
		}
		lists[layout.YearPath(year)] = listAt{year: year, months: idx.Months[i:j]}
		i = j
	}
	for _, t := range idx.Taxonomies() {
		lists[layout.TermsPath(t.Kind)] = listAt{t: t}
		for _, tm := range t.Terms {
			lists[tm.Dir] = listAt{t: t, tm: tm}
		}
	}
	b.lists, b.listsOf = lists, idx
	return lists
}

// cableAt returns the entry whose page is p: a cable of its month.
func (b *Builder) cableAt(p string) (int32, bool) {
	list := b.idx.Undated
	if dir := path.Dir(p); dir != "cable/undated" {
		l := b.listsAt()["date"+strings.TrimPrefix(dir, "cable")+"/"]
		if l.month == nil {
			return 0, false
		}
		list = l.month.Cables
	}
	for _, ei := range list {
		if b.idx.Entries[ei].Page() == p {
			return ei, true
		}
	}
	return 0, false
}

// listJob returns the job writing p, a page of a list of cables (a
// month's, the undated, a term's), a taxonomy's or a year's index, or a
// TAG's feed.
func (b *Builder) listJob(p string) (job, bool) {
	lists := b.listsAt()
	if l, ok := lists[p]; ok && l.t != nil {
		return func(w *worker) error { return w.terms(l.t) }, true
	} else if ok {
		return func(w *worker) error { return w.year(l.year, l.months) }, true
	}
	dir, file := path.Split(p)
	pg := 1
	if n, ok := strings.CutPrefix(file, "page-"); ok {
		pg, _ = strconv.Atoi(strings.TrimSuffix(n, ".html"))
	}
	list := func(n int, render func(w *worker, pg, pages int) error) (job, bool) {
		pages := b.pageCount(n)
		return func(w *worker) error { return render(w, pg, pages) }, pg >= 1 && pg <= pages && layout.ListPath(dir, pg) == p
	}
	l, ok := lists[dir]
	switch {
	case dir == layout.UndatedDir && len(b.idx.Undated) > 0:
		return list(len(b.idx.Undated), (*worker).undated)
	case !ok:
		return nil, false
	case l.month != nil:
		return list(len(l.month.Cables), func(w *worker, pg, pages int) error { return w.month(l.month, pg, pages) })
	case l.tm == nil || len(l.tm.Cables) == 0:
		return nil, false
	case file == "feed.xml":
		return func(w *worker) error { return w.feed(p, l.tm.Name, l.tm.Cables) }, l.t == b.idx.Tags
	}
	return list(len(l.tm.Cables), func(w *worker, pg, pages int) error { return w.termList(l.t, l.tm, pg, pages) })
}

// pageCount returns the number of pages of a list of n cables.
func (b *Builder) pageCount(n int) int { return max(1, (n+b.pageSize-1)/b.pageSize) }
