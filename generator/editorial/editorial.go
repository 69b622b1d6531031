// Package editorial reads a site's editorial pages: every markdown file
// of the content folder outside cables/, which a publisher writes to say
// what the collection is (an About page, a methodology), to tell a story
// with the cables, or to gather them into a curated collection.
//
// A page is markdown with front matter in the forms Hugo reads (YAML
// between "---" lines, TOML between "+++" lines, or a JSON object), read
// by Hugo's own parser (github.com/gohugoio/hugo/parser/pageparser). The
// keys it uses, all optional:
//
//	title:       the page's title (default: from the file's name, "about.md" is "About")
//	description: a line for search engines and link previews
//	menu:        true lists the page in every page's navigation; a number also orders it
//	weight:      orders pages in the menu (lower first; then by title)
//	cables:      [07STATE126086, 09BOGOTA3441] makes the page a collection of those cables,
//	             in that order
//	draft:       true leaves the page out of the site
//
// Other keys are reported (a misspelt "cabels" would otherwise make a
// collection silently empty) and ignored. The body links cables as a
// cable's body does: [the cable](cable:07STATE126086); unlike a cable's,
// it shows images from the site, and its relative links and image
// sources are written from the markdown file's folder (the site's
// renderer rewrites them for the page's: see markdown.PageResolver); a
// link to another markdown file of the content folder ("../about.md",
// "cables/2007/09/07STATE126086.md#par1") goes to that file's page. A
// cable's page lists the pages whose text links to it.
// List lists the pages, and the content folder's other files, which
// package static copies into the site.
//
// A file's page is its path without ".md", as a folder: content/about.md
// is about/index.html, content/guides/reading.md guides/reading/index.html,
// and an _index.md a folder's own page (content/guides/_index.md is
// guides/index.html). content/_index.md is the home page's introduction.
// The site's own addresses (cable/, date/, origin/, tag/,
// classification/, search/, assets/ and its root files) are refused, as
// are names that are not safe in an address.
package editorial

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gohugoio/hugo/parser/pageparser"

	"github.com/cablesite/cablesite/generator/annotate"
)

// Page is an editorial page read from its file.
type Page struct {
	// File is the page's file in the content folder: "about.md".
	File string
	// Path is the page's address from the site's root, "about/index.html";
	// "index.html" for the home page's introduction (Home).
	Path string
	// Slug names the page in search filters (in:slug): its path without
	// "/index.html", "about", "guides/reading"; "" for the home page.
	Slug string
	// Home is set for content/_index.md, the home page's introduction.
	Home bool

	Title       string
	Description string
	Menu        bool // listed in the navigation
	Weight      int  // its order in the menu
	Draft       bool
	// Cables are the ids a collection lists, in its order; nil when the
	// page is no collection. CablesLine is the front matter's line that
	// names them.
	Cables     []string
	CablesLine int

	// Body is the markdown after the front matter; BodyLine its first line
	// in the file.
	Body     []byte
	BodyLine int
	// Warnings are what the file holds that is ignored, "file:line: ...".
	Warnings []string
}

// IsCollection reports whether the page lists cables.
func (p *Page) IsCollection() bool { return p.Cables != nil }

// FeedPath returns the path of a collection's Atom feed, beside its page:
// "kosovo/feed.xml".
func (p *Page) FeedPath() string { return strings.TrimSuffix(p.Path, "index.html") + "feed.xml" }

// An Error is a page that cannot be read, at a line of its file.
type Error struct {
	Name string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg) }

// reserved are the first segments of the site's own addresses.
var reserved = map[string]bool{
	"cable": true, "date": true, "origin": true, "tag": true, "classification": true,
	"search": true, "assets": true, "search.html": true, "404.html": true, "index.html": true,
	"feed.xml": true, "robots.txt": true, "sitemap.xml": true,
}

// Reserved reports whether seg, the first segment of a path from the
// site's root, is the site's own: cable/, tag/, search/, index.html,
// sitemap.xml and the like (case aside). No editorial page or copied file
// may be there.
func Reserved(seg string) bool {
	seg = strings.ToLower(seg)
	return reserved[seg] || strings.HasPrefix(seg, "sitemap")
}

// safeSegment is what a folder or file name of a page may be: letters,
// digits, '-', '_' and '.', not starting with '.'.
var safeSegment = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$`)

// PathOf returns the address of the page of file (a slash-separated path
// in the content folder, ending in ".md"), and whether it is the home
// page's introduction; an error when the file can have no page.
func PathOf(file string) (p string, home bool, err error) {
	if !strings.HasSuffix(file, ".md") {
		return "", false, errors.New("not a markdown file")
	}
	dir, name := path.Split(strings.TrimSuffix(file, ".md"))
	dir = strings.TrimSuffix(dir, "/")
	if name == "_index" {
		if dir == "" {
			return "index.html", true, nil
		}
		p = dir + "/index.html"
	} else {
		p = path.Join(dir, name) + "/index.html"
	}
	segs := strings.Split(strings.TrimSuffix(p, "/index.html"), "/")
	for _, s := range segs {
		if !safeSegment.MatchString(s) {
			return "", false, fmt.Errorf("%q cannot be part of an address: use letters, digits, '-', '_' and '.'", s)
		}
	}
	if Reserved(segs[0]) {
		return "", false, fmt.Errorf("%s is the site's own address: rename the file", p)
	}
	return p, false, nil
}

// Read reads the page of file (its path in the content folder, "about.md")
// from data; name is how messages name the file
// ("content/about.md").
func Read(name, file string, data []byte) (*Page, error) {
	p := &Page{File: file}
	var err error
	if p.Path, p.Home, err = PathOf(file); err != nil {
		return nil, &Error{name, 1, err.Error()}
	}
	if !p.Home {
		p.Slug = strings.TrimSuffix(p.Path, "/index.html")
	}
	if !utf8.Valid(data) {
		return nil, &Error{name, 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n")), "not UTF-8 text"}
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	open, hasFM := frontMatterOpening(data)
	if !hasFM {
		p.Body, p.BodyLine = data, 1
		p.defaults()
		return p, nil
	}
	if open == "---" {
		// Hugo's YAML decoder expands aliases without a limit: a few
		// hundred bytes of them would take minutes and gigabytes.
		if fm, ok := yamlFrontMatter(data); ok {
			if line, err := annotate.CheckYAMLBounds(fm); err != nil {
				return nil, &Error{name, 1 + line, err.Error()}
			}
		}
	}
	cfm, err := pageparser.ParseFrontMatterAndContent(bytes.NewReader(data))
	if err != nil {
		return nil, lineError(name, 1, err)
	}
	if cfm.FrontMatterFormat == "" {
		return nil, &Error{name, 1, fmt.Sprintf("front matter opened by %q is not closed", open)}
	}
	p.Body = cfm.Content
	p.BodyLine = 1 + bytes.Count(data[:len(data)-len(cfm.Content)], []byte("\n"))
	if err := p.setKeys(name, data, cfm.FrontMatter); err != nil {
		return nil, err
	}
	p.defaults()
	return p, nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// frontMatterOpening returns how the front matter opens ("---", "+++",
// "{") when data has one.
func frontMatterOpening(data []byte) (string, bool) {
	t := bytes.TrimLeft(data, " \t\r\n")
	for _, open := range []string{"---", "+++"} {
		if line, _, _ := bytes.Cut(t, []byte("\n")); string(bytes.TrimRight(line, " \t\r")) == open {
			return open, true
		}
	}
	if bytes.HasPrefix(t, []byte("{")) {
		return "{", true
	}
	return "", false
}

// yamlFrontMatter returns the YAML between the "---" lines.
func yamlFrontMatter(data []byte) ([]byte, bool) {
	t := bytes.TrimLeft(data, " \t\r\n")
	_, rest, _ := bytes.Cut(t, []byte("\n"))
	for off := 0; off < len(rest); {
		line, _, _ := bytes.Cut(rest[off:], []byte("\n"))
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			return rest[:off], true
		}
		off += len(line) + 1
	}
	return nil, false
}

// yamlPosition is where Hugo's YAML decoder says an error is: "[3:8] ...".
var yamlPosition = regexp.MustCompile(`^\[(\d+):\d+\]\s*`)

// lineError makes err an *Error at its line: the YAML decoder's, counted
// from the front matter's first line (the file's second), or line.
func lineError(name string, line int, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	msg := err.Error()
	if m := yamlPosition.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = 1 + n
		msg = msg[len(m[0]):]
	}
	msg, _, _ = strings.Cut(msg, "\n") // the decoder's picture of the line
	return &Error{name, line, "front matter: " + strings.TrimSpace(msg)}
}

// setKeys reads the front matter's keys into p.
func (p *Page) setKeys(name string, data []byte, fm map[string]any) error {
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range fm {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		v := fm[k]
		line := keyLine(data, k)
		bad := func(want string) error {
			return &Error{name, line, fmt.Sprintf("front matter: %s: want %s, not %v", k, want, v)}
		}
		switch strings.ToLower(k) {
		case "title", "description":
			s, ok := v.(string)
			if !ok {
				return bad("text")
			}
			if strings.ToLower(k) == "title" {
				p.Title = strings.TrimSpace(s)
			} else {
				p.Description = strings.TrimSpace(s)
			}
		case "menu":
			switch m := v.(type) {
			case bool:
				p.Menu = m
			default:
				n, ok := toInt(v)
				if !ok {
					return bad("true, false or a number")
				}
				p.Menu, p.Weight = true, n
			}
		case "weight":
			n, ok := toInt(v)
			if !ok {
				return bad("a number")
			}
			p.Weight = n
		case "draft":
			b, ok := v.(bool)
			if !ok {
				return bad("true or false")
			}
			p.Draft = b
		case "cables":
			list, ok := v.([]any)
			if !ok {
				return bad("a list of cable ids, [07STATE126086, 09BOGOTA3441]")
			}
			p.Cables = make([]string, 0, len(list))
			for _, item := range list {
				id, ok := item.(string)
				if !ok {
					if n, isNum := toInt(item); isNum {
						id = strconv.Itoa(n) // an id of digits, unquoted
					} else {
						return bad("a list of cable ids")
					}
				}
				if id = strings.TrimSpace(id); id != "" && !slices.Contains(p.Cables, id) {
					p.Cables = append(p.Cables, id)
				}
			}
			p.CablesLine = line
		default:
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s:%d: front matter: %q is no key of an editorial page (title, description, menu, weight, cables, draft): ignored", name, line, k))
		}
	}
	return nil
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case uint64:
		return int(n), n <= 1<<31
	case float64:
		return int(n), n == float64(int(n))
	}
	return 0, false
}

// keyLine returns the line of the file where key is set, or 1.
func keyLine(data []byte, key string) int {
	re := regexp.MustCompile(`(?mi)^[ \t]*"?` + regexp.QuoteMeta(key) + `"?[ \t]*[:=]`)
	if loc := re.FindIndex(data); loc != nil {
		return 1 + bytes.Count(data[:loc[0]], []byte("\n"))
	}
	return 1
}

// defaults gives a page without a title one from its file's name:
// "methodology.md" is "Methodology", "reading-guide.md" "Reading guide".
func (p *Page) defaults() {
	if p.Title != "" {
		return
	}
	if p.Home {
		return
	}
	base := path.Base(strings.TrimSuffix(p.Path, "/index.html"))
	t := strings.NewReplacer("-", " ", "_", " ").Replace(base)
	r, n := utf8.DecodeRuneInString(t)
	p.Title = string(unicode.ToUpper(r)) + t[n:]
}
