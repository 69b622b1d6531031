package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/markdown"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/taxonomy"
	"github.com/cablesite/cablesite/internal/panicerr"
	"github.com/tdewolff/minify/v2"
)

// Build renders the content folder into a site, writing every file
// through w. It reads the content twice: pass 1 reads each file's front
// matter into a small entry and indexes the collection; pass 2 renders
// the pages on all workers, reading each cable again for its text. Memory
// grows with the number of cables only by what their entries keep.
//
// A content file that cannot be read (bad front matter, no id, a
// duplicate id) is reported through cfg.Warn and skipped; the rest
// builds. The error is for what stops the build: cancellation, a
// template error, a failure to write.
func Build(ctx context.Context, cfg Config, w publish.Writer) (Summary, error) {
	b, err := NewBuilder(cfg, w)
	if err != nil {
		return Summary{}, err
	}
	files, scans, err := b.readCables(ctx)
	if err != nil {
		return b.summary(), err
	}
	b.idx = b.buildIndex(files, scans)
	b.site.Total = len(b.idx.Entries)
	b.editorial = b.readEditorial(b.listEditorial())
	// The chrome cached by an earlier build with these templates may show
	// another site (its total, its base URL).
	b.cfg.Templates.ForgetCached()
	_, _, err = b.writeSite(ctx)
	return b.summary(), err
}

// NewBuilder returns the builder of a site, writing through w: it checks cfg and fills in its defaults.
func NewBuilder(cfg Config, w publish.Writer) (*Builder, error) {
	if cfg.Content == nil {
		return nil, errors.New("site: no content folder")
	}
	if cfg.Templates == nil {
		return nil, errors.New("site: no templates")
	}
	b := &Builder{cfg: cfg, w: w, md: cfg.Markdown, tags: cfg.Tags, workers: cfg.Workers, pageSize: cfg.PageSize, maxTermFolders: index.MaxTermFolders}
	if b.md == nil {
		b.md = defaultMarkdown()
	}
	if b.tags == nil {
		b.tags = defaultTags()
	}
	if b.workers <= 0 {
		// Four times the cores: a worker waiting for the disk to read a
		// cable or to create a file leaves its core to another, and on a
		// busy disk file creation waits more than it computes (measured:
		// 20,000 cables on 2 cores, 8 workers against 4: a third less
		// wall time, 20 MB more memory).
		b.workers = 4 * runtime.GOMAXPROCS(0)
	}
	if b.pageSize <= 0 {
		b.pageSize = 100
	}
	if cfg.BaseURL != "" && !strings.HasSuffix(cfg.BaseURL, "/") {
		b.cfg.BaseURL += "/"
	}
	// Four times the workers: pass 1 mostly waits for the disk.
	b.rd = &index.Reader{FS: cfg.Content, Folder: b.cfg.contentName(), Workers: 4 * b.workers}
	b.minify = cfg.Minify
	if b.minify == nil {
		b.minify = publish.NewMinifier()
	}
	b.site = &render.Site{Title: cfg.Title, BaseURL: b.cfg.BaseURL, Meta: cfg.Meta, Search: cfg.Search != nil}
	if b.site.Title == "" {
		b.site.Title = "Cables"
	}
	return b, nil
}

// readCables lists the cables of the content folder and reads their
// front matter: pass 1.
func (b *Builder) readCables(ctx context.Context) ([]string, []index.Scan, error) {
	r := b.rd
	files, problems, err := r.List(b.warn)
	if err != nil {
		return nil, nil, err
	}
	scans, err := r.ScanAll(ctx, files, problems)
	return files, scans, err
}

// buildIndex indexes the scans of files, reporting the files left out.
func (b *Builder) buildIndex(files []string, scans []index.Scan) *index.Index {
	idx, problems := index.Build(files, scans, index.Options{Name: b.name, Meaning: b.meaning, MaxTermFolders: b.maxTermFolders})
	for _, msg := range problems {
		b.warn(msg)
		b.skipped++
	}
	return idx
}

// meaning returns the meaning of a TAG, or "".
func (b *Builder) meaning(code string) string {
	t, ok := b.tags.Lookup(code)
	if !ok {
		return ""
	}
	return t.Description()
}

// name returns how messages name a file of the content folder.
func (b *Builder) name(file string) string { return path.Join(b.cfg.contentName(), file) }

// writeSite writes every file of the indexed site: assets, pages,
// sitemap, and the search index when there is one. It returns the names
// of the search index's files, and how many numbered sitemaps it wrote.
func (b *Builder) writeSite(ctx context.Context) (searchFiles []string, sitemaps int, err error) {
	if err := b.writeAssets(); err != nil {
		return nil, 0, err
	}
	err = b.run(ctx, b.schedule)
	if err == nil {
		sitemaps, err = b.writeSitemap(b.sitemap)
	}
	if err == nil && b.cfg.Search != nil {
		b.cfg.Search.SetTagMeaning(b.tags.Meaning)
		sw := b.cfg.SearchWriter
		if sw == nil {
			sw = b.w
		}
		var mu sync.Mutex
		_, err = b.cfg.Search.Write(ctx, search.WriterFunc(func(name string, data []byte) error {
			b.counted(name)
			mu.Lock()
			searchFiles = append(searchFiles, name)
			mu.Unlock()
			if strings.Count(name, "/") == 1 {
				// The few files at the top of search/ go through the
				// minifier like everything else; the shards below are as
				// compact as their encoding makes them.
				return b.w.WriteFile(name, data)
			}
			return sw.WriteFile(name, data)
		}))
	}
	return searchFiles, sitemaps, err
}

// A Builder is one site being built: its configuration, its index, its
// editorial pages and templates. Build makes one for a whole build; an
// incremental session (package session) keeps one alive and asks it to
// render the pages a change reaches (builder.go).
type Builder struct {
	cfg      Config
	w        publish.Writer
	md       *markdown.Renderer
	tags     *taxonomy.TagDict
	workers  int
	pageSize int
	// maxTermFolders is how many term folders a taxonomy's folder holds
	// before they are spread over subfolders.
	maxTermFolders int
	site           *render.Site
	rd             *index.Reader
	idx            *index.Index
	// lists finds the lists of listsOf, an index, by their folders (see
	// listsAt).
	lists   map[string]listAt
	listsOf *index.Index
	// editorial are the editorial pages (content/*.md outside cables/);
	// inCollections the collections each cable is in.
	editorial     []*edPage
	inCollections map[int32][]*edPage
	// edFiles are the editorial pages by their file ("guides/reading.md");
	// citedIn the pages that link to each cable, in their files' order.
	edFiles map[string]*edPage
	citedIn map[int32][]*edPage
	// static are the other files of the content folder, copied as they are.
	static []string
	// minify is cfg.Minify or the default (see Config.Minify).
	minify *minify.M

	// Set by pass 1, read-only afterwards.
	skipped int
	// warnings are mostly pass 1's; pass 2 adds those of files whose
	// original is broken, which its workers put in late and run reports,
	// sorted, once they are done, so that the order never depends on the
	// workers'.
	warnMu   sync.Mutex
	warnings []string
	late     []string

	// sitemap lists the HTML pages, in the order they are scheduled
	// (which is fixed), for sitemap.xml.
	sitemap []string

	cables, pages, files, copied atomic.Int64
}

func (b *Builder) warn(msg string) {
	b.warnMu.Lock()
	defer b.warnMu.Unlock()
	b.warnings = append(b.warnings, msg)
	if b.cfg.Warn != nil {
		b.cfg.Warn(msg)
	}
}

// warnLate records a warning of a render worker, for run to report.
func (b *Builder) warnLate(msg string) {
	b.warnMu.Lock()
	defer b.warnMu.Unlock()
	b.late = append(b.late, msg)
}

// flushLate reports the workers' warnings in order: by file, as each
// starts with its file's name.
func (b *Builder) flushLate() {
	b.warnMu.Lock()
	late := b.late
	b.late = nil
	b.warnMu.Unlock()
	slices.Sort(late)
	for _, msg := range late {
		b.warn(msg)
	}
}

func (b *Builder) summary() Summary {
	return Summary{
		Cables:   int(b.cables.Load()),
		Pages:    int(b.pages.Load()),
		Files:    int(b.files.Load()),
		Copied:   int(b.copied.Load()),
		Skipped:  b.skipped,
		Warnings: b.warnings,
	}
}

// write writes one file of the site.
func (b *Builder) write(name string, data []byte) error {
	if err := b.w.WriteFile(name, data); err != nil {
		return err
	}
	b.counted(name)
	return nil
}

// counted counts a file written.
func (b *Builder) counted(name string) {
	b.files.Add(1)
	if strings.HasSuffix(name, ".html") {
		b.pages.Add(1)
	}
}

// A job renders one file on a worker.
type job func(w *worker) error

// worker holds the buffers one goroutine renders with.
type worker struct {
	b       *Builder
	page    bytes.Buffer // a page's HTML
	body    bytes.Buffer // a cable's rendered body
	notes   bytes.Buffer // a cable's editor's notes, rendered
	svg     bytes.Buffer // a timeline's SVG
	file    []byte       // a cable file's content
	fill    []byte       // a cable's original text, escaped
	spliced []byte       // a page with its holes placed: see placeHoles
	fills   [][]byte     // see executeSpliced
	feedBuf []byte       // a feed
}

// An emit passes the job writing the file name to the workers; false
// when the run stops.
type emit func(name string, j job) bool

// run runs the jobs schedule emits on b.workers goroutines. The first
// error stops the build, as does ctx. A job that panics stops it with a
// PanicError.
func (b *Builder) run(ctx context.Context, schedule func(emit)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	type named struct {
		name string
		j    job
	}
	jobs := make(chan named, 4*b.workers)
	var wg sync.WaitGroup
	for range b.workers {
		wg.Go(func() {
			w := &worker{b: b}
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				if err := w.do(j.name, j.j); err != nil {
					cancel(err)
				}
			}
		})
	}
	schedule(func(name string, j job) bool {
		select {
		case jobs <- named{name, j}:
			return true
		case <-ctx.Done():
			return false
		}
	})
	close(jobs)
	wg.Wait()
	b.flushLate()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// do runs job j, which writes the file name, turning a panic into an
// error.
func (w *worker) do(name string, j job) (err error) {
	defer panicerr.Recover(&err, "rendering "+name)
	return j(w)
}

// page registers an HTML page for the sitemap.
func (b *Builder) page(path string) { b.sitemap = append(b.sitemap, path) }

// schedule emits every page of the site, in a fixed order.
func (b *Builder) schedule(emit emit) {
	idx := b.idx
	b.page(layout.Home)
	if !emit(layout.Home, func(w *worker) error { return w.home() }) {
		return
	}
	if !emit(layout.NotFound, func(w *worker) error { return w.notFound() }) {
		return
	}
	if b.site.Search {
		b.page(layout.Search)
		if !emit(layout.Search, func(w *worker) error { return w.searchPage() }) {
			return
		}
	}
	if !emit(layout.Feed, func(w *worker) error { return w.feed(layout.Feed, "", nil) }) {
		return
	}
	for _, ei := range idx.Order {
		page := idx.Entries[ei].Page()
		b.page(page)
		if !emit(page, func(w *worker) error { return w.cable(ei) }) {
			return
		}
	}
	if !b.scheduleDates(emit) {
		return
	}
	for _, t := range idx.Taxonomies() {
		if !b.scheduleTaxo(emit, t) {
			return
		}
	}
	if b.scheduleEditorial(emit) {
		for _, f := range b.static {
			if !emit(f, func(*worker) error { return b.copyStatic(f) }) {
				return
			}
		}
	}
}

// listPages schedules the pages of a list of n cables in dir, each job
// rendering one page.
func (b *Builder) listPages(emit emit, dir string, n int, render func(w *worker, page, pages int) error) bool {
	pages := b.pageCount(n)
	for p := 1; p <= pages; p++ {
		page := layout.ListPath(dir, p)
		b.page(page)
		if !emit(page, func(w *worker) error { return render(w, p, pages) }) {
			return false
		}
	}
	return true
}

func (b *Builder) scheduleDates(emit emit) bool {
	idx := b.idx
	b.page(layout.Dates)
	if !emit(layout.Dates, func(w *worker) error { return w.years() }) {
		return false
	}
	for i := 0; i < len(idx.Months); {
		year := idx.Months[i].Month.Year
		j := i
		for j < len(idx.Months) && idx.Months[j].Month.Year == year {
			j++
		}
		months := idx.Months[i:j]
		page := layout.YearPath(year)
		b.page(page)
		if !emit(page, func(w *worker) error { return w.year(year, months) }) {
			return false
		}
		for k := range months {
			ml := &months[k]
			if !b.listPages(emit, layout.MonthDir(ml.Month), len(ml.Cables), func(w *worker, p, n int) error { return w.month(ml, p, n) }) {
				return false
			}
		}
		i = j
	}
	if len(idx.Undated) > 0 {
		if !b.listPages(emit, layout.UndatedDir, len(idx.Undated), func(w *worker, p, n int) error { return w.undated(p, n) }) {
			return false
		}
	}
	return true
}

func (b *Builder) scheduleTaxo(emit emit, t *taxo) bool {
	index := t.Kind + "/index.html"
	b.page(index)
	if !emit(index, func(w *worker) error { return w.terms(t) }) {
		return false
	}
	for _, ti := range t.Sorted {
		tm := t.Terms[ti]
		if !b.listPages(emit, tm.Dir, len(tm.Cables), func(w *worker, p, n int) error { return w.termList(t, tm, p, n) }) {
			return false
		}
		if t == b.idx.Tags {
			feed := tm.Dir + "feed.xml"
			if !emit(feed, func(w *worker) error { return w.feed(feed, tm.Name, tm.Cables) }) {
				return false
			}
		}
	}
	return true
}

// executed renders a page with its template and writes it.
func (w *worker) execute(k render.Kind, path string, data any) error {
	w.page.Reset()
	if err := w.b.cfg.Templates.Execute(&w.page, k, data); err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	return w.b.write(path, w.page.Bytes())
}

// A hole is a field of a page's data that executeSpliced renders as
// publish.Hole and fills after minification.
type hole struct {
	field *template.HTML
	fill  []byte
}

// executeSpliced renders a page with a mark in each of the holes' fields,
// and writes it with the fills in their places, past the minifier. The
// marks are numbered, so that a template may place the fields in any
// order, or leave one out (an edited "cable-details" shows no .Details).
// When a mark is there more than once, or the page holds anything else
// that looks like one (a cable's text holding a hole), it renders the
// page again with the fills in the fields.
func (w *worker) executeSpliced(k render.Kind, path string, data any, holes ...hole) error {
	for i, h := range holes {
		*h.field = template.HTML(publish.Mark(i))
	}
	w.page.Reset()
	if err := w.b.cfg.Templates.Execute(&w.page, k, data); err != nil {
		return fmt.Errorf("rendering %s: %w", path, err)
	}
	if page, fills, ok := w.placeHoles(w.page.Bytes(), holes); ok {
		if err := publish.WriteSpliced(w.b.w, path, page, fills...); err != nil {
			return err
		}
		w.b.counted(path)
		return nil
	}
	for _, h := range holes {
		*h.field = template.HTML(h.fill)
	}
	return w.execute(k, path, data)
}

// placeHoles returns page with each hole's mark replaced by publish.Hole,
// and the fills of the marks found in the order of the page; false when
// a mark is there more than once, or the page holds anything else that
// looks like one (see publish.PlaceMarks).
func (w *worker) placeHoles(page []byte, holes []hole) ([]byte, [][]byte, bool) {
	spliced, order, ok := publish.PlaceMarks(w.spliced[:0], page, len(holes))
	if !ok {
		return nil, nil, false
	}
	w.spliced = spliced
	w.fills = w.fills[:0]
	for _, i := range order {
		w.fills = append(w.fills, holes[i].fill)
	}
	return w.spliced, w.fills, true
}

func defaultMarkdown() *markdown.Renderer { return markdown.New() }
func defaultTags() *taxonomy.TagDict      { return taxonomy.LoadTags() }
