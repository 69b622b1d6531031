package site

import (
	"path"
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
		case ed.IsCollection() && p == ed.feedPath():
			return b.collectionFeed(ed), true
		}
	}
	return b.listJob(p)
}

// cableAt returns the entry whose page is p.
func (b *Builder) cableAt(p string) (int32, bool) {
	list := b.idx.Undated
	if dir := path.Dir(p); dir != "cable/undated" {
		ml, ok := b.monthAt("date" + strings.TrimPrefix(dir, "cable") + "/")
		if !ok {
			return 0, false
		}
		list = ml.Cables
	}
	for _, ei := range list {
		if b.idx.Entries[ei].Page() == p {
			return ei, true
		}
	}
	return 0, false
}

// monthAt returns the month whose list's folder is dir.
func (b *Builder) monthAt(dir string) (*index.MonthList, bool) {
	for i := range b.idx.Months {
		if ml := &b.idx.Months[i]; layout.MonthDir(ml.Month) == dir {
			return ml, true
		}
	}
	return nil, false
}

// listJob returns the job writing p, a page of a list of cables (a
// month's, the undated, a term's), a taxonomy's or a year's index, or a
// TAG's feed.
func (b *Builder) listJob(p string) (job, bool) {
	idx := b.idx
	dir, file := path.Split(p)
	for _, t := range idx.Taxonomies() {
		if p == layout.TermsPath(t.Kind) {
			return func(w *worker) error { return w.terms(t) }, true
		}
	}
	for i := 0; i < len(idx.Months); {
		year, j := idx.Months[i].Month.Year, i
		for j < len(idx.Months) && idx.Months[j].Month.Year == year {
			j++
		}
		if p == layout.YearPath(year) {
			months := idx.Months[i:j]
			return func(w *worker) error { return w.year(year, months) }, true
		}
		i = j
	}
	pg := 1
	if n, ok := strings.CutPrefix(file, "page-"); ok {
		pg, _ = strconv.Atoi(strings.TrimSuffix(n, ".html"))
	} else if file != "index.html" && file != "feed.xml" {
		return nil, false
	}
	list := func(n int, render func(w *worker, pg, pages int) error) (job, bool) {
		pages := b.pageCount(n)
		return func(w *worker) error { return render(w, pg, pages) }, pg >= 1 && pg <= pages && layout.ListPath(dir, pg) == p
	}
	if dir == layout.UndatedDir && len(idx.Undated) > 0 {
		return list(len(idx.Undated), (*worker).undated)
	}
	if ml, ok := b.monthAt(dir); ok {
		return list(len(ml.Cables), func(w *worker, pg, pages int) error { return w.month(ml, pg, pages) })
	}
	for _, t := range idx.Taxonomies() {
		for _, tm := range t.Terms {
			switch {
			case tm.Dir != dir || len(tm.Cables) == 0:
			case file == "feed.xml" && t == idx.Tags:
				return func(w *worker) error { return w.feed(p, tm.Name, tm.Cables) }, true
			case file != "feed.xml":
				return list(len(tm.Cables), func(w *worker, pg, pages int) error { return w.termList(t, tm, pg, pages) })
			}
		}
	}
	return nil, false
}

// pageCount returns the number of pages of a list of n cables.
func (b *Builder) pageCount(n int) int { return max(1, (n+b.pageSize-1)/b.pageSize) }
