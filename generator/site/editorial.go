package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/util"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/editorial"
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/markdown"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/static"
)

// edPage is an editorial page of the site (package editorial) with its
// collection's cables found in the index.
type edPage struct {
	*editorial.Page
	cables  []int32  // the collection's cables in the site, in its order
	missing []string // the ids it names that the site lacks
	// cites are the ids of the cables of the site its body links to, in
	// the order of their first link, but those of its own collection.
	// (Ids, not entries: a session's Editorial reads them after the
	// index changed, before the pages are read again.)
	cites []string
}

// listEditorial returns the editorial pages of the content folder, and
// leaves its other files in b.static, to check (see editorial.List).
func (b *Builder) listEditorial() []string {
	l := editorial.List(b.cfg.Content, b.name)
	for _, msg := range l.Problems {
		b.warn(msg)
	}
	b.skipped += l.Skipped
	b.static = l.Files
	return l.Pages
}

// readEditorial reads the editorial pages, reporting and skipping those
// that cannot be read, drafts, and a page whose address another took; it
// finds each collection's cables in the index, and adds the pages that
// ask for it to the menu.
func (b *Builder) readEditorial(files []string) []*edPage {
	var pages []*edPage
	taken := map[string]string{}
	var menu []*edPage
	b.inCollections = map[int32][]*edPage{}
	for _, f := range files {
		data, err := fs.ReadFile(b.cfg.Content, f)
		if err != nil {
			b.warn(fmt.Sprintf("%s: %v: skipped", b.name(f), index.UnwrapPath(err)))
			b.skipped++
			continue
		}
		p, err := editorial.Read(b.name(f), f, cable.CleanBytes(data))
		if err != nil {
			b.warn(err.Error() + ": skipped")
			b.skipped++
			continue
		}
		for _, w := range p.Warnings {
			b.warn(w)
		}
		if p.Draft {
			continue
		}
		if other, ok := taken[p.Path]; ok {
			b.warn(fmt.Sprintf("%s:1: its page %s is %s's: skipped", b.name(f), p.Path, b.name(other)))
			b.skipped++
			continue
		}
		taken[p.Path] = f
		ep := &edPage{Page: p}
		for _, id := range p.Cables {
			if ei, ok := b.idx.ByID[id]; ok {
				ep.cables = append(ep.cables, ei)
			} else {
				ep.missing = append(ep.missing, id)
			}
		}
		if len(ep.missing) > 0 {
			b.warn(fmt.Sprintf("%s:%d: the collection names cables the site does not have: %s", b.name(f), p.CablesLine, strings.Join(ep.missing, ", ")))
		}
		pages = append(pages, ep)
		for _, ei := range ep.cables {
			b.inCollections[ei] = append(b.inCollections[ei], ep)
		}
		if p.Menu && !p.Home {
			menu = append(menu, ep)
		}
	}
	slices.SortStableFunc(menu, func(x, y *edPage) int {
		if x.Weight != y.Weight {
			return x.Weight - y.Weight
		}
		return strings.Compare(x.Title, y.Title)
	})
	for _, p := range menu {
		b.site.Menu = append(b.site.Menu, render.MenuLink{Name: p.Title, URL: p.Path})
	}
	b.edFiles = make(map[string]*edPage, len(pages))
	for _, p := range pages {
		b.edFiles[p.File] = p
	}
	b.citedIn = map[int32][]*edPage{}
	for _, p := range pages {
		p.cites = nil
		for _, ei := range b.readLinks(p) {
			b.citedIn[ei] = append(b.citedIn[ei], p)
			p.cites = append(p.cites, b.idx.Entries[ei].ID)
		}
	}
	b.checkStatic(pages)
	return pages
}

// checkStatic leaves in b.static the files that may be copied beside
// pages, reporting and skipping the others.
func (b *Builder) checkStatic(pages []*edPage) {
	eds := make([]*editorial.Page, len(pages))
	for i, p := range pages {
		eds[i] = p.Page
	}
	var problems []string
	b.static, problems = static.Check(b.static, eds, b.name)
	for _, msg := range problems {
		b.warn(msg)
		b.skipped++
	}
}

// copyStatic copies file of the content folder into the site; one that
// cannot be read is reported and skipped.
func (b *Builder) copyStatic(file string) error {
	problem, err := static.Copy(b.cfg.Content, file, b.name(file), b.w)
	if problem != "" {
		b.warnLate(problem)
	} else if err == nil {
		b.copied.Add(1)
	}
	return err
}

// collectionsOf returns the links to the collections cable ei is in, from
// a page whose root is root.
func (b *Builder) collectionsOf(ei int32, root string) []render.Link {
	var out []render.Link
	for _, p := range b.inCollections[ei] {
		out = append(out, render.Link{Text: p.Title, Path: p.Path, Href: root + p.Path})
	}
	return out
}

// citingPages returns the links to the editorial pages that link to
// cable ei (but the collections it is in), from a page whose root is
// root.
func (b *Builder) citingPages(ei int32, root string) []render.Link {
	var out []render.Link
	for _, p := range b.citedIn[ei] {
		out = append(out, render.Link{Text: p.Title, Path: p.Path, Href: root + p.Path})
	}
	return out
}

// collectionSlugs returns the slugs of the collections cable ei is in, for
// the search's in: filter.
func (b *Builder) collectionSlugs(ei int32) []string {
	var out []string
	for _, p := range b.inCollections[ei] {
		out = append(out, p.Slug)
	}
	return out
}

// scheduleEditorial schedules the editorial pages and the collections'
// feeds.
func (b *Builder) scheduleEditorial(emit emit) bool {
	for _, p := range b.editorial {
		if p.Home {
			continue // the home page's introduction
		}
		b.page(p.Path)
		if !emit(p.Path, func(w *worker) error { return w.editorialPage(p) }) {
			return false
		}
		if p.IsCollection() && !emit(p.FeedPath(), b.collectionFeed(p)) {
			return false
		}
	}
	return true
}

// collectionFeed returns the job writing the feed of collection p: its
// cables in the collection's order.
func (b *Builder) collectionFeed(p *edPage) job {
	list := slices.Clone(p.cables)
	slices.SortFunc(list, func(x, y int32) int { return int(b.idx.Entries[x].Rank - b.idx.Entries[y].Rank) })
	return func(w *worker) error { return w.feedTitled(p.FeedPath(), b.site.Title+": "+p.Title, list) }
}

// editorialBody renders a page's markdown for the page whose root is
// root, cable: links resolved to the cables of the site, and links to
// the content folder's markdown files to their pages.
func (b *Builder) editorialBody(p *edPage, root string) (template.HTML, error) {
	var buf bytes.Buffer
	resolve := pageResolver{
		ResolverFunc: func(id string) string {
			if i, ok := b.idx.ByID[id]; ok {
				return root + b.idx.Entries[i].Page()
			}
			return ""
		},
		up: strings.Repeat("../", strings.Count(p.Path, "/")-strings.Count(p.File, "/")),
		page: func(dest string) string {
			if to := b.linkedPage(path.Dir(p.File), dest); to.page != "" {
				return root + to.page + to.rest
			}
			return ""
		},
	}
	if err := b.md.Render(&buf, p.Body, resolve); err != nil {
		return "", fmt.Errorf("%s: %w", b.name(p.File), err)
	}
	return template.HTML(buf.String()), nil
}

// pageResolver resolves the links of an editorial page: relative paths,
// written from its file's folder, are reached from its page's through up,
// except those to a markdown file of the site, which go to its page.
type pageResolver struct {
	markdown.ResolverFunc
	up   string
	page func(dest string) string // "" for no page of the site
}

func (r pageResolver) RelativeURL(dest string) string {
	if u := r.page(dest); u != "" {
		return u
	}
	return r.up + dest
}

// A linked is where a link of an editorial page to a markdown file of
// the content folder goes (see linkedPage).
type linked struct {
	// md is set when the link names a markdown file ("reading.md",
	// "../cables/2007/09/07X1.md#par2"); page is then the path from the
	// site's root of the page written from that file, "" when the site
	// has none, and cable the index of its cable, -1 when it is none.
	md    bool
	page  string
	cable int32
	// rest is the link's query and fragment.
	rest string
}

// linkedPage reads dest, a link of an editorial page whose file is in the
// content folder's folder dir ("." for the top).
func (b *Builder) linkedPage(dir, dest string) linked {
	l := linked{cable: -1}
	file := string(util.URLEscape([]byte(dest), true)) // as the renderer reads it
	if i := strings.IndexAny(file, "?#"); i >= 0 {
		file = file[:i]
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		l.rest = dest[i:]
	}
	if !strings.HasSuffix(file, ".md") {
		return l
	}
	file, err := url.PathUnescape(file)
	if err != nil {
		return l
	}
	l.md = true
	file = path.Join(dir, file)
	if p, ok := b.edFiles[file]; ok {
		l.page = p.Path
		return l
	}
	if strings.HasPrefix(file, index.CablesDir+"/") {
		id := strings.TrimSuffix(path.Base(file), ".md")
		ei, ok := b.idx.ByID[id]
		if !ok || b.idx.Entries[ei].File != file {
			ei = int32(slices.IndexFunc(b.idx.Entries, func(e index.Entry) bool { return e.File == file })) // a file not named after its id
		}
		if ei >= 0 {
			l.page, l.cable = b.idx.Entries[ei].Page(), ei
		}
	}
	return l
}

// readLinks reads the links of editorial page p: it returns the cables
// it links to (by cable: links or their markdown files) but those of its
// own collection, and reports the cable: links to cables the site lacks
// (a mistyped id), and the links to markdown files that have no page in
// the site: a page that does not exist or is a draft, a cable that is
// not in the collection, a file outside the content folder. The
// home page's introduction cites nothing, as it is no page a cable could
// send a reader to.
func (b *Builder) readLinks(p *edPage) []int32 {
	var cites []int32
	seen := map[int32]bool{} // cited, or the page's own
	for _, ei := range p.cables {
		seen[ei] = true
	}
	cite := func(ei int32) {
		if !p.Home && !seen[ei] {
			seen[ei] = true
			cites = append(cites, ei)
		}
	}
	for _, l := range markdown.Links(p.Body) {
		if l.Cable != "" {
			if ei, ok := b.idx.ByID[l.Cable]; ok {
				cite(ei)
			} else {
				b.warn(fmt.Sprintf("%s:%d: the link to cable:%s names a cable the site does not have: shown as text", b.name(p.File), p.BodyLine+l.Line-1, l.Cable))
			}
			continue
		}
		if !markdown.RelativePath(l.Dest) {
			continue
		}
		to := b.linkedPage(path.Dir(p.File), l.Dest)
		if to.md && to.page == "" {
			b.warn(fmt.Sprintf("%s:%d: the link to %s finds no page of the site (a page or cable of the content folder, not a draft): left as written", b.name(p.File), p.BodyLine+l.Line-1, l.Dest))
		}
		if to.cable >= 0 {
			cite(to.cable)
		}
	}
	return cites
}

// editorialPage writes an editorial page, a collection with its cables,
// their chart and its feed.
func (w *worker) editorialPage(p *edPage) error {
	b := w.b
	d := render.EditorialPage{Page: b.pageOf(render.KindPage, "", p.Path, p.Title)}
	d.Description = p.Description
	if d.Description == "" && !p.IsCollection() {
		d.Description = cableDescription(p.Title, "", p.Body)
	}
	d.Crumbs = crumbs(d.Root, crumbHome)
	var err error
	if d.Body, err = b.editorialBody(p, d.Root); err != nil {
		return err
	}
	if p.IsCollection() {
		c := &render.Collection{Cables: b.links(p.cables, d.Root), Missing: p.missing}
		c.CablesHTML = c.Cables.MinifiedHTML()
		if c.Chart, err = w.chart(countsOf(b, p.cables), p.Title+", per month", d.Root); err != nil {
			return err
		}
		if len(p.cables) == 0 {
			c.Chart = ""
		}
		d.Collection = c
		d.Feed = p.FeedPath()
		if d.Description == "" {
			d.Description = fmt.Sprintf("%s: a collection of %s.", p.Title, plural(len(p.cables)+len(p.missing), "cable"))
		}
		return w.executeSpliced(render.KindPage, p.Path, &d, spliceable(&d.Body, &c.Chart, &c.CablesHTML)...)
	}
	return w.executeSpliced(render.KindPage, p.Path, &d, spliceable(&d.Body)...)
}

// homeIntro returns content/_index.md rendered for the home page, or "".
func (b *Builder) homeIntro() (template.HTML, error) {
	for _, p := range b.editorial {
		if p.Home {
			return b.editorialBody(p, "")
		}
	}
	return "", nil
}
