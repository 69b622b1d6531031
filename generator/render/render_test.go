package render_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/templates"
)

func TestNum(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 251287: "251,287", 1234567: "1,234,567", -1234: "-1,234", -12: "-12"} {
		if got := render.Num(n); got != want {
			t.Errorf("Num(%d) = %q, want %q", n, got, want)
		}
	}
}

func page(kind render.Kind, path string) render.Page {
	return render.Page{
		Site: &render.Site{Title: "Cables", Total: 1, CSS: "assets/style.css", JS: "assets/site.js", Icon: "assets/favicon.svg"},
		Kind: kind, Path: path, Root: strings.Repeat("../", strings.Count(path, "/")), Title: "A title",
	}
}

func execute(t *testing.T, tmpl *render.Templates, kind render.Kind, data any) string {
	t.Helper()
	var b strings.Builder
	if err := tmpl.Execute(&b, kind, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDefaults(t *testing.T) {
	tmpl, err := render.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range tmpl.Assets() {
		names = append(names, a.Name)
	}
	if got := strings.Join(names, " "); got != "favicon.svg search-core.js search.css search.js site.js style.css" {
		t.Errorf("assets: %s", got)
	}
	p := render.ListPage{Page: page(render.KindList, "tag/pgov/index.html"), Heading: "Cables tagged PGOV", Total: 1,
		Cables: []render.CableLink{{ID: "07X1", Title: "<b>hi</b>", Date: render.NewDate(time.Date(2007, 9, 7, 0, 0, 0, 0, time.UTC)), Href: "../../cable/2007/09/07X1.html"}}}
	out := execute(t, tmpl, render.KindList, &p)
	for _, want := range []string{
		`<link rel="stylesheet" href="../../assets/style.css">`,
		`<li><a href="../../cable/2007/09/07X1.html">&lt;b&gt;hi&lt;/b&gt;</a>`,
		`<time datetime="2007-09-07T00:00:00Z">2007-09-07</time>`,
		`<h1>Cables tagged PGOV</h1>`,
		`<a class="skip" href="#main">Skip to content</a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list page lacks %s", want)
		}
	}
}

// A user's folder replaces a default file by name and may add partials;
// the other defaults stay.
func TestOverride(t *testing.T) {
	override := fstest.MapFS{
		"list.html":    {Data: []byte(`{{define "main"}}<h1>Mine: {{.Heading}}</h1>{{template "extra" .}}{{end}}`)},
		"extra.html":   {Data: []byte(`{{define "extra"}}<p>extra {{len .Cables}}</p>{{end}}`)},
		"style.css":    {Data: []byte(`body{color:black}`)},
		"logo.png":     {Data: []byte("PNG")},
		"embed.go":     {Data: []byte("package templates")},
		".hidden.html": {Data: []byte(`{{`)},
	}
	tmpl, err := render.Load(templates.FS, override)
	if err != nil {
		t.Fatal(err)
	}
	p := render.ListPage{Page: page(render.KindList, "tag/x/index.html"), Heading: "H"}
	out := execute(t, tmpl, render.KindList, &p)
	if !strings.Contains(out, "<h1>Mine: H</h1><p>extra 0</p>") || !strings.Contains(out, `<header class="site-header">`) {
		t.Errorf("overridden list page:\n%s", out)
	}
	if got := string(tmpl.Asset("style.css")); got != "body{color:black}" {
		t.Errorf("style.css = %q", got)
	}
	if tmpl.Asset("logo.png") == nil || tmpl.Asset("site.js") == nil {
		t.Error("assets of both folders should be kept")
	}
	if tmpl.Asset("embed.go") != nil {
		t.Error("a Go file published as an asset")
	}
	home := render.HomePage{Page: page(render.KindHome, "index.html")}
	if out := execute(t, tmpl, render.KindHome, &home); !strings.Contains(out, `<dl class="stats">`) {
		t.Error("home page no longer the default")
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"syntax", fstest.MapFS{"cable.html": {Data: []byte("{{define \"main\"}}\n<p>{{.Title</p>{{end}}")}}, "templates/cable.html:2: "},
		{"no main", fstest.MapFS{"home.html": {Data: []byte(`<p>no main</p>`)}}, `home.html: no template "main" defined`},
		{"broken partial", fstest.MapFS{"partial.html": {Data: []byte("\n\n{{end}}")}}, "templates/partial.html:3: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := render.Load(templates.FS, tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v, want an error with %q", err, tc.want)
			}
		})
	}
	if _, err := render.Load(fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{end}}`)}}, nil); err == nil || !strings.Contains(err.Error(), "cable.html is missing") {
		t.Errorf("missing page templates: %v", err)
	}
	// Messages name the folder a file was read from.
	_, err := render.LoadFolders(render.Folder{FS: templates.FS}, render.Folder{FS: fstest.MapFS{"cable.html": {Data: []byte("{{define \"main\"}}\n{{.Title</p>{{end}}")}}, Name: "themes/dark"})
	if err == nil || !strings.HasPrefix(err.Error(), "themes/dark/cable.html:2: ") {
		t.Errorf("an override's error: %v, want it to start with themes/dark/cable.html:2:", err)
	}
	_, err = render.LoadFolders(render.Folder{FS: fstest.MapFS{"base.html": {Data: []byte("\n{{end}}")}}, Name: "fork"}, render.Folder{})
	if err == nil || !strings.HasPrefix(err.Error(), "fork/base.html:2: ") {
		t.Errorf("the base folder's error: %v, want it to start with fork/base.html:2:", err)
	}
}

func TestExecuteError(t *testing.T) {
	override := render.Folder{FS: fstest.MapFS{"404.html": {Data: []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`)}}, Name: "mine"}
	tmpl, err := render.LoadFolders(render.Folder{FS: templates.FS}, override)
	if err != nil {
		t.Fatal(err)
	}
	err = tmpl.Execute(&strings.Builder{}, render.KindNotFound, &render.NotFoundPage{Page: page(render.KindNotFound, "404.html")})
	if err == nil || !strings.HasPrefix(err.Error(), "mine/404.html:1:") || !strings.Contains(err.Error(), "NoSuchField") {
		t.Errorf("error %v, want one naming mine/404.html:1:", err)
	}
}

// Stock tells whether a page kind is written in Go from the bytes of the
// templates loaded, whichever folder they come from: an override with
// the stock bytes keeps it, an edit of a template Go stands for, in an
// override or in the base set itself, turns it off for the kinds that
// execute that template, and an edit of the header, which html/template
// renders for every page anyway, does not.
func TestStock(t *testing.T) {
	stock := func(name string) string {
		data, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	fork := func(name, old, new string) fstest.MapFS {
		files := fstest.MapFS{}
		names, _ := fs.Glob(templates.FS, "*")
		for _, n := range names {
			files[n] = &fstest.MapFile{Data: []byte(stock(n))}
		}
		if !strings.Contains(stock(name), old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		files[name] = &fstest.MapFile{Data: []byte(strings.Replace(stock(name), old, new, 1))}
		return files
	}
	for _, tc := range []struct {
		name           string
		base, override fs.FS
		cable, list    bool
	}{
		{"stock", templates.FS, nil, true, true},
		{"override with the stock bytes", templates.FS, fstest.MapFS{"cable.html": {Data: []byte(stock("cable.html"))}, "base.html": {Data: []byte(stock("base.html"))}}, true, true},
		{"a comment added", templates.FS, fstest.MapFS{"list.html": {Data: []byte(stock("list.html") + "{{/* mine */}}")}}, true, true},
		{"cable.html edited", templates.FS, fstest.MapFS{"cable.html": {Data: []byte(strings.Replace(stock("cable.html"), ">Thread<", ">Thread of references<", 1))}}, false, true},
		{"cable.html edited in the base set", fork("cable.html", ">Thread<", ">Thread of references<"), nil, false, true},
		{"the pager edited", fork("base.html", "Previous<", "Back<"), nil, true, false},
		{"the layout edited", fork("base.html", `<main id="main"`, `<main class="x" id="main"`), nil, false, false},
		{"the header edited", fork("base.html", "Skip to content", "Skip to the cables"), nil, true, true},
		{"a partial redefining the pager", templates.FS, fstest.MapFS{"pager.html": {Data: []byte(`{{define "pager"}}<p>pages</p>{{end}}`)}}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl, err := render.Load(tc.base, tc.override)
			if err != nil {
				t.Fatal(err)
			}
			if got := tmpl.Stock(render.KindCable); got != tc.cable {
				t.Errorf("Stock(cable) = %v, want %v", got, tc.cable)
			}
			if got := tmpl.Stock(render.KindList); got != tc.list {
				t.Errorf("Stock(list) = %v, want %v", got, tc.list)
			}
			for _, k := range []render.Kind{render.KindHome, render.KindTerms, render.KindNotFound, render.KindSearch} {
				if tmpl.Stock(k) {
					t.Errorf("Stock(%s): no Go code writes such pages", k)
				}
			}
		})
	}
}

// partialCached renders a partial once per distinct keys.
func TestPartialCached(t *testing.T) {
	override := fstest.MapFS{
		"404.html":  {Data: []byte(`{{define "main"}}[{{partialCached "counted" . .Root}}]{{end}}`)},
		"part.html": {Data: []byte(`{{define "counted"}}{{.Title}} {{.Root}}{{end}}`)},
	}
	tmpl, err := render.Load(templates.FS, override)
	if err != nil {
		t.Fatal(err)
	}
	for i, root := range []string{"../", "../", "../../"} {
		p := render.NotFoundPage{Page: page(render.KindNotFound, "404.html")}
		p.Root, p.Title = root, fmt.Sprint("title ", i)
		out := execute(t, tmpl, render.KindNotFound, &p)
		want := map[int]string{0: "[title 0 ../]", 1: "[title 0 ../]", 2: "[title 2 ../../]"}[i]
		if !strings.Contains(out, want) {
			t.Errorf("call %d: lacks %s", i, want)
		}
	}
}
