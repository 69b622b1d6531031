package serve

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/session"
	"github.com/cablesite/cablesite/generator/site"
)

// Config configures Run. Site, ContentDir and LoadTemplates are
// required; every other zero value works.
type Config struct {
	// Site configures the pages; its Content reads ContentDir. Its
	// Templates and Search are set by Run.
	Site site.Config
	// ContentDir is the content folder on disk, watched for changes.
	ContentDir string
	// TemplateDir is the folder of templates overriding the built-in
	// ones, watched for changes; "" when there is none.
	TemplateDir string
	// LoadTemplates loads the templates: at the start, and after each
	// change in TemplateDir.
	LoadTemplates func() (*render.Templates, error)
	// Search gives the site its search index, written again in the
	// background after each change.
	Search bool
	// Minify minifies the pages; nil means publish.NewMinifier().
	Minify *minify.M
	// Out is the folder the site is written to and served from. Its
	// previous content is replaced. "" means a new temporary folder,
	// removed when Run returns.
	Out string
	// Addr is the address to listen on; "" means DefaultAddr. Listener,
	// when set, is used instead.
	Addr     string
	Listener net.Listener
	// Log receives what the server tells its user: the address, each
	// update, every problem ("file:line: message"). Nil discards it.
	Log io.Writer
	// Debounce is how long the server waits for a burst of file events
	// to end before it updates the site; 0 means 50 ms.
	Debounce time.Duration
	// Ready, when set, is called with the site's address ("http://
	// 127.0.0.1:1313/") once it is served, and Settled after each
	// update whose background work is done.
	Ready   func(url string)
	Settled func()
}

// DefaultAddr is where the server listens by default: this machine only.
const DefaultAddr = "127.0.0.1:1313"

// searchDelay is how long the search index waits after an update before
// it is written again: a burst of saves writes it once.
const searchDelay = 300 * time.Millisecond

// Run builds the site, serves it, and keeps it up to date with the
// content and template folders until ctx is done. It returns an error
// only for what stops it: a first build that fails, an address in use.
func Run(ctx context.Context, cfg Config) error {
	if cfg.ContentDir == "" || cfg.Site.Content == nil || cfg.LoadTemplates == nil {
		return errors.New("serve: no content folder or templates")
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = 50 * time.Millisecond
	}
	if cfg.Minify == nil {
		cfg.Minify = publish.NewMinifier()
	}
	cfg.Site.Minify = cfg.Minify
	ln := cfg.Listener
	if ln == nil {
		addr := cfg.Addr
		if addr == "" {
			addr = DefaultAddr
		}
		var err error
		if ln, err = net.Listen("tcp", addr); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	defer ln.Close()

	out := cfg.Out
	if out == "" {
		dir, err := os.MkdirTemp("", "cablesite-serve-")
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		defer os.RemoveAll(dir)
		out = filepath.Join(dir, "site")
	}
	s := &server{cfg: cfg, hub: newHub(), printed: map[string]bool{}}
	s.pages = publish.Minify(cfg.Minify, &s.out)

	// The watcher starts first, so that a file saved during the first
	// build is not missed.
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	w, err := newWatcher(cfg.ContentDir, cfg.TemplateDir, cfg.Debounce, func(err error) { fmt.Fprintf(cfg.Log, "watching: %v\n", err) })
	if err != nil {
		return fmt.Errorf("serve: watching %s: %w", cfg.ContentDir, err)
	}
	go w.run(wctx)

	if err := s.build(ctx, out); err != nil {
		return err
	}
	defer s.folder.root.Close()

	tcp, _ := ln.Addr().(*net.TCPAddr)
	h := &handler{root: s.folder.root, hub: s.hub, loopback: tcp != nil && tcp.IP.IsLoopback(), started: time.Now()}
	hctx, stopHandlers := context.WithCancel(context.Background())
	defer stopHandlers()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// Event streams end with the server, not with Shutdown's wait.
		BaseContext: func(net.Listener) context.Context { return hctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	if tcp != nil && !tcp.IP.IsLoopback() {
		fmt.Fprintf(cfg.Log, "warning: serving %s to the network (%s), not only to this machine\n", out, ln.Addr())
	}
	fmt.Fprintf(cfg.Log, "serving %s at %s (Ctrl-C to stop)\n", out, url)
	if cfg.Ready != nil {
		cfg.Ready(url)
	}

	err = s.loop(ctx, w, served)
	stopHandlers()
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return err
}

// server is one Run.
type server struct {
	cfg    Config
	folder *folder        // the output folder, once built
	out    output         // the first build's staging folder, then folder
	pages  publish.Writer // minifying, into out
	sess   *session.Session
	hub    *hub

	tmplSums map[string][32]byte // the override files, by name
	tmplErr  string              // the templates' last load error
	failed   string              // the error of the last update or background work
	printed  map[string]bool     // problems printed to the log
	mu       sync.Mutex
	changed  []string // files written or removed since the last drain
}

func (s *server) note(name string) {
	s.mu.Lock()
	s.changed = append(s.changed, name)
	s.mu.Unlock()
}

func (s *server) drain() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.changed
	s.changed = nil
	return out
}

// build builds the site from scratch as Build does: into a staging
// folder beside out, swapped in when complete. The session writes its
// updates into out itself afterwards.
func (s *server) build(ctx context.Context, out string) error {
	cfg := s.cfg
	start := time.Now()
	s.tmplSums = s.templateSums()
	tmpl, err := cfg.LoadTemplates()
	if err != nil {
		return err
	}
	stage, err := publish.Stage(out)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s.out.set(stage)
	scfg := cfg.Site
	scfg.Templates = tmpl
	if cfg.Search {
		scfg.Search = search.NewBuilder(search.Config{Workers: scfg.Workers})
		scfg.SearchWriter = &s.out
	}
	scfg.Warn = func(msg string) { fmt.Fprintln(cfg.Log, msg) }
	sess, sum, err := session.NewSession(ctx, scfg, s.pages, lateFolder{s})
	if err == nil {
		err = stage.Commit()
	}
	for _, msg := range stage.Warnings() {
		fmt.Fprintln(cfg.Log, msg)
	}
	if err != nil {
		_ = stage.Abort()
		return fmt.Errorf("serve: %w", err)
	}
	if s.folder, err = openFolder(out); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s.folder.changed = s.note
	s.out.set(s.folder)
	s.sess = sess
	fmt.Fprintf(cfg.Log, "built in %v: %s\n", time.Since(start).Round(time.Millisecond), sum)
	return nil
}

// lateFolder is the output folder as the session sees it: opened only
// once the session's first build is swapped in.
type lateFolder struct{ s *server }

func (l lateFolder) Remove(name string) error { return l.s.folder.Remove(name) }
func (l lateFolder) Files() ([]string, error) { return l.s.folder.Files() }

// output passes files to the writer set last: the staging folder of the
// first build, then the output folder.
type output struct {
	w atomic.Pointer[publish.Writer]
}

func (o *output) set(w publish.Writer) { o.w.Store(&w) }

func (o *output) WriteFile(name string, data []byte) error {
	return (*o.w.Load()).WriteFile(name, data)
}

// CopyFile implements publish.Copier.
func (o *output) CopyFile(name string, r io.Reader) error {
	return publish.Copy(*o.w.Load(), name, r)
}

// loop updates the site after each batch of changes, and runs the work
// each update leaves for later in the background, cancelled by the next.
// Background work that fails is tried again after 1 s, 2 s, 4 s ... 32 s,
// then at the next change; a panic (a bug) waits for the next change.
func (s *server) loop(ctx context.Context, w *watcher, served <-chan error) error {
	var stopBG context.CancelFunc
	var bgDone chan error
	stop := func() {
		if stopBG != nil {
			stopBG()
			<-bgDone
			stopBG, bgDone = nil, nil
		}
	}
	defer stop()
	startBG := func() {
		if !s.sess.Pending() && !(s.cfg.Search && s.sess.SearchStale()) {
			s.settled()
			return
		}
		bctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- s.background(bctx) }()
		stopBG, bgDone = cancel, done
	}
	var retry <-chan time.Time
	backoff := time.Second
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case b := <-w.batches:
			stop()
			retry, backoff = nil, time.Second
			s.hub.reload(s.hub.generation(), s.drain(), true)
			s.update(ctx, b)
			startBG()
		case err := <-bgDone:
			stopBG, bgDone = nil, nil
			s.hub.reload(s.hub.generation(), s.drain(), true)
			if err != nil && !errors.Is(err, context.Canceled) {
				s.failed = err.Error()
				s.showProblems(s.hub.generation())
				s.logPanic(err)
				if pe := (*site.PanicError)(nil); !errors.As(err, &pe) && backoff <= maxBackoff {
					retry = time.After(backoff)
					backoff *= 2
				}
				continue
			}
			if s.failed != "" {
				s.failed = ""
				fmt.Fprintln(s.cfg.Log, "the site is up to date again")
			}
			s.showProblems(s.hub.generation())
			s.settled()
		case <-retry:
			retry = nil
			startBG()
		case <-tick.C:
			if bgDone != nil {
				s.hub.reload(s.hub.generation(), s.drain(), true)
			}
		}
	}
}

// maxBackoff bounds the wait before background work that failed is tried
// again: past it, the next change tries.
const maxBackoff = time.Minute

func (s *server) settled() {
	s.hub.send("settled", map[string]any{"gen": s.hub.generation()})
	if s.cfg.Settled != nil {
		s.cfg.Settled()
	}
}

// logPanic writes the stack of a panic the session recovered to the log,
// for a bug report.
func (s *server) logPanic(err error) {
	var pe *site.PanicError
	if errors.As(err, &pe) {
		fmt.Fprintf(s.cfg.Log, "%s\n(this is a bug of cablesite: please report it with the lines above)\n", pe.Stack)
	}
}

// background renders the pages an update left pending, then writes the
// search index again. A panic of its own is an error: it runs on its
// own goroutine, where a panic would end the server.
func (s *server) background(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("serve: internal error: %v", r)
		}
	}()
	if err := s.sess.Settle(ctx); err != nil {
		return err
	}
	if !s.cfg.Search || !s.sess.SearchStale() {
		return nil
	}
	select {
	case <-time.After(searchDelay):
	case <-ctx.Done():
		return ctx.Err()
	}
	start := time.Now()
	done, err := s.sess.WriteSearch(ctx, search.Config{Workers: s.cfg.Site.Workers}, s.pages, &s.out)
	if done {
		fmt.Fprintf(s.cfg.Log, "search index written again in %v\n", time.Since(start).Round(time.Millisecond))
	}
	return err
}

// update applies one batch of changes and tells the pages. A panic of
// its own is logged: the server goes on.
func (s *server) update(ctx context.Context, b batch) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.cfg.Log, "serve: internal error: %v\n%s", r, debug.Stack())
		}
	}()
	start := time.Now()
	gen := s.hub.next()
	ch := session.Change{Paths: b.content}
	cssOnly := false
	if len(b.templates) > 0 {
		if names := s.templateChanges(); len(names) > 0 {
			tmpl, err := s.cfg.LoadTemplates()
			if err != nil {
				s.tmplErr = err.Error()
			} else {
				s.tmplErr = ""
				ch.Templates = tmpl
				ch.Kinds = kindsOf(names)
				cssOnly = !slices.ContainsFunc(names, func(n string) bool { return path.Ext(n) != ".css" })
				if !cssOnly {
					ch.Open = s.hub.open()
				}
			}
		}
	}
	rep, err := s.sess.Update(ctx, ch)
	changed := s.drain()
	if len(rep.Renamed) > 0 && cssOnly {
		swap := map[string]string{}
		for from, to := range rep.Renamed {
			if path.Ext(from) == ".css" {
				swap[from] = to
			}
		}
		s.hub.send("css", map[string]any{"gen": gen, "swap": swap})
	}
	s.hub.reload(gen, changed, false)
	s.failed = ""
	if err != nil && !errors.Is(err, context.Canceled) {
		// Shown until the background finishes the update.
		s.failed = err.Error() + " (the update is finished in the background)"
	}
	s.logUpdate(b, changed, time.Since(start))
	s.showProblems(gen)
	s.logPanic(err)
}

// showProblems tells the pages and the log the current problems: the
// content's, the templates', and the last failure.
func (s *server) showProblems(gen int) {
	problems := s.sess.Problems()
	if s.tmplErr != "" {
		problems = append(problems, s.tmplErr)
	}
	if s.failed != "" {
		problems = append(problems, s.failed)
	}
	// The log first: whoever sees the event finds the problem logged.
	now := map[string]bool{}
	for _, p := range problems {
		now[p] = true
		if !s.printed[p] {
			fmt.Fprintln(s.cfg.Log, p)
		}
	}
	if len(now) == 0 && len(s.printed) > 0 {
		fmt.Fprintln(s.cfg.Log, "no problem left")
	}
	s.printed = now
	s.hub.setProblems(gen, problems)
}

func (s *server) logUpdate(b batch, changed []string, took time.Duration) {
	what := append(slices.Clone(b.content), b.templates...)
	if len(what) > 3 {
		what = append(what[:3], fmt.Sprintf("and %d more", len(what)-3))
	}
	fmt.Fprintf(s.cfg.Log, "%s: %d files changed in %v\n", strings.Join(what, ", "), len(changed), took.Round(time.Millisecond))
}

// templateSums returns the hash of each file of the templates folder.
func (s *server) templateSums() map[string][32]byte {
	sums := map[string][32]byte{}
	if s.cfg.TemplateDir == "" {
		return sums
	}
	entries, err := os.ReadDir(s.cfg.TemplateDir)
	if err != nil {
		return sums
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.cfg.TemplateDir, e.Name()))
		if err != nil {
			continue
		}
		sums[e.Name()] = sha256.Sum256(data)
	}
	return sums
}

// templateChanges returns the names of the templates folder's files that
// changed since the last call: an editor's swap file saved next to a
// template changes nothing.
func (s *server) templateChanges() []string {
	now := s.templateSums()
	var names []string
	for name, sum := range now {
		if old, ok := s.tmplSums[name]; !ok || old != sum {
			names = append(names, name)
		}
	}
	for name := range s.tmplSums {
		if _, ok := now[name]; !ok {
			names = append(names, name)
		}
	}
	s.tmplSums = now
	slices.Sort(names)
	return names
}

// kindsOf returns the page kinds whose template changed with the files
// names: nil for every kind (the layout, a partial), none for other files
// (an asset: the session renders every page again if its name changed).
func kindsOf(names []string) []render.Kind {
	kinds := []render.Kind{}
	for _, n := range names {
		if path.Ext(n) != ".html" {
			continue
		}
		i := slices.IndexFunc(render.Kinds, func(k render.Kind) bool { return k.File() == n })
		if i < 0 {
			return nil
		}
		if !slices.Contains(kinds, render.Kinds[i]) {
			kinds = append(kinds, render.Kinds[i])
		}
	}
	return kinds
}
