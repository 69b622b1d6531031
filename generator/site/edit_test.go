package site_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// Every edit of a stock template shows in the built site: Go code that
// stands for a template (cable and list pages written whole in Go, the
// metadata table and the lists) never hides one. Each template of each
// stock file is edited in turn, in a templates folder on disk that
// overrides the embedded one, and in a copy of the whole embedded set
// given as the base, as a fork of templates/ would be.
func TestTemplateEditShows(t *testing.T) {
	content := variedCables(t, 30)
	content["about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\nmenu: true\n---\nAn editorial page.\n")}
	content["kosovo.md"] = &fstest.MapFile{Data: []byte("---\ncables: [06VARIED1, 06VARIED2]\n---\nA collection.\n")}
	type edit struct{ file, name, old, new, want string }
	edits := []edit{{"cable.html", "the issue's edit", `<h2 id="thread-h">Thread</h2>`, `<h2 id="thread-h">Thread of references</h2>`, ">Thread of references<"}}
	names, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range names {
		stock, err := fs.ReadFile(templates.FS, file)
		if err != nil {
			t.Fatal(err)
		}
		for _, open := range goTemplateOpening.FindAll(stock, -1) {
			name := strings.Split(string(open), `"`)[1]
			want := "Edited " + strings.TrimSuffix(file, ".html") + " " + name
			edits = append(edits, edit{file, name, string(open), string(open) + want, want})
		}
	}
	if len(edits) < 20 {
		t.Fatalf("only %d templates found to edit", len(edits))
	}

	build := func(t *testing.T, tmpl *render.Templates) map[string][]byte {
		out := &memSite{files: map[string][]byte{}}
		cfg := site.Config{Content: content, Templates: tmpl, PageSize: 7, Search: search.NewBuilder(search.Config{})}
		if _, err := site.Build(t.Context(), cfg, publish.Minify(publish.NewMinifier(), out)); err != nil {
			t.Fatal(err)
		}
		return out.files
	}
	for _, e := range edits {
		t.Run(e.file+"/"+e.name, func(t *testing.T) {
			stock, _ := fs.ReadFile(templates.FS, e.file)
			if bytes.Count(stock, []byte(e.old)) != 1 {
				t.Fatalf("%s holds %q %d times", e.file, e.old, bytes.Count(stock, []byte(e.old)))
			}
			edited := strings.Replace(string(stock), e.old, e.new, 1)

			override := t.TempDir()
			writeFile(t, filepath.Join(override, e.file), edited)
			fork := t.TempDir()
			all, _ := fs.ReadDir(templates.FS, ".")
			for _, f := range all {
				data, _ := fs.ReadFile(templates.FS, f.Name())
				writeFile(t, filepath.Join(fork, f.Name()), string(data))
			}
			writeFile(t, filepath.Join(fork, e.file), edited)

			for _, how := range []struct {
				name           string
				base, override fs.FS
			}{
				{"override", templates.FS, os.DirFS(override)},
				{"fork", os.DirFS(fork), nil},
			} {
				tmpl, err := render.Load(how.base, how.override)
				if err != nil {
					t.Fatalf("%s: %v", how.name, err)
				}
				shown := 0
				for name, data := range build(t, tmpl) {
					if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte(e.want)) {
						shown++
					}
				}
				if shown == 0 {
					t.Errorf("%s: the edit of %s (%q) shows on no page", how.name, e.file, e.want)
				}
			}
		})
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
