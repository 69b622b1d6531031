package site_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/site"
	"golang.org/x/net/html"
)

const (
	xssImg    = `<img src=x onerror=alert(1)>`
	xssScript = `"><script>alert(1)</script>`
	tmplText  = `{{ .Site }}`
	jsURL     = `javascript:alert(1)`
)

// A hand-edited file whose body holds raw HTML and link tricks, which
// annotate would have escaped.
const hostileArchive = `
-- cables/2008/02/08HOSTILE2.md --
---
title: "{{ .Site }} <b>bold</b>"
date: 2008-02-02T00:00:00Z
id: "08HOSTILE2"
origin: "Embassy <script>alert(1)</script>"
classification: "SECRET\"><img src=x onerror=alert(1)>"
tags: ["javascript:alert(1)", "<IMG SRC=X ONERROR=ALERT(1)>", "{{.}}", "]]>&amp;"]
subject: "{{ .Site }} <b>bold</b>"
references:
  - id: "\"><script>alert(1)</script>"
    text: "<img src=x onerror=alert(1)>"
source:
  format: "text"
  file: "h.txt"
  line: 1
---

<script>alert(1)</script>

<img src=x onerror=alert(1)>

[click](javascript:alert(1)) [also](JaVaScRiPt:alert(1)) ![img](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)

[ref](cable:"><script>alert(1)</script>) {{ .Site }} {{< shortcode >}}

<!-- cablesite:original -->
~~~~ text
<script>alert(1)</script> ]]> {{ .Site }}
~~~~
`

// Hostile text in every field of a cable is shown as text everywhere:
// cable pages, lists, indexes, feeds, the sitemap and the SVG charts.
func TestHostileText(t *testing.T) {
	content := parseArchive(t, hostileArchive)
	writeCable(t, content, &cable.Cable{
		ID:             "08HOSTILE1",
		Date:           time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC),
		Origin:         xssImg,
		Classification: xssScript,
		Tags:           []string{xssImg, tmplText, jsURL, "CON", "../../ETC", ""},
		Subject:        xssImg + " " + tmplText + " " + xssScript + " ---\nkey: value # comment",
		From:           xssScript,
		To:             []cable.Addressee{{Name: xssImg, Precedence: tmplText, Route: jsURL}},
		References:     []cable.Reference{{ID: "08HOSTILE2", Text: xssImg}, {Text: xssScript}},
		ClassifiedBy:   xssImg,
		Declassify:     xssScript,
		Signers:        []string{xssImg},
		Summary:        xssScript,
	}, xssImg+"\n"+tmplText+"\n["+jsURL+"]("+jsURL+")\n")

	out := &memSite{files: map[string][]byte{}}
	cfg := site.Config{Content: content, Templates: loadTemplates(t), BaseURL: "https://example.org/"}
	sum, err := site.Build(t.Context(), cfg, publish.Minify(publish.NewMinifier(), out))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cables != 2 || sum.Skipped != 0 {
		t.Fatalf("summary %v, warnings %q", sum, sum.Warnings)
	}
	// No page has an element, attribute or URL that was not ours: no
	// <img>, no inline <script>, no on* handler, no javascript: URL.
	checkSite(t, out.files)

	// Feeds and sitemaps carry the text escaped.
	for name, data := range out.files {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		for _, bad := range []string{"<img", "<IMG", "<script", "<b>"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s contains %q as markup", name, bad)
			}
		}
	}
	if !bytes.Contains(out.files["feed.xml"], []byte("<title>&lt;img src=x onerror=alert(1)&gt; {{ .Site }}")) {
		t.Errorf("feed.xml: the subject is not there as text")
	}
	// The pages show the text as written.
	for file, want := range map[string]string{
		"cable/2008/01/08HOSTILE1.html":            xssImg + " " + tmplText + " " + xssScript + " --- key: value # comment",
		"cable/2008/02/08HOSTILE2.html":            "{{ .Site }} <b>bold</b>",
		"tag/img-src-x-onerror-alert-1/index.html": "Cables tagged <IMG SRC=X ONERROR=ALERT(1)>",
		"tag/javascript-alert-1/index.html":        "Cables tagged JAVASCRIPT:ALERT(1)",
	} {
		if got := h1(t, out.files[file]); got != want {
			t.Errorf("%s: h1 %q, want %q", file, got, want)
		}
	}
	body := string(out.files["cable/2008/02/08HOSTILE2.html"])
	for _, want := range []string{"{{ .Site }}", "{{&lt; shortcode "} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s", want)
		}
	}
	// The body is written as package markdown escapes it, past the
	// minifier, which would write > for &gt;.
	if !strings.Contains(body, "{{&lt; shortcode &gt;}}") && !strings.Contains(body, "{{&lt; shortcode >}}") {
		t.Errorf("body lacks {{&lt; shortcode &gt;}}")
	}
	// Terms with hostile names get safe file names.
	for name := range out.files {
		if strings.ContainsAny(name, `<>"' {}`) || strings.Contains(name, "..") {
			t.Errorf("unsafe file name %q", name)
		}
	}
	if _, ok := out.files["tag/con-/index.html"]; !ok {
		t.Errorf("the TAG CON should get the folder con- (a name Windows reserves)")
	}
}

// Every cable field, through the templates, never reaches the page as
// template code: the template engine never sees cable text as a template.
func TestTemplateSyntaxIsText(t *testing.T) {
	content := fstest.MapFS{}
	writeCable(t, content, &cable.Cable{ID: "08T1", Date: time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), Subject: `{{template "base" .}}{{.Site.Title}}`}, "TEXT")
	out, _ := buildSite(t, content, nil)
	if got, want := h1(t, []byte(out.file(t, "cable/2008/01/08T1.html"))), `{{template "base" .}}{{.Site.Title}}`; got != want {
		t.Errorf("h1 %q: want the subject as written, %q", got, want)
	}
}

// h1 returns the text of a page's h1, its white space collapsed.
func h1(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var inH1 func(n *html.Node, in bool)
	inH1 = func(n *html.Node, in bool) {
		in = in || n.Type == html.ElementNode && n.Data == "h1"
		if in && n.Type == html.TextNode {
			text.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			inH1(c, in)
		}
	}
	inH1(doc, false)
	return strings.Join(strings.Fields(text.String()), " ")
}
