package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/layout"
	"github.com/cablesite/cablesite/internal/escape"
)

// The releases appendAtom was last checked against: it writes what
// encoding/xml and then tdewolff/minify's XML minifier would.
// TestMirrorsVerified fails when either changes, and says what to run.
const (
	atomMinifyVerified = "v2.24.25"
	atomGoVerified     = "go1.26"
)

// feedSize is how many cables a feed holds: the newest.
const feedSize = 50

// Atom 1.0 (RFC 4287), written with encoding/xml, which escapes every
// text and replaces what XML cannot carry with U+FFFD.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Summary    string         `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feed writes the Atom feed at path of the newest dated cables of list
// (oldest first; nil means the whole collection). tag names the TAG of a
// TAG's feed, "" for the collection's.
func (w *worker) feed(path, tag string, list []int32) error {
	title := w.b.site.Title + ": newest cables"
	if tag != "" {
		title += " tagged " + tag
	}
	return w.feedTitled(path, title, list)
}

// feedTitled writes the feed at path titled title of the newest dated
// cables of list (see feed).
func (w *worker) feedTitled(path, title string, list []int32) error {
	b, idx := w.b, w.b.idx
	if list == nil {
		list = idx.Order
	}
	root := layout.RootOf(path)
	f := atomFeed{
		Title:  title,
		ID:     b.feedID(path),
		Author: atomPerson{Name: b.site.Title},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.href(root, path)},
			{Rel: "alternate", Type: "text/html", Href: b.href(root, strings.TrimSuffix(path, "feed.xml")+"index.html")},
		},
	}
	var newest time.Time
	for i := len(list) - 1; i >= 0 && len(f.Entries) < feedSize; i-- {
		e := &idx.Entries[list[i]]
		if e.Date.IsZero() {
			continue
		}
		if newest.IsZero() {
			newest = e.Date
		}
		id := cable.CleanText(e.ID)
		title := e.Subject
		if title == "" {
			title = id
		}
		entry := atomEntry{
			Title:   title,
			ID:      b.cableID(e),
			Updated: e.Date.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: b.href(root, e.Page())}},
		}
		var sum []string
		sum = append(sum, id)
		if e.Origin >= 0 {
			name := idx.Origins.Terms[e.Origin].Name
			entry.Author = &atomPerson{Name: name}
			sum = append(sum, name)
		}
		if e.Class >= 0 {
			sum = append(sum, idx.Classes.Terms[e.Class].Name)
		}
		for _, ti := range e.Tags {
			tm := idx.Tags.Terms[ti]
			entry.Categories = append(entry.Categories, atomCategory{Term: tm.Name, Label: tm.Meaning})
		}
		entry.Summary = strings.Join(sum, ", ")
		f.Entries = append(f.Entries, entry)
	}
	// A feed's updated is its newest entry's date, never the time of the
	// build, so that the same content gives the same bytes.
	f.Updated = newest.UTC().Format(time.RFC3339)
	if newest.IsZero() {
		f.Updated = "1970-01-01T00:00:00Z"
	}
	if out, ok := appendAtom(w.feedBuf[:0], &f); ok {
		w.feedBuf = out
		return w.writeWhole(path, out)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	buf.WriteByte('\n')
	return b.write(path, buf.Bytes())
}

// appendAtom appends f to dst in its final form: the bytes encoding/xml
// and then the XML minifier would give (TestAtomAsMinified holds the two
// together), written directly, without the encoder's reflection and the
// minifier's parsing. It reports false, for the slow way, when a value is not plain (see
// plainXML): the minifier's handling of whitespace and of characters XML
// cannot carry is not worth repeating for the rare feed that needs it.
func appendAtom(dst []byte, f *atomFeed) ([]byte, bool) {
	ok := true
	text := func(tag, s string) {
		ok = ok && plainXML(s, false)
		dst = append(dst, '<')
		dst = append(dst, tag...)
		dst = append(dst, '>')
		dst = escape.AppendXMLMinified(dst, s)
		dst = append(dst, "</"...)
		dst = append(dst, tag...)
		dst = append(dst, '>')
	}
	attr := func(name, v string) {
		ok = ok && plainXML(v, true)
		dst = append(dst, ' ')
		dst = append(dst, name...)
		dst = append(dst, `="`...)
		dst = escape.AppendXMLMinified(dst, v)
		dst = append(dst, '"')
	}
	links := func(ls []atomLink) {
		for _, l := range ls {
			dst = append(dst, "<link"...)
			attr("rel", l.Rel)
			if l.Type != "" {
				attr("type", l.Type)
			}
			attr("href", l.Href)
			dst = append(dst, "/>"...)
		}
	}
	author := func(p *atomPerson) {
		dst = append(dst, "<author>"...)
		text("name", p.Name)
		dst = append(dst, "</author>"...)
	}
	dst = append(dst, `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">`...)
	text("title", f.Title)
	text("id", f.ID)
	text("updated", f.Updated)
	links(f.Links)
	author(&f.Author)
	for i := range f.Entries {
		e := &f.Entries[i]
		dst = append(dst, "<entry>"...)
		text("title", e.Title)
		text("id", e.ID)
		text("updated", e.Updated)
		links(e.Links)
		if e.Author != nil {
			author(e.Author)
		}
		if e.Summary != "" {
			text("summary", e.Summary)
		}
		for _, c := range e.Categories {
			dst = append(dst, "<category"...)
			attr("term", c.Term)
			if c.Label != "" {
				attr("label", c.Label)
			}
			dst = append(dst, "/>"...)
		}
		dst = append(dst, "</entry>"...)
	}
	dst = append(dst, "</feed>"...)
	return dst, ok
}

// plainXML reports whether s is a value the minifier would leave as
// encoding/xml escapes it, once its character references for quotes are
// read back: not empty (an empty element becomes <x/>), valid UTF-8 of
// characters XML carries, no whitespace but single spaces inside (the
// minifier collapses and trims the rest), and in an attribute no double
// quote (the minifier would pick the quotes).
func plainXML(s string, attr bool) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return false
		case r == ' ' && s[i+1] == ' ':
			return false
		case attr && r == '"':
			return false
		}
	}
	return true
}

// href returns the address of path in a file whose root is root: absolute
// with a base URL, relative without one (feed readers resolve it against
// the feed's own address).
func (b *Builder) href(root, path string) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + path
	}
	return root + path
}

// cableID is a cable's Atom id: its page's URL, or a URN naming it when
// the site's address is not known, by its id with every byte but
// [A-Za-z0-9._-] percent-encoded (SafeID would give a/b and a?b one).
func (b *Builder) cableID(e *index.Entry) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + e.Page()
	}
	const hex = "0123456789ABCDEF"
	id := []byte("urn:cablesite:cable:")
	for _, c := range []byte(e.ID) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' {
			id = append(id, c)
		} else {
			id = append(id, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(id)
}

func (b *Builder) feedID(path string) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + path
	}
	return "urn:cablesite:feed:" + strings.ReplaceAll(strings.TrimSuffix(path, ".xml"), "/", ":")
}
