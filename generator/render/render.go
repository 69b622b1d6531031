package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// Kind is a kind of page, rendered by one template file.
type Kind string

// The page kinds.
const (
	KindHome     Kind = "home"
	KindCable    Kind = "cable"
	KindList     Kind = "list"
	KindTerms    Kind = "terms"
	KindNotFound Kind = "404"
	KindSearch   Kind = "search"
	KindPage     Kind = "page" // an editorial page, or a collection
)

// Kinds lists every page kind.
var Kinds = []Kind{KindHome, KindCable, KindList, KindTerms, KindNotFound, KindSearch, KindPage}

// File returns the template file of kind k: "cable.html".
func (k Kind) File() string { return string(k) + ".html" }

// LayoutFile is the template that every page kind shares: it defines the
// template "base", which the page's own file fills with "main".
const LayoutFile = "base.html"

// assetTypes are the extensions of the files of a templates folder that
// are published as assets. Others (the package's own embed.go, a README)
// are ignored, so that the templates folder of a source tree can serve as
// an override.
var assetTypes = map[string]bool{
	".css": true, ".js": true, ".svg": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true,
	".webp": true, ".avif": true, ".ico": true, ".woff": true, ".woff2": true, ".txt": true, ".json": true,
}

// Asset is a file of the templates folder that is not a template: the
// stylesheet, the script, an icon. It is published as it is (minified and
// fingerprinted by the build).
type Asset struct {
	Name string // as in the templates folder: "style.css"
	Data []byte
}

// Templates is a loaded set of templates, one per page kind. It is safe
// for concurrent use.
type Templates struct {
	pages  map[Kind]*template.Template
	shared *template.Template // the partials, for partialCached
	assets []Asset
	cache  sync.Map // partialCached's outputs: name and keys -> template.HTML
	// stock tells, per page kind, whether its pages may be written whole
	// in Go (see Stock).
	stock map[Kind]bool
	// folders names, for messages, the folder each template file was
	// read from.
	folders map[string]string
}

// Folder is a folder of templates and the name messages give it.
type Folder struct {
	FS fs.FS
	// Name is how messages name the folder: "mytheme" gives
	// "mytheme/cable.html:12: ...". Empty means "templates".
	Name string
}

// Load reads the templates and assets of base and lets override replace
// them, as LoadFolders does; messages name both folders "templates".
func Load(base, override fs.FS) (*Templates, error) {
	return LoadFolders(Folder{FS: base}, Folder{FS: override})
}

// LoadFolders reads the templates and assets of base and lets override
// replace any of them, file by file: a file of override's top folder is
// used instead of base's file of the same name, and files that only
// override has are added (a partial, an image). Files other than
// templates and web assets (see assetTypes) are ignored. override.FS may
// be nil. Errors name the file, in the folder it was read from, and the
// line: "mytheme/cable.html:12: ...".
func LoadFolders(base, override Folder) (*Templates, error) {
	t := &Templates{pages: map[Kind]*template.Template{}, stock: map[Kind]bool{}, folders: map[string]string{}}
	files := map[string]fs.FS{}
	for _, dir := range []Folder{base, override} {
		if dir.FS == nil {
			continue
		}
		name := dir.Name
		if name == "" {
			name = "templates"
		}
		entries, err := fs.ReadDir(dir.FS, ".")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, e := range entries {
			if file := e.Name(); e.Type().IsRegular() && !strings.HasPrefix(file, ".") {
				files[file] = dir.FS
				t.folders[file] = name
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)

	shared := template.New("").Funcs(t.funcs())
	pageText := map[Kind]string{}
	for _, name := range names {
		data, err := fs.ReadFile(files[name], name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.folders[name], err)
		}
		if ext := path.Ext(name); ext != ".html" {
			if assetTypes[ext] {
				t.assets = append(t.assets, Asset{Name: name, Data: data})
			}
			continue
		}
		if k, ok := pageKind(name); ok {
			pageText[k] = string(data)
			continue
		}
		if _, err := shared.New(name).Parse(string(data)); err != nil {
			return nil, t.templateError(err)
		}
	}
	var errs []error
	for _, k := range Kinds {
		text, ok := pageText[k]
		if !ok {
			errs = append(errs, fmt.Errorf("templates: %s is missing", k.File()))
			continue
		}
		page, err := shared.Clone()
		if err != nil {
			return nil, t.templateError(err)
		}
		if _, err := page.New(k.File()).Parse(text); err != nil {
			errs = append(errs, t.templateError(err))
			continue
		}
		for _, name := range []string{"base", "main"} {
			if page.Lookup(name) == nil {
				errs = append(errs, fmt.Errorf("%s/%s: no template %q defined (%s defines \"base\", each page file \"main\")", t.folders[k.File()], k.File(), name, LayoutFile))
			}
		}
		t.stock[k] = slices.Contains(pagesInGo, k) && inGo(page, k, "base")
		if err := callGo(page, k); err != nil {
			return nil, err
		}
		t.pages[k] = page
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	t.shared = shared
	return t, nil
}

// Stock reports whether the pages of kind k may be written whole in Go
// (CablePage.WriteMinified, ListPage.WriteMinified): every template they
// execute, from "base" down, has the text (as parsed: its comments aside)
// of the stock template that Go code was checked against (goTemplates
// records a hash of each), wherever it was read from. Any other edit of
// one of them, embedded or on disk, makes it false, and the pages go
// through html/template.
func (t *Templates) Stock(k Kind) bool { return t.stock[k] }

// ExecutePartial renders the shared template name (a partial of
// base.html, say "header") with data to w.
func (t *Templates) ExecutePartial(w io.Writer, name string, data any) error {
	if err := t.shared.ExecuteTemplate(w, name, data); err != nil {
		return t.templateError(err)
	}
	return nil
}

func pageKind(name string) (Kind, bool) {
	for _, k := range Kinds {
		if k.File() == name {
			return k, true
		}
	}
	return "", false
}

// templateError turns html/template's "template: cable.html:12: ..." into
// the project's "file:line: message" shape, the file in the folder it was
// read from: "mytheme/cable.html:12: ...".
func (t *Templates) templateError(err error) error {
	msg := err.Error()
	for _, prefix := range []string{"template: ", "html/template:"} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			msg = rest
			break
		}
	}
	if file, _, ok := strings.Cut(msg, ":"); ok && t.folders[file] != "" {
		return errors.New(t.folders[file] + "/" + msg)
	}
	return errors.New("templates: " + msg)
}

// Execute renders the page of kind k with data (the kind's data type, see
// the package documentation) to w.
func (t *Templates) Execute(w io.Writer, k Kind, data any) error {
	page, ok := t.pages[k]
	if !ok {
		return fmt.Errorf("render: no template for page kind %q", k)
	}
	if err := page.ExecuteTemplate(w, "base", data); err != nil {
		return t.templateError(err)
	}
	return nil
}

// Assets returns the files of the templates folder that are not templates,
// sorted by name.
func (t *Templates) Assets() []Asset { return t.assets }

// Asset returns the asset called name, or nil.
func (t *Templates) Asset(name string) []byte {
	for _, a := range t.assets {
		if a.Name == name {
			return a.Data
		}
	}
	return nil
}

// partialCached executes the template name with data once per distinct
// keys and returns the same output for every later call with those keys,
// as Hugo's partialCached does: the page chrome (header, footer) is the
// same on every page of one depth and section, and rendering it once
// instead of 250,000 times is a tenth of a build. The template must
// depend on data only through the keys, and its output belongs in HTML
// text (between elements).
func (t *Templates) partialCached(name string, data any, keys ...any) (template.HTML, error) {
	var key strings.Builder
	key.WriteString(name)
	for _, k := range keys {
		fmt.Fprintf(&key, "\x00%v", k)
	}
	if v, ok := t.cache.Load(key.String()); ok {
		return v.(template.HTML), nil
	}
	var buf strings.Builder
	if err := t.shared.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	// html/template escaped the partial for HTML text, where it is used.
	out := template.HTML(buf.String())
	t.cache.Store(key.String(), out)
	return out, nil
}

// Chrome returns the stock layout's partials for the pages of p's Root and
// Section, each minified by minify (which writes the minified form of its
// input HTML to w). It renders and minifies them once per Root and
// Section, until ForgetCached.
func (t *Templates) Chrome(p *Page, minify func(w io.Writer, html []byte) error) (*Chrome, error) {
	key := "\x00chrome\x00" + p.Root + "\x00" + p.Section
	if v, ok := t.cache.Load(key); ok {
		return v.(*Chrome), nil
	}
	var raw, min strings.Builder
	part := func(name string) (string, error) {
		raw.Reset()
		min.Reset()
		if err := t.ExecutePartial(&raw, name, p); err != nil {
			return "", err
		}
		if err := minify(&min, []byte(raw.String())); err != nil {
			return "", err
		}
		return min.String(), nil
	}
	var c Chrome
	var err error
	if c.Assets, err = part("assets"); err != nil {
		return nil, err
	}
	if c.Header, err = part("header"); err != nil {
		return nil, err
	}
	if c.Footer, err = part("footer"); err != nil {
		return nil, err
	}
	v, _ := t.cache.LoadOrStore(key, &c)
	return v.(*Chrome), nil
}

// ForgetCached empties the cache of partialCached (and Chrome). A Templates that
// outlives one build (cablesite serve) calls it when the site data the
// cached partials read (Site.Total in the footer) changes.
func (t *Templates) ForgetCached() { t.cache.Clear() }
