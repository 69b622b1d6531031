package session

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

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/internal/panicerr"
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
// An update that fails part-way (a file removed, or read half-written,
// between the reading of its front matter and the rendering of its page;
// a write that fails) leaves its pages to Settle, which renders them
// again with the files as they are then, and removes every file of the
// folder that the site no longer has. A panic (a bug) is recovered as a
// PanicError; Settle then reads every file again, as a new session
// would. Either way, once the files stop changing, Update and Settle
// bring the folder to what Build writes.
//
// A Session is not safe for concurrent use: Update, Settle and
// WriteSearch are called one at a time.
type Session struct {
	b       *site.Builder
	content fs.FS
	folder  Folder

	// files are the content files under cables/ in the order of a
	// build's walk, scans[i] files[i]'s last good front matter or, for a
	// file that never read well, its problem.
	files []string
	scans []index.Scan
	// broken holds the problem of each file whose last change did not
	// read; its last good scan stays in scans.
	broken map[string]error
	// problems holds the current problem of each file an update touched;
	// edProblems those of the editorial pages, read again by each update.
	problems   map[string]string
	edProblems []string
	// static are the files of the content folder copied into the site
	// (package static).
	static map[string]bool

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

	// What an update that failed left to Settle: the files its plan was
	// to write (rendered again, if the site still has them), a sweep of
	// the folder (it may hold files the plan was to remove), the paths
	// whose change was not read (the update was cancelled first), and,
	// after a panic, every file to read again.
	redo   map[string]bool
	sweep  bool
	retry  []string
	reload bool
}

// A Folder is the folder a Session keeps the site in, as the writer
// given to NewSession writes it.
type Folder interface {
	// Remove deletes a file the site no longer has, and the folders it
	// leaves empty. A file that is not there is not an error.
	Remove(name string) error
	// Files lists the folder's files, slash-separated, as the writer
	// names them. Settle reads it only after an update failed part-way,
	// to remove what the site no longer has.
	Files() ([]string, error)
}

// Change is what changed since the last update.
type Change struct {
	// Paths are the content folder's files and folders that were
	// created, written, renamed or removed, slash-separated
	// ("cables/2007/09/07STATE126086.md"); a folder stands for every
	// file under it. A change outside cables/ reads the editorial pages
	// (package editorial) again.
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

// NewSession builds the site as Build does, writing every file through w
// into folder, and keeps what an update needs. cfg.Search, when set,
// receives the first build's cables for the search index, as with Build;
// later indexes are written by WriteSearch.
func NewSession(ctx context.Context, cfg site.Config, w publish.Writer, folder Folder) (s *Session, sum site.Summary, err error) {
	defer panicerr.Recover(&err, "building the site")
	b, err := site.NewBuilder(cfg, w)
	if err != nil {
		return nil, site.Summary{}, err
	}
	files, scans, err := b.Read(ctx)
	if err != nil {
		return nil, b.Summary(), err
	}
	s = &Session{
		b: b, content: cfg.Content, folder: folder, files: files, scans: scans,
		broken: map[string]error{}, problems: map[string]string{}, pending: map[render.Kind]bool{}, stale: map[string]bool{},
		redo: map[string]bool{},
	}
	// The search index's files are recorded, so that a later index
	// removes those it no longer has.
	searchFiles, sitemaps, err := b.WriteAll(ctx)
	if err != nil {
		return nil, b.Summary(), err
	}
	s.static = map[string]bool{}
	for _, f := range b.Static() {
		s.static[f] = true
	}
	s.searchFiles = map[string]bool{}
	for _, name := range searchFiles {
		s.searchFiles[name] = true
	}
	s.sitemaps = sitemaps
	return s, b.Summary(), nil
}

// Update brings the site up to date with ch. It renders what a reader of
// the changed pages sees at once, and leaves to Settle what only changes
// every page's chrome. A content file that does not read is a problem of
// the Report, not an error; the error is for what stops the update
// (cancellation, a file that changed while its page was rendered, a
// write), after which Settle finishes it (see Session).
func (s *Session) Update(ctx context.Context, ch Change) (Report, error) {
	var rep Report
	err := s.guard("updating the site", func() error {
		var errs []error
		if ch.Templates != nil {
			var problem string
			var err error
			rep.Renamed, problem, err = s.setTemplates(ctx, ch.Templates, ch.Kinds, ch.Open)
			if problem != "" {
				s.problems[""] = problem
			} else {
				delete(s.problems, "")
			}
			if err != nil {
				s.pendAll()
				s.sweep = true
				errs = append(errs, err)
			}
		}
		if paths := slices.Concat(s.retry, ch.Paths); len(paths) > 0 {
			s.retry = nil
			errs = append(errs, s.updateContent(ctx, paths))
			errs = append(errs, s.updateEditorial(ctx, paths))
		}
		s.checkProblems()
		return errors.Join(errs...)
	})
	rep.Problems = s.Problems()
	rep.Pending = s.Pending()
	rep.SearchStale = s.searchStale
	return rep, err
}

// guard runs f, recovering a panic as a PanicError wrapped with what:
// the session's state is then in doubt, and Settle reads every file
// again.
func (s *Session) guard(what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w", what, panicerr.New(r))
			s.reload = true
		}
	}()
	return f()
}

// Problems returns the current problem of each content file an update
// touched, and of the templates' last change (see Report.Problems).
func (s *Session) Problems() []string {
	var out []string
	for _, f := range slices.Sorted(maps.Keys(s.problems)) {
		out = append(out, s.problems[f])
	}
	return append(out, s.edProblems...)
}

// Pending reports whether Settle has work: pages to render again, the
// sitemap to write, an update that failed to finish.
func (s *Session) Pending() bool {
	return len(s.pending) > 0 || s.sitemapStale || len(s.redo) > 0 || s.sweep || len(s.retry) > 0 || s.reload
}

// SearchStale reports whether the search index is older than the pages.
func (s *Session) SearchStale() bool { return s.searchStale }

func (s *Session) pendAll() {
	for _, k := range render.Kinds {
		s.pending[k] = true
	}
}

// Settle renders again every page of the kinds an update left pending,
// finishes an update that failed part-way, writes the sitemap and removes
// the files the change made obsolete. When ctx is cancelled it stops, and
// the work stays pending. The page of a cable whose file does not read
// stays as it was.
func (s *Session) Settle(ctx context.Context) error {
	return s.guard("settling the site", func() error { return s.settle(ctx) })
}

func (s *Session) settle(ctx context.Context) error {
	if s.reload {
		if err := s.readAgain(ctx); err != nil {
			return err
		}
	}
	if len(s.retry) > 0 {
		paths := s.retry
		s.retry = nil
		if err := s.updateContent(ctx, paths); err != nil {
			return err
		}
	}
	if !s.Pending() {
		return nil
	}
	b := s.b
	skip := s.brokenPages()
	// have are the files of the site, for the sweep.
	var have map[string]bool
	if s.sweep {
		have = map[string]bool{}
		// A template change may have failed part-way through them.
		if _, err := b.WriteAssets(); err != nil {
			return err
		}
	}
	pages, err := b.RenderMatching(ctx, func(name string) bool {
		if have != nil {
			have[name] = true
		}
		// The 404 page and the feeds are cheap, and belong to no kind
		// of page.
		// A copied file is copied again only when it changed.
		return !skip[name] && (s.redo[name] || len(s.pending) > 0 && !s.static[name] && (s.pending[s.kindOf(name)] || !layout.IsPage(name)))
	})
	if err == nil {
		err = s.writeSitemap(pages)
	}
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(s.stale)) {
		if slices.Contains(b.Assets(), name) {
			continue // a later change brought it back
		}
		if err := s.folder.Remove(name); err != nil {
			return err
		}
		delete(s.stale, name)
	}
	if have != nil {
		if err := s.sweepFolder(have); err != nil {
			return err
		}
	}
	clear(s.pending)
	clear(s.redo)
	return nil
}

// sweepFolder removes every file of the folder that the site does not
// have: have are its pages and feeds, to which it adds the sitemaps,
// robots.txt, the assets and the search index's files.
func (s *Session) sweepFolder(have map[string]bool) error {
	have[layout.Sitemap], have[layout.Robots] = true, true
	for i := 1; i <= s.sitemaps; i++ {
		have[fmt.Sprintf("sitemap-%d.xml", i)] = true
	}
	for _, name := range s.b.Assets() {
		have[name] = true
	}
	for name := range s.searchFiles {
		have[name] = true
	}
	files, err := s.folder.Files()
	if err != nil {
		return err
	}
	for _, name := range files {
		// A cable's text (search.TextPath) goes with its page.
		if page, ok := strings.CutSuffix(name, ".txt.js"); ok && s.b.Search() && have[page+".html"] {
			continue
		}
		if !have[name] {
			if err := s.folder.Remove(name); err != nil {
				return err
			}
		}
	}
	s.sweep = false
	return nil
}

// readAgain reads every content file again and indexes them anew, as a new
// session would, after a panic left the session's state in doubt: every
// page is rendered again, the folder swept, the search index written
// again. A file that does not read is skipped, as Build does.
func (s *Session) readAgain(ctx context.Context) error {
	b := s.b
	files, problems, err := b.Reader().List(func(string) {})
	if err != nil {
		return err
	}
	var read []string
	for i, f := range files {
		if problems[i] == nil {
			read = append(read, f)
		}
	}
	news := s.rescanAll(ctx, read)
	if err := ctx.Err(); err != nil {
		return err
	}
	scans := make([]index.Scan, len(files))
	for i, j := 0, 0; i < len(files); i++ {
		if problems[i] != nil {
			scans[i].Err = problems[i]
			continue
		}
		scans[i] = news[j]
		j++
	}
	s.files, s.scans = nil, nil
	for i, sc := range scans {
		if sc.Err != index.ErrGone {
			s.files = append(s.files, files[i])
			s.scans = append(s.scans, sc)
		}
	}
	clear(s.broken)
	b.SetIndex(s.reindex())
	s.readEditorial()
	for f := range s.static {
		s.redo[f] = true // as a new session would copy it
	}
	b.Templates().ForgetCached()
	idx := b.Index()
	for i, f := range s.files {
		if sc := &s.scans[i]; sc.Err != nil || idx.Entries[idx.ByID[sc.ID]].File != f {
			s.problems[f] = "" // checkProblems finds it
		}
	}
	s.checkProblems()
	s.pendAll()
	s.sweep, s.sitemapStale, s.searchStale = true, true, true
	s.retry, s.reload = nil, false
	return nil
}

// writeSitemap writes the sitemap of pages, and removes the numbered
// sitemaps it no longer has.
func (s *Session) writeSitemap(pages []string) error {
	n, err := s.b.WriteSitemap(pages)
	if err != nil {
		return err
	}
	for i := n + 1; i <= s.sitemaps; i++ {
		if err := s.folder.Remove(layout.SitemapPart(i)); err != nil {
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
func (s *Session) WriteSearch(ctx context.Context, cfg search.Config, pages, shards publish.Writer) (done bool, err error) {
	// A panic leaves the session as it was: the index stays stale.
	defer panicerr.Recover(&err, "writing the search index")
	return s.writeSearch(ctx, cfg, pages, shards)
}

func (s *Session) writeSearch(ctx context.Context, cfg search.Config, pages, shards publish.Writer) (bool, error) {
	if len(s.broken) > 0 {
		return false, nil
	}
	var mu sync.Mutex
	written := map[string]bool{}
	complete := false
	defer func() {
		if !complete {
			// What was written stays until the next index replaces it.
			maps.Copy(s.searchFiles, written)
		}
	}()
	err := s.b.WriteSearch(ctx, cfg, func(name string, data []byte) error {
		mu.Lock()
		written[name] = true
		mu.Unlock()
		if strings.Count(name, "/") == 1 {
			return pages.WriteFile(name, data)
		}
		return shards.WriteFile(name, data)
	})
	if err != nil {
		return false, err
	}
	for _, name := range slices.Sorted(maps.Keys(s.searchFiles)) {
		if !written[name] {
			if err := s.folder.Remove(name); err != nil {
				return false, err
			}
		}
	}
	s.searchFiles = written
	s.searchStale = false
	complete = true
	return true, nil
}

// brokenPages returns the pages of the cables whose file does not read:
// they cannot be rendered again until fixed.
func (s *Session) brokenPages() map[string]bool {
	out := map[string]bool{}
	if len(s.broken) == 0 {
		return out
	}
	idx := s.b.Index()
	for i := range idx.Entries {
		e := &idx.Entries[i]
		if _, ok := s.broken[e.File]; ok {
			out[e.Page()] = true
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
	skip := s.brokenPages()
	if err := b.SetTemplates(t, skip); err != nil {
		return nil, err.Error(), nil
	}
	renamed, err := b.WriteAssets()
	if err != nil {
		return nil, "", err
	}
	for p := range renamed {
		s.stale[p] = true
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
	for _, p := range open {
		if s.pending[s.kindOf(p)] && !skip[p] {
			want[p] = true
		}
	}
	return renamed, "", s.render(ctx, want)
}

// render renders the files of the site named in want, now.
func (s *Session) render(ctx context.Context, want map[string]bool) error {
	return s.b.Render(ctx, slices.Sorted(maps.Keys(want)))
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
	if sc.Err != nil {
		return sc.Err.Error()
	}
	idx := s.b.Index()
	if ei, ok := idx.ByID[sc.ID]; ok && idx.Entries[ei].File != f {
		return fmt.Sprintf("%s:%d: duplicate id %q (also in %s): skipped", s.b.Name(f), sc.IDLine, sc.ID, s.b.Name(idx.Entries[ei].File))
	}
	return idx.Clashes[f]
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

// expand returns the content files a change of the paths may concern, in
// walk order: the files under each path now, and those known before.
func (s *Session) expand(paths []string) []string {
	set := map[string]bool{}
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if p != index.CablesDir && !strings.HasPrefix(p, index.CablesDir+"/") {
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
		fi, err := fs.Lstat(s.content, p)
		if err != nil {
			continue
		}
		if fi.IsDir() {
			_ = fs.WalkDir(s.content, p, func(q string, d fs.DirEntry, err error) error {
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
