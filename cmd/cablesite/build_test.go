package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `cablesite build` builds content/ into public/ with the defaults, prints
// the summary, reports broken files without failing, and lets a
// templates/ folder override the defaults.
func TestBuildCommand(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "public")
	if code, _, stderr := runCmd(t, "", "import", "-o", content, seed(t)); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	broken := filepath.Join(content, "cables", "2007", "09", "broken.md")
	if err := os.WriteFile(broken, []byte("---\nid: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(dir, "templates")
	if err := os.MkdirAll(tmpl, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmpl, "404.html"), []byte(`{{define "main"}}<h1>Lost, says the override</h1>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCmd(t, "", "build", "-content", content, "-o", out, "-templates", tmpl, "-base-url", "https://example.org")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "1 cables") || !strings.Contains(stdout, "1 content files skipped") {
		t.Errorf("stdout: %q", stdout)
	}
	if !strings.Contains(stderr, "broken.md:2: ") {
		t.Errorf("stderr should name the broken file and line: %q", stderr)
	}
	for name, want := range map[string]string{
		"cable/2007/09/07STATE126086.html": "REQUEST: ENCOURAGING SERBS TO VOTE",
		"404.html":                         "Lost, says the override",
		"robots.txt":                       "Sitemap: https://example.org/sitemap.xml",
	} {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s: %v, lacks %q", name, err, want)
		}
	}

	for _, args := range [][]string{
		{"build", "-content", filepath.Join(dir, "nothing")},
		{"build", "-content", content, "-o", out, "-base-url", "not a url"},
	} {
		if code, _, stderr := runCmd(t, "", args...); code != 1 || !strings.Contains(stderr, "cablesite build:") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, _ := runCmd(t, "", "build", "extra"); code != 2 {
		t.Errorf("build with an argument: exit %d, want 2", code)
	}

	// A broken template is named in the folder it was read from.
	theme := filepath.Join(dir, "themes", "dark")
	if err := os.MkdirAll(theme, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(theme, "cable.html"), []byte("{{define \"main\"}}\n<h1>{{.Title</h1>{{end}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, "", "build", "-content", content, "-o", out, "-templates", theme)
	if want := filepath.ToSlash(theme) + "/cable.html:2: "; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("a broken template: exit %d, stderr %q, want it to name %s", code, stderr, want)
	}
}
