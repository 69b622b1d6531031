package render_test

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/templates"
)

// TestDetailsHTML checks that the Go-rendered routing box is what the stock
// template "cable-details" gives once minified (the page's table is spliced past the minifier, so
// it must already be in that form) and that it escapes what a cable says.
func TestDetailsHTML(t *testing.T) {
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(templates.FS, "cable.html"))
	m := publish.NewMinifier()
	minify := func(s string) string {
		var b bytes.Buffer
		if err := m.Minify("text/html", &b, strings.NewReader(s)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	date := render.NewDate(time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC))
	const hostile = `<img src=x onerror=alert(1)> & 'q' "d" {{.}} [x](javascript:alert(1))`
	full := &render.CablePage{
		Cable: &cable.Cable{
			ID:   "07STATE126086",
			From: "SECSTATE WASHDC",
			To: []cable.Addressee{
				{Name: "AMEMBASSY BELGRADE", Precedence: "IMMEDIATE", Route: "RUEHBW"},
				{Name: "AMEMBASSY ROME"},
			},
			Info: []cable.Addressee{{Name: "USMISSION USNATO", Route: "RUEHNO"}, {Name: "AMEMBASSY ACCRA"}, {Name: "AMEMBASSY AMMAN", Precedence: "PRIORITY"},
				{Name: "AMEMBASSY BAKU"}, {Name: "AMEMBASSY DAKAR", Route: "RUEHDK"}, {Name: "AMEMBASSY LIMA"}},
			Handling:       []string{"NOFORN", "SIPDIS"},
			ClassifiedBy:   "EUR/SCE DAS Rosemary DiCarlo for reasons 1.4 (b) and (d)",
			Declassify:     "2017-09-07",
			DeclassifyText: "09/07/2017",
			Signers:        []string{"RICE"},
		},
		Date:           date,
		When:           "2007-09-07 21:47 UTC",
		Month:          render.Link{Text: "September 2007", Href: "../../../date/2007/09/index.html"},
		Origin:         &render.TermLink{Name: "Secretary of State", Href: "../../../origin/secretary-of-state/index.html"},
		Classification: &render.TermLink{Name: "SECRET//NOFORN", Href: "../../../classification/secret-noforn/index.html"},
		Tags: render.TagList{
			{Name: "PGOV", Meaning: "Political Affairs: Government; Internal Governance", Href: "../../../tag/pgov/index.html"},
			{Name: "KV", Meaning: "Kosovo", Href: "../../../tag/kv/index.html"},
		},
	}
	for _, tc := range []struct {
		name string
		page *render.CablePage
	}{
		{"full", full},
		{"bare", &render.CablePage{Cable: &cable.Cable{ID: "X"}, Month: render.Link{Text: "undated", Href: "u.html"}}},
		{"declassify text", &render.CablePage{Cable: &cable.Cable{ID: "X", DeclassifyText: "1.6X1"}, Month: render.Link{Text: "undated", Href: "u.html"}}},
		{"hostile", &render.CablePage{
			Cable: &cable.Cable{
				ID: hostile, From: hostile, To: []cable.Addressee{{Name: hostile, Precedence: hostile, Route: hostile}},
				Handling: []string{hostile}, ClassifiedBy: hostile, DeclassifyText: hostile, Signers: []string{hostile, "\x00"},
			},
			Date:           render.Date{ISO: `"><script>`},
			When:           hostile,
			Month:          render.Link{Text: hostile, Href: "javascript:alert(1)"},
			Origin:         &render.TermLink{Name: hostile, Href: `a"b<c>.html`},
			Classification: &render.TermLink{Name: hostile, Href: "x.html"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			want.WriteString("<dl>")
			if err := tmpl.ExecuteTemplate(&want, "cable-details", tc.page); err != nil {
				t.Fatal(err)
			}
			want.WriteString("</dl>")
			got := "<dl>" + string(tc.page.DetailsHTML()) + "</dl>"
			if minify(got) != minify(want.String()) {
				t.Errorf("DetailsHTML() minified =\n%s\nthe template minified gives\n%s", minify(got), minify(want.String()))
			}
			// Spliced past the minifier, the table must be in its final
			// form. (The minifier leaves & and > bare in text, where
			// they are escaped here: hostile text is not the case to
			// save bytes on.)
			if m := minify(got); tc.name != "hostile" && len(got)-len(m) > 0 {
				t.Errorf("the minifier shortens DetailsHTML by %d bytes:\n%s\n%s", len(got)-len(m), got, m)
			}
			if tc.name == "full" && !strings.Contains(got, `<details><summary>3 more</summary><ul><li>AMEMBASSY BAKU</li>`) {
				t.Errorf("the six Info addressees are not folded past three:\n%s", got)
			}
			if strings.Contains(got, "<img") || strings.Contains(got, "<script") || strings.Contains(got, `href="javascript`) {
				t.Errorf("hostile text passed as markup:\n%s", got)
			}
		})
	}
}
