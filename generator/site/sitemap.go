package site

import "github.com/cablesite/cablesite/generator/sitemap"

// writeSitemap writes the sitemaps of pages and robots.txt (package
// sitemap), and returns how many numbered sitemaps it wrote.
func (b *Builder) writeSitemap(pages []string) (int, error) {
	return sitemap.Write(b.cfg.BaseURL, pages, b.write)
}
