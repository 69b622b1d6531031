package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/cablesite/cablesite/generator/cable"
)

// detailsSHA256 is the hash of the stock template "cable-details"
// (cable.html) as DetailsHTML was checked against it (see goTemplates).
const detailsSHA256 = "eadfed8c6e9b0673b3f878ae2f8bce7869c61ecea5364a359d5e7e3be4e7a250"

// Folded is a list of addressees as a cable page shows it: the first
// few, and the rest behind a toggle.
type Folded struct {
	Shown, More []cable.Addressee
}

// Fold returns as folded past a few names: lists of up to foldAfter+1
// names are shown whole, longer ones show foldAfter and fold the rest.
// It returns nil for an empty list.
func (p *CablePage) Fold(as []cable.Addressee) *Folded {
	const foldAfter = 3
	if len(as) == 0 {
		return nil
	}
	if len(as) <= foldAfter+1 {
		return &Folded{Shown: as}
	}
	return &Folded{Shown: as[:foldAfter], More: as[foldAfter:]}
}

// HasRouting reports whether the cable has any field the routing box
// (the template "cable-details") shows: sender, addressees, handling,
// classifier, declassification, signers.
func (p *CablePage) HasRouting() bool {
	c := p.Cable
	return c != nil && (c.From != "" || len(c.To) > 0 || len(c.Info) > 0 || len(c.Handling) > 0 ||
		c.ClassifiedBy != "" || c.Declassify != "" || c.DeclassifyText != "" || len(c.Signers) > 0)
}

// DetailsHTML returns the entries of a cable page's routing box, rendered
// in Go: the sender and the addressees (long lists folded), the handling,
// who classified it, when it is declassified, who signed it. Each entry is
// there only when the cable has its field; every value is escaped. It is
// what the stock template "cable-details" (cable.html) gives, as the
// minifier leaves it (TestDetailsHTML). The id, date, origin,
// classification and TAGS are in the page's synopsis ("main").
//
// A cable page is mostly this box, its body and its original text; the
// box, written by html/template and minified, took a quarter of the time
// of a page.
func (p *CablePage) DetailsHTML() template.HTML {
	var b strings.Builder
	b.Grow(2048)
	c := p.Cable
	if c == nil {
		c = &cable.Cable{}
	}
	row := func(dt string) {
		b.WriteString(`<div><dt>`)
		b.WriteString(dt)
		b.WriteString(`</dt><dd>`)
	}
	const end = `</dd></div>`
	text := func(dt, v string) {
		if v != "" {
			row(dt)
			writeText(&b, v)
			b.WriteString(end)
		}
	}
	list := func(as []cable.Addressee) {
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
		b.WriteString(`</ul>`)
	}
	addressees := func(dt string, as []cable.Addressee) {
		f := p.Fold(as)
		if f == nil {
			return
		}
		row(dt)
		list(f.Shown)
		if len(f.More) > 0 {
			b.WriteString(`<details><summary>`)
			b.WriteString(strconv.Itoa(len(f.More)))
			b.WriteString(` more</summary>`)
			list(f.More)
			b.WriteString(`</details>`)
		}
		b.WriteString(end)
	}

	text("From", c.From)
	addressees("To", c.To)
	addressees("Info", c.Info)
	text("Handling", strings.Join(c.Handling, ", "))
	text("Classified by", c.ClassifiedBy)
	if c.Declassify != "" {
		text("Declassify on", c.Declassify)
	} else {
		text("Declassify on", c.DeclassifyText)
	}
	text("Signed", strings.Join(c.Signers, ", "))
	return template.HTML(b.String())
}
