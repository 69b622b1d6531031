package site

import (
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/internal/panicerr"
)

// The Builder's exported methods are what an incremental session
// (package session) asks of the site: read it, write it whole, take a new
// index or templates, and render the pages of some paths again.

// Read reads the content folder as Build does: pass 1, the index and the
// editorial pages. It returns the content files and their scans (the
// index keeps none), for a later index.
func (b *Builder) Read(ctx context.Context) ([]string, []index.Scan, error) {
	files, scans, err := b.readCables(ctx)
	if err != nil {
		return nil, nil, err
	}
	b.idx = b.buildIndex(files, slices.Clone(scans))
	b.site.Total = len(b.idx.Entries)
	b.editorial = b.readEditorial(b.listEditorial())
	return files, scans, nil
}

// WriteAll writes every file of the site read, as Build does. It returns
// the names of the search index's files, and how many numbered sitemaps
// it wrote. Once it returns, the files rendered feed no search index and
// problems are no longer reported through Config.Warn: later renders
// come from a session, which reports them itself.
func (b *Builder) WriteAll(ctx context.Context) (searchFiles []string, sitemaps int, err error) {
	searchFiles, sitemaps, err = b.writeSite(ctx)
	b.cfg.Search, b.cfg.SearchWriter, b.cfg.Warn = nil, nil, nil
	return searchFiles, sitemaps, err
}

// Summary accounts for what the builder wrote.
func (b *Builder) Summary() Summary { return b.summary() }

// Reader reads the cables of the content folder.
func (b *Builder) Reader() *index.Reader { return b.rd }

// Name returns how messages name a file of the content folder.
func (b *Builder) Name(file string) string { return b.name(file) }

// Index returns the index the pages are rendered from.
func (b *Builder) Index() *index.Index { return b.idx }

// Reindex builds the index of files anew from their scans, which it
// leaves as they are, reporting nothing.
func (b *Builder) Reindex(files []string, scans []index.Scan) *index.Index {
	idx, _ := index.Build(files, slices.Clone(scans), index.Options{Name: b.name, Meaning: b.meaning, MaxTermFolders: b.maxTermFolders})
	return idx
}

// SetIndex renders the pages from now on from idx. It reports whether
// the collection's size changed: every page's footer shows it.
func (b *Builder) SetIndex(idx *index.Index) bool {
	b.idx = idx
	if n := len(idx.Entries); n != b.site.Total {
		b.site.Total = n
		b.cfg.Templates.ForgetCached() // the chrome shows the size
		return true
	}
	return false
}

// PageSize is how many cables a list page holds.
func (b *Builder) PageSize() int { return b.pageSize }

// Search reports whether the site has a search page.
func (b *Builder) Search() bool { return b.site.Search }

// Templates returns the templates the pages are rendered with.
func (b *Builder) Templates() *render.Templates { return b.cfg.Templates }

// SetTemplates renders the pages from now on with t, once a page of each
// kind renders with it (writing nothing; the pages of skip are not
// tried); else it keeps the templates it had and returns the error.
func (b *Builder) SetTemplates(t *render.Templates, skip map[string]bool) error {
	old := b.cfg.Templates
	b.cfg.Templates = t
	if err := b.tryTemplates(skip); err != nil {
		b.cfg.Templates = old
		return err
	}
	return nil
}

// WriteAssets writes the templates' assets, and returns the old path of
// each asset whose name changed mapped to its new one.
func (b *Builder) WriteAssets() (map[string]string, error) {
	before := maps.Clone(b.site.Assets)
	if err := b.writeAssets(); err != nil {
		return nil, err
	}
	// The chrome cached may name the assets' old names.
	b.cfg.Templates.ForgetCached()
	renamed := map[string]string{}
	for name, p := range before {
		if now := b.site.Assets[name]; now != p {
			renamed[p] = now
		}
	}
	return renamed, nil
}

// Assets returns the paths of the assets written.
func (b *Builder) Assets() []string { return slices.Sorted(maps.Values(b.site.Assets)) }

// Render renders the files of the site at paths, now, each as Build
// does; a path the site has no file at is skipped.
func (b *Builder) Render(ctx context.Context, paths []string) error {
	return b.run(ctx, func(emit emit) {
		for _, p := range paths {
			if j, ok := b.jobOf(p); ok && !emit(p, j) {
				return
			}
		}
	})
}

// RenderMatching renders the files of the site for which want returns
// true; want is called with every file the site has (but for the
// sitemaps, robots.txt, the assets and the search index), in a fixed
// order. It returns the pages of the site in the sitemap's order.
func (b *Builder) RenderMatching(ctx context.Context, want func(name string) bool) ([]string, error) {
	saved := b.sitemap
	defer func() { b.sitemap = saved }()
	b.sitemap = nil
	err := b.run(ctx, func(emit emit) {
		b.schedule(func(name string, j job) bool {
			if want(name) {
				return emit(name, j)
			}
			return true
		})
	})
	return b.sitemap, err
}

// WriteSitemap writes the sitemap of pages, and robots.txt. It returns
// how many numbered sitemaps it wrote.
func (b *Builder) WriteSitemap(pages []string) (int, error) { return b.writeSitemap(pages) }

// tryTemplates renders a page of each kind with the current templates,
// writing nothing, and returns the first error.
func (b *Builder) tryTemplates(skip map[string]bool) error {
	w := b.w
	b.w = publish.WriterFunc(func(string, []byte) error { return nil })
	defer func() { b.w = w }()
	wk := &worker{b: b}
	idx := b.idx
	tries := []func() error{wk.home, wk.notFound, wk.years, func() error { return wk.terms(idx.Tags) }}
	if b.site.Search {
		tries = append(tries, wk.searchPage)
	}
	for _, ei := range idx.Order {
		if !skip[idx.Entries[ei].Page()] {
			tries = append(tries, func() error { return wk.cable(ei) })
			break
		}
	}
	if len(idx.Months) > 0 {
		ml := &idx.Months[0]
		tries = append(tries, func() error { return wk.month(ml, 1, 1) })
	}
	for _, t := range idx.Taxonomies() {
		if len(t.Sorted) > 0 {
			tm := t.Terms[t.Sorted[0]]
			tries = append(tries, func() error { return wk.termList(t, tm, 1, 1) })
		}
	}
	for _, try := range tries {
		if err := try(); err != nil {
			return err
		}
	}
	return nil
}

// WriteSearch writes the search index of the site: every cable is read
// again. A cancelled ctx stops it.
func (b *Builder) WriteSearch(ctx context.Context, cfg search.Config, write search.WriterFunc) error {
	idx := b.idx
	if cfg.TagMeaning == nil {
		cfg.TagMeaning = b.tags.Meaning
	}
	sb := search.NewBuilder(cfg)
	var next atomic.Int64
	var wg sync.WaitGroup
	var first error
	var once sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range b.workers {
		wg.Go(func() {
			var buf []byte
			for {
				i := int(next.Add(1) - 1)
				if i >= len(idx.Order) || ctx.Err() != nil {
					return
				}
				var d search.Doc
				var err error
				d, buf, err = b.searchDoc(idx.Order[i], buf)
				if err != nil {
					once.Do(func() { first = err })
					cancel()
					return
				}
				sb.Add(d)
			}
		})
	}
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		first = ctx.Err()
	}
	if first != nil {
		// Write stops the builder's goroutines; with ctx done it writes
		// nothing.
		done, stop := context.WithCancel(context.Background())
		stop()
		_, _ = sb.Write(done, search.WriterFunc(func(string, []byte) error { return nil }))
		return first
	}
	_, err := sb.Write(ctx, search.WriterFunc(func(name string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err // Write checks ctx only between its steps
		}
		return write(name, data)
	}))
	return err
}

// searchDoc reads the file of entry ei again (into buf, returned for
// reuse) for its search document.
func (b *Builder) searchDoc(ei int32, buf []byte) (d search.Doc, _ []byte, err error) {
	e := &b.idx.Entries[ei]
	defer panicerr.Recover(&err, "indexing "+b.name(e.File))
	doc, buf, err := b.readDocument(e.File, buf)
	if err != nil {
		return d, buf, err
	}
	d = searchDoc(doc, e)
	d.Collections = b.collectionSlugs(ei)
	return d, buf, nil
}

// An EditorialPage is an editorial page of the site, as a session
// compares them before and after a change.
type EditorialPage struct {
	Path, Title string
	Feed        string // its feed's path, "" but for a collection
	Home        bool   // content/_index.md, the home page's introduction
	// Cables are the ids of the cables of the site it lists; Cites those
	// its text links to, but its own.
	Cables, Cites []string
}

// Editorial returns the editorial pages, and the site's menu.
func (b *Builder) Editorial() ([]EditorialPage, []render.MenuLink) {
	out := make([]EditorialPage, 0, len(b.editorial))
	for _, p := range b.editorial {
		ep := EditorialPage{Path: p.Path, Title: p.Title, Home: p.Home}
		if p.IsCollection() {
			ep.Feed = p.FeedPath()
		}
		for _, id := range p.Cables {
			if !slices.Contains(p.missing, id) {
				ep.Cables = append(ep.Cables, id)
			}
		}
		ep.Cites = slices.Clone(p.cites)
		out = append(out, ep)
	}
	return out, slices.Clone(b.site.Menu)
}

// ReadEditorial reads the editorial pages again, and returns their
// problems ("file:line: message").
func (b *Builder) ReadEditorial() []string {
	warnings, skipped := b.warnings, b.skipped
	b.site.Menu = slices.Clone(b.cfg.Meta.Menu)
	b.editorial = b.readEditorial(b.listEditorial())
	problems := slices.Clone(b.warnings[len(warnings):])
	b.warnings, b.skipped = warnings, skipped
	return problems
}

// Static returns the files of the content folder copied into the site.
func (b *Builder) Static() []string { return slices.Clone(b.static) }

// IsEditorial reports whether p is the path of an editorial page.
func (b *Builder) IsEditorial(p string) bool {
	for _, e := range b.editorial {
		if e.Path == p && !e.Home {
			return true
		}
	}
	return false
}
