package site_test

import (
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
)

// oneCable is the smallest site: one cable, with no TAG.
const oneCable = `
-- cables/2007/09/07STATE1.md --
---
title: "THE ONLY CABLE"
date: 2007-09-07T21:47:00Z
id: "07STATE1"
origin: "Secretary of State"
subject: "THE ONLY CABLE"
source:
  format: "text"
  file: "a.txt"
  line: 1
---

¶1. (U) ALONE.
`

// TestSmallThings checks what issue 17 calls the small things readers
// notice: plurals, no empty sections on a one-cable site, the links
// between months and between years, and the 404 page's stylesheet.
func TestSmallThings(t *testing.T) {
	one, _ := buildSite(t, parseArchive(t, oneCable), nil)
	for _, tc := range []struct {
		file       string
		want, dont []string
	}{
		{"cable/2007/09/07STATE1.html", []string{`Cables: 1 cable. Built with cablesite.`}, []string{`More cables`, `cable-nav`, `<aside`}},
		{"index.html", []string{`<div><dt>cable</dt><dd>1</dd></div>`, `<div><dt>origin</dt><dd>1</dd></div>`, `<meta name="description" content="1 cable from September 2007 to September 2007">`},
			[]string{`Busiest TAGS`, `1 cables`}},
		{"date/2007/09/index.html", []string{`<p>1 cable, oldest first.`}, []string{`class="neighbours"`}},
		{"date/2007/index.html", nil, []string{`class="neighbours"`}},
	} {
		page := one.file(t, tc.file)
		for _, want := range tc.want {
			if !strings.Contains(page, want) {
				t.Errorf("one-cable site, %s lacks %s", tc.file, want)
			}
		}
		for _, dont := range tc.dont {
			if strings.Contains(page, dont) {
				t.Errorf("one-cable site, %s has %s", tc.file, dont)
			}
		}
	}

	three, _ := buildSite(t, parseArchive(t, threadArchive+`
-- cables/2009/01/09ROME1.md --
---
title: "A LATER YEAR"
date: 2009-01-05T10:00:00Z
id: "09ROME1"
subject: "A LATER YEAR"
source:
  format: "text"
  file: "r.txt"
  line: 1
---

TEXT.
`), nil)
	checkSite(t, one.files)
	checkSite(t, three.files)
	for _, tc := range []struct{ file, want string }{
		{"date/2007/08/index.html", `<nav class="neighbours" aria-label="Months"><ul><li class="next"><a href="../../../date/2007/09/index.html"><span class="visually-hidden">Next: </span>September 2007 →</a></li></ul></nav>`},
		{"date/2007/09/index.html", `<nav class="neighbours" aria-label="Months"><ul><li class="prev"><a href="../../../date/2007/08/index.html"><span class="visually-hidden">Previous: </span>← August 2007</a></li><li class="next"><a href="../../../date/2009/01/index.html"><span class="visually-hidden">Next: </span>January 2009 →</a></li></ul></nav>`},
		{"date/2007/index.html", `<nav class="neighbours" aria-label="Years">
<ul><li class="next"><a href="../../date/2009/index.html"><span class="visually-hidden">Next: </span>2009 →</a></li></ul>
</nav>`},
		{"date/2009/index.html", `<li class="prev"><a href="../../date/2007/index.html"><span class="visually-hidden">Previous: </span>← 2007</a></li></ul>`},
		// served, the stylesheet is at the root; from disk, next to the page
		{"404.html", `<link rel="stylesheet" href="/assets/style.`},
		{"404.html", `<link rel="stylesheet" href="assets/style.`},
	} {
		if page := three.file(t, tc.file); !strings.Contains(page, tc.want) {
			t.Errorf("%s lacks\n%s\nin\n%s", tc.file, tc.want, page)
		}
	}
}

// TestDescriptions checks that every page has a meta description (issue
// 16): a cable's title and first words, a list's heading and size, an
// index's size, the site's own elsewhere.
func TestDescriptions(t *testing.T) {
	out, _ := buildSite(t, parseArchive(t, threadArchive), func(c *site.Config) { c.Search = search.NewBuilder(search.Config{}) })
	for name, data := range out.files {
		if strings.HasSuffix(name, ".html") && !strings.Contains(string(data), `<meta name="description" content=`) {
			t.Errorf("%s has no meta description", name)
		}
	}
	for _, tc := range []struct{ file, want string }{
		{"cable/2007/09/07STATE126086.html", `<meta name="description" content="REQUEST: ENCOURAGING SERBS TO VOTE: AS BELGRADE 1200 AND PRISTINA 99 REPORTED.">`},
		{"tag/pgov/index.html", `<meta name="description" content="Cables tagged PGOV (Political Affairs: Government; Internal Governmental Affairs): 3 cables, newest first.">`},
		{"date/2007/09/index.html", `<meta name="description" content="Cables of September 2007: 2 cables, oldest first.">`},
		{"date/2007/index.html", `<meta name="description" content="Cables of 2007: 3 cables, by month.">`},
		{"date/index.html", `<meta name="description" content="Cables by date: 4 cables, by year and month.">`},
		{"origin/index.html", `<meta name="description" content="Origins of 4 cables: 2 in all. The posts that sent the cables, by place.">`},
		{"index.html", `<meta name="description" content="4 cables from August 2007 to September 2007">`},
		{"search.html", `<meta name="description" content="Cables: 4 cables of diplomatic correspondence to read, browse by date, origin, TAG and classification, and search.">`},
	} {
		if page := out.file(t, tc.file); !strings.Contains(page, tc.want) {
			i := strings.Index(page, `<meta name="description"`)
			t.Errorf("%s lacks %s: %.200s", tc.file, tc.want, page[max(i, 0):])
		}
	}
	// With a description in the site's configuration, that is the site's.
	configured, _ := buildSite(t, parseArchive(t, threadArchive), func(c *site.Config) {
		c.Search = search.NewBuilder(search.Config{})
		c.Meta.Description = "US cables on the Balkans, annotated."
	})
	for _, tc := range []struct{ file, want string }{
		{"search.html", `<meta name="description" content="US cables on the Balkans, annotated.">`},
		{"404.html", `<meta name="description" content="US cables on the Balkans, annotated.">`},
		{"date/2007/09/index.html", `<meta name="description" content="Cables of September 2007: 2 cables, oldest first.">`},
	} {
		if page := configured.file(t, tc.file); !strings.Contains(page, tc.want) {
			i := strings.Index(page, `<meta name="description"`)
			t.Errorf("%s lacks %s: %.200s", tc.file, tc.want, page[max(i, 0):])
		}
	}
}
