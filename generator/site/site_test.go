package site_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// A small collection in one string: three cables in a thread, an undated
// one, a duplicate and a file whose front matter is broken.
const threadArchive = `
-- cables/2007/09/07STATE126086.md --
---
title: "REQUEST: ENCOURAGING SERBS TO VOTE"
date: 2007-09-07T21:47:00Z
id: "07STATE126086"
origin: "Secretary of State"
from: "SECSTATE WASHDC"
classification: "CONFIDENTIAL"
tags: ["PGOV", "KV", "ZZQX"]
subject: "REQUEST: ENCOURAGING SERBS TO VOTE"
references:
  - id: "07BELGRADE1200"
    text: "A. BELGRADE 1200"
  - id: "06PRISTINA99"
    text: "B. 06 PRISTINA 99"
  - text: "C. EMAIL OF 5 SEPT"
source:
  format: "text"
  file: "seed.txt"
  line: 1
---

¶1. (C) AS [BELGRADE 1200](cable:07BELGRADE1200) AND [PRISTINA 99](cable:06PRISTINA99) REPORTED.

<!-- cablesite:original -->
~~~~ text
CONFIDENTIAL STATE 126086
1. (C) AS BELGRADE 1200 AND PRISTINA 99 REPORTED.
~~~~
-- cables/2007/08/07BELGRADE1200.md --
---
title: "SERBIA ON KOSOVO"
date: 2007-08-30T10:00:00Z
id: "07BELGRADE1200"
origin: "Embassy Belgrade"
classification: "SECRET//NOFORN"
tags: ["PGOV", "SR"]
subject: "SERBIA ON KOSOVO"
source:
  format: "text"
  file: "b.txt"
  line: 1
---

¶1. (S) TEXT OF BELGRADE.
-- cables/2007/09/07BELGRADE1300.md --
---
title: "LATER FROM BELGRADE"
date: 2007-09-20T08:00:00Z
id: "07BELGRADE1300"
origin: "Embassy Belgrade"
classification: "UNCLASSIFIED"
tags: ["PGOV"]
subject: "LATER FROM BELGRADE"
references:
  - id: "07STATE126086"
    text: "STATE 126086"
source:
  format: "text"
  file: "c.txt"
  line: 1
---

¶1. (U) FOLLOWING UP [STATE 126086](cable:07STATE126086).
-- cables/undated/XXNODATE1.md --
---
title: "NO DATE"
id: "XXNODATE1"
subject: "NO DATE"
source:
  format: "text"
  file: "d.txt"
  line: 1
---

TEXT.
-- cables/2007/09/zz-duplicate.md --
---
title: "A SECOND 07BELGRADE1300"
date: 2007-09-21T08:00:00Z
id: "07BELGRADE1300"
subject: "A SECOND 07BELGRADE1300"
source:
  format: "text"
  file: "e.txt"
  line: 1
---
-- cables/2007/09/broken.md --
---
title: "BROKEN
id: [unclosed
---
-- cables/2007/09/notes.txt --
not markdown: ignored
-- about.md --
outside cables/: ignored
`

func TestThread(t *testing.T) {
	out, sum := buildSite(t, parseArchive(t, threadArchive), nil)

	if sum.Cables != 4 || sum.Skipped != 2 {
		t.Errorf("summary %+v: want 4 cables, 2 skipped", sum)
	}
	if len(sum.Warnings) != 2 || !strings.HasPrefix(sum.Warnings[0], "content/cables/2007/09/broken.md:2: ") ||
		!strings.HasPrefix(sum.Warnings[1], `content/cables/2007/09/zz-duplicate.md:4: duplicate id "07BELGRADE1300"`) {
		t.Errorf("warnings: %q", sum.Warnings)
	}

	for _, tc := range []struct {
		file       string
		want, dont []string
	}{
		{
			file: "cable/2007/09/07STATE126086.html",
			want: []string{
				// references: linked with their date when in the collection,
				// unlinked when not; REF items that are not cables as text
				`<li><time datetime="2007-08-30T10:00:00Z">2007-08-30</time> <a class="id" href="../../../cable/2007/08/07BELGRADE1200.html">07BELGRADE1200</a> SERBIA ON KOSOVO</li>`,
				`<li class="absent"><span class="id">06PRISTINA99</span> B. 06 PRISTINA 99 <span class="note">(not in this collection)</span></li>`,
				`<li class="absent">C. EMAIL OF 5 SEPT</li>`,
				// cited by
				`<h3 id="cited-h">Cited by</h3><ol aria-labelledby="cited-h"><li><time datetime="2007-09-20T08:00:00Z">2007-09-20</time> <a class="id" href="../../../cable/2007/09/07BELGRADE1300.html">07BELGRADE1300</a> LATER FROM BELGRADE</li>`,
				// the body: anchors, markings, references resolved from this page
				`<p id="par1" class="par"><a class="pilcrow" href="#par1" aria-label="Paragraph 1">¶1.</a> <span class="marking marking-c" title="Confidential">(C)</span> AS <a class="cable-ref" href="../../../cable/2007/08/07BELGRADE1200.html" data-id="07BELGRADE1200">BELGRADE 1200</a> AND <span class="cable-ref missing" title="not in this collection">PRISTINA 99</span> REPORTED.</p>`,
				// TAG meanings; unknown codes as they are
				`<li><a href="../../../tag/kv/index.html">KV</a> <span class="meaning">Kosovo</span></li>`,
				`<li><a href="../../../tag/zzqx/index.html">ZZQX</a></li>`,
				// the original text behind a toggle that needs no script
				"<details class=\"original\" id=\"original\"><summary>Original text</summary><pre>CONFIDENTIAL STATE 126086\n1. (C) AS BELGRADE 1200",
				// previous and next in the collection
				`<span class="label">Previous cable</span><a href="../../../cable/2007/08/07BELGRADE1200.html" rel="prev">SERBIA ON KOSOVO</a>`,
				`<span class="label">Next cable</span><a href="../../../cable/2007/09/07BELGRADE1300.html" rel="next">LATER FROM BELGRADE</a>`,
				`<a class="classification cls-confidential" href="../../../classification/confidential/index.html">CONFIDENTIAL</a>`,
				`<li><a href="../../../date/2007/09/index.html">September 2007</a></li></ol></nav>`,
			},
		},
		{
			file: "cable/2007/09/07BELGRADE1300.html",
			want: []string{
				// previous of the same origin
				`<span class="label">Previous from Embassy Belgrade</span><a href="../../../cable/2007/08/07BELGRADE1200.html">SERBIA ON KOSOVO</a>`,
				`<span class="label">Previous cable</span><a href="../../../cable/2007/09/07STATE126086.html" rel="prev">`,
				// the undated cable comes last in the collection
				`<span class="label">Next cable</span><a href="../../../cable/undated/XXNODATE1.html" rel="next">NO DATE</a>`,
				`This cable cites no other cable.`[:0] + `No cable in this collection cites this one.`,
			},
		},
		{
			file: "cable/undated/XXNODATE1.html",
			want: []string{`<a href="../../date/undated/index.html">undated</a>`, `This cable cites no other cable.`},
			dont: []string{`<details`, `0001-01-01`},
		},
		{
			file: "tag/pgov/index.html",
			want: []string{
				`<h1>Cables tagged PGOV</h1>`,
				`<p class="lead">Political Affairs: Government; Internal Governmental Affairs</p>`,
				`<p>3 cables, newest first.`,
				`<a class="feed" href="../../tag/pgov/feed.xml">Atom feed</a>`,
				// newest first
				`<li><a href="../../cable/2007/09/07BELGRADE1300.html">LATER FROM BELGRADE</a>
<span class="sub"><time datetime="2007-09-20T08:00:00Z">2007-09-20</time> · <span class="id">07BELGRADE1300</span> · Embassy Belgrade · UNCLASSIFIED</span></li><li><a href="../../cable/2007/09/07STATE126086.html">`,
				// its own chart, bars linking to the month pages
				`<figure class="chart"><svg`,
				`<a href="../../date/2007/08/index.html"><title>August 2007: 1 cable</title>`,
			},
			dont: []string{`class="pager"`},
		},
		{
			file: "tag/index.html",
			want: []string{
				`<h2 id="g-k">K</h2>`,
				`<li><a href="../tag/kv/index.html">KV</a> <span class="meaning">Kosovo</span> <span class="count">1</span></li>`,
				`<li><a href="../tag/pgov/index.html">PGOV</a> <span class="meaning">Political Affairs: Government; Internal Governmental Affairs</span> <span class="count">3</span></li>`,
			},
		},
		{
			file: "origin/index.html",
			want: []string{`<h2 id="g-b">B</h2>`, `<li><a href="../origin/embassy-belgrade/index.html">Embassy Belgrade</a> <span class="count">2</span></li>`, `<h2 id="g-s">S</h2>`},
		},
		{
			file: "classification/index.html",
			// by level, not by name
			want: []string{`unclassified/index.html">UNCLASSIFIED</a> <span class="count">1</span></li>
<li><a href="../classification/confidential/index.html">CONFIDENTIAL</a> <span class="count">1</span></li>
<li><a href="../classification/secret-noforn/index.html">SECRET//NOFORN</a>`},
		},
		{
			file: "date/index.html",
			want: []string{`<h2 id="d-2000s">2000s</h2>`, `<a href="../date/2007/index.html">2007</a> <span class="count">3</span>`, `<a href="../date/undated/index.html">Cables without a date</a> <span class="count">1</span>`},
		},
		{
			file: "date/2007/index.html",
			want: []string{`<a href="../../date/2007/08/index.html">August 2007</a> <span class="count">1</span>`, `<a href="../../date/2007/09/index.html">September 2007</a> <span class="count">2</span>`},
		},
		{
			file: "date/2007/09/index.html",
			// a month lists its cables oldest first
			want: []string{"<p>2 cables, oldest first.", `07STATE126086.html">REQUEST: ENCOURAGING SERBS TO VOTE</a>`},
		},
		{
			file: "index.html",
			want: []string{
				`<div><dt>cables</dt><dd>4</dd></div>`,
				`<time datetime="2007-08-30T10:00:00Z">August 2007</time>`,
				`<time datetime="2007-09-20T08:00:00Z">September 2007</time>`,
				`1 cable has no date: <a href="date/undated/index.html">undated cables</a>`,
				`<a href="date/2007/09/index.html"><title>September 2007: 2 cables</title>`,
				`<li><a href="tag/pgov/index.html">PGOV</a> <span class="meaning">Political Affairs: Government; Internal Governmental Affairs</span> <span class="count">3</span></li>`,
			},
		},
		{
			file: "404.html",
			want: []string{`<link rel="stylesheet" href="/assets/style.`, `<a href="/date/index.html">Browse by date</a>`},
		},
		{
			file: "robots.txt",
			want: []string{"User-agent: *\nAllow: /\n"},
			dont: []string{"Sitemap:"},
		},
		{
			file: "tag/pgov/feed.xml",
			want: []string{
				`<feed xmlns="http://www.w3.org/2005/Atom"><title>Cables: newest cables tagged PGOV</title>`,
				`<updated>2007-09-20T08:00:00Z</updated>`,
				`<link rel="alternate" type="text/html" href="../../cable/2007/09/07BELGRADE1300.html"/>`,
				`<id>urn:cablesite:cable:07BELGRADE1300</id>`,
				`<category term="PGOV" label="Political Affairs: Government; Internal Governmental Affairs"/>`,
			},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			page := out.file(t, tc.file)
			for _, want := range tc.want {
				if !strings.Contains(page, want) {
					t.Errorf("lacks %s", want)
				}
			}
			for _, dont := range tc.dont {
				if strings.Contains(page, dont) {
					t.Errorf("has %s", dont)
				}
			}
		})
	}
	for _, name := range []string{"cable/2007/09/broken.html", "about.html", "cable/2007/09/zz-duplicate.html"} {
		if _, ok := out.files[name]; ok {
			t.Errorf("%s written", name)
		}
	}
}

// TestSearchScriptNamed: with search, every page names the search's core
// script in a meta element, for site.js, which loads it on a cable's page
// to mark what a search found there; the search page loads the core, then
// its own script, which no other page loads. Without search, no page
// names either.
func TestSearchScriptNamed(t *testing.T) {
	content := parseArchive(t, threadArchive)
	for _, withSearch := range []bool{false, true} {
		out, _ := buildSite(t, content, func(cfg *site.Config) {
			if withSearch {
				cfg.Search = search.NewBuilder(search.Config{Workers: 2})
			}
		})
		var core, ui string
		for name := range out.files {
			switch {
			case strings.HasPrefix(name, "assets/search-core.") && strings.HasSuffix(name, ".js"):
				core = name
			case strings.HasPrefix(name, "assets/search.") && strings.HasSuffix(name, ".js"):
				ui = name
			}
		}
		if core == "" || ui == "" {
			t.Fatalf("search scripts under assets/: core %q, page %q", core, ui)
		}
		for file, root := range map[string]string{"cable/2007/09/07STATE126086.html": "../../../", "index.html": ""} {
			page := string(out.files[file])
			if got := regexp.MustCompile(`<meta name="cablesite-search"[^>]*>`).FindString(page); withSearch && got != `<meta name="cablesite-search" content="`+root+core+`">` ||
				!withSearch && got != "" {
				t.Errorf("search %v: %s has %q", withSearch, file, got)
			}
			if strings.Contains(page, ui) {
				t.Errorf("search %v: %s names the search page's script %s", withSearch, file, ui)
			}
		}
		if withSearch {
			page := string(out.files["search.html"])
			if c, u := strings.Index(page, `<script src="`+core+`"`), strings.Index(page, `<script src="`+ui+`"`); c < 0 || u < c {
				t.Errorf("search.html loads the core at %d and its script at %d: want both, the core first", c, u)
			}
		}
	}
}

// With a base URL, the sitemap, feeds, canonical links and robots.txt use
// absolute addresses; pages still link relatively.
func TestBaseURL(t *testing.T) {
	out, _ := buildSite(t, parseArchive(t, threadArchive), func(c *site.Config) { c.BaseURL = "https://example.org/cables/" })
	for file, wants := range map[string][]string{
		"robots.txt":  {"Sitemap: https://example.org/cables/sitemap.xml\n"},
		"sitemap.xml": {"<loc>https://example.org/cables/cable/2007/09/07STATE126086.html</loc>"},
		"feed.xml":    {`<id>https://example.org/cables/cable/2007/09/07BELGRADE1300.html</id>`, `<link rel="self" type="application/atom+xml" href="https://example.org/cables/feed.xml"/>`},
		"cable/2007/09/07STATE126086.html": {
			`<link rel="canonical" href="https://example.org/cables/cable/2007/09/07STATE126086.html">`,
			`<a href="../../../tag/pgov/index.html">PGOV</a>`,
		},
		"404.html": {`<link rel="stylesheet" href="/cables/assets/style.`},
	} {
		page := out.file(t, file)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", file, want)
			}
		}
	}
}

// Without a base URL there is no sitemap (it would hold relative
// addresses, which sitemaps.org does not allow), no canonical link, and
// robots.txt names no sitemap.
func TestNoBaseURL(t *testing.T) {
	out, _ := buildSite(t, parseArchive(t, threadArchive), nil)
	for name := range out.files {
		if strings.HasPrefix(name, "sitemap") {
			t.Errorf("%s written without a base URL", name)
		}
	}
	if page := out.file(t, "cable/2007/09/07STATE126086.html"); strings.Contains(page, `rel="canonical"`) {
		t.Error("a canonical link without a base URL")
	}
	if robots := out.file(t, "robots.txt"); strings.Contains(robots, "Sitemap") {
		t.Errorf("robots.txt: %q", robots)
	}
}

// Term pages list 100 cables a page, newest first; months oldest first.
func TestPagination(t *testing.T) {
	content := fstest.MapFS{}
	for i := range 250 {
		writeCable(t, content, &cable.Cable{
			ID:      fmt.Sprintf("07X%d", i+1),
			Date:    time.Date(2007, 3, 1, 0, i, 0, 0, time.UTC),
			Tags:    []string{"PGOV"},
			Subject: fmt.Sprintf("S%d", i+1),
		}, "TEXT")
	}
	out, sum := buildSite(t, content, nil)
	if sum.Cables != 250 {
		t.Fatalf("summary %v", sum)
	}
	for _, tc := range []struct {
		file        string
		first, last string // the first and last cable listed
		n           int
		prev, next  string
	}{
		{"tag/pgov/index.html", "07X250", "07X151", 100, "", "page-2.html"},
		{"tag/pgov/page-2.html", "07X150", "07X51", 100, "index.html", "page-3.html"},
		{"tag/pgov/page-3.html", "07X50", "07X1", 50, "page-2.html", ""},
		{"date/2007/03/index.html", "07X1", "07X100", 100, "", "page-2.html"},
		{"date/2007/03/page-3.html", "07X201", "07X250", 50, "page-2.html", ""},
	} {
		page := out.file(t, tc.file)
		ids := regexp.MustCompile(`<span class="id">([^<]*)</span>`).FindAllStringSubmatch(page, -1)
		if len(ids) != tc.n || ids[0][1] != tc.first || ids[len(ids)-1][1] != tc.last {
			t.Errorf("%s: %d cables, %v ... %v", tc.file, len(ids), ids[0], ids[len(ids)-1])
		}
		if tc.prev != "" && !strings.Contains(page, `<a href="`+tc.prev+`" rel="prev">`) {
			t.Errorf("%s: no link to the previous page %s", tc.file, tc.prev)
		}
		if tc.next != "" && !strings.Contains(page, `<a href="`+tc.next+`" rel="next">`) {
			t.Errorf("%s: no link to the next page %s", tc.file, tc.next)
		}
		if strings.Contains(tc.file, "tag/") && strings.Contains(page, `<figure class="chart">`) != strings.HasSuffix(tc.file, "index.html") {
			t.Errorf("%s: the chart belongs on the first page only", tc.file)
		}
	}
	if _, ok := out.files["tag/pgov/page-4.html"]; ok {
		t.Error("a fourth page of 0 cables")
	}
	checkSite(t, out.files)
}

// A template of the user's replaces the default, and the build fails with
// the template's place when it does not execute.
func TestTemplateOverride(t *testing.T) {
	override := fstest.MapFS{"list.html": {Data: []byte(`{{define "main"}}<h1>{{.Heading}}</h1><p>{{.Nope}}</p>{{end}}`)}}
	tmpl, err := render.Load(templates.FS, override)
	if err != nil {
		t.Fatal(err)
	}
	out := &memSite{files: map[string][]byte{}}
	_, err = site.Build(t.Context(), site.Config{Content: parseArchive(t, threadArchive), Templates: tmpl}, out)
	if err == nil || !strings.Contains(err.Error(), "templates/list.html:1:") || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("error %v, want one naming templates/list.html:1", err)
	}
}
