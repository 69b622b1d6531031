package site

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/cablesite/cablesite/generator/layout"
)

// sitemapSize is the most URLs one sitemap file may list (sitemaps.org).
const sitemapSize = 50_000

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapLoc `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc string `xml:"loc"`
}

// writeSitemap writes sitemap.xml listing every HTML page (the 404 page
// aside), or, past 50,000 pages, sitemap-1.xml, sitemap-2.xml ... and
// sitemap.xml as their index; then robots.txt. A sitemap holds absolute
// addresses only (sitemaps.org): without a base URL there is none, and
// robots.txt names none. It returns how many numbered sitemaps a site of
// these pages has (see sitemapFiles).
func (b *Builder) writeSitemap(pages []string) (int, error) {
	if err := b.writeSitemapFiles(pages); err != nil {
		return 0, err
	}
	robots := "User-agent: *\nAllow: /\n"
	if b.cfg.BaseURL != "" {
		robots += "\nSitemap: " + b.cfg.BaseURL + layout.Sitemap + "\n"
	}
	return sitemapFiles(len(pages)), b.write(layout.Robots, []byte(robots))
}

func (b *Builder) writeSitemapFiles(pages []string) error {
	if b.cfg.BaseURL == "" {
		// no sitemap
	} else if len(pages) <= sitemapSize {
		if err := b.writeURLSet(layout.Sitemap, pages); err != nil {
			return err
		}
	} else {
		var index sitemapIndex
		for i, n := 0, 1; i < len(pages); i, n = i+sitemapSize, n+1 {
			name := layout.SitemapPart(n)
			if err := b.writeURLSet(name, pages[i:min(i+sitemapSize, len(pages))]); err != nil {
				return err
			}
			index.Sitemaps = append(index.Sitemaps, sitemapLoc{Loc: b.href("", name)})
		}
		if err := b.writeXML(layout.Sitemap, index); err != nil {
			return err
		}
	}
	return nil
}

func (b *Builder) writeURLSet(name string, pages []string) error {
	set := urlSet{URLs: make([]sitemapLoc, len(pages))}
	for i, p := range pages {
		set.URLs[i] = sitemapLoc{Loc: b.href("", p)}
	}
	return b.writeXML(name, set)
}

func (b *Builder) writeXML(name string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	buf.WriteByte('\n')
	return b.write(name, buf.Bytes())
}

// sitemapFiles returns how many numbered sitemaps a site of n pages has.
func sitemapFiles(n int) int {
	if n <= sitemapSize {
		return 0
	}
	return (n + sitemapSize - 1) / sitemapSize
}
