package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/publish"
)

// asTemplate returns what html/template wrote, with + as the Go code
// writes it: html/template writes it as &#43; (see package escape), the
// same HTML, which the minifier writes back as +.
func asTemplate(b *strings.Builder) string { return strings.ReplaceAll(b.String(), "&#43;", "+") }

// minifyHTML returns s minified as the build minifies pages.
func minifyHTML(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := publish.NewMinifier().Minify("text/html", &b, strings.NewReader(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCableListHTML(t *testing.T) {
	tmpl := stockSet(t, KindList).Lookup("cablelist")
	date := NewDate(time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC))
	for _, tc := range []struct {
		name string
		list CableList
	}{
		{"empty", nil},
		{"plain", CableList{{ID: "07STATE126086", Title: "KOSOVO STATUS", Date: date, Origin: "Secretary of State", Classification: "SECRET", Href: "../../cable/2007/09/07STATE126086.html"}}},
		{"undated", CableList{{ID: "07X1", Title: "X", Href: "a.html"}, {ID: "07X2", Title: "Y", Href: "b.html", Origin: "Embassy Rome"}}},
		{"hostile", CableList{{
			ID:             `07"><script>alert(1)</script>`,
			Title:          `<img src=x onerror=alert(1)> & 'quotes' "double" {{.}} C++ ` + "\x00",
			Date:           date,
			Origin:         `Embassy <b>Rome</b>`,
			Classification: `SECRET//NOFORN & "x"`,
			Href:           `../../cable/2007/09/a b"c'd<e>&f.html`,
		}}},
		{"script URL", CableList{{ID: "1", Title: "t", Href: "javascript:alert(1)"}}},
		{"unicode", CableList{{ID: "1", Title: "Genève · 東京", Href: "cable/Genève.html"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := tmpl.Execute(&want, ListPage{Cables: tc.list}); err != nil {
				t.Fatal(err)
			}
			if got := string(tc.list.HTML()); got != asTemplate(&want) {
				t.Errorf("HTML() =\n%s\nhtml/template gives\n%s", got, asTemplate(&want))
			}
			// MinifiedHTML is spliced into pages past the minifier:
			// it must be what the minifier makes of HTML. (Hostile
			// text is escaped more than the minifier would, with the
			// same meaning.)
			min, minified := minifyHTML(t, want.String()), string(tc.list.MinifiedHTML())
			if tc.name == "hostile" {
				minified = minifyHTML(t, minified)
			}
			if minified != min {
				t.Errorf("MinifiedHTML() =\n%s\nthe minifier gives\n%s", minified, min)
			}
		})
	}
}

func TestThreadHTML(t *testing.T) {
	tmpl := stockSet(t, KindCable).Lookup("thread")
	date := NewDate(time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC))
	for _, tc := range []struct {
		name   string
		thread Thread
	}{
		{"empty", nil},
		{"in the collection", Thread{{ID: "07STATE1", Date: date, Label: "KOSOVO", Href: "../../cable/2007/09/07STATE1.html"}, {ID: "07STATE2", Href: "07STATE2.html"}}},
		{"not in the collection", Thread{{ID: "06PARIS9", Label: "B. PARIS 9"}, {Label: "C. A LETTER OF 5 MAY"}, {}}},
		{"hostile", Thread{{
			ID:    `"><script>alert(1)</script>`,
			Label: `<img src=x onerror=alert(1)> & 'x' {{.}}` + "\x00",
			Date:  date,
			Href:  `javascript:alert(1)`,
		}, {ID: `a<b`, Label: `"q"`}, {Label: "<b>bold</b>"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := tmpl.Execute(&want, tc.thread); err != nil {
				t.Fatal(err)
			}
			if got := string(tc.thread.HTML()); got != asTemplate(&want) {
				t.Errorf("HTML() =\n%s\nhtml/template gives\n%s", got, asTemplate(&want))
			}
		})
	}
}

func TestCrumbsAndTagsHTML(t *testing.T) {
	crumbsTmpl := stockSet(t, KindCable).Lookup("crumbs")
	tagsTmpl := stockSet(t, KindCable).Lookup("tags")
	hostile := `<img src=x onerror=alert(1)> & "q" 'a' {{.}} a+b` + "\x00"
	for _, tc := range []struct {
		name   string
		crumbs Crumbs
		tags   TagList
	}{
		{"empty", nil, nil},
		{"plain", Crumbs{{Text: "Home", Href: "../../index.html"}, {Text: "2007", Href: "../../date/2007/index.html"}},
			TagList{{Name: "PGOV", Meaning: "Political Affairs: Government", Href: "../../tag/pgov/index.html"}, {Name: "XX", Href: "x.html"}}},
		{"hostile", Crumbs{{Text: hostile, Href: "javascript:alert(1)"}, {Text: "x", Href: `a"b<c>&d'e f`}},
			TagList{{Name: hostile, Meaning: hostile, Href: "data:text/html,x"}, {Name: "T", Href: "http://example.org/a?b=1&c=2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want strings.Builder
			if err := crumbsTmpl.Execute(&want, tc.crumbs); err != nil {
				t.Fatal(err)
			}
			if got := string(tc.crumbs.HTML()); got != asTemplate(&want) {
				t.Errorf("Crumbs.HTML() =\n%s\nhtml/template gives\n%s", got, asTemplate(&want))
			}
			want.Reset()
			if err := tagsTmpl.Execute(&want, tc.tags); err != nil {
				t.Fatal(err)
			}
			if got := string(tc.tags.HTML()); got != asTemplate(&want) {
				t.Errorf("TagList.HTML() =\n%s\nhtml/template gives\n%s", got, asTemplate(&want))
			}
		})
	}
}
