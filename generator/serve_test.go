package generator

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cablesite/cablesite/templates"
)

// TestServeMatchesBuild runs the preview server on a content folder and
// edits it, step by step: after each step has settled, the folder served
// holds exactly what Build writes for the same files.
func TestServeMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	tmplDir := filepath.Join(dir, "templates")
	out := filepath.Join(dir, "served")
	writeContent(t, content, 40)
	if err := os.Mkdir(tmplDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A site built there before: the server replaces it.
	if err := os.MkdirAll(filepath.Join(out, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "old", "page.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	p := startPreview(t, content, tmplDir, out)
	compare, wait, logw := p.compare, p.wait, p.log
	write := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(content, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", name, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, -1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	compare(t, "first build")

	a := "cables/2008/02/08TEST2.md"
	steps := []struct {
		name string
		edit func()
	}{
		{"subject", func() { write(a, "CABLE NUMBER 2", "A NEW SUBJECT") }},
		{"date to another month", func() { write(a, "date: 2008-02-02T01:00:00Z", "date: 2008-06-30T01:00:00Z") }},
		{"tags", func() { write(a, `tags: ["PGOV", "SR"]`, `tags: ["ZZNEW", "PGOV"]`) }},
		{"add", func() {
			data, err := os.ReadFile(filepath.Join(content, a))
			if err != nil {
				t.Fatal(err)
			}
			s := strings.ReplaceAll(string(data), "08TEST2", "07TEST999")
			p := filepath.Join(content, "cables/2009/12/07TEST999.md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete", func() {
			if err := os.Remove(filepath.Join(content, "cables/2009/03/09TEST3.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{"break and fix", func() {
			p := filepath.Join(content, a)
			good, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("---\nid: [broken\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			wait(t, "broken")
			if !strings.Contains(logw.String(), "cables/2008/02/08TEST2.md:2: ") {
				t.Errorf("the broken file is not reported with its line:\n%s", logw.String())
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(good), "A NEW SUBJECT", "FIXED", -1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"an image added, in a new folder", func() {
			if err := os.MkdirAll(filepath.Join(content, "img"), 0o755); err != nil {
				t.Fatal(err)
			}
			svg := "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <!-- copied, not minified -->\n</svg>\n"
			if err := os.WriteFile(filepath.Join(content, "img", "map.svg"), []byte(svg), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"an image edited", func() { write("img/map.svg", "copied", "edited, copied") }},
		{"an image deleted", func() {
			if err := os.Remove(filepath.Join(content, "img", "map.svg")); err != nil {
				t.Fatal(err)
			}
		}},
		{"a page", func() {
			if err := os.WriteFile(filepath.Join(content, "notes.md"), []byte("Notes."), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"the page deleted, a file where its folder was", func() {
			if err := os.Remove(filepath.Join(content, "notes.md")); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(content, "notes"), []byte("plain notes"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a template", func() {
			list, err := templates.FS.ReadFile("list.html")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmplDir, "list.html"), []byte(strings.Replace(string(list), "<h1>", `<h1 class="x">`, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"the stylesheet", func() {
			if err := os.WriteFile(filepath.Join(tmplDir, "style.css"), []byte("body{color:#123}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"the base template", func() {
			base, err := templates.FS.ReadFile("base.html")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmplDir, "base.html"), []byte(strings.Replace(string(base), "Skip to content", "Skip to the text", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, st := range steps {
		st.edit()
		wait(t, st.name)
		compare(t, st.name)
	}
}

// lockedWriter serialises writes to w, for a log written by the server's
// goroutines and read by the test.
type lockedWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}
