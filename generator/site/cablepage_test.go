package site_test

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// A cable or list page written in Go (render.CablePage.WriteMinified,
// ListPage.WriteMinified, used while the templates are the stock ones) is
// what the templates and the minifier make of it: byte for byte, except where a value holds a run of
// white space or an & the minifier would write as it is, which Go
// escapes: such a page and the template's, both minified again, are the
// same bytes. Checked on the real
// corpus, on hostile cables, and on cables with each optional field absent
// or odd, with and without a base URL.
func TestCablePageInGo(t *testing.T) {
	content := importCorpus(t)
	maps.Copy(content, parseArchive(t, hostileArchive))
	day := time.Date(2008, 3, 1, 10, 0, 0, 0, time.UTC)
	for i, c := range []*cable.Cable{
		{ID: "08BARE1"},
		{ID: "08BARE2", Date: day, Subject: "NO ORIGIN, NO CLASSIFICATION"},
		{ID: "08BARE3", Date: day.Add(time.Hour), Origin: "Embassy Nowhere"},
		{ID: "08BARE4", Date: day.Add(2 * time.Hour), Classification: "SECRET"},
		{ID: "08ODD1", Date: day.Add(3 * time.Hour), Origin: "Embassy A&B", Subject: `AT&T, R&amp;D, "QUOTED" 'SINGLE' <TAG> 1 > 0 &#34; &`,
			Summary: `He said "no" & 'yes' <b> &amp; &#39;`, Tags: []string{"PGOV", "A&B"}},
		{ID: "08ODD2", Date: day.Add(4 * time.Hour), Origin: "Embassy  Two  Spaces", Subject: "  RUNS   OF\tWHITE\n SPACE  ",
			Summary: "more \"double\" than 'single' \"quotes\"", References: []cable.Reference{{ID: "08ODD1", Text: "A.  08 ODD 1"}, {Text: "B.  NOT A CABLE  "}}},
		{ID: "08ODD3", Date: day.Add(5 * time.Hour), Subject: "NUL\x00BYTE \uE000cablesite-hole\uE001 PRIVATE USE", Origin: "Embassy \uE000cablesite-hole\uE001"},
	} {
		writeCable(t, content, c, strings.Repeat("1. (C) TEXT &  <MORE>  'HERE'.\n", i+1))
	}

	// The stock cable.html and list.html with a comment are no longer the
	// stock ones: their pages go through html/template and the minifier.
	override := fstest.MapFS{}
	for _, name := range []string{"cable.html", "list.html"} {
		stock, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		override[name] = &fstest.MapFile{Data: append(stock, "{{/* not the stock file */}}"...)}
	}
	viaTemplate, err := render.Load(templates.FS, override)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []render.Kind{render.KindCable, render.KindList} {
		if !loadTemplates(t).Stock(k) || viaTemplate.Stock(k) {
			t.Fatalf("Stock(%s): want true for the stock templates only", k)
		}
	}

	m := publish.NewMinifier()
	minify := func(page []byte) string {
		var b bytes.Buffer
		if err := m.Minify("text/html", &b, bytes.NewReader(page)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, base := range []string{"", "https://example.org/cables/"} {
		build := func(tmpl *render.Templates) map[string][]byte {
			out := &memSite{files: map[string][]byte{}}
			cfg := site.Config{Content: content, Templates: tmpl, BaseURL: base, PageSize: 7}
			if _, err := site.Build(t.Context(), cfg, publish.Minify(m, out)); err != nil {
				t.Fatal(err)
			}
			return out.files
		}
		inGo, want := build(loadTemplates(t)), build(viaTemplate)
		if !slices.Equal(slices.Sorted(maps.Keys(inGo)), slices.Sorted(maps.Keys(want))) {
			t.Fatalf("base %q: the two builds wrote different files", base)
		}
		pages, exact := map[string]int{}, map[string]int{}
		for name, page := range inGo {
			kind := strings.Split(name, "/")[0] // cable/, tag/, date/...
			if !strings.HasSuffix(name, ".html") || kind == name {
				if !bytes.Equal(page, want[name]) {
					t.Errorf("base %q: %s differs", base, name)
				}
				continue
			}
			if kind != "cable" {
				kind = "browse" // lists of cables, and indexes of terms
			}
			pages[kind]++
			if bytes.Equal(page, want[name]) {
				exact[kind]++
				continue
			}
			// Both minified again (the spliced body too, which neither
			// minified the first time).
			if got, want := minify(page), minify(want[name]); got != want {
				t.Errorf("base %q: %s, minified again, differs from the template's:\n%s", base, name, firstDiff([]byte(got), []byte(want)))
			}
		}
		for _, kind := range []string{"cable", "browse"} {
			t.Logf("base %q: %d %s pages, %d byte for byte, the rest equal once minified again", base, pages[kind], kind, exact[kind])
			if pages[kind] < 100 || exact[kind] < pages[kind]*9/10 {
				t.Errorf("base %q: %d of %d %s pages byte for byte: want nearly all", base, exact[kind], pages[kind], kind)
			}
		}
	}
}
