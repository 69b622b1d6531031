package generator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"golang.org/x/net/html"
)

// Hostile text, from raw cables through import and build: markup, script,
// template syntax, markdown link tricks and YAML-breaking subjects are
// shown as text on every page, list, feed, the sitemap, the charts and in
// the search index. The output is parsed, not searched for strings: an
// element, attribute or URL that the site's templates do not make would
// be the cable's.

const (
	hImg    = `<img src=x onerror=alert(1)>`
	hScript = `<script>alert(1)</script>`
	hTmpl   = `{{ .Site.Title }} {{template "base" .}}`
	hCode   = `{{< shortcode >}} {{% md %}}`
	hLink   = `[x](javascript:alert(1)) ![i](javascript:alert(2)) <javascript:alert(3)>`
	hAnchor = `<a href="javascript:alert(4)">click</a> <svg onload=alert(5)> <iframe src=x></iframe>`
	hYAML   = `KEY: VALUE # COMMENT --- "DOUBLE" 'SINGLE' \ BACKSLASH`
)

// hostileSubject is the subject of the hostile text cable as the parser
// reads it: its two lines joined.
const hostileSubject = hImg + " " + hTmpl + " " + hCode + " " + hLink + " " + hYAML

// hostileText is a raw cable with hostile text in its header fields,
// subject, references, body and signature.
func hostileText(number int) string {
	return "VZCZCXRO1609\nOO RUEHDBU\nDE RUEHFR #" + itoa(number) + " 2502200\nZNY CCCCC ZZH\nO 072147Z SEP 07\n" +
		"FM AMEMBASSY PARIS\nTO RUEHC/SECSTATE WASHDC " + hScript + "\n\n" +
		"C O N F I D E N T I A L PARIS " + itoa(number) + "\n\n" +
		"E.O. 12958: DECL: 09/07/2017\nTAGS: PGOV, " + strings.ToUpper(hImg) + ", {{.}}\n" +
		"SUBJECT: " + hImg + " " + hTmpl + " " + hCode + "\n" + hLink + " " + hYAML + "\n\n" +
		"REF: A. " + hScript + "\n\n" +
		"Classified By: <b>AMBASSADOR</b> " + hImg + "\n\n" +
		"1. (C) SUMMARY: " + hScript + " " + hImg + " " + hAnchor + " END SUMMARY.\n\n" +
		"2. (S) " + hLink + " " + hTmpl + " " + hCode + " &lt;b&gt; &amp; &#60;i&#62;\n\n" +
		"---\ntitle: \"INJECTED\"\n---\n\n" +
		"<b>STAPLETON</b>\n"
}

// hostileCSV is a cables.csv record whose columns (id, origin,
// classification, references) are hostile too. Each field goes through
// edit first.
func hostileCSV(number int, edit func(string) string) string {
	fields := []string{itoa(number), "9/8/2007 10:00", `"><script>alert(1)</script>`, "Embassy " + hScript, `SECRET"><img src=x onerror=alert(1)>`,
		`07PARIS1|` + hImg, "FM AMEMBASSY PARIS\nO 081000Z SEP 07",
		"C O N F I D E N T I A L PARIS " + itoa(number) + "\n\nTAGS: PGOV, {{.}}\nSUBJECT: " + hAnchor + "\n\n1. (C) " + hImg + " " + hTmpl + "."}
	for i := range fields {
		fields[i] = edit(fields[i])
	}
	return csvRecord(fields...)
}

// benign replaces the hostile strings with plain words, making a twin of
// the same shape.
var benign = strings.NewReplacer(
	hImg, "IMAGE", strings.ToUpper(hImg), "IMAGE", hScript, "SCRIPT", hTmpl, "TEMPLATE", hCode, "SHORTCODE",
	hLink, "LINK", hAnchor, "ANCHOR", hYAML, "YAML", "{{.}}", "PREL", "<b>AMBASSADOR</b>", "AMBASSADOR",
	"&lt;b&gt; &amp; &#60;i&#62;", "ENTITIES", "<b>STAPLETON</b>", "STAPLETON", `"><script>alert(1)</script>`, "NOT AN ID",
	`SECRET"><img src=x onerror=alert(1)>`, "SECRET", "\"INJECTED\"", "INJECTED",
)

// handEdited is a content file edited by hand: hostile TAGS and terms,
// raw HTML and link tricks in the body, which import would have escaped.
const handEdited = `---
title: "{{ .Site }} <b>bold</b>"
date: 2008-02-02T00:00:00Z
id: "08HOSTILE2"
origin: "Embassy <script>alert(2)</script>"
classification: "SECRET\"><img src=x onerror=alert(2)>"
tags: ["javascript:alert(1)", "<IMG SRC=X ONERROR=ALERT(1)>", "]]>&amp;", "PGOV"]
subject: "{{ .Site }} <b>bold</b>"
references:
  - id: "\"><script>alert(1)</script>"
    text: "<img src=x onerror=alert(1)>"
  - id: "07PARIS1"
    text: "A. PARIS 1"
---

<script>alert(1)</script>

[click](javascript:alert(1)) ![img](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)

[ref](cable:"><script>alert(1)</script>) [ok](cable:07PARIS1) {{< shortcode >}}

<!-- cablesite:original -->
~~~~ text
<script>alert(1)</script> ]]> {{ .Site }}
~~~~
`

// addHandEdited writes data as a content file of r and builds again.
func addHandEdited(t *testing.T, r *badRun, data string) {
	t.Helper()
	name := filepath.Join(r.content, "cables", "2008", "02", "08HOSTILE2.md")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := buildConfig(r.content, r.out)
	cfg.BaseURL = "https://example.org/"
	sum, err := Build(context.Background(), cfg)
	if err != nil || sum.Cables != r.sum.Wrote+1 || sum.Skipped != 0 {
		t.Fatalf("Build: %v, %v", sum, err)
	}
}

func TestHostileText(t *testing.T) {
	// The benign twin's site has every element and attribute the
	// templates and the markdown renderer make for such cables.
	twin := importAndBuild(t, stringSource("h.txt", benign.Replace(hostileText(1))), stringSource("h.csv", hostileCSV(2, benign.Replace)))
	addHandEdited(t, twin, strings.NewReplacer(
		"{{ .Site }} <b>bold</b>", "PLAIN", "<script>alert(2)</script>", "PLAIN", `SECRET\"><img src=x onerror=alert(2)>`, "SECRET",
		`"javascript:alert(1)", "<IMG SRC=X ONERROR=ALERT(1)>", "]]>&amp;"`, `"JS", "IMG", "AMP"`,
		`\"><script>alert(1)</script>`, "NOT AN ID", "<img src=x onerror=alert(1)>", "PLAIN",
		"<script>alert(1)</script>", "PLAIN", "javascript:alert(1)", "https://example.org/", "data:text/html,", "https://example.org/",
		`cable:"><script>alert(1)</script>`, "cable:NOTANID", "{{< shortcode >}}", "PLAIN", "]]> {{ .Site }}", "PLAIN",
	).Replace(handEdited))
	allowed := markupOf(t, twin.out)

	r := importAndBuild(t, stringSource("h.txt", hostileText(1)), stringSource("h.csv", hostileCSV(2, func(s string) string { return s })))
	if r.sum != twin.sum || r.sum.Wrote != 2 {
		t.Fatalf("summary %+v, the twin's %+v; problems:\n%s", r.sum, twin.sum, strings.Join(r.problems, "\n"))
	}
	addHandEdited(t, r, handEdited)
	// The front matter reads back with the subject as written.
	doc := r.doc(t, "cables/2007/09/07PARIS1.md")
	if doc.Cable.Subject != hostileSubject {
		t.Errorf("subject read back as\n%q, want\n%q", doc.Cable.Subject, hostileSubject)
	}
	site := readTree(t, r.out)
	kinds := map[string]int{}
	for name, data := range site {
		switch {
		case strings.HasPrefix(name, "search/"):
			kinds["search"]++
			checkSearchFile(t, name, data)
		case strings.HasSuffix(name, ".html"):
			kinds["html"]++
			checkMarkup(t, name, data, allowed)
		case strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".svg"):
			kinds["xml"]++
			checkXMLText(t, name, data)
		}
	}
	t.Logf("checked %v files", kinds)

	// What the cables say is there, as text.
	page := r.page(t, "cable/2007/09/07PARIS1.html")
	if got := textOf(page, "h1"); got != strings.Join(strings.Fields(hostileSubject), " ") {
		t.Errorf("cable page h1\n%q, want\n%q", got, hostileSubject)
	}
	main := textOf(page, "main")
	for _, want := range []string{hScript + " " + hImg + " " + hAnchor, hLink + " " + hTmpl + " " + hCode + " &lt;b&gt; &amp; &#60;i&#62;", "--- title: \"INJECTED\" ---", "<b>STAPLETON</b>", "<b>AMBASSADOR</b>"} {
		if !strings.Contains(main, want) {
			t.Errorf("cable page lacks %q as text:\n%s", want, main)
		}
	}
	csvPage := r.page(t, "cable/2007/09/07PARIS2.html")
	if got := textOf(csvPage, "h1"); got != strings.Join(strings.Fields(hAnchor), " ") {
		t.Errorf("cable page h1 %q, want %q", got, hAnchor)
	}
	if main := textOf(csvPage, "main"); !strings.Contains(main, "Embassy "+hScript) || !strings.Contains(main, `SECRET"><img src=x onerror=alert(1)>`) {
		t.Errorf("origin or classification not shown as text:\n%s", main)
	}
	// Lists: the month's page and the TAG {{.}}'s page list the cable by
	// its subject; the origin's page is named by it.
	for _, list := range []string{"date/2007/09/index.html", namedPage(t, site, "tag/", "{{.}}")} {
		if text := textOf(r.page(t, list), "main"); !strings.Contains(text, strings.Join(strings.Fields(hostileSubject), " ")) {
			t.Errorf("%s lacks the subject as text:\n%s", list, text)
		}
	}
	namedPage(t, site, "origin/", "Embassy "+hScript)
	namedPage(t, site, "classification/", `SECRET"><img src=x onerror=alert(1)>`)
	// The feed's entry titles are the subjects, as text.
	if titles := xmlTexts(t, site["feed.xml"], "title"); !contains(titles, hostileSubject) || !contains(titles, hAnchor) {
		t.Errorf("feed.xml titles %q lack the subjects", titles)
	}
	// The hand-edited file's terms are text on their pages.
	for folder, term := range map[string]string{"tag/": "<IMG SRC=X ONERROR=ALERT(1)>", "origin/": "Embassy <script>alert(2)</script>", "classification/": `SECRET"><img src=x onerror=alert(2)>`} {
		namedPage(t, site, folder, term)
	}
	// The search index holds the subjects, TAGS, origins and
	// classifications as data.
	hits := searchHits(t, r.out)
	if hits["07PARIS1"].subject != hostileSubject || hits["07PARIS2"].subject != hAnchor || hits["08HOSTILE2"].subject != "{{ .Site }} <b>bold</b>" {
		t.Errorf("search hits %q", hits)
	}
	if excerpt := hits["07PARIS1"].excerpt; !strings.Contains(excerpt, hScript+" "+hImg+" "+hAnchor) {
		t.Errorf("search snippet %q lacks the summary as written", excerpt)
	}
	_, root, err := parseSearchFile("index.js", site["search/index.js"])
	if err != nil {
		t.Fatal(err)
	}
	_, tags, err := parseSearchFile("tags.js", site["search/tags.js"])
	if err != nil {
		t.Fatal(err)
	}
	index, _ := root.(map[string]any)
	for _, c := range []struct {
		list any
		want []string
	}{
		{index["origins"], []string{"Embassy " + hScript, "Embassy <script>alert(2)</script>"}},
		{index["classes"], []string{`SECRET"><img src=x onerror=alert(1)>`, `SECRET"><img src=x onerror=alert(2)>`}},
		{tags, []string{"<IMG SRC=X ONERROR=ALERT(1)>", "javascript:alert(1)", "]]>&amp;", "{{.}}"}},
	} {
		got := map[string]bool{}
		list, _ := c.list.([]any)
		for _, v := range list {
			s, _ := v.(string)
			got[s] = true
		}
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("search index: %q lacks %q", list, w)
			}
		}
	}
}

// namedPage returns the term page under folder whose h1 ends with name.
func namedPage(t *testing.T, site map[string][]byte, folder, name string) string {
	t.Helper()
	for file, data := range site {
		if strings.HasPrefix(file, folder) && strings.HasSuffix(file, "/index.html") && strings.Count(file, "/") == 2 {
			doc, err := html.Parse(bytes.NewReader(data))
			if err == nil && strings.HasSuffix(textOf(doc, "h1"), strings.Join(strings.Fields(name), " ")) {
				return file
			}
		}
	}
	t.Errorf("no page under %s for %q", folder, name)
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// markup is the element names and, per element, the attribute names a
// site's pages use.
type markup map[string]map[string]bool

// markupOf collects the markup of every page of a built site.
func markupOf(t *testing.T, dir string) markup {
	t.Helper()
	m := markup{}
	for name, data := range readTree(t, dir) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		walkHTML(t, name, data, func(n *html.Node) {
			if m[n.Data] == nil {
				m[n.Data] = map[string]bool{}
			}
			for _, a := range n.Attr {
				m[n.Data][a.Key] = true
			}
		})
	}
	return m
}

func walkHTML(t *testing.T, name string, data []byte, f func(*html.Node)) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			f(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// unsafeURL matches URLs that run code, however they are spelled.
var unsafeURL = regexp.MustCompile(`(?i)^\s*(javascript|vbscript|data):`)

// checkMarkup fails for any element or attribute of a page that the
// benign site does not have, any event handler, inline script or style,
// and any URL that runs code.
func checkMarkup(t *testing.T, name string, data []byte, allowed markup) {
	t.Helper()
	walkHTML(t, name, data, func(n *html.Node) {
		attrs, ok := allowed[n.Data]
		if !ok {
			t.Errorf("%s: a <%s> element the templates do not make", name, n.Data)
			return
		}
		if n.Data == "script" && n.FirstChild != nil {
			t.Errorf("%s: an inline script: %q", name, n.FirstChild.Data)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case !attrs[a.Key]:
				t.Errorf("%s: <%s %s=%q>: an attribute the templates do not make", name, n.Data, a.Key, a.Val)
			case strings.HasPrefix(key, "on") || key == "style":
				t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			case (key == "href" || key == "src" || key == "action" || key == "xlink:href" || key == "formaction") && unsafeURL.MatchString(strings.Map(dropControls, a.Val)):
				t.Errorf("%s: <%s %s=%q>: a URL that runs code", name, n.Data, a.Key, a.Val)
			}
		}
	})
}

// dropControls drops what browsers ignore inside a URL's scheme.
func dropControls(r rune) rune {
	if r <= ' ' {
		return -1
	}
	return r
}

// checkXMLText parses a feed, sitemap or SVG file: it must be well-formed,
// and its elements those of its own vocabulary, whatever its text says.
func checkXMLText(t *testing.T, name string, data []byte) {
	t.Helper()
	known := map[string]bool{
		// Atom
		"feed": true, "title": true, "id": true, "updated": true, "link": true, "author": true, "name": true, "entry": true,
		"summary": true, "category": true, "subtitle": true, "content": true, "published": true, "generator": true, "uri": true,
		// sitemaps
		"urlset": true, "url": true, "loc": true, "lastmod": true, "sitemapindex": true, "sitemap": true,
		// SVG
		"svg": true, "g": true, "rect": true, "path": true, "text": true, "a": true, "line": true, "desc": true, "circle": true,
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !known[tok.Name.Local] {
				t.Errorf("%s: a <%s> element", name, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || (a.Name.Local == "href" && unsafeURL.MatchString(strings.Map(dropControls, a.Value))) {
					t.Errorf("%s: <%s %s=%q>", name, tok.Name.Local, a.Name.Local, a.Value)
				}
			}
		case xml.Directive, xml.ProcInst:
			if pi, ok := tok.(xml.ProcInst); ok && pi.Target == "xml" {
				continue
			}
			t.Errorf("%s: %T in the file", name, tok)
		}
	}
}

// xmlTexts returns the text of every element named local.
func xmlTexts(t *testing.T, data []byte, local string) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local {
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
	}
}

// searchFile matches a file of the search index: one call whose
// arguments are its key and its payload (see package search).
var searchFile = regexp.MustCompile(`(?s)^cablesiteSearch\.shard\(("(?:[^"\\]|\\.)*"),(.*)\);?\s*$`)

// parseSearchFile returns the key and payload of a search index file.
// A payload is JSON, or, in the few files the minifier rewrote, a
// JavaScript literal of the same values (unquoted keys): anything else,
// such as cable text breaking out of a string, fails the parse.
func parseSearchFile(name string, data []byte) (string, any, error) {
	m := searchFile.FindSubmatch(data)
	if m == nil {
		return "", nil, fmt.Errorf("%s: not one cablesiteSearch.shard(KEY,PAYLOAD) call", name)
	}
	var key string
	if err := json.Unmarshal(m[1], &key); err != nil {
		return "", nil, fmt.Errorf("%s: key: %v", name, err)
	}
	p := &jsParser{s: string(m[2])}
	v, err := p.value()
	if p.skip(); err == nil && p.i != len(p.s) {
		err = fmt.Errorf("text after the payload at offset %d: %.40q", p.i, p.s[p.i:])
	}
	if err != nil {
		return "", nil, fmt.Errorf("%s: payload: %v", name, err)
	}
	return key, v, nil
}

// checkSearchFile fails for a search file that is not one call with a
// payload of plain values, or whose key is not its name.
func checkSearchFile(t *testing.T, name string, data []byte) {
	t.Helper()
	key, _, err := parseSearchFile(name, data)
	if err != nil {
		t.Error(err)
		return
	}
	want := strings.TrimSuffix(strings.TrimPrefix(name, "search/"), ".js")
	if parts := strings.Split(want, "/"); len(parts) == 3 {
		want = parts[0] + "/" + parts[2] // search/KIND/M/N.js holds KIND/N
	}
	if key != want {
		t.Errorf("%s: key %q", name, key)
	}
}

// searchHit is what the search index shows of a cable.
type searchHit struct{ subject, excerpt string }

// searchHits returns the hit of each cable in the search index of the
// site in dir, by id, read from the hit files (search/d/).
func searchHits(t *testing.T, dir string) map[string]searchHit {
	t.Helper()
	hits := map[string]searchHit{}
	err := filepath.WalkDir(filepath.Join(dir, "search", "d"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, v, err := parseSearchFile(path.Base(p), data)
		if err != nil {
			return err
		}
		rows, _ := v.([]any)
		for _, row := range rows {
			hit, _ := row.([]any)
			if len(hit) != 7 {
				return fmt.Errorf("%s: hit %v", p, row)
			}
			id, _ := hit[0].(string)
			subject, _ := hit[3].(string)
			excerpt, _ := hit[6].(string)
			hits[id] = searchHit{subject, excerpt}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// jsParser reads JSON, and the JavaScript literals a minifier makes of it:
// unquoted keys, single-quoted strings, JavaScript's escapes.
type jsParser struct {
	s string
	i int
}

func (p *jsParser) skip() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *jsParser) fail(what string) error {
	return fmt.Errorf("%s at offset %d: %.40q", what, p.i, p.s[min(p.i, len(p.s)):])
}

func (p *jsParser) value() (any, error) {
	p.skip()
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"' || c == '\'':
		return p.str()
	case c == '-' || c == '.' || '0' <= c && c <= '9':
		j := p.i + 1
		for j < len(p.s) && strings.IndexByte("0123456789.eE+-", p.s[j]) >= 0 {
			j++
		}
		var f float64
		if _, err := fmt.Sscan(p.s[p.i:j], &f); err != nil {
			return nil, p.fail("bad number")
		}
		p.i = j
		return f, nil
	default:
		for _, lit := range []struct {
			s string
			v any
		}{{"true", true}, {"false", false}, {"null", nil}, {"!0", true}, {"!1", false}} {
			if strings.HasPrefix(p.s[p.i:], lit.s) {
				p.i += len(lit.s)
				return lit.v, nil
			}
		}
		return nil, p.fail("not a value")
	}
}

func (p *jsParser) object() (any, error) {
	obj := map[string]any{}
	p.i++ // {
	for {
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return obj, nil
		}
		var key string
		if p.i < len(p.s) && (p.s[p.i] == '"' || p.s[p.i] == '\'') {
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			key = k
		} else {
			j := p.i
			for j < len(p.s) && (p.s[j] == '_' || p.s[j] == '$' || 'a' <= p.s[j]|0x20 && p.s[j]|0x20 <= 'z' || j > p.i && '0' <= p.s[j] && p.s[j] <= '9') {
				j++
			}
			if j == p.i {
				return nil, p.fail("not a key")
			}
			key, p.i = p.s[p.i:j], j
		}
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.fail("no colon")
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		obj[key] = v
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i >= len(p.s) || p.s[p.i] != '}' {
			return nil, p.fail("no comma")
		}
	}
}

func (p *jsParser) array() (any, error) {
	var arr []any
	p.i++ // [
	for {
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return arr, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		arr = append(arr, v)
		p.skip()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		} else if p.i >= len(p.s) || p.s[p.i] != ']' {
			return nil, p.fail("no comma")
		}
	}
}

func (p *jsParser) str() (string, error) {
	q := p.s[p.i]
	var b strings.Builder
	for p.i++; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\n' || c == '\r':
			return "", p.fail("a line break in a string")
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		p.i++
		if p.i >= len(p.s) {
			break
		}
		switch e := p.s[p.i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case 'u', 'x':
			n := 4
			if e == 'x' {
				n = 2
			}
			var r rune
			if p.i+n >= len(p.s) {
				return "", p.fail("short escape")
			}
			if _, err := fmt.Sscanf(p.s[p.i+1:p.i+1+n], "%x", &r); err != nil {
				return "", p.fail("bad escape")
			}
			// A surrogate pair, as JSON writes characters past U+FFFF.
			if 0xD800 <= r && r < 0xDC00 && strings.HasPrefix(p.s[p.i+1+n:], `\u`) {
				var lo rune
				if _, err := fmt.Sscanf(p.s[p.i+3+n:p.i+7+n], "%x", &lo); err == nil && 0xDC00 <= lo && lo < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					p.i += 6
				}
			}
			b.WriteRune(r)
			p.i += n
		default:
			b.WriteByte(e) // \" \' \\ \/ and JavaScript's identity escapes
		}
	}
	return "", p.fail("unterminated string")
}

// Nothing is written outside the output folder, whatever the ids, the
// terms or the url of a hand-edited file say, and symbolic links in
// content/ or beside the site are not followed.
func TestOutputPaths(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "site", "public")
	outside := filepath.Join(dir, "outside")
	writeContent(t, filepath.Join(outside, "content"), 2) // cables a link may point to
	if err := os.WriteFile(filepath.Join(outside, "precious.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeContent(t, content, 1)
	good, err := os.ReadFile(filepath.Join(content, "cables", "2007", "01", "07TEST1.md"))
	if err != nil {
		t.Fatal(err)
	}
	hostile := []string{"../../../../outside/pwn", "/etc/passwd", "a/b", "..", ".", ".hidden", `..\..\x`, "C:x", "X\x00Y", "CON", "%2e%2e%2fx", strings.Repeat("A", 300)}
	for i, id := range hostile {
		s := strings.NewReplacer(
			`id: "07TEST1"`, `id: "`+strings.ReplaceAll(id, `\`, `\\`)+`"`,
			`url: "/cable/2007/01/07TEST1.html"`, `url: "/../../../outside/pwn`+itoa(i)+`.html"`,
			`origin: "Embassy Belgrade"`, `origin: "`+strings.ReplaceAll(id, `\`, `\\`)+`"`,
			`classification: "UNCLASSIFIED"`, `classification: "../../`+itoa(i)+`"`,
			`tags: ["PGOV", "KV"]`, `tags: ["../../../outside/T`+itoa(i)+`", "`+strings.ReplaceAll(id, `\`, `\\`)+`"]`,
		).Replace(strings.ReplaceAll(string(good), "\x00", ""))
		s = strings.Replace(s, "X\x00Y", `X\u0000Y`, 1)
		for _, edit := range []string{"url: \"/../", "origin: \"", "classification: \"../../", "tags: [\"../../../outside/T"} {
			if !strings.Contains(s, edit) {
				t.Fatalf("the edit %s did not apply", edit)
			}
		}
		if err := os.WriteFile(filepath.Join(content, "cables", "2007", "01", "h"+itoa(i)+".md"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Links: a cable file, a month's folder and (in a second content
	// folder) cables/ itself, each pointing outside.
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, name); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	link(filepath.Join(outside, "content", "cables", "2008", "02", "08TEST2.md"), filepath.Join(content, "cables", "2007", "01", "link.md"))
	link(filepath.Join(outside, "content", "cables", "2008", "02"), filepath.Join(content, "cables", "2008"))
	// Leftovers beside the site that are links out: a build removes them
	// as links, never what they point to.
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	link(outside, filepath.Join(dir, "site", ".public.old"))
	link(outside, filepath.Join(dir, "site", ".public.staging"))

	outsideBefore := readTree(t, outside)
	var warnings bytes.Buffer
	cfg := buildConfig(content, out)
	cfg.ContentName = filepath.ToSlash(content)
	cfg.Warnings = &warnings
	cfg.BaseURL = "https://example.org/"
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Twice: the second build moves the first aside as .public.old.
	if sum, err = Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if sum.Cables != 1+len(hostile) || sum.Skipped != 1 {
		t.Errorf("summary %v; warnings:\n%s", sum, warnings.String())
	}
	for _, want := range []string{
		filepath.ToSlash(content) + "/cables/2007/01/link.md: not a regular file (a symbolic link?): skipped",
		filepath.ToSlash(content) + "/cables/2008: a symbolic link: not followed",
	} {
		if !strings.Contains(warnings.String(), want+"\n") {
			t.Errorf("warnings lack %q:\n%s", want, warnings.String())
		}
	}
	sameTree(t, outsideBefore, readTree(t, outside))
	if names := besides(t, filepath.Join(dir, "site")); len(names) != 1 {
		t.Errorf("beside the site: %v", names)
	}
	if names := besides(t, dir); len(names) != 3 {
		t.Errorf("written beside content/, outside/ and site/: %v", names)
	}
	site := readTree(t, out)
	for name := range site {
		if err := publish.CheckName(name); err != nil || strings.ContainsAny(name, `<>"|?*`) {
			t.Errorf("an unsafe name in the site: %q (%v)", name, err)
		}
	}
	if _, ok := site["cable/2008/02/08TEST2.html"]; ok {
		t.Errorf("a cable behind a link was built")
	}
	// Each hostile id has its page, at the file name SafeID gives it.
	for _, id := range hostile {
		c := &cable.Cable{ID: id, Date: time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC)}
		if _, ok := site[strings.TrimPrefix(annotate.URL(c), "/")]; !ok {
			t.Errorf("no page for the id %q at %s", id, annotate.URL(c))
		}
	}

	t.Run("cables folder a link", func(t *testing.T) {
		content := filepath.Join(dir, "content2")
		if err := os.MkdirAll(content, 0o755); err != nil {
			t.Fatal(err)
		}
		link(filepath.Join(outside, "content", "cables"), filepath.Join(content, "cables"))
		var warnings bytes.Buffer
		cfg := buildConfig(content, filepath.Join(dir, "public2"))
		cfg.ContentName = filepath.ToSlash(content)
		cfg.Warnings = &warnings
		sum, err := Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Cables != 0 || warnings.String() != filepath.ToSlash(content)+"/cables: a symbolic link: not followed, the site has no cables\n" {
			t.Errorf("summary %v; warnings:\n%s", sum, warnings.String())
		}
	})
	t.Run("output folder a link", func(t *testing.T) {
		out := filepath.Join(dir, "public3")
		link(outside, out)
		if _, err := Build(context.Background(), buildConfig(content, out)); err == nil || !strings.Contains(err.Error(), "not a folder") {
			t.Errorf("Build into a link: %v", err)
		}
		sameTree(t, outsideBefore, readTree(t, outside))
	})
	t.Run("import into a content folder with links", func(t *testing.T) {
		for _, linked := range []string{"cables", "cables/2007"} {
			content := filepath.Join(t.TempDir(), "content")
			if err := os.MkdirAll(filepath.Dir(filepath.Join(content, linked)), 0o755); err != nil {
				t.Fatal(err)
			}
			target := t.TempDir()
			link(target, filepath.Join(content, linked))
			var problems bytes.Buffer
			_, err := Import(context.Background(), ImportConfig{}, []Source{stringSource("a.txt", textCable("STATE", 1, "072147Z SEP 07", "TEXT."))}, NewDirDest(content), &problems)
			if err == nil || !strings.Contains(err.Error(), "leaves the output folder") {
				t.Errorf("%s a link: Import: %v", linked, err)
			}
			if names := besides(t, target); len(names) != 0 {
				t.Errorf("%s a link: import wrote %v where it points", linked, names)
			}
		}
	})
}

// The search file check accepts the index's forms and catches text that
// breaks out of its string.
func TestParseSearchFile(t *testing.T) {
	for _, tt := range []struct {
		file string
		ok   bool
	}{
		{`cablesiteSearch.shard("d/0",[["07X1",1,"","<img src=x onerror=alert(1)> \"q\" \u2028",-1,0,"a\\b"]]);`, true},
		{`cablesiteSearch.shard("index",{v:1,n:2,stop:["a","an"],origins:['Embassy \'X\''],f:!0,e:1e3});`, true},
		{`cablesiteSearch.shard("d/0",[["07X1","x"]]);alert(1);`, false},
		{`cablesiteSearch.shard("d/0",[["07X1","x"],alert(1)]);`, false},
		{`cablesiteSearch.shard("d/0",[["07X1","x"]]),alert(1);`, false},
		{`cablesiteSearch.shard("d/0",["x` + "\n" + `"]);`, false},
		{`cablesiteSearch.shard("d/0",{a:1,b:alert(1)});`, false},
		{`alert(1);cablesiteSearch.shard("d/0",[]);`, false},
	} {
		if _, _, err := parseSearchFile("f.js", []byte(tt.file)); (err == nil) != tt.ok {
			t.Errorf("%s: %v", tt.file, err)
		}
	}
}
