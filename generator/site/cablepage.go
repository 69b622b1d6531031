package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/markdown"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/timeline"
	"github.com/cablesite/cablesite/internal/escape"
)

// cable renders the page of entry ei, reading its file again for the
// body, the original and the fields lists do not keep.
func (w *worker) cable(ei int32) error {
	b, idx := w.b, w.b.idx
	e := &idx.Entries[ei]
	doc, file, err := b.readDocument(e.File, w.file)
	w.file = file
	if err != nil {
		return err
	}
	if b.site.Search {
		d := searchDoc(doc, e)
		d.Collections = b.collectionSlugs(ei)
		if b.cfg.Search != nil { // nil once Builder.WriteAll returns
			b.cfg.Search.Add(d)
		}
		// The text the index reads, beside the page, for the search
		// page's snippets and phrase checks: lighter than the page.
		if err := w.b.write(search.TextPath(d.URL), search.TextScript(d.URL, d.Body)); err != nil {
			return err
		}
	}
	c := &doc.Cable
	path := e.Page()
	root := layout.RootOf(path)

	w.body.Reset()
	resolve := markdown.ResolverFunc(func(id string) string {
		if i, ok := idx.ByID[id]; ok {
			return root + idx.Entries[i].Page()
		}
		return ""
	})
	if err := b.md.Render(&w.body, doc.Body, resolve); err != nil {
		return fmt.Errorf("%s: %w", b.name(e.File), err)
	}

	title := e.Subject
	if title == "" {
		title = c.ID
	}
	p := render.CablePage{
		Page:        b.pageOf(render.KindCable, "date", path, title),
		Cable:       c,
		HasOriginal: doc.Original != nil,
		Articles:    articles(doc.Source.Meta.Articles),
		Collections: b.collectionsOf(ei, root),
		Pages:       b.citingPages(ei, root),
	}
	if strings.TrimSpace(cable.CleanText(doc.Title)) != "" { // the editor's title is the page's; the subject shows under it
		p.Subject = annotate.Apostrophes(c.Subject)
	}
	if doc.Notes != nil {
		w.notes.Reset()
		if err := b.md.RenderNotes(&w.notes, cable.CleanBytes(doc.Notes), resolve); err != nil {
			return fmt.Errorf("%s: %w", b.name(e.File), err)
		}
		// Rendered by package markdown, which escapes every text.
		p.Notes = template.HTML(publish.TrimBlockSpace(w.notes.Bytes()))
	}
	// The body is HTML from package markdown, which escapes every text
	// and drops raw HTML and unsafe links. The original text is escaped
	// here rather than by the template: it is the largest value of its
	// page, and html/template's escaper is several times slower than one
	// pass over the bytes. Both are spliced into the page past the
	// minifier, which would only copy them (or drop the newlines between
	// the body's blocks, which TrimBlockSpace does).
	body := publish.TrimBlockSpace(w.body.Bytes())
	var original []byte
	if p.HasOriginal {
		w.fill = append(w.fill[:0], escapeText(string(doc.Original))...)
		original = w.fill
	}
	p.Description = cableDescription(p.Title, c.Summary, doc.Body)
	if !e.Date.IsZero() {
		p.Date = render.NewDate(e.Date)
		p.When = e.Date.Format("2006-01-02 15:04 UTC")
	}
	b.navigation(&p, ei, root)
	p.References = b.references(c.References, root)
	// The metadata table is rendered in Go, and spliced like the body:
	// the minifier would leave it as it is.
	details := []byte(p.DetailsHTML())
	if b.cfg.Templates.Stock(render.KindCable) {
		err = w.writeCable(path, &p, details, body, original)
	} else {
		holes := []hole{{field: &p.Body, fill: body}, {field: &p.Details, fill: details}}
		if p.Notes != "" {
			holes = append(holes, hole{field: &p.Notes, fill: []byte(p.Notes)})
		}
		if p.HasOriginal {
			holes = append(holes, hole{field: &p.Original, fill: original})
		}
		err = w.executeSpliced(render.KindCable, path, &p, holes...)
	}
	if err != nil {
		return err
	}
	n := b.cables.Add(1)
	if b.cfg.Progress != nil {
		b.cfg.Progress(int(n), b.site.Total)
	}
	return nil
}

// navigation fills in what page p of entry ei links to: its month, its
// origin, classification and TAGS, the cables before and after it in the
// collection and in its origin, and those citing it.
func (b *Builder) navigation(p *render.CablePage, ei int32, root string) {
	idx := b.idx
	e := &idx.Entries[ei]
	if e.Date.IsZero() {
		p.Month = render.Link{Text: "undated", Path: layout.ListPath(layout.UndatedDir, 1)}
		p.Crumbs = crumbs(root, crumbHome, crumbDates, p.Month)
	} else {
		m := timeline.MonthOf(e.Date)
		p.Month = render.Link{Text: m.Name(), Path: layout.ListPath(layout.MonthDir(m), 1)}
		p.Crumbs = crumbs(root, crumbHome, crumbDates, render.Link{Text: fmt.Sprintf("%d", m.Year), Path: layout.YearPath(m.Year)}, p.Month)
	}
	p.Month.Href = root + p.Month.Path
	if e.Origin >= 0 {
		tm := idx.Origins.Terms[e.Origin]
		origin := termHref(termLink(tm), root)
		p.Origin = &origin
		if e.OriginPos > 0 {
			l := b.link(tm.Cables[e.OriginPos-1], root)
			p.PrevOrigin = &l
		}
		if int(e.OriginPos)+1 < len(tm.Cables) {
			l := b.link(tm.Cables[e.OriginPos+1], root)
			p.NextOrigin = &l
		}
	}
	if e.Class >= 0 {
		class := termHref(termLink(idx.Classes.Terms[e.Class]), root)
		p.Classification = &class
	}
	if len(e.Tags) > 0 {
		p.Tags = make([]render.TermLink, len(e.Tags))
		for i, ti := range e.Tags {
			p.Tags[i] = termHref(termLink(idx.Tags.Terms[ti]), root)
		}
	}
	if e.Rank > 0 {
		l := b.link(idx.Order[e.Rank-1], root)
		p.Prev = &l
	}
	if int(e.Rank)+1 < len(idx.Order) {
		l := b.link(idx.Order[e.Rank+1], root)
		p.Next = &l
	}
	for _, ci := range idx.Citing(ei) {
		ce := &idx.Entries[ci]
		p.CitedBy = append(p.CitedBy, render.ThreadItem{ID: cable.CleanText(ce.ID), Date: render.NewDate(ce.Date), Label: ce.Subject, Path: ce.Page(), Href: root + ce.Page()})
	}
}

// references returns a cable's REF items as a thread in time order: the
// cables of the collection with their date and subject, the others with
// the REF line's words, unlinked.
func (b *Builder) references(refs []cable.Reference, root string) []render.ThreadItem {
	if len(refs) == 0 {
		return nil
	}
	events := make([]timeline.Event, 0, len(refs))
	seen := map[string]bool{}
	for _, r := range refs {
		if r.ID != "" {
			if seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			if i, ok := b.idx.ByID[r.ID]; ok {
				e := &b.idx.Entries[i]
				events = append(events, timeline.Event{ID: cable.CleanText(e.ID), Date: e.Date, URL: e.Page(), Label: e.Subject})
				continue
			}
		}
		events = append(events, timeline.Event{ID: cable.CleanText(r.ID), Label: r.Text})
	}
	timeline.SortEvents(events)
	items := make([]render.ThreadItem, len(events))
	for i, ev := range events {
		items[i] = render.ThreadItem{ID: ev.ID, Date: render.NewDate(ev.Date), Label: ev.Label, Path: ev.URL}
		if ev.URL != "" {
			items[i].Href = root + ev.URL
		}
	}
	return items
}

// articles returns the articles a cable appears in as its page links
// them: only http and https addresses are links.
func articles(urls []string) []render.Link {
	var out []render.Link
	for _, u := range urls {
		u = cable.CleanText(strings.TrimSpace(u))
		if u == "" {
			continue
		}
		l := render.Link{Text: u}
		if lower := strings.ToLower(u); strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
			l.Href = u
		}
		out = append(out, l)
	}
	return out
}

// cableDescription returns the <meta name="description"> of a cable's
// page: its title and the first words of its summary, or of its text
// when it has none (read from the start of the body only: a description
// needs a sentence, not the whole text).
func cableDescription(title, summary string, body []byte) string {
	words := summary
	if strings.TrimSpace(words) == "" {
		const head = 2048
		if len(body) > head {
			cut := bytes.LastIndexByte(body[:head], '\n')
			if cut < 0 {
				cut = head
			}
			body = body[:cut]
		}
		words = search.PlainText(string(body))
	}
	if words = strings.TrimSpace(words); words == "" {
		return description(title)
	}
	return description(title + ": " + words)
}

// description returns a text cut to a sentence's length for
// <meta name="description">.
func description(summary string) string {
	const max = 200
	s := strings.Join(strings.Fields(summary), " ")
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > max/2 {
		cut = sp
	}
	return s[:cut] + "…"
}

// escapeText escapes s as HTML text, as html/template would (but for +,
// see package escape).
func escapeText(s string) template.HTML {
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	escape.WriteHTML(&b, s)
	return template.HTML(b.String())
}

// writeCable writes the cable page p in Go, in the form the stock
// templates and the minifier would give it (render.CablePage.WriteMinified),
// with its table, body and original as they are.
func (w *worker) writeCable(path string, p *render.CablePage, details, body, original []byte) error {
	chrome, err := w.b.cfg.Templates.Chrome(&p.Page, w.b.minifyHTML)
	if err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	var page strings.Builder
	p.WriteMinified(&page, chrome, details, body, original)
	return w.writeWhole(path, []byte(page.String()))
}

// writeWhole writes a page written whole in its final form: the one fill
// of a page that is a single hole, which passes the minifier as it is.
func (w *worker) writeWhole(path string, page []byte) error {
	if err := publish.WriteSpliced(w.b.w, path, []byte(publish.Hole), page); err != nil {
		return err
	}
	w.b.counted(path)
	return nil
}

// minifyHTML writes src minified as HTML to w.
func (b *Builder) minifyHTML(w io.Writer, src []byte) error {
	m := b.minify
	if m == nil { // a builder not made by newBuilder (a test's)
		m = publish.NewMinifier()
	}
	return m.Minify("text/html", w, bytes.NewReader(src))
}

// readDocument reads the content file of a cable again (into buf,
// returned for reuse), cleaned as pages show it (cleanDocument). Its
// front matter read well in pass 1: when the file does not read now, its
// original is broken (the page is built without it), or the file changed
// during the build.
func (b *Builder) readDocument(file string, buf []byte) (*annotate.Document, []byte, error) {
	buf, err := b.rd.ReadFile(file, buf)
	if err != nil {
		return nil, buf, err
	}
	doc, err := annotate.Read(b.name(file), buf)
	if err != nil {
		if doc, err = b.withoutOriginal(file, buf, err); err != nil {
			return nil, buf, err
		}
	}
	cleanDocument(doc)
	return doc, buf, nil
}

// withoutOriginal reads a file whose front matter pass 1 read but whose
// original is broken (a fence never closed, say): its page is built with
// the fields and the body, and problem is reported. A file broken
// elsewhere changed during the build: problem is returned.
func (b *Builder) withoutOriginal(file string, data []byte, problem error) (*annotate.Document, error) {
	doc, ok := annotate.ReadWithoutOriginal(b.name(file), data)
	if !ok {
		return nil, problem
	}
	b.warnLate(fmt.Sprintf("%v: the page is built without the original", problem))
	return doc, nil
}
