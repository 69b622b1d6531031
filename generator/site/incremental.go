package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
)

// A Session is a site kept alive after its first build, for a preview
// server: it keeps the index of pass 1 and, told which files changed,
// updates it and renders again only the pages the change reaches, so
// that the output stays what a full Build of the same files would write.
//
// An update has two parts. Update renders at once what a change shows
// to a reader: the cable's page, its neighbours, the cables it cites and
// those citing it, the pages of the lists it is in (a list's later pages
// too when the cable moves in it), the indexes whose counts change, the
// home page, the feeds and the sitemap. What every page shows but no
// reader waits for (the collection's size in every page's footer after
// an addition, a template used by every page) is left to Settle, which
// renders every page again and may be cancelled and resumed by the next
// change. The search index, whose documents are numbered by date, is
// written again as a whole by WriteSearch.
//
// A file whose front matter stops reading well keeps its last good
// version in the site until it is fixed; Update reports it. Writers are
// expected to write a file only when its bytes change (a Session writes
// many pages whose bytes stay the same).
//
// A Session is not safe for concurrent use: Update, Settle and
// WriteSearch are called one at a time.
type Session struct {
	b      *builder
	remove func(name string) error

	// files are the content files under cables/ in the order of a
	// build's walk, scans[i] files[i]'s last good front matter or, for a
	// file that never read well, its problem.
	files []string
	scans []scanned
	// broken holds the problem of each file whose last change did not
	// read; its last good scan stays in scans.
	broken map[string]error
	// problems holds the current problem of each file an update touched.
	problems map[string]string

	// pending are the page kinds Settle renders again; stale the files it
	// removes after (assets replaced by a template change).
	pending     map[render.Kind]bool
	stale       map[string]bool
	searchStale bool
	// sitemapStale is true when the pages or their order changed since
	// the sitemap was written, as numbered sitemaps.
	sitemapStale bool
	sitemaps     int
	// searchFiles are the files of the search index last written.
	searchFiles map[string]bool
}

// Change is what changed since the last update.
type Change struct {
	// Paths are the content folder's files and folders that were
	// created, written, renamed or removed, slash-separated
	// ("cables/2007/09/07STATE126086.md"). Paths outside cables/ are
	// ignored; a folder stands for every file under it.
	Paths []string
	// Templates, when not nil, replaces the templates.
	Templates *render.Templates
	// Kinds are the page kinds whose template file changed; nil with
	// Templates means every kind (base.html, a partial). Every page is
	// rendered again when an asset's name changes.
	Kinds []render.Kind
	// Open are the pages open in a browser ("cable/2007/09/X.html"): a
	// template change renders them first.
	Open []string
}

// Report accounts for an update.
type Report struct {
	// Problems lists the current problem of each content file an update
	// touched ("file:line: message"): front matter that does not read
	// (the file's last good version stays in the site), a duplicate id;
	// and of the templates' last change, when they failed to render.
	Problems []string
	// Renamed maps the path of each asset a template change renamed to its
	// new path ("assets/style.1a2b3c4d.css" to "assets/style.5e6f7a8b.css").
	Renamed map[string]string
	// Pending is true when Settle has pages to render again.
	Pending bool
	// SearchStale is true when the search index is older than the pages.
	SearchStale bool
}

// NewSession builds the site as Build does, writing every file through w,
// and keeps what an update needs. remove deletes a file of the site that
// a change made obsolete. cfg.Search, when set, receives the first
// build's cables for the search index, as with Build; later indexes are
// written by WriteSearch.
func NewSession(ctx context.Context, cfg Config, w publish.Writer, remove func(name string) error) (*Session, Summary, error) {
	b, err := newBuilder(cfg, w)
	if err != nil {
		return nil, Summary{}, err
	}
	files, problems, err := b.listFiles()
	if err != nil {
		return nil, b.summary(), err
	}
	scans, err := b.scan(ctx, files, problems)
	if err != nil {
		return nil, b.summary(), err
	}
	s := &Session{
		b: b, remove: remove, files: files, scans: scans,
		broken: map[string]error{}, problems: map[string]string{}, pending: map[render.Kind]bool{}, stale: map[string]bool{},
	}
	// buildIndex lets go of the scans it is given; the session keeps its
	// own copy for the next index.
	b.idx = b.buildIndex(files, slices.Clone(scans))
	b.site.Total = len(b.idx.entries)
	// The search index's files are recorded, so that a later index
	// removes those it no longer has.
	var mu sync.Mutex
	s.searchFiles = map[string]bool{}
	record := func(w publish.Writer) publish.Writer {
		return &recorder{w: w, prefix: "search/", mu: &mu, names: s.searchFiles}
	}
	b.w = record(w)
	if cfg.SearchWriter != nil {
		b.cfg.SearchWriter = record(cfg.SearchWriter)
	}
	err = b.writeSite(ctx)
	b.w = w
	if err != nil {
		return nil, b.summary(), err
	}
	s.sitemaps = sitemapFiles(len(b.sitemap))
	// Pages rendered from now on do not feed the index: WriteSearch
	// writes it anew. The search box and page stay (schedule reads
	// site.Search).
	b.cfg.Search, b.cfg.SearchWriter = nil, nil
	// Problems found by a later update are reported with it, not
	// through Warn.
	b.cfg.Warn = nil
	return s, b.summary(), nil
}

// Update brings the site up to date with ch. It renders what a reader of
// the changed pages sees at once, and leaves to Settle what only changes
// every page's chrome. A content file that does not read is a problem of
// the Report, not an error; the error is for what stops the update
// (cancellation, a write), after which Settle renders every page again.
func (s *Session) Update(ctx context.Context, ch Change) (Report, error) {
	var rep Report
	var err error
	if ch.Templates != nil {
		var problem string
		rep.Renamed, problem, err = s.setTemplates(ctx, ch.Templates, ch.Kinds, ch.Open)
		if problem != "" {
			s.problems[""] = problem
		} else {
			delete(s.problems, "")
		}
	}
	if err == nil && len(ch.Paths) > 0 {
		err = s.updateContent(ctx, ch.Paths)
	}
	if err != nil {
		s.pendAll()
	}
	s.checkProblems()
	for _, f := range slices.Sorted(maps.Keys(s.problems)) {
		rep.Problems = append(rep.Problems, s.problems[f])
	}
	rep.Pending = s.Pending()
	rep.SearchStale = s.searchStale
	return rep, err
}

// Pending reports whether Settle has work: pages to render again, the
// sitemap to write.
func (s *Session) Pending() bool { return len(s.pending) > 0 || s.sitemapStale }

// SearchStale reports whether the search index is older than the pages.
func (s *Session) SearchStale() bool { return s.searchStale }

func (s *Session) pendAll() {
	for _, k := range render.Kinds {
		s.pending[k] = true
	}
}

// Settle renders again every page of the kinds an update left pending,
// writes the sitemap and removes the files the change made obsolete. When
// ctx is cancelled it stops, and the pages stay pending. The page of a
// cable whose file does not read stays as it was.
func (s *Session) Settle(ctx context.Context) error {
	if !s.Pending() {
		return nil
	}
	b := s.b
	if len(s.pending) == 0 {
		b.sitemap = nil
		b.schedule(func(string, job) bool { return true })
		return s.writeSitemap()
	}
	skip := s.brokenPages()
	b.sitemap = nil
	err := b.run(ctx, func(emit emit) {
		b.schedule(func(name string, j job) bool {
			// The 404 page and the feeds are cheap, and belong to no
			// kind of page.
			if isPage(name) && (!s.pending[kindOf(name)] || skip[name]) {
				return true
			}
			return emit(name, j)
		})
	})
	if err == nil {
		err = s.writeSitemap()
	}
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(s.stale)) {
		if slices.Contains(slices.Collect(maps.Values(b.site.Assets)), name) {
			continue // a later change brought it back
		}
		if err := s.remove(name); err != nil {
			return err
		}
		delete(s.stale, name)
	}
	clear(s.pending)
	return nil
}

// isPage reports whether the file name is a page of one kind (see
// kindOf): an HTML page other than the 404 page.
func isPage(name string) bool { return strings.HasSuffix(name, ".html") && name != notFound }

// writeSitemap writes the sitemap of the pages b.sitemap lists, and
// removes the numbered sitemaps it no longer has.
func (s *Session) writeSitemap() error {
	if err := s.b.writeSitemap(); err != nil {
		return err
	}
	n := sitemapFiles(len(s.b.sitemap))
	for i := n + 1; i <= s.sitemaps; i++ {
		if err := s.remove(fmt.Sprintf("sitemap-%d.xml", i)); err != nil {
			return err
		}
	}
	s.sitemaps = n
	s.sitemapStale = false
	return nil
}

// WriteSearch writes the search index of the current site: every cable is
// read again. Files at the top of search/ go through pages (which
// minifies them, as Build's writer does), the shards below through
// shards. It does nothing while a content file does not read (the index
// would lack its cable) and returns false then; a cancelled ctx stops it.
func (s *Session) WriteSearch(ctx context.Context, cfg search.Config, pages, shards publish.Writer) (bool, error) {
	if len(s.broken) > 0 {
		return false, nil
	}
	b, idx := s.b, s.b.idx
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
				if i >= len(idx.order) || ctx.Err() != nil {
					return
				}
				e := &idx.entries[idx.order[i]]
				var err error
				buf, err = readAll(b.cfg.Content, e.file, buf)
				var doc *annotate.Document
				if err == nil {
					if doc, err = annotate.Read(b.name(e.file), buf); err != nil {
						// As its page is: built without a broken original.
						doc, err = b.withoutOriginal(e.file, buf, err)
					}
				} else {
					err = fmt.Errorf("%s: %w", b.name(e.file), unwrapPath(err))
				}
				if err != nil {
					once.Do(func() { first = err })
					cancel()
					return
				}
				d := search.FromDocument(doc)
				d.ID = e.id
				d.URL = e.page()
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
		return false, first
	}
	var mu sync.Mutex
	written := map[string]bool{}
	_, err := sb.Write(ctx, search.WriterFunc(func(name string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err // Write checks ctx only between its steps
		}
		mu.Lock()
		written[name] = true
		mu.Unlock()
		if strings.Count(name, "/") == 1 {
			return pages.WriteFile(name, data)
		}
		return shards.WriteFile(name, data)
	}))
	if err != nil {
		// What was written stays until the next index replaces it.
		maps.Copy(s.searchFiles, written)
		return false, err
	}
	for _, name := range slices.Sorted(maps.Keys(s.searchFiles)) {
		if !written[name] {
			if err := s.remove(name); err != nil {
				return false, err
			}
		}
	}
	s.searchFiles = written
	s.searchStale = false
	return true, nil
}

// recorder passes files to w and records the names of those under prefix.
type recorder struct {
	w      publish.Writer
	prefix string
	mu     *sync.Mutex // guards names, which recorders share
	names  map[string]bool
}

func (r *recorder) note(name string) {
	if strings.HasPrefix(name, r.prefix) {
		r.mu.Lock()
		r.names[name] = true
		r.mu.Unlock()
	}
}

func (r *recorder) WriteFile(name string, data []byte) error {
	r.note(name)
	return r.w.WriteFile(name, data)
}

// WriteSpliced keeps w's own splicing (see publish.Splicer).
func (r *recorder) WriteSpliced(name string, data []byte, fills ...[]byte) error {
	r.note(name)
	return publish.WriteSpliced(r.w, name, data, fills...)
}

// kindOf returns the kind of the page at path, a path of the site's
// layout (see paths.go).
func kindOf(p string) render.Kind {
	switch p {
	case homePath:
		return render.KindHome
	case searchPath:
		return render.KindSearch
	case notFound:
		return render.KindNotFound
	case datesPath:
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

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// brokenPages returns the pages of the cables whose file does not read:
// they cannot be rendered again until fixed.
func (s *Session) brokenPages() map[string]bool {
	out := map[string]bool{}
	if len(s.broken) == 0 {
		return out
	}
	for i := range s.b.idx.entries {
		e := &s.b.idx.entries[i]
		if _, ok := s.broken[e.file]; ok {
			out[e.page()] = true
		}
	}
	return out
}

// setTemplates replaces the templates, after rendering a page of each
// kind with them: templates that fail are reported as a problem and the
// old ones kept. It writes the assets, renders the open pages of the
// kinds changed, and leaves the others to Settle.
func (s *Session) setTemplates(ctx context.Context, t *render.Templates, kinds []render.Kind, open []string) (map[string]string, string, error) {
	b := s.b
	old := b.cfg.Templates
	b.cfg.Templates = t
	if err := s.tryTemplates(); err != nil {
		b.cfg.Templates = old
		return nil, err.Error(), nil
	}
	before := maps.Clone(b.site.Assets)
	if err := b.writeAssets(); err != nil {
		return nil, "", err
	}
	// The trial cached the chrome with the assets' old names.
	t.ForgetCached()
	renamed := map[string]string{}
	for name, p := range before {
		if now := b.site.Assets[name]; now != p {
			renamed[p] = now
			s.stale[p] = true
		}
	}
	if kinds == nil || len(renamed) > 0 {
		// Every page names the stylesheet, script and icon.
		kinds = render.Kinds
	}
	for _, k := range kinds {
		s.pending[k] = true
	}
	if len(open) == 0 {
		return renamed, "", nil
	}
	want := map[string]bool{}
	skip := s.brokenPages()
	for _, p := range open {
		if s.pending[kindOf(p)] && !skip[p] {
			want[p] = true
		}
	}
	saved := b.sitemap
	defer func() { b.sitemap = saved }()
	b.sitemap = nil
	err := b.run(ctx, func(emit emit) {
		b.schedule(func(name string, j job) bool {
			if want[name] {
				return emit(name, j)
			}
			return true
		})
	})
	return renamed, "", err
}

// tryTemplates renders a page of each kind with the current templates,
// writing nothing, and returns the first error.
func (s *Session) tryTemplates() error {
	b := s.b
	w := b.w
	b.w = publish.WriterFunc(func(string, []byte) error { return nil })
	defer func() { b.w = w }()
	wk := &worker{b: b}
	idx := b.idx
	tries := []func() error{wk.home, wk.notFound, wk.years, func() error { return wk.terms(idx.tags) }}
	if b.site.Search {
		tries = append(tries, wk.searchPage)
	}
	skip := s.brokenPages()
	for _, ei := range idx.order {
		if !skip[idx.entries[ei].page()] {
			tries = append(tries, func() error { return wk.cable(ei) })
			break
		}
	}
	if len(idx.months) > 0 {
		ml := &idx.months[0]
		tries = append(tries, func() error { return wk.month(ml, 1, 1) })
	}
	for _, t := range []*taxo{idx.tags, idx.origin, idx.class} {
		if len(t.sorted) > 0 {
			tm := t.terms[t.sorted[0]]
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

// checkProblems brings the problems of the files an update touched up to
// date: a duplicate id stops being one when the other file goes.
func (s *Session) checkProblems() {
	for f := range s.problems {
		if f == "" {
			continue // the templates'
		}
		if msg := s.problemOf(f); msg != "" {
			s.problems[f] = msg
		} else {
			delete(s.problems, f)
		}
	}
}

// problemOf returns the current problem of content file f, or "".
func (s *Session) problemOf(f string) string {
	if err, ok := s.broken[f]; ok {
		return err.Error() + " (the last version that read is shown)"
	}
	i, ok := s.find(f)
	if !ok {
		return ""
	}
	sc := &s.scans[i]
	if sc.err != nil {
		return sc.err.Error()
	}
	idx := s.b.idx
	if ei, ok := idx.byID[sc.id]; ok && idx.entries[ei].file != f {
		return fmt.Sprintf("%s:%d: duplicate id %q (also in %s): skipped", s.b.name(f), sc.idLine, sc.id, s.b.name(idx.entries[ei].file))
	}
	return ""
}

// find returns the position of content file f in s.files, and whether it
// is there.
func (s *Session) find(f string) (int, bool) {
	return slices.BinarySearchFunc(s.files, f, walkCompare)
}

// walkCompare orders paths as fs.WalkDir visits them: by their elements,
// so that "a/b" comes before "a-c" (a folder's files before a sibling
// whose name continues with a byte below '/').
func walkCompare(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if ca == '/' {
			return -1
		}
		if cb == '/' {
			return 1
		}
		if ca < cb {
			return -1
		}
		return 1
	}
	return len(a) - len(b)
}

// errGone marks a changed file that no longer exists.
var errGone = errors.New("gone")

// expand returns the content files a change of the paths may concern, in
// walk order: the files under each path now, and those known before.
func (s *Session) expand(paths []string) []string {
	set := map[string]bool{}
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if p != cablesDir && !strings.HasPrefix(p, cablesDir+"/") {
			continue
		}
		// Files known under p (p itself included): a folder's files are
		// contiguous in walk order.
		i, _ := s.find(p)
		for ; i < len(s.files) && (s.files[i] == p || strings.HasPrefix(s.files[i], p+"/")); i++ {
			set[s.files[i]] = true
		}
		if !walkable(p) {
			continue
		}
		fi, err := fs.Lstat(s.b.cfg.Content, p)
		if err != nil {
			continue
		}
		if fi.IsDir() {
			_ = fs.WalkDir(s.b.cfg.Content, p, func(q string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				if q != p && hidden(d.Name()) {
					if d.IsDir() {
						return fs.SkipDir
					}
					return nil
				}
				if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
					set[q] = true
				}
				return nil
			})
			continue
		}
		if strings.HasSuffix(p, ".md") {
			set[p] = true
		}
	}
	return slices.SortedFunc(maps.Keys(set), walkCompare)
}

// hidden reports whether the build skips a file or folder of this name.
func hidden(name string) bool { return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") }

// walkable reports whether the build's walk reaches p: no element under
// cables/ is hidden, and no folder on the way is a symbolic link.
func walkable(p string) bool {
	elems := strings.Split(p, "/")
	for _, e := range elems[1:] {
		if hidden(e) {
			return false
		}
	}
	return true
}

// rescan reads content file f again, as pass 1 does: its scan, errGone
// when it is gone.
func (s *Session) rescan(f string, buf []byte) (scanned, []byte) {
	fsys := s.b.cfg.Content
	// The walk does not follow a linked folder: a file under one is
	// gone for the build.
	for dir := path.Dir(f); dir != "."; dir = path.Dir(dir) {
		if fi, err := fs.Lstat(fsys, dir); err != nil || !fi.IsDir() {
			return scanned{err: errGone}, buf
		}
	}
	fi, err := fs.Lstat(fsys, f)
	if err != nil || fi.IsDir() {
		return scanned{err: errGone}, buf
	}
	if !fi.Mode().IsRegular() {
		return scanned{err: fmt.Errorf("%s: not a regular file (a symbolic link?): skipped", s.b.name(f))}, buf
	}
	fm, buf, err := readFrontMatter(fsys, f, buf)
	if errors.Is(err, fs.ErrNotExist) {
		return scanned{err: errGone}, buf
	}
	if err != nil {
		return scanned{err: fmt.Errorf("%s: %w", s.b.name(f), unwrapPath(err))}, buf
	}
	return s.b.decode(f, fm), buf
}
