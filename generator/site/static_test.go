package site_test

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/site"
)

// staticArchive is editorial pages beside files that are no pages: an
// image and a download they link, and files at the site's own addresses.
const staticArchive = `
-- about.md --
---
title: About
---
![The map](img/map.svg) and [the data](files/cables.csv); from the root:
![the logo](/img/map.svg), and from elsewhere: ![remote](https://example.org/x.png).
-- guides/_index.md --
![The map again](../img/map.svg)
-- kosovo.md --
---
cables: [07BELGRADE1300]
---
-- img/map.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <!-- kept as it is: copied, not minified -->
  <rect width="10" height="10"/>
</svg>
-- files/cables.csv --
id,date
07BELGRADE1300,2007-09-17
-- cable/extra.png --
a folder of the site's own
-- index.html --
the home page
-- tag/pgov/extra.png --
a TAG's folder
-- about/index.html --
the About page's place
-- kosovo/feed.xml --
the collection's feed
-- reading.md --
How to read a cable.
-- reading --
a file where the page's folder is
-- .hidden.png --
hidden
-- _drafts/x.png --
a folder left out
-- _redirects --
/old /about/ 301
-- guides/_redirects --
not at the top: left out
`

// TestContentFilesCopied builds a site whose content folder holds images
// and downloads: each is copied byte for byte to its path, those at the
// site's own addresses are reported and skipped, and the editorial pages'
// images and links reach them.
func TestContentFilesCopied(t *testing.T) {
	content := parseArchive(t, threadArchive[:strings.Index(threadArchive, "-- about.md --")]+strings.TrimPrefix(staticArchive, "\n"))
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe") // not UTF-8, not text
	content["img/photo.png"] = &fstest.MapFile{Data: png, Mode: 0o644}
	content["link.png"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink | 0o777}
	var warnings []string
	out, sum := buildSite(t, content, func(c *site.Config) { c.Warn = func(msg string) { warnings = append(warnings, msg) } })

	for _, f := range []string{"img/map.svg", "files/cables.csv", "img/photo.png", "_redirects"} {
		if got := out.file(t, f); got != string(content[f].Data) {
			t.Errorf("%s: got %q, want the content file's bytes %q", f, got, content[f].Data)
		}
	}
	for _, f := range []string{"cable/extra.png", "tag/pgov/extra.png", ".hidden.png", "_drafts/x.png", "guides/_redirects", "link.png", "kosovo/feed.xml/x"} {
		if _, ok := out.files[f]; ok {
			t.Errorf("%s copied", f)
		}
	}
	if !strings.HasPrefix(out.file(t, "index.html"), "<!DOCTYPE html>") || !strings.HasPrefix(out.file(t, "about/index.html"), "<!DOCTYPE html>") || !strings.HasPrefix(out.file(t, "kosovo/feed.xml"), "<?xml") {
		t.Error("a copied file took the place of a page or feed")
	}
	for _, want := range []string{
		"content/cable/extra.png:1: clashes with the site's own folder cable/: skipped",
		"content/index.html:1: clashes with the site's own file index.html: skipped",
		"content/tag/pgov/extra.png:1: clashes with the site's own folder tag/: skipped",
		"content/about/index.html:1: clashes with the page of content/about.md (about/index.html): skipped",
		"content/kosovo/feed.xml:1: clashes with the feed of content/kosovo.md (kosovo/feed.xml): skipped",
		"content/reading:1: clashes with the folder reading/ of the page of content/reading.md (reading/index.html): skipped",
		"content/link.png: a symbolic link: not followed",
	} {
		if !slices.Contains(warnings, want) {
			t.Errorf("no warning %q in:\n%s", want, strings.Join(warnings, "\n"))
		}
	}
	// The thread's broken file and duplicate are skipped too.
	if sum.Copied != 4 || sum.Skipped != 2+6 {
		t.Errorf("copied %d, skipped %d: want 4 and 2+6 (%s)", sum.Copied, sum.Skipped, sum)
	}
	if s := sum.String(); !strings.Contains(s, ", 4 files copied; ") {
		t.Errorf("summary %q does not count the files copied", s)
	}

	// Each relative address of a page reaches a file of the site.
	about := out.file(t, "about/index.html")
	for _, want := range []string{
		`<img src="../img/map.svg" alt="The map">`, `<a href="../files/cables.csv">the data</a>`,
		`<img src="/img/map.svg" alt="the logo">`, `<a href="https://example.org/x.png">remote</a>`,
	} {
		if !strings.Contains(about, want) {
			t.Errorf("about/index.html lacks %s", want)
		}
	}
	src := regexp.MustCompile(`(?:src|href)="(\.\./[^"]+)"`)
	for page, n := range map[string]int{"about/index.html": 2, "guides/index.html": 1} {
		found := src.FindAllStringSubmatch(out.file(t, page), -1)
		if len(found) < n {
			t.Errorf("%s: %d relative links to files, want %d", page, len(found), n)
		}
		for _, m := range found {
			target := path.Join(path.Dir(page), m[1])
			if _, ok := out.files[target]; !ok && !strings.HasSuffix(target, ".html") {
				t.Errorf("%s: %s leads to %s, which the site lacks", page, m[1], target)
			}
		}
	}
	if !bytes.Contains(out.files["guides/index.html"], []byte(`<img src="../img/map.svg" alt="The map again">`)) {
		t.Error("guides/_index.md's image is not reached from guides/index.html")
	}
}
