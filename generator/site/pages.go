package site

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/taxonomy"
	"github.com/cablesite/cablesite/generator/timeline"
)

// A taxonomy of the index, and a term of it.
type (
	taxo = taxonomy.Grouping
	term = taxonomy.Term
)

// termLink returns the link to the list of term tm.
func termLink(tm *term) render.TermLink {
	return render.TermLink{Name: tm.Name, Meaning: tm.Meaning, Slug: tm.Slug, Path: layout.ListPath(tm.Dir, 1), Count: len(tm.Cables)}
}

// pageOf returns the common data of the page at path. Its description
// is the site's, until the page gives one of its own.
func (b *Builder) pageOf(kind render.Kind, section, path, title string) render.Page {
	return render.Page{
		Site: b.site, Kind: kind, Section: section, Path: path, Root: layout.RootOf(path),
		Title: title, Canonical: b.absURL(path), Description: b.siteDescription(),
	}
}

// siteDescription is the <meta name="description"> of the pages that
// have none of their own (search, 404): the configuration's description,
// or one made of the site's title and size, which every page shows in its
// footer (so that the incremental session renders them again when it
// changes).
func (b *Builder) siteDescription() string {
	if d := strings.TrimSpace(b.site.Description); d != "" {
		return d
	}
	return fmt.Sprintf("%s: %s of diplomatic correspondence to read, browse by date, origin, TAG and classification, and search.",
		b.site.Title, cablesText(b.site.Total))
}

// cablesText returns "1 cable", "1,234 cables".
func cablesText(n int) string {
	if n == 1 {
		return "1 cable"
	}
	return render.Num(n) + " cables"
}

// listDescription is the <meta name="description"> of a list: its
// heading and its size.
func listDescription(heading string, n int, order string) string {
	d := heading + ": " + cablesText(n)
	if order != "" {
		d += ", " + order
	}
	return d + "."
}

// absURL returns the absolute URL of path, or "" without a base URL.
func (b *Builder) absURL(path string) string {
	if b.cfg.BaseURL == "" {
		return ""
	}
	return b.cfg.BaseURL + path
}

// link returns a cable as lists show it on a page whose root is root.
func (b *Builder) link(ei int32, root string) render.CableLink {
	e := &b.idx.Entries[ei]
	l := render.CableLink{ID: cable.CleanText(e.ID), Subject: e.Subject, Title: e.Subject, Date: render.NewDate(e.Date), Path: e.Page()}
	l.Href = root + l.Path
	if l.Title == "" {
		l.Title = l.ID
	}
	if e.Origin >= 0 {
		l.Origin = b.idx.Origins.Terms[e.Origin].Name
	}
	if e.Class >= 0 {
		l.Classification = b.idx.Classes.Terms[e.Class].Name
	}
	return l
}

func (b *Builder) links(list []int32, root string) []render.CableLink {
	out := make([]render.CableLink, len(list))
	for i, ei := range list {
		out[i] = b.link(ei, root)
	}
	return out
}

// termHref returns a term's link as seen from a page whose root is root.
func termHref(l render.TermLink, root string) render.TermLink {
	l.Href = root + l.Path
	return l
}

func termHrefs(list []render.TermLink, root string) []render.TermLink {
	for i := range list {
		list[i].Href = root + list[i].Path
	}
	return list
}

// crumbs returns the breadcrumbs of a page whose root is root.
func crumbs(root string, links ...render.Link) render.Crumbs {
	for i := range links {
		links[i].Href = root + links[i].Path
	}
	return links
}

// spliceable returns a hole for each field that is not empty: HTML the
// build renders in Go, in its final form, which the page's minifier need
// not read.
func spliceable(fields ...*template.HTML) []hole {
	holes := make([]hole, 0, len(fields))
	for _, f := range fields {
		if *f != "" {
			holes = append(holes, hole{field: f, fill: []byte(*f)})
		}
	}
	return holes
}

// chart draws counts as an SVG timeline whose bars link to the month pages,
// for the page whose root is root.
func (w *worker) chart(c *timeline.Counts, title, root string) (template.HTML, error) {
	w.svg.Reset()
	err := timeline.WriteChart(&w.svg, c, timeline.ChartConfig{
		Title:  title,
		Link:   func(m timeline.Month) string { return root + layout.ListPath(layout.MonthDir(m), 1) },
		Inline: true, // spliced into its page past the minifier
	})
	if err != nil {
		return "", err
	}
	// The chart is built by package timeline, which escapes every text.
	return template.HTML(w.svg.String()), nil
}

func countsOf(b *Builder, list []int32) *timeline.Counts {
	var c timeline.Counts
	for _, ei := range list {
		c.Add(b.idx.Entries[ei].Date)
	}
	return &c
}

// pager returns the pagination of page p of n in dir. Pages of one list
// are in one folder, so they link to each other by file name.
func pager(dir string, p, n int) render.Pager {
	pg := render.Pager{Number: p, Count: n}
	if n <= 1 {
		return pg
	}
	if p > 1 {
		pg.Prev = layout.ListPath("", p-1)
	}
	if p < n {
		pg.Next = layout.ListPath("", p+1)
	}
	const near = 2
	last := 0
	for i := 1; i <= n; i++ {
		if i != 1 && i != n && (i < p-near || i > p+near) {
			continue
		}
		if last != 0 && i > last+1 {
			pg.Items = append(pg.Items, render.PagerItem{Gap: true})
		}
		pg.Items = append(pg.Items, render.PagerItem{Number: i, Href: layout.ListPath("", i), Current: i == p})
		last = i
	}
	return pg
}

// slice returns page p of list (oldest first) in the order asked: newest
// first reverses it.
func (b *Builder) slice(list []int32, p int, newestFirst bool) []int32 {
	lo, hi := (p-1)*b.pageSize, min(p*b.pageSize, len(list))
	if lo >= hi {
		return nil
	}
	if !newestFirst {
		return list[lo:hi]
	}
	out := make([]int32, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, list[len(list)-1-i])
	}
	return out
}

var (
	crumbHome  = render.Link{Text: "Home", Path: layout.Home}
	crumbDates = render.Link{Text: "Dates", Path: layout.Dates}
)

func (w *worker) home() error {
	b, idx := w.b, w.b.idx
	p := render.HomePage{
		Page:        b.pageOf(render.KindHome, "home", layout.Home, b.site.Title),
		Total:       len(idx.Entries),
		Undated:     len(idx.Undated),
		OriginCount: len(idx.Origins.Terms),
		TagCount:    len(idx.Tags.Terms),
	}
	p.Description = cablesText(p.Total)
	if len(idx.Months) > 0 {
		p.First = idx.Entries[idx.Months[0].Cables[0]].Date
		last := idx.Months[len(idx.Months)-1].Cables
		p.Last = idx.Entries[last[len(last)-1]].Date
		p.Description += fmt.Sprintf(" from %s to %s", p.First.Format("January 2006"), p.Last.Format("January 2006"))
	}
	var err error
	if p.Chart, err = w.chart(&idx.Counts, "All cables, per month", ""); err != nil {
		return err
	}
	p.TopTags = termHrefs(busiest(idx.Tags, 20), p.Root)
	p.TopOrigins = termHrefs(busiest(idx.Origins, 20), p.Root)
	p.Classifications = termHrefs(busiest(idx.Classes, len(idx.Classes.Terms)), p.Root)
	dated := len(idx.Order) - len(idx.Undated)
	for i := dated - 1; i >= 0 && i >= dated-10; i-- {
		p.Cables = append(p.Cables, b.link(idx.Order[i], p.Root))
	}
	p.CablesHTML = p.Cables.MinifiedHTML()
	if p.Intro, err = b.homeIntro(); err != nil {
		return err
	}
	return w.executeSpliced(render.KindHome, layout.Home, &p, spliceable(&p.Chart, &p.CablesHTML, &p.Intro)...)
}

// busiest returns the n terms with the most cables, busiest first.
func busiest(t *taxo, n int) []render.TermLink {
	list := slices.Clone(t.Sorted)
	slices.SortStableFunc(list, func(a, b int32) int {
		return cmp.Compare(len(t.Terms[b].Cables), len(t.Terms[a].Cables))
	})
	out := make([]render.TermLink, 0, min(n, len(list)))
	for _, ti := range list[:min(n, len(list))] {
		out = append(out, termLink(t.Terms[ti]))
	}
	return out
}

func (w *worker) notFound() error {
	b := w.b
	p := render.NotFoundPage{Page: b.pageOf(render.KindNotFound, "", layout.NotFound, "Page not found")}
	// Hosts serve this page for a missing address at any depth, so its
	// links start at the root: the base URL's path, or "/".
	p.Root = "/"
	if u, err := url.Parse(b.cfg.BaseURL); err == nil && b.cfg.BaseURL != "" {
		p.Root = u.EscapedPath()
		if !strings.HasSuffix(p.Root, "/") {
			p.Root += "/"
		}
	}
	p.Canonical = ""
	return w.execute(render.KindNotFound, layout.NotFound, &p)
}

func (w *worker) years() error {
	b, idx := w.b, w.b.idx
	p := render.TermsPage{
		Page:    b.pageOf(render.KindTerms, "date", layout.Dates, "Cables by date"),
		Heading: "Cables by date",
		Total:   len(idx.Entries),
	}
	p.Description = listDescription(p.Heading, p.Total, "by year and month")
	p.Crumbs = crumbs(p.Root, crumbHome)
	var err error
	if p.Chart, err = w.chart(&idx.Counts, "All cables, per month", p.Root); err != nil {
		return err
	}
	for i := 0; i < len(idx.Months); {
		year := idx.Months[i].Month.Year
		n := 0
		for ; i < len(idx.Months) && idx.Months[i].Month.Year == year; i++ {
			n += len(idx.Months[i].Cables)
		}
		decade := fmt.Sprintf("%ds", year/10*10)
		if g := len(p.Groups); g == 0 || p.Groups[g-1].Name != decade {
			p.Groups = append(p.Groups, render.TermGroup{Name: decade, ID: "d-" + decade})
		}
		g := &p.Groups[len(p.Groups)-1]
		g.Terms = append(g.Terms, termHref(render.TermLink{Name: fmt.Sprintf("%d", year), Slug: fmt.Sprintf("%d", year), Path: layout.YearPath(year), Count: n}, p.Root))
	}
	if len(idx.Undated) > 0 {
		p.Groups = append(p.Groups, render.TermGroup{Name: "Undated", ID: "undated", Terms: []render.TermLink{
			termHref(render.TermLink{Name: "Cables without a date", Slug: "undated", Path: layout.ListPath(layout.UndatedDir, 1), Count: len(idx.Undated)}, p.Root),
		}})
	}
	return w.executeSpliced(render.KindTerms, layout.Dates, &p, spliceable(&p.Chart)...)
}

func (w *worker) year(year int, months []index.MonthList) error {
	b := w.b
	path := layout.YearPath(year)
	title := fmt.Sprintf("Cables of %d", year)
	p := render.TermsPage{Page: b.pageOf(render.KindTerms, "date", path, title), Heading: title}
	p.Crumbs = crumbs(p.Root, crumbHome, crumbDates)
	p.Neighbours = b.yearNeighbours(year, p.Root)
	var c timeline.Counts
	g := render.TermGroup{Name: "Months", ID: "months"}
	for _, ml := range months {
		c.AddMonth(ml.Month, len(ml.Cables))
		p.Total += len(ml.Cables)
		g.Terms = append(g.Terms, termHref(render.TermLink{Name: ml.Month.Name(), Slug: ml.Month.String(), Path: layout.ListPath(layout.MonthDir(ml.Month), 1), Count: len(ml.Cables)}, p.Root))
	}
	p.Groups = []render.TermGroup{g}
	p.Description = listDescription(title, p.Total, "by month")
	var err error
	if p.Chart, err = w.chart(&c, title+", per month", p.Root); err != nil {
		return err
	}
	return w.executeSpliced(render.KindTerms, path, &p, spliceable(&p.Chart)...)
}

func (w *worker) month(ml *index.MonthList, pg, pages int) error {
	b := w.b
	dir := layout.MonthDir(ml.Month)
	path := layout.ListPath(dir, pg)
	title := "Cables of " + ml.Month.Name()
	p := render.ListPage{
		Page:    b.pageOf(render.KindList, "date", path, pageTitle(title, pg)),
		Heading: title, Total: len(ml.Cables), Order: "oldest first",
		Pager: pager(dir, pg, pages),
	}
	p.Cables = b.links(b.slice(ml.Cables, pg, false), p.Root)
	p.Neighbours = b.monthNeighbours(ml.Month, p.Root)
	p.Crumbs = crumbs(p.Root, crumbHome, crumbDates, render.Link{Text: fmt.Sprintf("%d", ml.Month.Year), Path: layout.YearPath(ml.Month.Year)})
	p.CablesHTML = p.Cables.MinifiedHTML()
	return w.list(path, &p)
}

// monthNeighbours returns the links from the page of month m, whose root
// is root, to the months before and after it that have cables.
func (b *Builder) monthNeighbours(m timeline.Month, root string) *render.Neighbours {
	months := b.idx.Months
	i, found := slices.BinarySearchFunc(months, m, func(ml index.MonthList, m timeline.Month) int { return ml.Month.Compare(m) })
	n := render.Neighbours{Label: "Months"}
	link := func(m timeline.Month) *render.Link {
		l := render.Link{Text: m.Name(), Path: layout.ListPath(layout.MonthDir(m), 1)}
		l.Href = root + l.Path
		return &l
	}
	if i > 0 {
		n.Prev = link(months[i-1].Month)
	}
	if found {
		i++
	}
	if i < len(months) {
		n.Next = link(months[i].Month)
	}
	if n.Prev == nil && n.Next == nil {
		return nil
	}
	return &n
}

// yearNeighbours returns the links from the page of a year, whose root is
// root, to the years before and after it that have cables.
func (b *Builder) yearNeighbours(year int, root string) *render.Neighbours {
	n := render.Neighbours{Label: "Years"}
	link := func(y int) *render.Link {
		l := render.Link{Text: strconv.Itoa(y), Path: layout.YearPath(y)}
		l.Href = root + l.Path
		return &l
	}
	for _, ml := range b.idx.Months {
		if y := ml.Month.Year; y < year {
			n.Prev = link(y)
		} else if y > year {
			n.Next = link(y)
			break
		}
	}
	if n.Prev == nil && n.Next == nil {
		return nil
	}
	return &n
}

func (w *worker) undated(pg, pages int) error {
	b := w.b
	path := layout.ListPath(layout.UndatedDir, pg)
	title := "Cables without a date"
	p := render.ListPage{
		Page:    b.pageOf(render.KindList, "date", path, pageTitle(title, pg)),
		Heading: title, Total: len(b.idx.Undated), Order: "by id",
		Pager: pager(layout.UndatedDir, pg, pages),
	}
	p.Cables = b.links(b.slice(b.idx.Undated, pg, false), p.Root)
	p.Crumbs = crumbs(p.Root, crumbHome, crumbDates)
	p.CablesHTML = p.Cables.MinifiedHTML()
	return w.list(path, &p)
}

// list writes the list page p: in Go while the templates it executes are
// the stock ones (render.Templates.Stock), else with its template, the
// chart and the list spliced past the minifier.
func (w *worker) list(path string, p *render.ListPage) error {
	heading := p.Heading
	if p.Intro != "" {
		heading += " (" + p.Intro + ")"
	}
	p.Description = listDescription(heading, p.Total, p.Order)
	if !w.b.cfg.Templates.Stock(render.KindList) {
		return w.executeSpliced(render.KindList, path, p, spliceable(&p.Chart, &p.CablesHTML)...)
	}
	chrome, err := w.b.cfg.Templates.Chrome(&p.Page, w.b.minifyHTML)
	if err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	var page strings.Builder
	p.WriteMinified(&page, chrome, []byte(p.Chart), []byte(p.CablesHTML))
	return w.writeWhole(path, []byte(page.String()))
}

func pageTitle(title string, pg int) string {
	if pg > 1 {
		return fmt.Sprintf("%s, page %d", title, pg)
	}
	return title
}

// taxoText is how pages name a taxonomy and its terms.
type taxoText struct {
	index, intro string
	heading      func(name string) string
}

func textOf(t *taxo) taxoText {
	switch t.Kind {
	case "tag":
		return taxoText{
			index:   "TAGS",
			intro:   "TAGS (Traffic Analysis by Geography and Subject) are the codes a cable's drafter chose: subjects such as PGOV, countries such as KV, organisations, people.",
			heading: func(n string) string { return "Cables tagged " + n },
		}
	case "origin":
		return taxoText{
			index: "Origins", intro: "The posts that sent the cables, by place.",
			heading: func(n string) string { return "Cables from " + n },
		}
	default:
		return taxoText{
			index: "Classifications", intro: "The cables by their classification and handling.",
			heading: func(n string) string { return "Cables classified " + n },
		}
	}
}

// terms renders the index of a taxonomy, its terms grouped by letter.
func (w *worker) terms(t *taxo) error {
	b := w.b
	txt := textOf(t)
	path := t.Kind + "/index.html"
	p := render.TermsPage{Page: b.pageOf(render.KindTerms, t.Kind, path, txt.index), Heading: txt.index, Intro: txt.intro}
	p.Crumbs = crumbs(p.Root, crumbHome)
	groups := map[string][]render.TermLink{}
	for _, ti := range t.Sorted {
		tm := t.Terms[ti]
		p.Total += len(tm.Cables)
		name := taxonomy.IndexGroup(t.Kind, tm.Name)
		groups[name] = append(groups[name], termHref(termLink(tm), p.Root))
	}
	for _, name := range taxonomy.IndexGroups() {
		if terms := groups[name]; len(terms) > 0 {
			p.Groups = append(p.Groups, render.TermGroup{Name: name, ID: "g-" + taxonomy.Slug(name), Terms: terms})
		}
	}
	p.Description = strings.TrimSpace(fmt.Sprintf("%s of %s: %s in all. %s", txt.index, cablesText(b.site.Total), render.Num(len(t.Sorted)), txt.intro))
	return w.execute(render.KindTerms, path, &p)
}

// termList renders page pg of a term's cables, newest first.
func (w *worker) termList(t *taxo, tm *term, pg, pages int) error {
	b := w.b
	txt := textOf(t)
	path := layout.ListPath(tm.Dir, pg)
	heading := txt.heading(tm.Name)
	p := render.ListPage{
		Page:    b.pageOf(render.KindList, t.Kind, path, pageTitle(heading, pg)),
		Heading: heading, Intro: tm.Meaning,
		Total: len(tm.Cables), Order: "newest first",
		Pager: pager(tm.Dir, pg, pages),
	}
	term := termHref(termLink(tm), p.Root)
	p.Term = &term
	p.Cables = b.links(b.slice(tm.Cables, pg, true), p.Root)
	p.Crumbs = crumbs(p.Root, crumbHome, render.Link{Text: txt.index, Path: t.Kind + "/index.html"})
	if t == b.idx.Tags {
		p.Feed = tm.Dir + "feed.xml"
	}
	if pg == 1 {
		var err error
		if p.Chart, err = w.chart(countsOf(b, tm.Cables), heading+", per month", p.Root); err != nil {
			return err
		}
	}
	p.CablesHTML = p.Cables.MinifiedHTML()
	return w.list(path, &p)
}

// writeAssets publishes the templates' other files under assets/ with
// fingerprinted names, and tells the pages their paths.
func (b *Builder) writeAssets() error {
	b.site.Assets = map[string]string{}
	for _, a := range b.cfg.Templates.Assets() {
		name := "assets/" + publish.Fingerprint(a.Name, a.Data)
		if err := publish.CheckName(name); err != nil {
			return fmt.Errorf("templates/%s: %w", a.Name, err)
		}
		if err := b.write(name, a.Data); err != nil {
			return err
		}
		b.site.Assets[a.Name] = name
	}
	b.site.CSS = b.site.Assets["style.css"]
	b.site.JS = b.site.Assets["site.js"]
	b.site.Icon = b.site.Assets["favicon.svg"]
	return nil
}

// searchPage writes the search page; the client (search-core.js and
// search.js, assets of the templates) loads the index files under search/
// as it needs them.
func (w *worker) searchPage() error {
	p := w.b.pageOf(render.KindSearch, "search", layout.Search, "Search")
	return w.execute(render.KindSearch, layout.Search, &p)
}
