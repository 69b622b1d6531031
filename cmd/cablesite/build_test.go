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
	if !strings.Contains(stdout, "1 cable,") || !strings.Contains(stdout, "1 content file skipped") {
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

// cablesite.toml configures build: title, base URL, language, menu,
// publisher, credit, folders and search; flags override it; without a
// base URL one warning line says what the site lacks, and on Netlify the
// deploy's address is the base URL.
func TestBuildConfigFile(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "cables-content")
	if code, _, stderr := runCmd(t, "", "import", "-o", content, seed(t)); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	conf := filepath.Join(dir, "site.toml")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(conf, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(out, name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	write(`title = "The Embassy Files"
baseURL = "https://cables.example.org/files"
language = "fr-CA"
publisher = "Example News"
credit = "Annotations CC BY 4.0"

[[menu]]
name = "About us"
url = "about/"

[build]
content = "` + filepath.ToSlash(content) + `"
output = "` + filepath.ToSlash(filepath.Join(dir, "site")) + `"
search = false
`)
	code, stdout, stderr := runCmd(t, "", "build", "-config", conf)
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	site := filepath.Join(dir, "site")
	page := read(site, "cable/2007/09/07STATE126086.html")
	for _, want := range []string{
		`<html lang="fr-CA">`, `· The Embassy Files</title>`, `<link rel="canonical" href="https://cables.example.org/files/cable/2007/09/07STATE126086.html">`,
		`<a href="../../../about/">About us</a>`, `Published by Example News.`, `Annotations CC BY 4.0`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the cable page lacks %s", want)
		}
	}
	if !strings.Contains(read(site, "sitemap.xml"), "<loc>https://cables.example.org/files/index.html</loc>") {
		t.Error("sitemap.xml does not use the base URL")
	}
	if _, err := os.Stat(filepath.Join(site, "search.html")); err == nil {
		t.Error("search = false in the file, yet search.html")
	}

	// Flags win over the file.
	out := filepath.Join(dir, "public")
	code, _, stderr = runCmd(t, "", "build", "-config", conf, "-o", out, "-title", "Flagged", "-base-url", "https://flag.example/")
	if code != 0 || stderr != "" {
		t.Fatalf("build with flags: exit %d, stderr %q", code, stderr)
	}
	if page := read(out, "index.html"); !strings.Contains(page, "<title>Flagged</title>") || !strings.Contains(page, "https://flag.example/index.html") {
		t.Error("the flags -title and -base-url do not win over the file")
	}

	// No base URL: one warning line, no sitemap, no canonical link.
	write("[build]\ncontent = \"" + filepath.ToSlash(content) + "\"\n")
	code, _, stderr = runCmd(t, "", "build", "-config", conf, "-o", out)
	if code != 0 || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "warning: no base URL") {
		t.Fatalf("build without a base URL: exit %d, stderr %q; want one warning line", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "sitemap.xml")); err == nil {
		t.Error("sitemap.xml without a base URL")
	}
	if strings.Contains(read(out, "cable/2007/09/07STATE126086.html"), "canonical") {
		t.Error("a canonical link without a base URL")
	}

	// On Netlify, a deploy preview's address.
	t.Setenv("NETLIFY", "true")
	t.Setenv("CONTEXT", "deploy-preview")
	t.Setenv("URL", "https://cables.example.org")
	t.Setenv("DEPLOY_PRIME_URL", "https://deploy-preview-7--cables.netlify.app")
	code, stdout, stderr = runCmd(t, "", "build", "-config", conf, "-o", out)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "base URL https://deploy-preview-7--cables.netlify.app/, from Netlify's DEPLOY_PRIME_URL") {
		t.Fatalf("build on Netlify: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(read(out, "robots.txt"), "Sitemap: https://deploy-preview-7--cables.netlify.app/sitemap.xml") {
		t.Error("robots.txt does not name the preview's sitemap")
	}

	// A mistake in the file is named at its line, and nothing is built.
	write("title = \"x\"\n\n[build]\nsearh = false\n")
	code, _, stderr = runCmd(t, "", "build", "-config", conf, "-o", filepath.Join(dir, "never"))
	if code != 1 || !strings.Contains(stderr, filepath.ToSlash(conf)+`:4: unknown key "build.searh"`) {
		t.Errorf("a misspelt key: exit %d, stderr %q", code, stderr)
	}
	// A -config that does not exist is an error; the default's absence is not.
	if code, _, stderr := runCmd(t, "", "build", "-config", filepath.Join(dir, "none.toml"), "-content", content, "-o", out); code != 1 || !strings.Contains(stderr, "none.toml") {
		t.Errorf("a missing -config: exit %d, stderr %q", code, stderr)
	}
}

// The project's own content/ and cablesite.toml build, as a newcomer's
// `go run ./cmd/cablesite build` does in a fresh clone: the cable, the
// About page and the collection, with nothing reported but the missing
// base URL.
func TestDefaultSite(t *testing.T) {
	root := filepath.Join("..", "..")
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCmd(t, "", "build", "-q", "-config", filepath.Join(root, "cablesite.toml"), "-content", filepath.Join(root, "content"), "-o", out)
	if code != 0 || !strings.HasPrefix(stderr, "warning: no base URL") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("build: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	for _, name := range []string{"index.html", "about/index.html", "kosovo-2007/index.html", "kosovo-2007/feed.xml", "cable/2007/09/07STATE126086.html", "search.html", "404.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("the default site lacks %s", name)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "cable", "2007", "09", "07STATE126086.html"))
	if err != nil || !strings.Contains(string(page), "In these collections") || !strings.Contains(string(page), `href="../../../about/index.html"`) {
		t.Error("the cable's page lists no collection, or the menu lacks the About page")
	}
}
