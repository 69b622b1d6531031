package site_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// parseArchive reads a txtar-style archive: files introduced by a line
// "-- name --", each holding the lines up to the next such line. Text
// before the first file is a comment.
func parseArchive(t testing.TB, s string) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			files[name] = &fstest.MapFile{Data: []byte(body.String()), Mode: 0o644}
		}
		body.Reset()
	}
	for line := range strings.Lines(s) {
		l := strings.TrimRight(line, "\n")
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) > 6 {
			flush()
			name = strings.TrimSpace(l[3 : len(l)-3])
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	return files
}

// memSite is a site written to memory.
type memSite struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSite) WriteFile(name string, data []byte) error {
	if err := publish.CheckName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

func (m *memSite) file(t testing.TB, name string) string {
	t.Helper()
	data, ok := m.files[name]
	if !ok {
		t.Fatalf("public/%s not written; have %d files: %v", name, len(m.files), firstNames(m.files, 40))
	}
	return string(data)
}

func firstNames(files map[string][]byte, n int) []string {
	names := slices.Sorted(maps.Keys(files))
	return names[:min(n, len(names))]
}

func loadTemplates(t testing.TB) *render.Templates {
	t.Helper()
	tmpl, err := render.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// buildSite builds content into memory, unminified, so that tests can
// look for the templates' own markup.
func buildSite(t testing.TB, content fs.FS, edit func(*site.Config)) (*memSite, site.Summary) {
	t.Helper()
	cfg := site.Config{Content: content, Templates: loadTemplates(t)}
	if edit != nil {
		edit(&cfg)
	}
	out := &memSite{files: map[string][]byte{}}
	sum, err := site.Build(context.Background(), cfg, out)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, sum
}

// writeCable adds the annotated markdown of c to files, as import writes it.
func writeCable(t testing.TB, files fstest.MapFS, c *cable.Cable, text string) {
	t.Helper()
	var buf bytes.Buffer
	rec := cable.Record{Pos: cable.Pos{File: "test.txt", Line: 1}, Format: cable.FormatText, Text: []byte(text)}
	if err := annotate.Write(&buf, c, rec); err != nil {
		t.Fatal(err)
	}
	files[annotate.Path(c)] = &fstest.MapFile{Data: buf.Bytes(), Mode: 0o644}
}

// firstDiff says where a and b first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-60)
	return fmt.Sprintf("at byte %d: got %q, want %q", i, a[lo:min(len(a), i+60)], b[lo:min(len(b), i+60)])
}
