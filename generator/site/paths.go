package site

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/timeline"
)

// The layout of public/. Every page is a file named in full, so that links
// to folders can name index.html and the site works from file://.
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

// cablePath returns the page of the cable with id and date: the path
// annotate.URL gives, without its leading slash.
func cablePath(id string, date time.Time) string {
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

// monthDir returns the folder of a month's list: "date/2007/09/".
func monthDir(m timeline.Month) string {
	var b strings.Builder
	b.WriteString("date/")
	writeMonth(&b, m)
	b.WriteByte('/')
	return b.String()
}

// yearPath returns the page of a year's months: "date/2007/index.html".
func yearPath(year int) string { return fmt.Sprintf("date/%04d/index.html", year) }

const (
	datesPath   = "date/index.html"
	undatedDir  = "date/undated/"
	homePath    = "index.html"
	feedPath    = "feed.xml"
	notFound    = "404.html"
	searchPath  = "search.html"
	sitemapPath = "sitemap.xml"
	robotsPath  = "robots.txt"
)

// listPath returns page n (from 1) of the list whose folder is dir.
func listPath(dir string, n int) string {
	if n <= 1 {
		return dir + "index.html"
	}
	return dir + "page-" + strconv.Itoa(n) + ".html"
}

// rootOf returns the relative URL from the page at path to the site's
// root: "" for "index.html", "../../../" for a cable page.
func rootOf(path string) string {
	return strings.Repeat("../", strings.Count(path, "/"))
}
