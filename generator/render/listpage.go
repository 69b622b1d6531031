package render

import (
	"strconv"
	"strings"
)

// The hashes of the stock templates the list page's Go writer stands for
// (see goTemplates): "main" (list.html) and the partials "chart" and
// "pager" (base.html).
const (
	listMainSHA256 = "7997a13991b0776fbfe8206e6a492f07a14ca7949591e0f51bc1dc34c66f970a"
	chartSHA256    = "f1972d6ba8b55ba7cb2d093d9de61a37a8d5009b4f0f798403f9b1846bd658e1"
	pagerSHA256    = "33eeb3500aa72a950252ebfa39568055f03a01834c63667a70c128e5b2e04f07"
)

// WriteMinified writes to b the whole list page p as the stock templates
// (templates/base.html and list.html) give it once minified, as
// CablePage.WriteMinified does for a cable: chrome is the layout's
// partials for p's Root and Section, chart the page's chart (p.Chart,
// "" for none), cables its list in the minifier's form
// (CableList.MinifiedHTML). TestCablePageInGo checks that it is what the
// templates and the minifier make of p.
func (p *ListPage) WriteMinified(b *strings.Builder, chrome *Chrome, chart, cables []byte) {
	b.Grow(4096 + len(chart) + len(cables))
	p.writeLayout(b, chrome, func() {
		b.WriteString(`<h1>`)
		writeText(b, p.Heading)
		b.WriteString(`</h1>`)
		if p.Intro != "" {
			b.WriteString(`<p class="lead">`)
			writeText(b, p.Intro)
			b.WriteString(`</p>`)
		}
		b.WriteString(`<p>`)
		b.WriteString(Num(p.Total))
		if p.Total == 1 {
			b.WriteString(` cable`)
		} else {
			b.WriteString(` cables`)
		}
		if p.Order != "" {
			b.WriteString(`, `)
			writeText(b, p.Order)
		}
		if p.Pager.Count > 1 {
			b.WriteString(`; page `)
			b.WriteString(strconv.Itoa(p.Pager.Number))
			b.WriteString(` of `)
			b.WriteString(strconv.Itoa(p.Pager.Count))
		}
		b.WriteString(`.`)
		if p.Feed != "" {
			b.WriteString(` <a class="feed" href="`)
			writeURL(b, p.URL(p.Feed))
			b.WriteString(`">Atom feed</a>`)
		}
		b.WriteString(`</p>`)
		p.Neighbours.write(b)
		if len(chart) > 0 {
			b.WriteString(`<figure class="chart">`)
			b.Write(chart)
			b.WriteString(`</figure>`)
		}
		p.Pager.write(b)
		b.WriteString(`<h2 id="list-h" class="visually-hidden">Cables</h2>`)
		b.Write(cables)
		p.Pager.write(b)
	})
}

// write writes the stock partial "pager" (base.html), minified: nothing
// for a single page.
func (pg *Pager) write(b *strings.Builder) {
	if pg.Count <= 1 {
		return
	}
	b.WriteString(`<nav class="pager" aria-label="Pages"><ul>`)
	if pg.Prev != "" {
		b.WriteString(`<li><a href="`)
		writeURL(b, pg.Prev)
		b.WriteString(`" rel="prev">Previous<span class="visually-hidden"> page</span></a></li>`)
	}
	for _, it := range pg.Items {
		switch {
		case it.Gap:
			b.WriteString(`<li><span class="gap">…</span></li>`)
		case it.Current:
			b.WriteString(`<li><span aria-current="page">`)
			b.WriteString(strconv.Itoa(it.Number))
			b.WriteString(`</span></li>`)
		default:
			b.WriteString(`<li><a href="`)
			writeURL(b, it.Href)
			b.WriteString(`"><span class="visually-hidden">Page </span>`)
			b.WriteString(strconv.Itoa(it.Number))
			b.WriteString(`</a></li>`)
		}
	}
	if pg.Next != "" {
		b.WriteString(`<li><a href="`)
		writeURL(b, pg.Next)
		b.WriteString(`" rel="next">Next<span class="visually-hidden"> page</span></a></li>`)
	}
	b.WriteString(`</ul></nav>`)
}

// write writes the navigation to the neighbouring months or years, as
// list.html and terms.html give it, minified: nothing when n is nil.
func (n *Neighbours) write(b *strings.Builder) {
	if n == nil {
		return
	}
	b.WriteString(`<nav class="neighbours" aria-label=`)
	writeAttr(b, n.Label)
	b.WriteString(`><ul>`)
	if n.Prev != nil {
		b.WriteString(`<li class="prev"><a href="`)
		writeURL(b, n.Prev.Href)
		b.WriteString(`"><span class="visually-hidden">Previous: </span>← `)
		writeText(b, n.Prev.Text)
		b.WriteString(`</a></li>`)
	}
	if n.Next != nil {
		b.WriteString(`<li class="next"><a href="`)
		writeURL(b, n.Next.Href)
		b.WriteString(`"><span class="visually-hidden">Next: </span>`)
		writeText(b, n.Next.Text)
		b.WriteString(` →</a></li>`)
	}
	b.WriteString(`</ul></nav>`)
}
