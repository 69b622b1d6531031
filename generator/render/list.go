package render

import (
	"html/template"
	"strings"

	"github.com/cablesite/cablesite/internal/escape"
)

// The hashes of the stock templates the lists rendered in Go stand for
// (see goTemplates): "cablelist" and "crumbs" (base.html), "tags" and
// "thread" (cable.html).
const (
	cableListSHA256 = "a5b4d2a68e7130e316dbcf711fccfa101b6bda1349fe37c30270401843209bd4"
	crumbsSHA256    = "c2ac07cba47b69d0962b30731f1589debee10a8f9bf54b4b4dc2a9712f7842c3"
	tagsSHA256      = "574e4f4c28379fdcd4ade30bf3c52515743e5323cc404abcb0511d9a370c42af"
	threadSHA256    = "862afc349d1eb37f4dace06c2d79d78d5092a049eda038bc9ed5f7e258eb425e"
)

// CableList is a list of cables as list pages show them. Templates may
// range over it, or write {{.Cables.HTML}}: the same list rendered in Go,
// which is several times faster than html/template's per-value escaping
// for the hundred rows of every list page. It is what the stock partial
// "cablelist" (base.html) gives, and stands for it while that is the
// stock one (see goTemplates).
type CableList []CableLink

// HTML returns the list as an ordered list, each cable a link with its
// date, id, origin and classification, every value escaped: the bytes of
// the stock partial "cablelist" (TestCableListHTML).
func (l CableList) HTML() template.HTML {
	var b strings.Builder
	b.Grow(64 + 256*len(l))
	l.write(&b, "\n", escape.WriteHTML)
	return template.HTML(b.String())
}

// MinifiedHTML returns the list as HTML does, in the form the minifier
// gives it: without the newlines between items, and with quotes in texts
// left as they are. A build splices it into list pages past the minifier.
func (l CableList) MinifiedHTML() template.HTML {
	var b strings.Builder
	b.Grow(64 + 256*len(l))
	l.write(&b, "", writeText)
	return template.HTML(b.String())
}

// write writes the list to b with nl between items and text escaping its
// texts.
func (l CableList) write(b *strings.Builder, nl string, text func(*strings.Builder, string)) {
	b.WriteString(`<ol class="cables">`)
	for i := range l {
		c := &l[i]
		b.WriteString(nl)
		b.WriteString(`<li><a href="`)
		writeURL(b, c.Href)
		b.WriteString(`">`)
		text(b, c.Title)
		// The newline between the link and the line under it is a
		// space, which the minifier keeps.
		b.WriteString("</a>\n<span class=\"sub\">")
		if c.Date.Day != "" {
			b.WriteString(`<time datetime="`)
			escape.WriteHTML(b, c.Date.ISO)
			b.WriteString(`">`)
			text(b, c.Date.Day)
			b.WriteString(`</time> · `)
		}
		b.WriteString(`<span class="id">`)
		text(b, c.ID)
		b.WriteString(`</span>`)
		if c.Origin != "" {
			b.WriteString(` · `)
			text(b, c.Origin)
		}
		if c.Classification != "" {
			b.WriteString(` · `)
			text(b, c.Classification)
		}
		b.WriteString(`</span></li>`)
	}
	b.WriteString(nl)
	b.WriteString(`</ol>`)
}

// writeText writes s escaped as HTML text, as the minifier leaves text:
// < as a character reference, & only where what follows could be read as
// one (a letter, a digit or #), everything else as it is; NUL becomes
// U+FFFD, as html/template makes it.
func writeText(b *strings.Builder, s string) { writeMinimal(b, s, 0, "") }

// writeAttr writes s as a quoted attribute value, as the minifier writes
// one: in double quotes, or in single quotes when s holds more double
// quotes than single ones, the quote escaped as a character reference;
// & escaped only where it could start one (see writeText); NUL as U+FFFD.
func writeAttr(b *strings.Builder, s string) {
	q, esc := byte('"'), "&#34;"
	if doubles := strings.Count(s, `"`); doubles > 0 && doubles > strings.Count(s, "'") {
		q, esc = '\'', "&#39;"
	}
	b.WriteByte(q)
	writeMinimal(b, s, q, esc)
	b.WriteByte(q)
}

// writeMinimal writes s with & escaped where it could start a character
// reference and NUL as U+FFFD; in text (quote 0) with < escaped, in an
// attribute value with quote written as esc.
func writeMinimal(b *strings.Builder, s string, quote byte, esc string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch c := s[i]; {
		case c == '&':
			if !startsReference(s[i+1:]) {
				continue
			}
			rep = "&amp;"
		case c == 0:
			rep = "\uFFFD"
		case quote == 0 && c == '<':
			rep = "&lt;"
		case quote != 0 && c == quote:
			rep = esc
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// startsReference reports whether an & followed by s could be read as
// the start of a character reference.
func startsReference(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '#'
}

// writeURL writes a link of the site as a quoted href value, as
// html/template would: a URL with a scheme other than http, https or
// mailto becomes "#ZgotmplZ", bytes a URL may not hold are
// percent-encoded, and the rest is escaped for the attribute.
func writeURL(b *strings.Builder, u string) {
	if i := strings.IndexAny(u, ":/?#"); i >= 0 && u[i] == ':' {
		switch strings.ToLower(u[:i]) {
		case "http", "https", "mailto":
		default:
			b.WriteString("#ZgotmplZ")
			return
		}
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case strings.IndexByte("-._~/:?#[]@!$*+,;=%", c) >= 0:
			b.WriteByte(c)
		case c == '&':
			b.WriteString("&amp;")
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// Thread is a cable's references, or the cables citing it, as its page
// lists them. Templates may range over it, or write {{.References.HTML}}:
// the items rendered in Go, as the stock template "thread" (cable.html)
// gives them (see CableList).
type Thread []ThreadItem

// HTML returns the items of the thread as <li> elements, each preceded by
// a newline, for an <ol>: the date, the id (linked when the cable is in the
// collection, with a note when it is not), the label; an item not in the
// collection has the class "absent". Every value is escaped.
func (th Thread) HTML() template.HTML {
	var b strings.Builder
	b.Grow(160 * len(th))
	th.write(&b, "\n", escape.WriteHTML)
	return template.HTML(b.String())
}

// write writes the items to b, each preceded by nl, their texts with text
// (see TagList.write).
func (th Thread) write(b *strings.Builder, nl string, text func(*strings.Builder, string)) {
	for i := range th {
		it := &th[i]
		b.WriteString(nl)
		b.WriteString("<li")
		if it.Href == "" {
			b.WriteString(` class="absent"`)
		}
		b.WriteByte('>')
		if it.Date.Day != "" {
			b.WriteString(`<time datetime="`)
			escape.WriteHTML(b, it.Date.ISO)
			b.WriteString(`">`)
			text(b, it.Date.Day)
			b.WriteString(`</time> `)
		}
		switch {
		case it.Href != "":
			b.WriteString(`<a class="id" href="`)
			writeURL(b, it.Href)
			b.WriteString(`">`)
			text(b, it.ID)
			b.WriteString(`</a>`)
		case it.ID != "":
			b.WriteString(`<span class="id">`)
			text(b, it.ID)
			b.WriteString(`</span>`)
		}
		if it.Label != "" {
			if it.Href != "" || it.ID != "" {
				b.WriteByte(' ')
			}
			text(b, it.Label)
		}
		if it.ID != "" && it.Href == "" {
			b.WriteString(` <span class="note">(not in this collection)</span>`)
		}
		b.WriteString(`</li>`)
	}
}

// Crumbs is the way from the home page down to a page's parent. Templates
// may range over it, or write {{.Crumbs.HTML}}: its links rendered in Go
// as <li> elements, as the stock partial "crumbs" (base.html) gives them
// (see CableList).
type Crumbs []Link

// HTML returns each link as an <li> holding an <a>, every value escaped.
func (cs Crumbs) HTML() template.HTML {
	var b strings.Builder
	b.Grow(64 * len(cs))
	cs.write(&b, escape.WriteHTML)
	return template.HTML(b.String())
}

// write writes the crumbs to b, their texts with text (see TagList.write).
func (cs Crumbs) write(b *strings.Builder, text func(*strings.Builder, string)) {
	for i := range cs {
		b.WriteString(`<li><a href="`)
		writeURL(b, cs[i].Href)
		b.WriteString(`">`)
		text(b, cs[i].Text)
		b.WriteString(`</a></li>`)
	}
}

// TagList is a cable's TAGS. Templates may range over it, or write
// {{.Tags.HTML}}: its terms rendered in Go as <li> elements, each a link
// with the TAG's meaning, as the stock template "tags" (cable.html) gives
// them (see CableList).
type TagList []TermLink

// HTML returns each TAG as an <li> holding its link and meaning, every
// value escaped.
func (ts TagList) HTML() template.HTML {
	var b strings.Builder
	b.Grow(128 * len(ts))
	ts.write(&b, escape.WriteHTML)
	return template.HTML(b.String())
}

// write writes the list to b, its texts with text (escape.WriteHTML, as
// templates escape them, or writeText, as the minifier would leave them).
func (ts TagList) write(b *strings.Builder, text func(*strings.Builder, string)) {
	for i := range ts {
		t := &ts[i]
		b.WriteString(`<li><a href="`)
		writeURL(b, t.Href)
		b.WriteString(`">`)
		text(b, t.Name)
		b.WriteString(`</a>`)
		if t.Meaning != "" {
			b.WriteString(` <span class="meaning">`)
			text(b, t.Meaning)
			b.WriteString(`</span>`)
		}
		b.WriteString(`</li>`)
	}
}
