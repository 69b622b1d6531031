package session_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/session"
	"github.com/cablesite/cablesite/generator/site"
)

var serveSeeds = flag.Int("serve.seeds", 60, "how many random seeds TestSessionRapidBatches runs (10 under -short)")

// flagSet reports whether the flag name was given.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// liveFS is a content folder that changes while the session reads it, as
// a folder an editor saves into does: a race armed on a file changes it
// (or removes it) just before a given read of it, and the watcher's next
// batch reports the file.
type liveFS struct {
	mu    sync.Mutex
	files map[string][]byte
	races map[string]*race
	// fired are the files races changed since the last drain: what the
	// watcher reports next.
	fired []string
	// panicOn, when set, panics on an access to a file: "open" or
	// "lstat" and its name.
	panicOn func(op, name string) bool
}

type race struct {
	reads  int                      // reads of the file to let pass first
	change func(data []byte) []byte // the file's new content; nil removes it
}

func newLiveFS(cables map[string]cableMD) *liveFS {
	l := &liveFS{files: map[string][]byte{}, races: map[string]*race{}}
	for f, c := range cables {
		l.files[f] = []byte(c.String())
	}
	return l
}

// snapshot returns the folder as it is now.
func (l *liveFS) snapshot() fstest.MapFS {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.snapshotLocked()
}

func (l *liveFS) snapshotLocked() fstest.MapFS {
	m := fstest.MapFS{}
	for f, data := range l.files {
		m[f] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Open opens a file, after running the race armed on it when its turn
// has come.
func (l *liveFS) Open(name string) (fs.File, error) {
	l.check("open", name)
	l.mu.Lock()
	if r := l.races[name]; r != nil {
		if r.reads > 0 {
			r.reads--
		} else {
			l.fire(name, r)
		}
	}
	m := l.snapshotLocked()
	l.mu.Unlock()
	return m.Open(name)
}

func (l *liveFS) fire(name string, r *race) {
	delete(l.races, name)
	if r.change == nil {
		delete(l.files, name)
	} else {
		l.files[name] = r.change(l.files[name])
	}
	l.fired = append(l.fired, name)
}

// Stat, ReadDir and ReadLink read without counting: only reads of a
// file's content meet its race.
func (l *liveFS) Stat(name string) (fs.FileInfo, error)      { return l.snapshot().Stat(name) }
func (l *liveFS) ReadDir(name string) ([]fs.DirEntry, error) { return l.snapshot().ReadDir(name) }
func (l *liveFS) ReadLink(name string) (string, error)       { return l.snapshot().ReadLink(name) }

func (l *liveFS) Lstat(name string) (fs.FileInfo, error) {
	l.check("lstat", name)
	return l.snapshot().Lstat(name)
}

func (l *liveFS) put(name string, data string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files[name] = []byte(data)
}

func (l *liveFS) remove(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.files, name)
}

func (l *liveFS) arm(name string, r *race) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.races[name] = r
}

func (l *liveFS) armed(name string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.races[name] != nil
}

// drain returns the files races changed since the last drain.
func (l *liveFS) drain() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.fired
	l.fired = nil
	return f
}

func (l *liveFS) check(op, name string) {
	l.mu.Lock()
	p := l.panicOn
	l.mu.Unlock()
	if p != nil && p(op, name) {
		panic("test: a panic on " + op + " " + name)
	}
}

func (l *liveFS) setPanic(p func(op, name string) bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.panicOn = p
}

// quiet lets every race left happen now, as the editor's writes end.
func (l *liveFS) quiet() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, name := range slices.Sorted(maps.Keys(l.races)) {
		l.fire(name, l.races[name])
	}
}

// TestSessionRapidBatches saves rapid batches of changes into a content
// folder that changes while the session reads it (a file removed or
// written again between the read of its front matter and the rendering
// of its page, a file read half-written and finished in the next batch),
// with the background work run, cancelled part-way or skipped between
// batches. Once the files settle, the site must be the full build's, byte
// for byte: no page of a removed cable, no page left at a moved cable's
// old place. Each seed is a subtest: -run 'TestSessionRapidBatches/seed=7$'
// replays one, -serve.seeds N runs more.
func TestSessionRapidBatches(t *testing.T) {
	seeds := *serveSeeds
	if testing.Short() && os.Getenv("CI") != "true" && !flagSet("serve.seeds") {
		seeds = 10
	}
	for seed := 1; seed <= seeds; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { rapidBatches(t, uint64(seed)) })
	}
}

func rapidBatches(t *testing.T, seed uint64) {
	rnd := rand.New(rand.NewPCG(seed, 0xcab1e))
	cables := testCables(20 + rnd.IntN(20)) // the files as they will be once settled
	live := newLiveFS(cables)
	s, out := newSession(t, live, loadTemplates(t))
	var log []string
	logf := func(format string, args ...any) { log = append(log, fmt.Sprintf(format, args...)) }
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d: %s\n(replay: go test ./generator/site -run 'TestSessionRapidBatches/seed=%d$')\nwhat happened:\n%s",
			seed, fmt.Sprintf(format, args...), seed, strings.Join(log, "\n"))
	}

	origins := []string{"Embassy Belgrade", "Embassy Madrid", "Secretary of State", "Embassy Paris", "Embassy Rome"}
	tags := []string{"PGOV", "PREL", "KV", "SR", "SP", "FR", "ECON", "ZZNEW"}
	randomDate := func() string {
		return time.Date(2006+rnd.IntN(3), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), rnd.IntN(24), 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	// edit returns c changed in one random way.
	edit := func(c cableMD) (cableMD, string) {
		switch rnd.IntN(7) {
		case 0, 1:
			c.date = randomDate()
			return c, "date " + c.date
		case 2:
			c.subject = fmt.Sprintf("SUBJECT %d", rnd.IntN(1e6))
			return c, "subject"
		case 3:
			c.body = fmt.Sprintf("¶1. (C) A TEXT EDITED %d.", rnd.IntN(1e6))
			return c, "body"
		case 4:
			c.tags = []string{tags[rnd.IntN(len(tags))], tags[rnd.IntN(len(tags))]}
			if c.tags[0] == c.tags[1] {
				c.tags = c.tags[:1]
			}
			return c, "tags"
		case 5:
			c.origin = origins[rnd.IntN(len(origins))]
			return c, "origin " + c.origin
		default:
			var ids []string
			for _, f := range slices.Sorted(maps.Keys(cables)) {
				ids = append(ids, cables[f].id)
			}
			c.refs = []string{ids[rnd.IntN(len(ids))], "07NOTHERE1"}
			return c, "references"
		}
	}
	added := 0
	finish := map[string]string{} // files written half, and their whole content
	ctx := context.Background()

	for batch := range 5 + rnd.IntN(6) {
		paths := live.drain() // what the watcher reports
		// The writes left half-done end.
		for _, f := range slices.Sorted(maps.Keys(finish)) {
			live.put(f, finish[f])
			paths = append(paths, f)
		}
		clear(finish)
		busy := map[string]bool{}
		pick := func() (string, bool) {
			files := slices.DeleteFunc(slices.Sorted(maps.Keys(cables)), func(f string) bool { return busy[f] || live.armed(f) })
			if len(files) == 0 {
				return "", false
			}
			f := files[rnd.IntN(len(files))]
			busy[f] = true
			return f, true
		}
		for range 1 + rnd.IntN(8) {
			op := rnd.IntN(10)
			if op == 0 || len(cables) < 10 {
				added++
				c := cableMD{id: fmt.Sprintf("08ADDED%d", added), date: randomDate(), subject: fmt.Sprintf("ADDED %d", added),
					origin: origins[rnd.IntN(len(origins))], class: "SECRET", tags: []string{tags[rnd.IntN(len(tags))]}}
				if rnd.IntN(4) == 0 {
					c.date = ""
				}
				c, _ = edit(c)
				f := fileOf(c)
				if busy[f] || live.armed(f) {
					continue
				}
				busy[f] = true
				cables[f] = c
				live.put(f, c.String())
				paths = append(paths, f)
				logf("batch %d: add %s", batch, f)
				continue
			}
			f, ok := pick()
			if !ok {
				break
			}
			c, what := edit(cables[f])
			switch op {
			case 1:
				delete(cables, f)
				live.remove(f)
				paths = append(paths, f)
				logf("batch %d: delete %s", batch, f)
			case 2:
				// Saved with a new date and moved to its month's folder.
				c.date = randomDate()
				g := fileOf(c)
				if busy[g] || live.armed(g) || cables[g].id != "" {
					continue
				}
				busy[g] = true
				delete(cables, f)
				live.remove(f)
				cables[g] = c
				live.put(g, c.String())
				paths = append(paths, f, g)
				logf("batch %d: move %s to %s", batch, f, g)
			case 3:
				// Written in two steps, read in between.
				cables[f] = c
				whole := c.String()
				live.put(f, whole[:rnd.IntN(len(whole))])
				finish[f] = whole
				paths = append(paths, f)
				logf("batch %d: %s of %s written half", batch, what, f)
			case 4:
				// Saved, then removed after its front matter is read, before
				// its page is rendered.
				live.put(f, c.String())
				delete(cables, f)
				live.arm(f, &race{reads: 1})
				paths = append(paths, f)
				logf("batch %d: %s of %s, removed once read", batch, what, f)
			case 5:
				// Saved, then removed between the watcher's event and the read.
				live.put(f, c.String())
				delete(cables, f)
				live.arm(f, &race{})
				paths = append(paths, f)
				logf("batch %d: %s of %s, removed before read", batch, what, f)
			case 6:
				// Saved, then saved again once its front matter is read.
				live.put(f, c.String())
				c2, what2 := edit(c)
				cables[f] = c2
				live.arm(f, &race{reads: 1, change: func([]byte) []byte { return []byte(c2.String()) }})
				paths = append(paths, f)
				logf("batch %d: %s of %s, then %s once read", batch, what, f, what2)
			case 7:
				// Saved, then truncated by the editor's next save once read,
				// that save ending in the next batch.
				live.put(f, c.String())
				c2, what2 := edit(c)
				cables[f] = c2
				live.arm(f, &race{reads: 1, change: func([]byte) []byte { finish[f] = c2.String(); return nil }})
				paths = append(paths, f)
				logf("batch %d: %s of %s, then truncated for %s once read", batch, what, f, what2)
			case 8:
				// The same id in another file, later in the walk.
				g := "cables/2009/01/" + c.id + ".md"
				if busy[g] || live.armed(g) || cables[g].id != "" {
					continue
				}
				busy[g] = true
				cables[g] = c
				live.put(g, c.String())
				paths = append(paths, g)
				logf("batch %d: %s copied to %s", batch, f, g)
			default:
				cables[f] = c
				live.put(f, c.String())
				paths = append(paths, f)
				logf("batch %d: %s of %s", batch, what, f)
			}
		}
		rep, err := s.Update(ctx, session.Change{Paths: paths})
		logf("batch %d: update of %d paths: error %v, problems %q", batch, len(paths), err, rep.Problems)
		switch rnd.IntN(3) {
		case 0:
			// The background work runs to its end.
			err := s.Settle(ctx)
			if err == nil && s.SearchStale() {
				_, err = s.WriteSearch(ctx, search.Config{Workers: 2}, out, out)
			}
			logf("batch %d: settled: %v", batch, err)
		case 1:
			// The background work is cancelled part-way by the next save.
			cctx, cancel := context.WithCancel(ctx)
			stop := out.writes + 1 + rnd.IntN(40)
			out.onWrite = func(n int) {
				if n >= stop {
					cancel()
				}
			}
			err := s.Settle(cctx)
			if err == nil && s.SearchStale() {
				_, err = s.WriteSearch(cctx, search.Config{Workers: 2}, out, out)
			}
			out.onWrite = nil
			cancel()
			logf("batch %d: settle cancelled: %v", batch, err)
		}
	}

	// The files settle: the editor's writes end, the watcher reports them.
	live.quiet()
	paths := live.drain()
	for _, f := range slices.Sorted(maps.Keys(finish)) {
		live.put(f, finish[f])
		paths = append(paths, f)
	}
	rep, err := s.Update(ctx, session.Change{Paths: paths})
	logf("last update of %d paths: error %v, problems %q", len(paths), err, rep.Problems)
	if err != nil {
		fail("the update once the files settled: %v", err)
	}
	for i := 0; s.Pending() || s.SearchStale(); i++ {
		if i == 3 {
			fail("pages or the search index still pending after 3 settles")
		}
		if err := s.Settle(ctx); err != nil {
			fail("settle once the files settled: %v", err)
		}
		if s.SearchStale() {
			if _, err := s.WriteSearch(ctx, search.Config{Workers: 2}, out, out); err != nil {
				fail("search once the files settled: %v", err)
			}
		}
	}
	content := live.snapshot()
	for f, c := range cables {
		if string(content[f].Data) != c.String() {
			fail("test: %s is not as written", f)
		}
	}
	if len(content) != len(cables) {
		fail("test: %d files, want %d", len(content), len(cables))
	}
	if diffs := siteDiffs(out.files, fullBuild(t, content, nil)); len(diffs) > 0 {
		fail("the site is not the full build's (%d differences):\n%s", len(diffs), strings.Join(diffs[:min(len(diffs), 15)], "\n"))
	}
}

// TestSessionPanics makes the code an update runs panic: on a worker
// rendering a page, on the goroutine updating the index, on a worker
// reading a front matter, and on a worker of the search index. Each panic
// is an error (a PanicError naming where it happened) or a problem of
// the file read, never the end of the program, and once the cause is
// gone Settle brings the site to the full build's.
func TestSessionPanics(t *testing.T) {
	cables := testCables(30)
	live := newLiveFS(cables)
	s, out := newSession(t, live, loadTemplates(t))
	ctx := context.Background()
	f := "cables/2007/02/07TEST101.md"
	save := func(edit func(c *cableMD)) {
		c := cables[f]
		edit(&c)
		cables[f] = c
		live.put(f, c.String())
	}
	settleAll := func(step string) {
		t.Helper()
		settle(t, s, out)
		if s.Pending() {
			t.Errorf("%s: still pending after Settle", step)
		}
		sameSite(t, step, out.files, fullBuild(t, live.snapshot(), nil))
	}
	wantPanic := func(step string, err error) {
		t.Helper()
		var pe *site.PanicError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "test: a panic on") || !strings.Contains(pe.Where, "race_test.go") || len(pe.Stack) == 0 {
			t.Errorf("%s: error %v: want a PanicError from the test's panic, with where and a stack", step, err)
		}
	}

	// A page's rendering (its file opened the second time: after the
	// update has read its front matter).
	save(func(c *cableMD) { c.subject = "PANIC WHILE RENDERED" })
	opens := 0
	live.setPanic(func(op, name string) bool {
		if op == "open" && name == f {
			opens++
			return opens == 2
		}
		return false
	})
	_, err := s.Update(ctx, session.Change{Paths: []string{f}})
	wantPanic("rendering", err)
	live.setPanic(nil)
	settleAll("after a panic rendering a page")

	// The index's update, on the caller's goroutine: the session reads
	// every file again.
	save(func(c *cableMD) { c.date = "2007-05-03T10:00:00Z" })
	live.setPanic(func(op, name string) bool { return op == "lstat" && name == f })
	_, err = s.Update(ctx, session.Change{Paths: []string{f}})
	wantPanic("updating", err)
	if !s.Pending() {
		t.Error("nothing pending after a panic updating the index")
	}
	live.setPanic(nil)
	settleAll("after a panic updating the index")

	// A front matter's reading: the file's problem; the last version
	// that read stays.
	save(func(c *cableMD) { c.subject = "PANIC WHILE READ" })
	live.setPanic(func(op, name string) bool { return op == "open" && name == f })
	rep, err := s.Update(ctx, session.Change{Paths: []string{f}})
	if err != nil || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "content/"+f+": internal error: test: a panic on open") {
		t.Errorf("reading: error %v, problems %q: want the file's problem", err, rep.Problems)
	}
	live.setPanic(nil)
	if _, err := s.Update(ctx, session.Change{Paths: []string{f}}); err != nil {
		t.Fatal(err)
	}
	settleAll("after a panic reading a front matter")

	// The search index.
	save(func(c *cableMD) { c.body = "¶1. (C) A NEW TEXT." })
	if _, err := s.Update(ctx, session.Change{Paths: []string{f}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Settle(ctx); err != nil {
		t.Fatal(err)
	}
	live.setPanic(func(op, name string) bool { return op == "open" && name == f })
	done, err := s.WriteSearch(ctx, search.Config{Workers: 2}, out, out)
	wantPanic("search", err)
	if done || !s.SearchStale() {
		t.Error("the search index is said written after a panic")
	}
	live.setPanic(nil)
	settleAll("after a panic writing the search index")
}
