package publish_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cablesite/cablesite/generator/publish"
)

func TestCheckName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"index.html", true},
		{"cable/2007/09/07STATE126086.html", true},
		{"assets/style.1a2b3c4d.css", true},
		{"", false},
		{".", false},
		{"/etc/passwd", false},
		{"../public.html", false},
		{"cable/../../x.html", false},
		{"cable//x.html", false},
		{"cable/x.html/", false},
		{`cable\..\x.html`, false},
		{"c:x.html", false},
		{"a\x00b.html", false},
		{"a\nb.html", false},
		{".htaccess", false},
		{"cable/.hidden/x.html", false},
	} {
		t.Run(fmt.Sprintf("%q", tc.name), func(t *testing.T) {
			err := publish.CheckName(tc.name)
			if (err == nil) != tc.ok {
				t.Errorf("CheckName(%q) = %v, want ok %v", tc.name, err, tc.ok)
			}
			if err != nil && !errors.Is(err, publish.ErrName) {
				t.Errorf("error %v does not wrap ErrName", err)
			}
		})
	}
}

// tree returns every file under dir with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func previousSite(t *testing.T) (parent, out string) {
	t.Helper()
	parent = t.TempDir()
	out = filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(out, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "old", "page.html"), []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	return parent, out
}

func TestCommit(t *testing.T) {
	parent, out := previousSite(t)
	d, err := publish.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "cable/2007/09/a.html", "cable/2007/09/b.html", "tag/pgov/index.html"} {
		if err := d.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	// Until Commit, the previous site is untouched.
	if got := tree(t, out); len(got) != 1 || got["old/page.html"] != "previous" {
		t.Fatalf("before commit: %v", got)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := tree(t, out)
	if len(got) != 4 || got["cable/2007/09/b.html"] != "cable/2007/09/b.html" {
		t.Errorf("after commit: %v", got)
	}
	if names := entries(t, parent); len(names) != 1 || names[0] != "public" {
		t.Errorf("left beside the site: %v", names)
	}
	if err := d.WriteFile("late.html", nil); err == nil {
		t.Error("a write after Commit succeeded")
	}
	if err := d.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("Abort after Commit removed the site: %v", err)
	}
}

func TestCommitWithoutPreviousSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "deep", "public")
	d, err := publish.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); got["index.html"] != "new" {
		t.Errorf("got %v", got)
	}
}

func TestAbort(t *testing.T) {
	parent, out := previousSite(t)
	d, err := publish.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("cable/x.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); len(got) != 1 || got["old/page.html"] != "previous" {
		t.Errorf("after abort: %v", got)
	}
	if names := entries(t, parent); len(names) != 1 {
		t.Errorf("left beside the site: %v", names)
	}
	if err := d.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

// A build killed before it could clean up leaves its staging folder; the
// next one removes it rather than publishing its files.
func TestStageRemovesLeftovers(t *testing.T) {
	parent, out := previousSite(t)
	left := filepath.Join(parent, ".public.staging", "stale")
	if err := os.MkdirAll(left, 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := publish.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); len(got) != 1 {
		t.Errorf("got %v", got)
	}
}

func TestStageRefusesAFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(out, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := publish.Stage(out); err == nil {
		t.Error("Stage over a file succeeded")
	}
}

func TestWriteFileRefuses(t *testing.T) {
	d, err := publish.Stage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	d.MaxFilesPerDir = 3
	for _, name := range []string{"a/1.html", "a/2.html", "a/sub/x.html"} {
		if err := d.WriteFile(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ name, want string }{
		{"a/3.html", "more than 3 files"}, // a/ holds 1.html, 2.html and sub/
		{"a/1.html", "written twice"},
		{"a/sub", "is a folder"},
		{"a/1.html/x.html", "is a file"},
		{"../outside.html", "invalid output file name"},
	} {
		if err := d.WriteFile(tc.name, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("WriteFile(%q) = %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
	if d.Files() != 3 {
		t.Errorf("Files() = %d, want 3", d.Files())
	}
}

// Many goroutines writing the first files of the same new folders at once.
func TestConcurrentWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := publish.Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*50)
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				name := fmt.Sprintf("d%d/e%d/f%d-%d.html", i%5, i%3, g, i)
				if err := d.WriteFile(name, []byte(name)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := len(tree(t, out)); n != 400 {
		t.Errorf("%d files, want 400", n)
	}
}

func TestFingerprint(t *testing.T) {
	a := publish.Fingerprint("assets/style.css", []byte("body{}"))
	b := publish.Fingerprint("assets/style.css", []byte("body{color:red}"))
	if !strings.HasPrefix(a, "assets/style.") || !strings.HasSuffix(a, ".css") || len(a) != len("assets/style.12345678.css") {
		t.Errorf("Fingerprint = %q", a)
	}
	if a == b {
		t.Error("two contents, one name")
	}
	if a != publish.Fingerprint("assets/style.css", []byte("body{}")) {
		t.Error("not deterministic")
	}
}
