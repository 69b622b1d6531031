package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/templates"
)

// writeContent writes n synthetic cables into a content folder: spread
// over three years, four origins and a few TAGS, each citing the one
// before it and one that is not in the collection.
func writeContent(t testing.TB, dir string, n int) {
	t.Helper()
	origins := []string{"Embassy Belgrade", "Secretary of State", "Embassy Paris", "USUN New York"}
	classes := []string{"UNCLASSIFIED", "CONFIDENTIAL", "SECRET//NOFORN"}
	for i := range n {
		c := &cable.Cable{
			ID:             fmt.Sprintf("0%dTEST%d", 7+i%3, i+1),
			Date:           time.Date(2007+i%3, time.Month(1+i%12), 1+i%28, i%24, 0, 0, 0, time.UTC),
			Origin:         origins[i%len(origins)],
			Classification: classes[i%len(classes)],
			Tags:           []string{"PGOV", []string{"KV", "SR", "PREL"}[i%3]},
			Subject:        fmt.Sprintf("CABLE NUMBER %d", i+1),
			References:     []cable.Reference{{ID: "99MISSING1", Text: "A. MISSING 1"}},
		}
		if i > 0 {
			c.References = append(c.References, cable.Reference{ID: fmt.Sprintf("0%dTEST%d", 7+(i-1)%3, i), Text: "B. THE ONE BEFORE"})
		}
		text := fmt.Sprintf("SUBJECT: %s\n\n1. (C) THE TEXT OF CABLE %d.\n", c.Subject, i+1)
		c.Paragraphs = []cable.Paragraph{{N: 1, Marking: "C"}}
		var buf bytes.Buffer
		rec := cable.Record{Pos: cable.Pos{File: "synthetic.txt", Line: i + 1}, Format: cable.FormatText, Text: []byte(text)}
		if err := annotate.Write(&buf, c, rec); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(annotate.Path(c)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every file under dir with its content.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s missing", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s differs", name)
		}
	}
}

func buildConfig(content, out string) BuildConfig {
	return BuildConfig{Content: os.DirFS(content), ContentName: content, Templates: templates.FS, Out: out}
}

// The same content gives the same site, byte for byte, whatever the
// number of workers.
func TestBuildDeterministic(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 300)
	var trees []map[string][]byte
	for i, workers := range []int{1, 4, 8} {
		cfg := buildConfig(content, filepath.Join(dir, fmt.Sprint("public", i)))
		cfg.Workers = workers
		cfg.BaseURL = "https://example.org/"
		sum, err := Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Cables != 300 {
			t.Fatalf("summary %v", sum)
		}
		trees = append(trees, readTree(t, cfg.Out))
	}
	sameTree(t, trees[0], trees[1])
	sameTree(t, trees[0], trees[2])
	// Rebuilding into the same folder replaces it with the same site.
	cfg := buildConfig(content, filepath.Join(dir, "public0"))
	cfg.BaseURL = "https://example.org/"
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	sameTree(t, trees[0], readTree(t, cfg.Out))
}

// cancelFS cancels a context when the build opens its nth file.
type cancelFS struct {
	fs.FS
	n      int64
	opened atomic.Int64
	cancel context.CancelFunc
}

func (c *cancelFS) Open(name string) (fs.File, error) {
	if c.opened.Add(1) == c.n {
		c.cancel()
	}
	return c.FS.Open(name)
}

// A build cancelled midway leaves the previous site as it was, and nothing
// beside it.
func TestBuildInterrupted(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "public")
	writeContent(t, content, 200)
	if _, err := Build(context.Background(), buildConfig(content, out)); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	writeContent(t, content, 250) // the next build would change the site

	for _, at := range []int64{5, 260, 400} { // during pass 1, at the start of pass 2, later
		t.Run(fmt.Sprint("at file ", at), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cfg := buildConfig(content, out)
			cfg.Content = &cancelFS{FS: os.DirFS(content), n: at, cancel: cancel}
			_, err := Build(ctx, cfg)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Build: %v, want context.Canceled", err)
			}
			sameTree(t, before, readTree(t, out))
			entries, _ := os.ReadDir(dir)
			if len(entries) != 2 {
				t.Errorf("beside the site: %v", entries)
			}
		})
	}
}

var errDiskFull = errors.New("no space left on device")

// A write that fails (a full disk) fails the build with a clear error and
// leaves no half site: the previous one stays.
func TestBuildWriteError(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "public")
	writeContent(t, content, 100)
	if _, err := Build(context.Background(), buildConfig(content, out)); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	for _, after := range []int64{0, 50, 130} {
		t.Run(fmt.Sprint("after ", after, " files"), func(t *testing.T) {
			var written atomic.Int64
			_, err := build(context.Background(), buildConfig(content, out), func(w publish.Writer) publish.Writer {
				return publish.WriterFunc(func(name string, data []byte) error {
					if written.Add(1) > after {
						return fmt.Errorf("writing %s: %w", name, errDiskFull)
					}
					return w.WriteFile(name, data)
				})
			})
			if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "no space left on device") {
				t.Fatalf("Build: %v, want the write error", err)
			}
			sameTree(t, before, readTree(t, out))
			entries, _ := os.ReadDir(dir)
			if len(entries) != 2 {
				t.Errorf("beside the site: %v", entries)
			}
		})
	}
}

func TestBuildRefusesOutputFolders(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 1)
	wd, _ := os.Getwd()
	for _, out := range []string{"", "/", ".", wd, filepath.Dir(wd), content, dir} {
		if _, err := Build(context.Background(), buildConfig(content, out)); err == nil {
			t.Errorf("Build into %q succeeded", out)
		}
	}
	for _, base := range []string{"example.org", "ftp://example.org/", "javascript:alert(1)", "https://example.org/?q=1"} {
		cfg := buildConfig(content, filepath.Join(dir, "public"))
		cfg.BaseURL = base
		if _, err := Build(context.Background(), cfg); err == nil {
			t.Errorf("base URL %q accepted", base)
		}
	}
}

// Broken files are reported with their place and skipped; the rest
// builds and the build succeeds.
func TestBuildSkipsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 3)
	broken := filepath.Join(content, "cables", "2007", "01", "broken.md")
	if err := os.WriteFile(broken, []byte("---\ntitle: \"x\"\ndate: not a date\nid: \"X\"\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A symbolic link is not followed: the build reads only what lies in
	// the content folder.
	outside := filepath.Join(dir, "outside.md")
	if err := os.WriteFile(outside, []byte("---\nid: \"SECRET1\"\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(content, "cables", "2007", "01", "link.md")); err != nil {
		t.Fatal(err)
	}
	var warnings bytes.Buffer
	cfg := buildConfig(content, filepath.Join(dir, "public"))
	cfg.Warnings = &warnings
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cables != 3 || sum.Skipped != 2 {
		t.Errorf("summary %v", sum)
	}
	lines := strings.Split(strings.TrimSpace(warnings.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], content+"/cables/2007/01/broken.md:3: date:") ||
		lines[1] != content+"/cables/2007/01/link.md: not a regular file (a symbolic link?): skipped" {
		t.Errorf("warnings:\n%s", warnings.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "cable", "undated", "SECRET1.html")); err == nil {
		t.Error("the file behind the link was built")
	}
}
