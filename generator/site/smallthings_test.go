package site_test

import (
	"strings"
	"testing"
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
