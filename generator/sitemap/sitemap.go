// Package sitemap writes a site's sitemaps (sitemaps.org) and robots.txt:
// sitemap.xml listing every page or, past Size pages, sitemap-1.xml,
// sitemap-2.xml ... and sitemap.xml as their index. A sitemap holds
// absolute addresses only: a site without a base URL has none, and its
// robots.txt names none.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/cablesite/cablesite/generator/layout"
)

// Size is the most URLs one sitemap file may list (sitemaps.org).
const Size = 50_000

type urlSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []loc    `xml:"url"`
}

type index struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []loc    `xml:"sitemap"`
}

type loc struct {
	Loc string `xml:"loc"`
}

// Write writes, through write, the sitemaps of the site at baseURL (with
// a trailing slash, or "") whose pages are pages (paths, in the order
// they are listed), then robots.txt. It returns how many numbered
// sitemaps a site of these pages has (Parts).
func Write(baseURL string, pages []string, write func(name string, data []byte) error) (int, error) {
	if baseURL != "" {
		if err := writeSitemaps(baseURL, pages, write); err != nil {
			return 0, err
		}
	}
	robots := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		robots += "\nSitemap: " + baseURL + layout.Sitemap + "\n"
	}
	return Parts(len(pages)), write(layout.Robots, []byte(robots))
}

// Parts returns how many numbered sitemaps a site of n pages has: none
// up to Size.
func Parts(n int) int {
	if n <= Size {
		return 0
	}
	return (n + Size - 1) / Size
}

func writeSitemaps(baseURL string, pages []string, write func(name string, data []byte) error) error {
	urls := func(name string, pages []string) error {
		set := urlSet{URLs: make([]loc, len(pages))}
		for i, p := range pages {
			set.URLs[i] = loc{Loc: baseURL + p}
		}
		return writeXML(name, set, write)
	}
	if len(pages) <= Size {
		return urls(layout.Sitemap, pages)
	}
	var idx index
	for i, n := 0, 1; i < len(pages); i, n = i+Size, n+1 {
		name := layout.SitemapPart(n)
		if err := urls(name, pages[i:min(i+Size, len(pages))]); err != nil {
			return err
		}
		idx.Sitemaps = append(idx.Sitemaps, loc{Loc: baseURL + name})
	}
	return writeXML(layout.Sitemap, idx, write)
}

func writeXML(name string, v any, write func(name string, data []byte) error) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	buf.WriteByte('\n')
	return write(name, buf.Bytes())
}
