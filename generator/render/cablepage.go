package render

import (
	"strings"

	"github.com/cablesite/cablesite/internal/escape"
)

// Chrome is what the layout (base.html) draws around the main content of
// a page of one depth and section: the outputs of its partials "assets",
// "header" and "footer", whichever templates they are, minified. A build
// renders and minifies them once (Templates.Chrome), and WriteMinified
// copies them into every page it writes.
type Chrome struct {
	Assets, Header, Footer string
}

// The stock templates the cable page's Go writer stands for, as the hashes
// of their text it was checked against (see goTemplates and
// Templates.Stock): "base" and "head" (base.html) for writeLayout, "main"
// (cable.html) for writeMain. Whoever edits one of those templates
// updates the Go code that stands for it and its hash here, as
// TestGoTemplatesVerified says.
const (
	baseSHA256      = "ceb6d5b5a1e06bef738eb88f907879a8612fcf0fdd1b548f174edd40127ab7f6"
	headSHA256      = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	cableMainSHA256 = "fb2ee5b966f237bc68509ae6854f084a7e7d4516256f6a7be6ba0f17c8534403"
)

// WriteMinified writes to b the whole cable page p as the stock templates
// (templates/base.html and cable.html) give it once minified, without
// html/template or the minifier: chrome is the layout's partials for p's
// Root and Section, details the rows of the metadata table (DetailsHTML),
// body the rendered body, original the escaped original text. Values are
// escaped as the minifier leaves them, except that a run of spaces inside
// a value is kept: the page, minified again, is byte for byte what the
// templates and the minifier make of p (TestCablePageInGo, in package
// site, checks this).
//
// A cable page is four fifths of a site's pages, and executing and
// minifying its template was a third of a build; a build uses
// WriteMinified only while the templates it stands for are the stock
// ones (see Templates.Stock).
func (p *CablePage) WriteMinified(b *strings.Builder, chrome *Chrome, details, body, original []byte) {
	b.Grow(4096 + len(details) + len(body) + len(original))
	p.writeLayout(b, chrome, func() {
		p.writeMain(b, details, body, original)
	})
}

// writeMain writes what cable.html's "main" gives, minified.
func (p *CablePage) writeMain(b *strings.Builder, details, body, original []byte) {
	b.WriteString(`<article class="cable"><header class="cable-head"><h1>`)
	writeText(b, p.Title)
	b.WriteString(`</h1>`)
	if p.Subject != "" {
		b.WriteString(`<p class="subject"><span class="label">Subject:</span> `)
		writeText(b, p.Subject)
		b.WriteString(`</p>`)
	}
	link := func(href, name string) {
		b.WriteString(`<a href="`)
		writeURL(b, href)
		b.WriteString(`">`)
		writeText(b, name)
		b.WriteString(`</a>`)
	}
	b.WriteString(`<dl class="synopsis"><div><dt>Date</dt><dd>`)
	if p.When != "" {
		b.WriteString(`<a href="`)
		writeURL(b, p.Month.Href)
		b.WriteString(`"><time datetime="`)
		escape.WriteHTML(b, p.Date.ISO)
		b.WriteString(`">`)
		writeText(b, p.When)
		b.WriteString(`</time></a>`)
	} else {
		link(p.Month.Href, p.Month.Text)
	}
	b.WriteString(`</dd></div>`)
	if p.Origin != nil {
		b.WriteString(`<div><dt>Origin</dt><dd>`)
		link(p.Origin.Href, p.Origin.Name)
		b.WriteString(`</dd></div>`)
	}
	if c := p.Classification; c != nil {
		b.WriteString(`<div><dt>Classification</dt><dd><a class="classification cls-`)
		escape.WriteHTML(b, c.Slug)
		b.WriteString(`" href="`)
		writeURL(b, c.Href)
		b.WriteString(`">`)
		writeText(b, c.Name)
		b.WriteString(`</a></dd></div>`)
	}
	b.WriteString(`<div><dt>Reference ID</dt><dd class="id">`)
	if p.Cable != nil {
		writeText(b, p.Cable.ID)
	}
	b.WriteString(`</dd></div>`)
	if len(p.Tags) > 0 {
		b.WriteString(`<div class="synopsis-tags"><dt>TAGS</dt><dd><ul class="tags">`)
		p.Tags.write(b, writeText)
		b.WriteString(`</ul></dd></div>`)
	}
	b.WriteString(`</dl></header><div class="cable-cols"><section class="body" aria-labelledby="text-h" data-search-text><h2 id="text-h" class="visually-hidden">Text</h2>`)
	b.Write(body)
	b.WriteString(`</section>`)
	if p.Notes != "" {
		b.WriteString(`<section class="notes" aria-labelledby="notes-h" data-search-text><h2 id="notes-h" data-search-skip>Editor's notes</h2><p class="editorial" data-search-skip>Commentary by the publisher of this site, not part of the cable.</p>`)
		b.WriteString(string(p.Notes))
		b.WriteString(`</section>`)
	}
	if len(p.Articles) > 0 {
		b.WriteString(`<section class="articles" aria-labelledby="articles-h"><h2 id="articles-h">Appears in these articles</h2><ul>`)
		for _, a := range p.Articles {
			b.WriteString(`<li>`)
			if a.Href != "" {
				b.WriteString(`<a href="`)
				writeURL(b, a.Href)
				b.WriteString(`" rel="external">`)
				writeText(b, a.Text)
				b.WriteString(`</a>`)
			} else {
				writeText(b, a.Text)
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul></section>`)
	}
	writePageLinks(b, p.Collections, "collections-h", "In these collections")
	writePageLinks(b, p.Pages, "pages-h", "Discussed on these pages")
	if p.HasRouting() {
		b.WriteString(`<aside class="routing" aria-labelledby="details-h"><h2 id="details-h">Routing</h2><dl class="meta">`)
		b.Write(details)
		b.WriteString(`</dl></aside>`)
	}
	if p.HasOriginal {
		b.WriteString(`<details class="original" id="original"><summary>Original text</summary><pre>`)
		b.Write(original)
		b.WriteString(`</pre></details>`)
	}
	b.WriteString(`<section class="thread" aria-labelledby="thread-h"><h2 id="thread-h">Thread</h2><h3 id="refs-h">References</h3>`)
	if len(p.References) > 0 {
		b.WriteString(`<ol aria-labelledby="refs-h">`)
		p.References.write(b, "", writeText)
		b.WriteString(`</ol>`)
	} else {
		b.WriteString(`<p class="empty">This cable cites no other cable.</p>`)
	}
	b.WriteString(`<h3 id="cited-h">Cited by</h3>`)
	if len(p.CitedBy) > 0 {
		b.WriteString(`<ol aria-labelledby="cited-h">`)
		p.CitedBy.write(b, "", writeText)
		b.WriteString(`</ol>`)
	} else {
		b.WriteString(`<p class="empty">No cable in this collection cites this one.</p>`)
	}
	b.WriteString(`</section></div></article>`)
	p.writeNav(b)
}

// writeNav writes the links to the cables before and after the page's,
// in the collection and from its origin, as cable.html's "main" does.
func (p *CablePage) writeNav(b *strings.Builder) {
	if p.Prev == nil && p.Next == nil {
		return
	}
	b.WriteString(`<nav class="cable-nav" aria-labelledby="cable-nav-h"><h2 id="cable-nav-h">More cables</h2>`)
	neighbour := func(class string, l *CableLink, label, rel string) {
		b.WriteString(`<div class="`)
		b.WriteString(class)
		b.WriteString(`">`)
		if l != nil {
			b.WriteString(`<span class="label">`)
			b.WriteString(label)
			b.WriteString(`</span><a href="`)
			writeURL(b, l.Href)
			b.WriteString(`"`)
			b.WriteString(rel)
			b.WriteString(`>`)
			writeText(b, l.Title)
			b.WriteString(`</a>`)
		}
		b.WriteString(`</div>`)
	}
	neighbour("prev", p.Prev, "Previous cable", ` rel="prev"`)
	neighbour("next", p.Next, "Next cable", ` rel="next"`)
	if p.Origin != nil && (p.PrevOrigin != nil || p.NextOrigin != nil) {
		var from strings.Builder
		writeText(&from, p.Origin.Name)
		neighbour("prev", p.PrevOrigin, "Previous from "+from.String(), "")
		neighbour("next", p.NextOrigin, "Next from "+from.String(), "")
	}
	b.WriteString(`</nav>`)
}

// writeLayout writes the page as the stock base.html lays it out, minified,
// with main writing what the page's template gives for "main".
func (p *Page) writeLayout(b *strings.Builder, chrome *Chrome, main func()) {
	lang := "en"
	if p.Site != nil {
		lang = p.Site.Lang()
	}
	b.WriteString(`<!doctype html><html lang=`)
	writeAttr(b, lang)
	b.WriteString(`><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>`)
	writeText(b, p.Title)
	if p.Site != nil && p.Title != p.Site.Title {
		b.WriteString(` · `)
		writeText(b, p.Site.Title)
	}
	b.WriteString(`</title>`)
	if p.Description != "" {
		b.WriteString(`<meta name="description" content=`)
		writeAttr(b, p.Description)
		b.WriteString(`>`)
	}
	if p.Canonical != "" {
		b.WriteString(`<link rel="canonical" href="`)
		writeURL(b, p.Canonical)
		b.WriteString(`">`)
	}
	b.WriteString(chrome.Assets)
	if p.Feed != "" {
		b.WriteString(`<link rel="alternate" type="application/atom+xml" href="`)
		writeURL(b, p.URL(p.Feed))
		b.WriteString(`" title=`)
		writeAttr(b, p.Title+": newest cables")
		b.WriteString(`>`)
	}
	b.WriteString(`</head><body>`)
	b.WriteString(chrome.Header)
	b.WriteString(`<main id="main" tabindex="-1">`)
	if len(p.Crumbs) > 0 {
		b.WriteString(`<nav class="crumbs" aria-label="Breadcrumb"><ol>`)
		p.Crumbs.write(b, writeText)
		b.WriteString(`</ol></nav>`)
	}
	main()
	b.WriteString(`</main>`)
	b.WriteString(chrome.Footer)
	b.WriteString(`</body></html>`)
}

// writePageLinks writes a section of links to editorial pages, headed by
// heading with the id id, as cable.html does for Collections and Pages;
// nothing when there are none.
func writePageLinks(b *strings.Builder, links []Link, id, heading string) {
	if len(links) == 0 {
		return
	}
	b.WriteString(`<section class="collections" aria-labelledby="`)
	b.WriteString(id)
	b.WriteString(`"><h2 id="`)
	b.WriteString(id)
	b.WriteString(`">`)
	b.WriteString(heading)
	b.WriteString(`</h2><ul>`)
	for _, c := range links {
		b.WriteString(`<li><a href="`)
		writeURL(b, c.Href)
		b.WriteString(`">`)
		writeText(b, c.Text)
		b.WriteString(`</a></li>`)
	}
	b.WriteString(`</ul></section>`)
}
