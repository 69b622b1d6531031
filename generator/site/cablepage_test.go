package site_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// A cable or list page written in Go (render.CablePage.WriteMinified,
// ListPage.WriteMinified, used while the templates are the stock ones) is
// what the templates and the minifier make of it: byte for byte, except
// where a value holds a run of white space or an & the minifier would
// write as it is, which Go escapes: such a page and the template's, both
// minified again, are the same bytes. Checked on cables made here, with
// each optional field present, absent or odd, on hostile cables, with
// and without a base URL; TestCablePageInGoCorpus adds the real corpus.
func TestCablePageInGo(t *testing.T) {
	content := variedCables(t, 150)
	maps.Copy(content, parseArchive(t, hostileArchive))
	addOddCables(t, content)
	// Collections, one with a hostile title, list some cables.
	content["story.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"A story <b>&</b>\"\ncables: [06VARIED1, 06VARIED2, 07VARIED100]\n---\nText.\n")}
	content["more.md"] = &fstest.MapFile{Data: []byte("---\ncables: [06VARIED2]\n---\n")}
	// Pages that link cables, one with a hostile title, one a collection
	// linking its own cable (listed once) and another.
	content["essay.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"An essay <i>&amp;</i>\"\n---\nSee [one](cable:06VARIED3) and [two](cable:06VARIED1).\n")}
	content["more.md"].Data = append(content["more.md"].Data, "[Mine](cable:06VARIED2), [another](cable:06VARIED3).\n"...)
	checkPagesInGo(t, content)
}

// TestCablePageInGoCorpus is TestCablePageInGo on the real corpus.
func TestCablePageInGoCorpus(t *testing.T) {
	content := importCorpus(t)
	maps.Copy(content, parseArchive(t, hostileArchive))
	addOddCables(t, content)
	checkPagesInGo(t, content)
}

// variedCables returns n cables over fifteen months, from six origins
// and none, with every field of a cable page present on some and absent
// on others: addressees, handling, TAGS (one on every cable, so that its
// list runs over many pages), references in and out of the collection,
// classifiers, declassification, signers, undated cables.
func variedCables(t testing.TB, n int) fstest.MapFS {
	t.Helper()
	content := fstest.MapFS{}
	origins := []string{"", "Embassy Rome", "Embassy Paris", "Secretary of State", "Consulate Lagos", "Mission Geneva", "Embassy Tokyo"}
	classes := []string{"", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET//NOFORN"}
	tags := []string{"PGOV", "PREL", "ECON", "KV", "SR", "ETRD", "PHUM"}
	start := time.Date(2006, 11, 3, 9, 30, 0, 0, time.UTC)
	ids := make([]string, n)
	for i := range n {
		c := &cable.Cable{
			ID:             fmt.Sprintf("%02dVARIED%d", 6+i/100, i+1),
			Date:           start.Add(time.Duration(i) * 73 * time.Hour),
			Origin:         origins[i%len(origins)],
			Classification: classes[i%len(classes)],
			Subject:        fmt.Sprintf("VARIED SUBJECT %d: TALKS, TRADE & \"TERMS\"", i+1),
			Tags:           []string{"PGOV"},
		}
		ids[i] = c.ID
		if i%11 == 5 {
			c.Date = time.Time{}
		}
		if i%4 != 0 {
			c.Tags = append(c.Tags, tags[1+i%(len(tags)-1)])
		}
		if i%3 == 0 {
			c.From = "AMEMBASSY " + strings.ToUpper(strings.TrimPrefix(c.Origin, "Embassy "))
			c.To = []cable.Addressee{{Name: "SECSTATE WASHDC", Precedence: "PRIORITY", Route: "RUEHC"}, {Name: "AMEMBASSY BERLIN"}}
		}
		if i%5 == 0 {
			c.Info = []cable.Addressee{{Name: "USMISSION USNATO", Route: "RUEHNO"}}
			c.Handling = []string{"NOFORN", "SIPDIS"}
		}
		if i%6 == 1 {
			c.ClassifiedBy = "DCM J. SMITH FOR REASONS 1.4 (B) AND (D)"
			c.Declassify = "2017-09-07"
		}
		if i%7 == 2 {
			c.DeclassifyText = "1.6X1"
			c.Signers = []string{"RICE", "SMITH"}
		}
		if i%3 == 2 {
			c.Summary = fmt.Sprintf("A summary of cable %d, long enough to be a description.", i+1)
		}
		if i > 0 && i%4 == 1 {
			c.References = []cable.Reference{{ID: ids[i-1], Text: "A. " + ids[i-1]}, {Text: "B. A LETTER OF 5 MAY"}}
			if i > 20 {
				c.References = append(c.References, cable.Reference{ID: ids[i/2], Text: "C. " + ids[i/2]}, cable.Reference{ID: "05NOWHERE1", Text: "D. 05 NOWHERE 1"})
			}
		}
		writeCable(t, content, c, fmt.Sprintf("1. (C) TEXT OF CABLE %d.\n\n2. (S) MORE TEXT, SEE REF A.\n", i+1))
	}
	return content
}

// addOddCables adds cables whose fields are absent, or hold what
// escaping and minifying could treat differently.
func addOddCables(t testing.TB, content fstest.MapFS) {
	t.Helper()
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
	// An editor's title and notes, Cablegate's articles, a long Info list
	// (folded past three names).
	c := &cable.Cable{ID: "08EDITED1", Date: day.Add(6 * time.Hour), Origin: "Embassy Nowhere", Subject: "THE SUBJECT AS SENT",
		From: "AMEMBASSY NOWHERE", To: []cable.Addressee{{Name: "SECSTATE WASHDC", Precedence: "PRIORITY", Route: "RUEHC"}}}
	for i := range 9 {
		c.Info = append(c.Info, cable.Addressee{Name: fmt.Sprintf("AMEMBASSY N%d & <%d>", i, i), Precedence: "PRIORITY"})
	}
	var buf bytes.Buffer
	rec := cable.Record{Pos: cable.Pos{File: "test.txt", Line: 1}, Format: cable.FormatText, Text: []byte("1. (C) EDITED.\n"),
		Meta: cable.Meta{Articles: []string{"http://www.spiegel.de/a?b=1&c=2", "javascript:alert(1)", "https://example.org/\"q\" <x>"}}}
	if err := annotate.Write(&buf, c, rec); err != nil {
		t.Fatal(err)
	}
	data := strings.Replace(buf.String(), `title: "THE SUBJECT AS SENT"`, `title: "An editor's title: <b>&amp;</b>"`, 1)
	data = strings.Replace(data, "<!-- cablesite:original -->", "<!-- cablesite:notes -->\n## Context\n\nSee [the cable](cable:08ODD1), *a* <b>note</b> & [x](javascript:alert(1)).\n\n¶1. Not a paragraph of the cable.\n\n<!-- cablesite:original -->", 1)
	content[annotate.Path(c)] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
}

// goTemplateOpening matches the opening of each template of base.html,
// cable.html and list.html, which Go code stands for.
var goTemplateOpening = regexp.MustCompile(`\{\{-? ?(define|block) "[^"]+"[^}]*?(-?)\}\}`)

// throughTemplates returns an override of the templates that Go code
// stands for, each with an action that prints nothing: the pages are the
// same, but Go writes none of it, and html/template and the minifier do
// all the work.
func throughTemplates(t testing.TB) fstest.MapFS {
	t.Helper()
	override := fstest.MapFS{}
	for _, name := range []string{"base.html", "cable.html", "list.html"} {
		stock, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		edited := goTemplateOpening.ReplaceAllFunc(stock, func(open []byte) []byte {
			if bytes.HasSuffix(open, []byte("-}}")) {
				return slices.Concat(open, []byte(`{{- "" -}}`))
			}
			return slices.Concat(open, []byte(`{{""}}`))
		})
		override[name] = &fstest.MapFile{Data: edited}
	}
	return override
}

// checkPagesInGo builds content with the stock templates and with
// throughTemplates, and compares every file of the two builds.
func checkPagesInGo(t *testing.T, content fs.FS) {
	viaTemplate, err := render.Load(templates.FS, throughTemplates(t))
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

// TestEditorial checks what a cable's page shows of an editor's work and
// of Cablegate's: the editor's title as the page's title and in lists
// and feeds (the subject as sent under it, and in the search index), the
// notes marked as editorial and rendered as markdown (cable: links
// resolved, unsafe links and raw HTML dropped, no paragraph anchors,
// heading ids of their own), and "Appears in these articles" as links.
func TestEditorial(t *testing.T) {
	content := fstest.MapFS{}
	addOddCables(t, content)
	out, _ := buildSite(t, content, nil)
	checkSite(t, out.files) // links, ids, structure
	page := out.file(t, "cable/2008/03/08EDITED1.html")
	for _, want := range []string{
		`<title>An editor's title: &lt;b>&amp;amp;&lt;/b> · Cables</title>`,
		`<h1>An editor's title: &lt;b>&amp;amp;&lt;/b></h1><p class="subject"><span class="label">Subject:</span> THE SUBJECT AS SENT</p>`,
		`<section class="notes" aria-labelledby="notes-h" data-search-text><h2 id="notes-h" data-search-skip>Editor's notes</h2><p class="editorial" data-search-skip>Commentary by the publisher of this site, not part of the cable.</p><h3 id="note-context">Context</h3>`,
		`See <a class="cable-ref" href="../../../cable/2008/03/08ODD1.html" data-id="08ODD1">the cable</a>, <em>a</em> note &amp; x.</p><p>¶1. Not a paragraph of the cable.</p>`,
		`<h2 id="articles-h">Appears in these articles</h2><ul><li><a href="http://www.spiegel.de/a?b=1&amp;c=2" rel="external">http://www.spiegel.de/a?b=1&amp;c=2</a></li><li>javascript:alert(1)</li><li><a href="https://example.org/%22q%22%20%3cx%3e" rel="external">https://example.org/"q" &lt;x></a></li></ul>`,
		`<dt>Info</dt><dd><ul><li>AMEMBASSY N0 & &lt;0> <span class="precedence">PRIORITY</span>`,
		`<details><summary>6 more</summary><ul><li>AMEMBASSY N3 & &lt;3>`,
		`<meta name="description" content="An editor's title: <b>&amp;amp;</b>: 1. (C) EDITED.">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the edited cable's page lacks\n%s\nin\n%s", want, page)
		}
	}
	for _, dont := range []string{`<b>note</b>`, `javascript:alert`, `id="par1" class="par"><a class="pilcrow" href="#par1" aria-label="Paragraph 1">¶1.</a> Not`} {
		if strings.Contains(strings.ReplaceAll(page, "<li>javascript:alert(1)", ""), dont) {
			t.Errorf("the edited cable's page has %s", dont)
		}
	}
	// Lists and feeds show the editor's title.
	for _, file := range []string{"date/2008/03/index.html", "origin/embassy-nowhere/index.html", "feed.xml"} {
		if got := out.file(t, file); !strings.Contains(got, `An editor`) || strings.Contains(got, "THE SUBJECT AS SENT") {
			t.Errorf("%s does not show the editor's title instead of the subject", file)
		}
	}
}
