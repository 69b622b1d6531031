package generator

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/templates"
)

var serveSeeds = flag.Int("serve.seeds", 4, "how many random seeds TestServeRapidChanges runs")

// preview is a preview server run for a test.
type preview struct {
	content, templates, out string
	settled                 chan struct{}
	log                     *lockedWriter
}

// startPreview serves content (with the template overrides of tmplDir,
// "" for none) into out until the test ends.
func startPreview(t *testing.T, content, tmplDir, out string) *preview {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &preview{content: content, templates: tmplDir, out: out, settled: make(chan struct{}, 1000), log: &lockedWriter{w: &strings.Builder{}}}
	ready := make(chan struct{}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ServeConfig{
			ContentDir: content, Templates: templates.FS, TemplateDir: tmplDir, Out: out, Listener: ln, Log: p.log,
			Ready: func(string) { ready <- struct{}{} }, Settled: func() { p.settled <- struct{}{} },
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("Serve: %v", err)
	}
	return p
}

// wait waits until the server has settled after a change: a settled
// update, then none for a while.
func (p *preview) wait(t *testing.T, step string) {
	t.Helper()
	if !p.waitFor(30 * time.Second) {
		t.Fatalf("%s: not settled in 30 s; log:\n%s", step, p.log)
	}
}

func (p *preview) waitFor(d time.Duration) bool {
	select {
	case <-p.settled:
	case <-time.After(d):
		return false
	}
	for {
		select {
		case <-p.settled:
		case <-time.After(300 * time.Millisecond):
			return true
		}
	}
}

// diffs builds the content folder and lists what the served folder holds
// that differs from the build: files, and folders (an empty one left).
func (p *preview) diffs(t *testing.T) []string {
	t.Helper()
	ref := filepath.Join(t.TempDir(), "public")
	cfg := buildConfig(p.content, ref)
	if p.templates != "" {
		cfg.TemplateOverride = os.DirFS(p.templates)
	}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	got, want := readTreeFolders(t, p.out), readTreeFolders(t, ref)
	var diffs []string
	for name := range want {
		if g, ok := got[name]; !ok {
			diffs = append(diffs, "missing "+name)
		} else if string(g) != string(want[name]) {
			diffs = append(diffs, "differs "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, "extra "+name)
		}
	}
	slices.Sort(diffs)
	return diffs
}

// compare fails the test when the served folder is not what a build
// writes.
func (p *preview) compare(t *testing.T, step string) {
	t.Helper()
	if diffs := p.diffs(t); len(diffs) > 0 {
		t.Errorf("%s: %d differences with a build: %s\nlog:\n%s", step, len(diffs), strings.Join(diffs[:min(10, len(diffs))], ", "), p.log)
	}
}

// converge waits for the server to settle once the files have, and
// returns the differences left with a build: none, once it has.
func (p *preview) converge(t *testing.T, step string) []string {
	t.Helper()
	p.wait(t, step)
	diffs := p.diffs(t)
	// A change may still be on its way: the watcher's last batch, the
	// background work it starts.
	for i := 0; len(diffs) > 0 && i < 3 && p.waitFor(2*time.Second); i++ {
		diffs = p.diffs(t)
	}
	return diffs
}

// readTreeFolders is readTree with each folder too, as "name/".
func readTreeFolders(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := readTree(t, dir)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)+"/"] = nil
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestServeRapidChanges saves bursts of random changes under a running
// server, as fast as an editor, a script or a version-control checkout
// makes them: edits of subjects and bodies, dates moved to other months,
// files moved between month folders, additions, deletions, files written
// in two steps (read in between), written then deleted at once, truncated
// then written. Once the files settle, the served folder must be what a
// build writes, byte for byte, with no folder left empty. Each seed is a
// subtest: -run 'TestServeRapidChanges/seed=3$' replays one (the timing
// differs from run to run), -serve.seeds N runs more.
func TestServeRapidChanges(t *testing.T) {
	skipShort(t)
	for seed := 1; seed <= *serveSeeds; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { rapidChanges(t, uint64(seed)) })
	}
}

// skipShort skips a test of several seconds under -short, unless CI=true.
func skipShort(t *testing.T) {
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("several seconds of saves under a running server: skipped under -short")
	}
}

func rapidChanges(t *testing.T, seed uint64) {
	rnd := rand.New(rand.NewPCG(seed, 0x5e7e))
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 30)
	p := startPreview(t, content, "", filepath.Join(dir, "served"))
	var log []string
	logf := func(format string, args ...any) { log = append(log, fmt.Sprintf(format, args...)) }

	files := func() []string {
		var out []string
		_ = filepath.WalkDir(filepath.Join(content, "cables"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				out = append(out, p)
			}
			return nil
		})
		return out
	}
	read := func(f string) string {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	write := func(f, data string) {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(f string) {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	nap := func(most int) { time.Sleep(time.Duration(rnd.IntN(most+1)) * time.Millisecond) }
	dateLine := regexp.MustCompile(`(?m)^date: .*$`)
	randomDate := func() time.Time {
		return time.Date(2006+rnd.IntN(4), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), rnd.IntN(24), 0, 0, 0, time.UTC)
	}
	// edit changes a file's subject, body or date.
	edit := func(md string) (string, string) {
		switch rnd.IntN(3) {
		case 0:
			s := fmt.Sprintf("SUBJECT %d", rnd.IntN(1e6))
			md = regexp.MustCompile(`(?m)^(title|subject): .*$`).ReplaceAllString(md, `$1: "`+s+`"`)
			return md, "subject"
		case 1:
			return strings.Replace(md, "THE TEXT OF", fmt.Sprintf("THE EDITED (%d) TEXT OF", rnd.IntN(1e6)), 1), "body"
		default:
			d := randomDate()
			return dateLine.ReplaceAllString(md, "date: "+d.Format(time.RFC3339)), "date " + d.Format("2006-01")
		}
	}
	rel := func(f string) string { r, _ := filepath.Rel(content, f); return filepath.ToSlash(r) }
	added := 0

	for burst := range 3 + rnd.IntN(3) {
		for range 3 + rnd.IntN(8) {
			all := files()
			f := all[rnd.IntN(len(all))]
			switch op := rnd.IntN(10); op {
			case 0:
				md, what := edit(read(f))
				write(f, md)
				logf("burst %d: %s of %s", burst, what, rel(f))
			case 1:
				remove(f)
				logf("burst %d: delete %s", burst, rel(f))
			case 2:
				// Saved with a new date into its month's folder.
				d := randomDate()
				md := dateLine.ReplaceAllString(read(f), "date: "+d.Format(time.RFC3339))
				g := filepath.Join(content, "cables", d.Format("2006"), d.Format("01"), filepath.Base(f))
				if g == f {
					continue
				}
				if _, err := os.Stat(g); err == nil {
					continue
				}
				write(g, md)
				remove(f)
				logf("burst %d: move %s to %s", burst, rel(f), rel(g))
			case 3:
				added++
				md := read(f)
				id := regexp.MustCompile(`(?m)^id: "(.*)"$`).FindStringSubmatch(md)[1]
				newID := fmt.Sprintf("10ADDED%d", added)
				md, _ = edit(strings.ReplaceAll(md, id, newID))
				g := filepath.Join(filepath.Dir(f), newID+".md")
				write(g, md)
				logf("burst %d: add %s", burst, rel(g))
			case 4:
				// Written in two steps, with a pause in between.
				md, what := edit(read(f))
				cut := rnd.IntN(len(md))
				write(f, md[:cut])
				nap(80)
				write(f, md)
				logf("burst %d: %s of %s written in two steps", burst, what, rel(f))
			case 5:
				// Saved, then deleted a moment later.
				md, what := edit(read(f))
				write(f, md)
				nap(150)
				remove(f)
				logf("burst %d: %s of %s, then delete", burst, what, rel(f))
			case 6:
				// Truncated, then written: an editor saving in place.
				md, what := edit(read(f))
				write(f, "")
				nap(60)
				write(f, md)
				logf("burst %d: %s of %s, truncated first", burst, what, rel(f))
			case 7:
				// Every subject saved at once, one cable moved to another
				// month, another deleted a moment later (issue 13).
				for i, g := range all {
					md := regexp.MustCompile(`(?m)^(title|subject): "`).ReplaceAllString(read(g), `$1: "SAVED `)
					if i == 0 {
						md = dateLine.ReplaceAllString(md, "date: "+randomDate().Format(time.RFC3339))
					}
					write(g, md)
				}
				nap(150)
				remove(all[len(all)-1])
				logf("burst %d: every subject, a date, then delete %s", burst, rel(all[len(all)-1]))
			default:
				md, what := edit(read(f))
				write(f, md)
				logf("burst %d: %s of %s", burst, what, rel(f))
			}
			nap(120)
		}
		if rnd.IntN(2) == 0 {
			nap(600) // the update runs, then the background
		}
	}
	if diffs := p.converge(t, "rapid changes"); len(diffs) > 0 {
		t.Errorf("seed %d: %d differences with a build once the files settled: %s\nwhat happened:\n%s\nlog:\n%s",
			seed, len(diffs), strings.Join(diffs[:min(10, len(diffs))], ", "), strings.Join(log, "\n"), p.log)
	}
}

// TestServeSaveEverySubject is issue 13's case on the real corpus: every
// subject saved at once with one cable moved to another month, then
// another cable deleted 100 ms later. The update that reads the deleted
// cable's file fails part-way; the served folder must still end as a
// build's, without the moved cable's old page and the deleted one's.
func TestServeSaveEverySubject(t *testing.T) {
	skipShort(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	importRealCorpus(t, content)
	p := startPreview(t, content, "", filepath.Join(dir, "served"))
	var files []string
	err := filepath.WalkDir(filepath.Join(content, "cables"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	subject := regexp.MustCompile(`(?m)^(title|subject): "`)
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		md := subject.ReplaceAllString(string(data), `$1: "EDITED `)
		if i == 0 {
			md = regexp.MustCompile(`(?m)^date: (\d\d\d\d)-(\d\d)`).ReplaceAllString(md, "date: 2011-12")
		}
		if err := os.WriteFile(f, []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(100 * time.Millisecond)
	if err := os.Remove(files[len(files)/2]); err != nil {
		t.Fatal(err)
	}
	if diffs := p.converge(t, "every subject saved"); len(diffs) > 0 {
		t.Errorf("%d differences with a build once the files settled: %s\nlog:\n%s", len(diffs), strings.Join(diffs[:min(10, len(diffs))], ", "), p.log)
	}
}
