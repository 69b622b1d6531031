// Package atom writes Atom 1.0 feeds (RFC 4287) in their final form:
// the bytes encoding/xml and then tdewolff/minify's XML minifier give
// (Append), written directly, without the encoder's reflection and the
// minifier's parsing; a feed whose values are not plain is left to
// encoding/xml (Encode) and the minifier of the site's writer.
// TestAtomAsMinified and FuzzAtomAsMinified hold the two together, and
// TestMirrorsVerified says when to run them again.
package atom

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"

	"github.com/cablesite/cablesite/internal/escape"
)

// The releases Append was last checked against: it writes what
// encoding/xml and then tdewolff/minify's XML minifier would.
// TestMirrorsVerified fails when either changes, and says what to run.
const (
	minifyVerified = "v2.24.25"
	goVerified     = "go1.26"
)

// A Feed is an Atom 1.0 feed (RFC 4287), as encoding/xml writes it
// (Encode), which escapes every text and replaces what XML cannot carry
// with U+FFFD.
type Feed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Links   []Link   `xml:"link"`
	Author  Person   `xml:"author"`
	Entries []Entry  `xml:"entry"`
}

// A Link is an Atom link.
type Link struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// A Person is an Atom person.
type Person struct {
	Name string `xml:"name"`
}

// A Entry is an Atom entry.
type Entry struct {
	Title      string     `xml:"title"`
	ID         string     `xml:"id"`
	Updated    string     `xml:"updated"`
	Links      []Link     `xml:"link"`
	Author     *Person    `xml:"author,omitempty"`
	Summary    string     `xml:"summary,omitempty"`
	Categories []Category `xml:"category"`
}

// A Category is an Atom category.
type Category struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// Append appends f to dst in its final form: the bytes encoding/xml
// and then the XML minifier would give (TestAtomAsMinified holds the two
// together), written directly, without the encoder's reflection and the
// minifier's parsing. It reports false, for the slow way, when a value is not plain (see
// plainXML): the minifier's handling of whitespace and of characters XML
// cannot carry is not worth repeating for the rare feed that needs it.
func Append(dst []byte, f *Feed) ([]byte, bool) {
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
	links := func(ls []Link) {
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
	author := func(p *Person) {
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

// Encode returns f as encoding/xml writes it, with the XML header: the
// form a feed Append declines is written in, for the site's writer to
// minify.
func Encode(f *Feed) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
