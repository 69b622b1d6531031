// Package layout names the files of a built site: where each page, list,
// feed and index lies in public/, and what kind of page a path is. The
// build (package site) writes its pages at these paths; the incremental
// session (package session) plans with them which files a change reaches.
//
// Every page is a file named in full, so that links to folders can name
// index.html and the site works from file://.
//
//	index.html                          home
//	cable/YYYY/MM/<id>.html             a cable (the Cablegate scheme); cable/undated/<id>.html
//	date/index.html                     years; date/YYYY/index.html: its months
//	date/YYYY/MM/index.html, page-N.html  the cables of a month; date/undated/...
//	tag/index.html                      every TAG; tag/<slug>/index.html, page-N.html, feed.xml
//	origin/index.html, origin/<slug>/...
//	classification/index.html, classification/<slug>/...
//	feed.xml, sitemap.xml (sitemap-N.xml), robots.txt, 404.html, assets/*
//
// Listing pages live under date/, not beside the cables, so that no cable
// id ("index", "page-2") can collide with them.
package layout

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/timeline"
)

// The files of the site with fixed names.
const (
	Home       = "index.html"
	Dates      = "date/index.html"
	UndatedDir = "date/undated/"
	Feed       = "feed.xml"
	NotFound   = "404.html"
	Search     = "search.html"
	Sitemap    = "sitemap.xml"
	Robots     = "robots.txt"
)

// CablePath returns the page of the cable with id and date: the path
// annotate.URL gives, without its leading slash.
func CablePath(id string, date time.Time) string {
	var b strings.Builder
	b.Grow(len("cable/2007/09/.html") + len(id))
	b.WriteString("cable/")
	if date.IsZero() {
		b.WriteString("undated")
	} else {
		writeMonth(&b, timeline.MonthOf(date.UTC()))
	}
	b.WriteByte('/')
	b.WriteString(annotate.SafeID(id))
	b.WriteString(".html")
	return b.String()
}

// writeMonth writes "2007/09". Lists call it for every cable they show,
// so it avoids fmt.
func writeMonth(b *strings.Builder, m timeline.Month) {
	if m.Year >= 0 && m.Year < 10000 {
		y := m.Year
		b.Write([]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)})
	} else {
		fmt.Fprintf(b, "%04d", m.Year)
	}
	mo := int(m.Month)
	b.Write([]byte{'/', byte('0' + mo/10), byte('0' + mo%10)})
}

// MonthDir returns the folder of a month's list: "date/2007/09/".
func MonthDir(m timeline.Month) string {
	var b strings.Builder
	b.WriteString("date/")
	writeMonth(&b, m)
	b.WriteByte('/')
	return b.String()
}

// YearPath returns the page of a year's months: "date/2007/index.html".
func YearPath(year int) string { return fmt.Sprintf("date/%04d/index.html", year) }

// TermsPath returns the index of a taxonomy's terms: "tag/index.html".
func TermsPath(kind string) string { return kind + "/index.html" }

// TermFeed returns the feed of the term whose folder is dir.
func TermFeed(dir string) string { return dir + "feed.xml" }

// ListPath returns page n (from 1) of the list whose folder is dir.
func ListPath(dir string, n int) string {
	if n <= 1 {
		return dir + "index.html"
	}
	return dir + "page-" + strconv.Itoa(n) + ".html"
}

// RootOf returns the relative URL from the page at path to the site's
// root: "" for "index.html", "../../../" for a cable page.
func RootOf(path string) string {
	return strings.Repeat("../", strings.Count(path, "/"))
}

// SitemapPart returns the name of the numbered sitemap n (from 1) of a
// site with more pages than one sitemap lists.
func SitemapPart(n int) string { return fmt.Sprintf("sitemap-%d.xml", n) }

// KindOf returns the kind of the page at p. An editorial page's path
// says nothing of its kind: the caller knows them.
func KindOf(p string) render.Kind {
	switch p {
	case Home:
		return render.KindHome
	case Search:
		return render.KindSearch
	case NotFound:
		return render.KindNotFound
	case Dates:
		return render.KindTerms
	}
	if strings.HasPrefix(p, "cable/") {
		return render.KindCable
	}
	dir, file := path.Split(p)
	if file == "index.html" {
		parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
		if len(parts) == 1 || len(parts) == 2 && parts[0] == "date" && parts[1] != "undated" && allDigits(parts[1]) {
			return render.KindTerms // a taxonomy's index, a year's months
		}
	}
	return render.KindList
}

// IsPage reports whether the file name is a page of one kind (see
// KindOf): an HTML page other than the 404 page.
func IsPage(name string) bool { return strings.HasSuffix(name, ".html") && name != NotFound }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
