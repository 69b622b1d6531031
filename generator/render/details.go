package render

import (
	"html/template"
	"strings"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/escape"
)

// detailsSHA256 is the hash of the stock template "cable-details"
// (cable.html) as DetailsHTML was checked against it (see goTemplates).
const detailsSHA256 = "71b713abb9cc88d671d7f8d077099320758fe4ace01321e0bb9a16218b0f78d1"

// DetailsHTML returns the rows of a cable page's metadata table, rendered
// in Go: the id, the date and its month, the origin, the sender and the
// addressees, the classification and handling, the TAGS with their
// meanings, who classified it, when it is declassified, who signed it.
// Each row is there only when the cable has its field; every value is
// escaped. It is what the stock template "cable-details" (cable.html)
// gives, as the minifier leaves it (TestDetailsHTML).
//
// A cable page is mostly this table, its body and its original text; the
// table, written by html/template and minified, took a quarter of the
// time of a page.
func (p *CablePage) DetailsHTML() template.HTML {
	var b strings.Builder
	b.Grow(2048)
	c := p.Cable
	if c == nil {
		c = &cable.Cable{}
	}
	row := func(th string) {
		b.WriteString(`<tr><th scope="row">`)
		b.WriteString(th)
		b.WriteString(`</th><td>`)
	}
	const end = `</td></tr>`
	text := func(th, v string) {
		if v != "" {
			row(th)
			writeText(&b, v)
			b.WriteString(end)
		}
	}
	link := func(href, name string) {
		b.WriteString(`<a href="`)
		writeURL(&b, href)
		b.WriteString(`">`)
		writeText(&b, name)
		b.WriteString(`</a>`)
	}
	addressees := func(th string, as []cable.Addressee) {
		if len(as) == 0 {
			return
		}
		row(th)
		b.WriteString(`<ul>`)
		for _, a := range as {
			b.WriteString(`<li>`)
			writeText(&b, a.Name)
			if a.Precedence != "" {
				b.WriteString(` <span class="precedence">`)
				writeText(&b, a.Precedence)
				b.WriteString(`</span>`)
			}
			if a.Route != "" {
				b.WriteString(` <span class="route">`)
				writeText(&b, a.Route)
				b.WriteString(`</span>`)
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul>` + end)
	}

	row("Reference ID")
	b.WriteString(`<span class="id">`)
	writeText(&b, c.ID)
	b.WriteString(`</span>` + end)
	row("Date")
	if p.When != "" {
		b.WriteString(`<time datetime="`)
		escape.WriteHTML(&b, p.Date.ISO)
		b.WriteString(`">`)
		writeText(&b, p.When)
		b.WriteString(`</time> (`)
		link(p.Month.Href, p.Month.Text)
		b.WriteString(`)`)
	} else {
		link(p.Month.Href, p.Month.Text)
	}
	b.WriteString(end)
	if p.Origin != nil {
		row("Origin")
		link(p.Origin.Href, p.Origin.Name)
		b.WriteString(end)
	}
	text("From", c.From)
	addressees("To", c.To)
	addressees("Info", c.Info)
	if p.Classification != nil {
		row("Classification")
		link(p.Classification.Href, p.Classification.Name)
		b.WriteString(end)
	}
	text("Handling", strings.Join(c.Handling, ", "))
	if len(p.Tags) > 0 {
		row("TAGS")
		b.WriteString(`<ul class="tags">`)
		p.Tags.write(&b, writeText)
		b.WriteString(`</ul>` + end)
	}
	text("Classified by", c.ClassifiedBy)
	if c.Declassify != "" {
		text("Declassify on", c.Declassify)
	} else {
		text("Declassify on", c.DeclassifyText)
	}
	text("Signed", strings.Join(c.Signers, ", "))
	return template.HTML(b.String())
}
