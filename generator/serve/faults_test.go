package serve_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// faultyFS is a content folder whose reads panic on a file holding a
// marker: PANIC-ON-OPEN when it is opened, PANIC-ON-LSTAT when its
// information is asked for (which the update does before reading it).
// And an open fails when fail, if set, says so.
type faultyFS struct {
	dir string
	fs.FS
	fail func(name string) bool
}

func (p faultyFS) check(op, name string) {
	if path.Ext(name) != ".md" {
		return
	}
	data, _ := os.ReadFile(filepath.Join(p.dir, filepath.FromSlash(name)))
	if strings.Contains(string(data), "PANIC-ON-"+op) {
		panic("test: a panic on " + op + " " + name)
	}
}

func (p faultyFS) Open(name string) (fs.File, error) {
	p.check("OPEN", name)
	if p.fail != nil && p.fail(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EIO}
	}
	return p.FS.Open(name)
}

func (p faultyFS) ReadLink(name string) (string, error) { return fs.ReadLink(p.FS, name) }

func (p faultyFS) Lstat(name string) (fs.FileInfo, error) {
	p.check("LSTAT", name)
	return fs.Lstat(p.FS, name)
}

// TestServeSurvivesPanics saves files that make the code of an update
// panic: the server reports the problem, keeps serving, and brings the
// site back once the files are fixed; stopped, it removes its temporary
// folder. A cable dated before 1900 is one such file while the search
// index cannot hold its date (issue 13).
func TestServeSurvivesPanics(t *testing.T) {
	content := testContent(t)
	ts := startFS(t, content, faultyFS{content, os.DirFS(content), nil}, "", "", "index.html")
	m := regexp.MustCompile(`serving (\S+) at `).FindStringSubmatch(ts.log.String())
	if m == nil {
		t.Fatalf("no folder in the log:\n%s", ts.log)
	}
	tmp := filepath.Dir(m[1])
	file := filepath.Join(content, "cables/2007/09/07BELGRADE1.md")
	good := cableMD("07BELGRADE1", "2007-09-01T10:00:00Z", "FIRST SUBJECT", "PGOV")
	alive := func(step string) {
		t.Helper()
		if code, body := ts.get(t, "cable/2007/09/07BELGRADE2.html"); code != 200 || !strings.Contains(body, "SECOND SUBJECT") {
			t.Fatalf("%s: the server does not serve the site: %d", step, code)
		}
	}
	// problem waits for the pages to be told of a problem holding want.
	problem := func(step, want string) {
		t.Helper()
		for {
			ev := ts.next(t, "error")
			problems, _ := ev.data["problems"].([]any)
			for _, p := range problems {
				if strings.Contains(p.(string), want) {
					return
				}
			}
		}
	}

	t.Run("dated 1899", func(t *testing.T) {
		writeFile(t, file, cableMD("07BELGRADE1", "1899-12-31T10:00:00Z", "FIRST SUBJECT", "PGOV"))
		ev := ts.next(t, "reload")
		for ; !contains(paths(ev), "cable/1899/12/07BELGRADE1.html"); ev = ts.next(t, "reload") {
		}
		// The background work, the search index with it, ends or fails.
		ts.untilAny(t, ev.data["gen"].(float64), "settled", "error")
		alive("dated 1899")
		writeFile(t, file, good)
		for ev := ts.next(t, "reload"); !contains(paths(ev), "cable/2007/09/07BELGRADE1.html"); ev = ts.next(t, "reload") {
		}
		ts.next(t, "settled")
		alive("dated 1899, fixed")
	})
	for _, c := range []struct{ name, marker, want string }{
		// Reading the front matter: the file's problem.
		{"reading a file", "PANIC-ON-OPEN", "07BELGRADE1.md: internal error: test: a panic on OPEN"},
		// Before reading it: the update's error, and every file read again.
		{"updating", "PANIC-ON-LSTAT", "updating the site: internal error: test: a panic on LSTAT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			writeFile(t, file, good+c.marker+"\n")
			problem(c.name, c.want)
			alive(c.name)
			writeFile(t, file, good)
			ts.next(t, "ok")
			ts.next(t, "settled")
			alive(c.name + ", fixed")
		})
	}
	if strings.Contains(ts.log.String(), "PANIC-ON") {
		t.Errorf("the log holds a file's text:\n%s", ts.log)
	}
	if err := ts.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}

	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("the temporary folder %s is left: %v", tmp, err)
	}
}

// TestServeRetries fails the reads of a cable's file while its update
// renders its page, and once more while the background work finishes
// the update: the server says so, tries again a second later, and the
// page is served as saved.
func TestServeRetries(t *testing.T) {
	content := testContent(t)
	const name = "cables/2007/09/07BELGRADE1.md"
	var armed atomic.Bool
	var opens atomic.Int32
	fail := func(n string) bool {
		if n != name || !armed.Load() {
			return false
		}
		// The update reads the front matter (the first open), then renders
		// the page: that open, and the background's, fail.
		i := opens.Add(1)
		return i == 2 || i == 3
	}
	ts := startFS(t, content, faultyFS{content, os.DirFS(content), fail}, "", "", "index.html")
	armed.Store(true)
	writeFile(t, filepath.Join(content, name), cableMD("07BELGRADE1", "2007-09-01T10:00:00Z", "SAVED WHILE THE DISK FAILS", "PGOV"))
	ev := ts.next(t, "error")
	problems, _ := ev.data["problems"].([]any)
	if len(problems) != 1 || !strings.Contains(problems[0].(string), "input/output error") {
		t.Errorf("error %v: want the failed read", ev.data)
	}
	ts.next(t, "ok")
	ts.next(t, "settled")
	if _, body := ts.get(t, "cable/2007/09/07BELGRADE1.html"); !strings.Contains(body, "SAVED WHILE THE DISK FAILS") {
		t.Error("the page is not served as saved")
	}
	if log := ts.log.String(); !strings.Contains(log, "the site is up to date again") {
		t.Errorf("the log does not say the site is up to date again:\n%s", log)
	}
}
