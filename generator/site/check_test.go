package site_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageInfo is what the checks need of one HTML page.
type pageInfo struct {
	ids   map[string]bool
	links []string // every href and src, as written
}

// checkSite checks every file of a built site: every page parses as HTML,
// has the landmarks and one h1 with headings in order, carries no inline
// script, style or event handler and no unsafe URL; every internal link
// and asset reference resolves to a file, and every fragment to an id of
// that file; every XML file is well-formed.
func checkSite(t *testing.T, files map[string][]byte) {
	t.Helper()
	problems := siteProblems(files)
	for i, p := range problems {
		if i == 30 {
			t.Errorf("... %d problems in all", len(problems))
			break
		}
		t.Error(p)
	}
}

func siteProblems(files map[string][]byte) []string {
	var problems []string
	pages := map[string]*pageInfo{}
	for name, data := range files {
		switch path.Ext(name) {
		case ".html":
			info, err := checkPage(data)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			}
			if info != nil {
				pages[name] = info
			}
		case ".xml", ".svg":
			if err := checkXML(data); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			}
		}
	}
	for name, info := range pages {
		for _, link := range info.links {
			if err := resolve(files, pages, name, link); err != nil {
				problems = append(problems, fmt.Sprintf("%s: link %q: %v", name, link, err))
			}
		}
	}
	slices.Sort(problems)
	return problems
}

// resolve checks that link, found on page from, leads to a file of the site
// (and to an id of it, for a fragment).
func resolve(files map[string][]byte, pages map[string]*pageInfo, from, link string) error {
	u, err := url.Parse(link)
	if err != nil {
		return err
	}
	if u.Scheme != "" || u.Host != "" {
		if u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto" {
			return nil // external
		}
		return fmt.Errorf("scheme %q", u.Scheme)
	}
	target := from
	if u.Path != "" {
		if strings.HasSuffix(u.Path, "/") {
			return fmt.Errorf("a link to a folder does not work from file://")
		}
		if strings.HasPrefix(u.Path, "/") {
			if from != "404.html" {
				return fmt.Errorf("absolute path outside 404.html")
			}
			target = path.Clean(u.Path[1:])
		} else {
			target = path.Clean(path.Join(path.Dir(from), u.Path))
		}
		if strings.HasPrefix(target, "../") || target == ".." {
			return fmt.Errorf("leads outside the site")
		}
		if _, ok := files[target]; !ok {
			return fmt.Errorf("no file %s", target)
		}
	}
	if u.Fragment != "" {
		p, ok := pages[target]
		if !ok {
			return fmt.Errorf("fragment into %s, not a page", target)
		}
		if !p.ids[u.Fragment] {
			return fmt.Errorf("no id %q in %s", u.Fragment, target)
		}
	}
	return nil
}

func checkPage(data []byte) (*pageInfo, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	info := &pageInfo{ids: map[string]bool{}}
	landmarks := map[string]int{}
	var problems []string
	level := 0 // the last heading's level
	var walk func(n *html.Node, inSVG bool)
	walk = func(n *html.Node, inSVG bool) {
		if n.Type == html.ElementNode {
			tag := n.Data
			attrs := map[string]string{}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				attrs[key] = a.Val
				switch {
				case strings.HasPrefix(key, "on"):
					problems = append(problems, fmt.Sprintf("<%s %s=...>: an event handler", tag, key))
				case key == "style":
					problems = append(problems, fmt.Sprintf("<%s style=...>: an inline style", tag))
				case key == "id":
					if info.ids[a.Val] {
						problems = append(problems, fmt.Sprintf("id %q twice", a.Val))
					}
					info.ids[a.Val] = true
				case key == "href" || key == "src" || key == "xlink:href" || key == "action":
					v := strings.ToLower(strings.Map(func(r rune) rune {
						if r <= ' ' {
							return -1
						}
						return r
					}, a.Val))
					if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
						problems = append(problems, fmt.Sprintf("<%s %s=%q>: an unsafe URL", tag, key, a.Val))
					}
					info.links = append(info.links, a.Val)
				}
			}
			switch tag {
			case "script":
				if attrs["src"] == "" {
					problems = append(problems, "an inline <script>")
				}
			case "style", "iframe", "object", "embed", "img", "form", "base", "frame", "meta":
				if tag == "form" && attrs["role"] == "search" && strings.HasSuffix(attrs["action"], "search.html") {
					break // the site's own search box
				}
				if tag == "meta" {
					if _, ok := attrs["http-equiv"]; ok && strings.EqualFold(attrs["http-equiv"], "refresh") {
						problems = append(problems, "<meta http-equiv=refresh>")
					}
					break
				}
				problems = append(problems, fmt.Sprintf("a <%s> element", tag))
			case "header", "nav", "main", "footer":
				landmarks[tag]++
			case "h1", "h2", "h3", "h4", "h5", "h6":
				l := int(tag[1] - '0')
				if l > level+1 {
					problems = append(problems, fmt.Sprintf("<%s> after <h%d>", tag, level))
				}
				level = l
				landmarks[tag]++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG || n.Data == "svg")
		}
	}
	walk(doc, false)
	if landmarks["h1"] != 1 {
		problems = append(problems, fmt.Sprintf("%d <h1>", landmarks["h1"]))
	}
	for _, l := range []string{"header", "nav", "main", "footer"} {
		if landmarks[l] == 0 {
			problems = append(problems, "no <"+l+">")
		}
	}
	if landmarks["main"] > 1 {
		problems = append(problems, "more than one <main>")
	}
	if len(problems) > 0 {
		return info, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return info, nil
}

func checkXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// The checks themselves catch what they are for.
func TestCheckSite(t *testing.T) {
	const chrome = `<header></header><nav></nav><footer></footer>`
	files := map[string][]byte{
		"index.html":  []byte(`<!doctype html><title>x</title>` + chrome + `<main><h1>A</h1><a href="a/b.html#par1">ok</a><a href="a/b.html#par9">no id</a><a href="a/">folder</a><a href="missing.html">missing</a><a href="JavaScript:alert(1)">js</a></main>`),
		"a/b.html":    []byte(`<!doctype html><title>x</title>` + chrome + `<main><h1 id="par1">B</h1><h3>skipped a level</h3><h1>two</h1><p style="color:red" onclick="x()">x</p><script>alert(1)</script><img src="../index.html"></main>`),
		"a/c.html":    []byte(`<!doctype html><title>x</title><main><h1>C</h1><a href="../../outside.html">out</a></main>`),
		"feed.xml":    []byte(`<feed><title>unclosed</feed>`),
		"sitemap.xml": []byte(`<urlset></urlset>`),
	}
	got := strings.Join(siteProblems(files), "\n")
	for _, want := range []string{
		`index.html: link "a/b.html#par9": no id "par9" in a/b.html`,
		`index.html: link "a/": a link to a folder`,
		`index.html: link "missing.html": no file missing.html`,
		`index.html: link "JavaScript:alert(1)": scheme "javascript"`,
		`an unsafe URL`,
		`<h3> after <h1>`,
		`2 <h1>`,
		`<p style=...>: an inline style`,
		`<p onclick=...>: an event handler`,
		`an inline <script>`,
		`a <img> element`,
		`a/c.html: no <header>; no <nav>; no <footer>`,
		`feed.xml: XML syntax error`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "sitemap.xml") || strings.Contains(got, `"a/b.html#par1"`) {
		t.Errorf("false problems:\n%s", got)
	}
}
