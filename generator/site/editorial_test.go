package site_test

import (
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
)

// editorialArchive is the thread's cables with editorial pages: an
// introduction, an About page in the menu, a collection (one cable
// missing), a nested guide, a draft, a broken page and one at an address
// of the site's own.
const editorialArchive = `
-- _index.md --
---
title: ignored
---
Welcome to **the Belgrade cables**: start with [the request](cable:07STATE126086).
-- about.md --
---
title: About this site
description: Who publishes these cables, and how.
menu: 2
---
We annotate cables. See [a cable not here](cable:99NOWHERE1).
-- kosovo.md --
---
title: Kosovo's status, 2007
menu: 1
cables:
  - 07BELGRADE1300
  - 99NOWHERE1
  - 07STATE126086
---
Three cables, **in the order of the story**.
-- guides/reading.md --
How to read a cable.
Links to markdown files go to their pages: [About](../about.md), [home](../_index.md),
[a cable](../cables/2007/09/07STATE126086.md#par1), [itself](reading\.md?x=1).
-- draft.md --
---
draft: true
---
Not yet.
-- broken.md --
---
title: [unclosed
---
-- tag.md --
A page at tag/index.html would replace the TAGS.
`

func TestEditorialPages(t *testing.T) {
	content := parseArchive(t, threadArchive[:strings.Index(threadArchive, "-- about.md --")]+strings.TrimPrefix(editorialArchive, "\n"))
	var warnings []string
	out, sum := buildSite(t, content, func(c *site.Config) {
		c.BaseURL = "https://example.org/"
		c.Search = search.NewBuilder(search.Config{Workers: 1})
		c.Warn = func(msg string) { warnings = append(warnings, msg) }
	})
	for _, want := range []string{
		"content/broken.md:2: front matter: ",
		"content/tag.md:1: tag/index.html is the site's own address: rename the file: skipped",
		"content/kosovo.md:4: the collection names cables the site does not have: 99NOWHERE1",
		"content/about.md:6: the link to cable:99NOWHERE1 names a cable the site does not have: shown as text",
	} {
		found := false
		for _, w := range warnings {
			found = found || strings.HasPrefix(w, want)
		}
		if !found {
			t.Errorf("no warning %q in %q", want, warnings)
		}
	}
	if sum.Skipped < 2 {
		t.Errorf("skipped %d files, want the broken page and tag.md among them", sum.Skipped)
	}
	about := out.file(t, "about/index.html")
	for _, want := range []string{
		"<title>About this site · Cables</title>", `<meta name="description" content="Who publishes these cables, and how.">`,
		`<link rel="canonical" href="https://example.org/about/index.html">`,
		"<h1>About this site</h1>", `<span class="cable-ref missing" title="not in this collection">a cable not here</span>`,
		`<a href="../index.html">Home</a>`,
	} {
		if !strings.Contains(about, want) {
			t.Errorf("about/index.html lacks %s", want)
		}
	}
	// The menu: the pages that ask, by weight, on every page.
	for _, page := range []string{"index.html", "cable/2007/09/07STATE126086.html", "about/index.html"} {
		html := strings.ReplaceAll(out.file(t, page), "&#39;", "'")
		k, a := strings.Index(html, ">Kosovo's status, 2007</a>"), strings.Index(html, ">About this site</a>")
		if k < 0 || a < 0 || k > a {
			t.Errorf("%s: the menu lacks the pages, or orders them wrong (%d, %d)", page, k, a)
		}
	}
	if !strings.Contains(out.file(t, "cable/2007/09/07STATE126086.html"), `<a href="../../../kosovo/index.html">Kosovo's status, 2007</a>`) {
		t.Error("the menu's links are not relative to the page")
	}

	coll := out.file(t, "kosovo/index.html")
	i1, i2 := strings.Index(coll, "LATER FROM BELGRADE"), strings.Index(coll, "REQUEST: ENCOURAGING SERBS TO VOTE")
	if i1 < 0 || i2 < 0 || i1 > i2 {
		t.Errorf("the collection does not list its cables in its order (%d, %d)", i1, i2)
	}
	for _, want := range []string{
		"2 cables in this collection", "Named by this collection but not in this site: 99NOWHERE1.",
		`<a class="feed" href="../kosovo/feed.xml">`, `<svg`, "<strong>in the order of the story</strong>",
	} {
		if !strings.Contains(coll, want) {
			t.Errorf("kosovo/index.html lacks %s", want)
		}
	}
	feed := out.file(t, "kosovo/feed.xml")
	if !strings.Contains(feed, "<title>Cables: Kosovo's status, 2007</title>") || strings.Count(feed, "<entry>") != 2 {
		t.Errorf("kosovo/feed.xml: %.400s", feed)
	}

	if !strings.Contains(out.file(t, "cable/2007/09/07BELGRADE1300.html"), `<h2 id="collections-h">In these collections</h2><ul><li><a href="../../../kosovo/index.html">Kosovo's status, 2007</a>`) {
		t.Error("the cable page does not list its collection")
	}
	// The pages whose text links a cable, but the home page's
	// introduction: the guide links 07STATE126086 by its file.
	if !strings.Contains(out.file(t, "cable/2007/09/07STATE126086.html"), `<h2 id="pages-h">Discussed on these pages</h2><ul><li><a href="../../../guides/reading/index.html">Reading</a></li></ul>`) {
		t.Error("07STATE126086's page does not list the one page discussing it")
	}
	home := out.file(t, "index.html")
	if !strings.Contains(home, "Welcome to <strong>the Belgrade cables</strong>: start with <a class=\"cable-ref\" href=\"cable/2007/09/07STATE126086.html\"") {
		t.Errorf("the home page lacks its introduction, cable link resolved")
	}
	reading := out.file(t, "guides/reading/index.html")
	for _, want := range []string{
		"<title>Reading · Cables</title>",
		`<a href="../../about/index.html">About</a>`, `<a href="../../index.html">home</a>`,
		`<a href="../../cable/2007/09/07STATE126086.html#par1">a cable</a>`, `<a href="../../guides/reading/index.html?x=1">itself</a>`,
	} {
		if !strings.Contains(reading, want) {
			t.Errorf("guides/reading/index.html lacks %s", want)
		}
	}
	for _, w := range warnings {
		if strings.Contains(w, "reading.md") {
			t.Errorf("a warning for a link that has its page: %s", w)
		}
	}
	for _, name := range []string{"draft/index.html", "broken/index.html"} {
		if _, ok := out.files[name]; ok {
			t.Errorf("%s written", name)
		}
	}
	sitemap := out.file(t, "sitemap.xml")
	for _, p := range []string{"about/index.html", "kosovo/index.html", "guides/reading/index.html"} {
		if !strings.Contains(sitemap, "https://example.org/"+p) {
			t.Errorf("the sitemap lacks %s", p)
		}
	}
	// The search's in: filter finds the collection's cables.
	inTerm := false
	for name, data := range out.files {
		inTerm = inTerm || strings.HasPrefix(name, "search/") && strings.Contains(string(data), "in:kosovo")
	}
	if !inTerm {
		t.Error("the search index has no term in:kosovo")
	}
	checkSite(t, out.files)
}

// A link to a markdown file with no page in the site (a draft, a file
// that does not exist or is outside the content folder, a cable not in
// the collection) is reported with its line and left as written.
func TestEditorialBrokenLinks(t *testing.T) {
	content := parseArchive(t, threadArchive[:strings.Index(threadArchive, "-- cables/2007/08/")]+`
-- draft.md --
---
draft: true
---
-- notes/links.md --
---
title: Links
---
One [draft](../draft.md),

[none](nowhere.md) and [outside](../../README.md),
a [cable not here](../cables/2009/01/09NOWHERE1.md "gone").
`)
	var warnings []string
	out, _ := buildSite(t, content, func(c *site.Config) {
		c.Warn = func(msg string) { warnings = append(warnings, msg) }
	})
	var got []string
	for _, w := range warnings {
		if strings.HasPrefix(w, "content/notes/links.md") {
			got = append(got, w)
		}
	}
	const tail = " finds no page of the site (a page or cable of the content folder, not a draft): left as written"
	want := []string{
		"content/notes/links.md:4: the link to ../draft.md" + tail,
		"content/notes/links.md:6: the link to nowhere.md" + tail,
		"content/notes/links.md:6: the link to ../../README.md" + tail,
		"content/notes/links.md:7: the link to ../cables/2009/01/09NOWHERE1.md" + tail,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	page := out.file(t, "notes/links/index.html")
	for _, want := range []string{
		`<a href="../../draft.md">draft</a>`, `<a href="../nowhere.md">none</a>`, `<a href="../../../README.md">outside</a>`,
		`<a href="../../cables/2009/01/09NOWHERE1.md" title="gone">cable not here</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("notes/links/index.html lacks %s", want)
		}
	}
}
