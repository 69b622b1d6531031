package site

import (
	"fmt"
	"io/fs"

	"github.com/tdewolff/minify/v2"

	"github.com/cablesite/cablesite/generator/markdown"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/taxonomy"
)

// Config configures a build. Content and Templates are required; every
// other zero value works.
type Config struct {
	// Content is the content folder: annotated markdown files under
	// cables/ (see package annotate).
	Content fs.FS
	// ContentName is how messages name the content folder ("content"
	// gives "content/cables/2007/09/X.md:3: ..."). Empty means "content".
	ContentName string
	// Templates renders the pages (package render).
	Templates *render.Templates
	// Markdown renders cable bodies; nil means markdown.New().
	Markdown *markdown.Renderer
	// Tags gives the meanings of TAGS; nil means taxonomy.LoadTags().
	Tags *taxonomy.TagDict
	// Title is the site's name; empty means "Cables".
	Title string
	// BaseURL is the site's absolute address with a trailing slash
	// ("https://example.org/"), used for the sitemap, feeds, canonical
	// links and robots.txt. Empty: those use relative addresses and
	// robots.txt names no sitemap.
	BaseURL string
	// Meta is what the site's configuration says of it: description,
	// language, publisher, credit line and menu.
	Meta render.Meta
	// Workers is how many pages are rendered at once; 0 means four times
	// GOMAXPROCS. Pass 1, which mostly waits for the disk, reads four
	// times as many files at once.
	Workers int
	// Warn receives each problem with the input ("file:line: message")
	// in a deterministic order; a file with a problem is skipped and the
	// rest builds. Nil drops them (Summary still counts them).
	Warn func(msg string)
	// Progress, when set, is called as each cable's page is written, with
	// how many are and how many the site has, from several goroutines at
	// once: for a progress line.
	Progress func(done, total int)
	// PageSize is how many cables a list page holds; 0 means 100.
	PageSize int
	// Search, when set, receives every cable for the client-side search
	// index, which is written through SearchWriter after the pages.
	Search *search.Builder
	// Minify is the registry w minifies the pages with; nil means
	// publish.NewMinifier(). While the templates cable and list pages
	// execute are the stock ones (render.Templates.Stock), those pages are
	// written in their minified form in Go (render.CablePage.WriteMinified,
	// ListPage.WriteMinified), and only the layout's partials are
	// minified, with it, once per depth.
	Minify *minify.M
	// SearchWriter writes the index files (already compact: they are not
	// minified again); nil means the build's writer.
	SearchWriter publish.Writer
}

func (c *Config) contentName() string {
	if c.ContentName == "" {
		return "content"
	}
	return c.ContentName
}

// Summary accounts for a build.
type Summary struct {
	Cables   int // cable pages written
	Pages    int // HTML pages written, cable pages included
	Files    int // files written: pages, feeds, sitemaps, assets
	Copied   int // files of the content folder copied as they are (package static)
	Skipped  int // content files skipped because of a problem
	Warnings []string
}

func (s Summary) String() string {
	copied := ""
	if s.Copied > 0 {
		copied = ", " + plural(s.Copied, "file") + " copied"
	}
	return fmt.Sprintf("%s, %s, %s written%s; %s skipped", plural(s.Cables, "cable"), plural(s.Pages, "page"), plural(s.Files, "file"), copied, plural(s.Skipped, "content file"))
}

// plural returns "1 cable", "2 cables".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
