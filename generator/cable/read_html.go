package cable

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode/utf8"
)

// A Cablegate page (cablegate.wikileaks.org, 2010 and 2011 generations) is
// some 60 KB of sidebar around three things that matter:
//
//	<table class='cable'> <tr><th>Reference ID</th>…<th>Origin</th></tr>
//	                      <tr><td><a href=…>07BERN258</a></td>…</tr>
//	                      [<tr><td colspan='5'>Appears in these articles:<br />
//	                           <a href='…'>…</a><br />…</td></tr>]
//	</table>
//	<code><pre>routing header, newlines written as &#x000A;</pre></code>
//	<code><pre>body, TAGS as <a href='/tag/X_0.html'>X</a>, paragraph
//	           anchors <a id='par1' href='#par1'>¶</a></pre></code>
//
// Some pages have only the body <pre>; on "partial extract" pages the first
// <pre> is a notice instead of a routing header. Some bodies are instead a
// tab-separated dump of the whole database row (see splitDump).
//
// The pages do not escape the cable text: a bare '&' or '<' in a <pre> is
// the cable's own, so only complete entities (with their ';') are decoded
// and only HTML elements are stripped, not every '<'. A careful scanner
// rather than an HTML tokenizer keeps those bytes and jumps over the
// sidebar with a few byte searches.

// readHTML reads one page as one record.
func readHTML(name string, r io.Reader, yield func(Record, error) bool) {
	page, err := readAll(name, r)
	if err != nil {
		yield(Record{Pos: Pos{File: name, Line: 1}, Format: FormatHTML}, err)
		return
	}
	yield(readPage(name, page))
}

// readPage extracts the record of a Cablegate page.
func readPage(name string, page []byte) (Record, error) {
	rec := Record{Pos: Pos{File: name, Line: 1}, Format: FormatHTML}
	if len(bytes.TrimSpace(page)) == 0 {
		return rec, &RecordError{rec.Pos, ErrEmpty}
	}
	from := 0
	tStart, tEnd := findCableTable(page)
	if tStart >= 0 {
		rec.Pos.Line = lineAt(page, tStart)
		rec.Meta = tableMeta(page[tStart:tEnd])
		from = tEnd
	}
	pres := findPres(page, from)
	switch {
	case len(pres) == 0 && tStart < 0:
		return rec, notCableError(name, "an HTML page with no cable table and no <pre> text")
	case len(pres) == 0:
		return rec, &RecordError{rec.Pos, fmt.Errorf("%w: a cable table but no <pre> text", ErrNoCable)}
	}
	texts := make([][]byte, len(pres))
	for i, p := range pres {
		texts[i] = preText(make([]byte, 0, p.end-p.start), page[p.start:p.end])
	}
	last := len(texts) - 1
	rec.TextLine = lineAt(page, pres[last].tag)
	if d, ok := splitDump(texts[last]); ok {
		// The dump holds the header itself; a header <pre> beside it
		// repeats it.
		texts = [][]byte{d.header, d.body}
		fillFromDump(&rec.Meta, d)
	}
	rec.Text = bytes.Join(texts, []byte("\n\n"))
	return rec, nil
}

// lineAt is the 1-based line of byte offset off.
func lineAt(b []byte, off int) int { return bytes.Count(b[:off], []byte{'\n'}) + 1 }

// findCableTable returns the byte range of the page's <table class='cable'>
// (from its '<' to after its </table>), or -1, -1. A table left open ends
// at the first <pre>, or with the page.
func findCableTable(page []byte) (start, end int) {
	for i := 0; ; {
		t, ok := nextTagNamed(page, i, "table")
		if !ok {
			return -1, -1
		}
		i = t.end
		if !hasClass(page[t.start:t.end], "cable") {
			continue
		}
		// A cable may quote a </table> of its own inside a <pre>.
		end := len(page)
		if p, ok := nextTagNamed(page, t.end, "pre"); ok {
			end = p.start
		}
		if c, ok := nextTagNamed(page[:end], t.end, "/table"); ok {
			end = c.end
		}
		return t.start, end
	}
}

// hasClass reports whether the start tag tag has class among its classes.
func hasClass(tag []byte, class string) bool {
	v, ok := attr(tag, "class")
	if !ok {
		return false
	}
	for _, c := range strings.Fields(v) {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

// tableMeta reads the metadata table: a header row of <th> naming the
// columns, a row of <td> values, and an optional row listing articles.
func tableMeta(table []byte) Meta {
	var m Meta
	// The 2010 and 2011 pages use this order; a header row overrides it.
	cols := []string{"reference id", "created", "released", "classification", "origin"}
	for _, row := range tableRows(table) {
		if len(row) == 0 {
			continue
		}
		if row[0].header {
			cols = cols[:0]
			for _, c := range row {
				cols = append(cols, strings.ToLower(cellText(c.raw)))
			}
			continue
		}
		if len(row) == 1 && bytes.Contains(row[0].raw, []byte("articles")) {
			m.Articles = append(m.Articles, articleLinks(row[0].raw)...)
			continue
		}
		for i, c := range row {
			if i >= len(cols) {
				break
			}
			v := cellText(c.raw)
			switch cols[i] {
			case "reference id", "reference", "id":
				m.ID = v
			case "created", "date":
				m.Created = v
			case "released":
				m.Released = v
			case "classification":
				m.Classification = v
			case "origin":
				m.Origin = v
			}
		}
	}
	return m
}

type tableCell struct {
	header bool   // a <th>
	raw    []byte // the markup between the cell's tags
}

// tableRows splits a table into rows of cells. End tags are optional, as
// in HTML: a cell ends at the next cell, row or table tag.
func tableRows(table []byte) [][]tableCell {
	var rows [][]tableCell
	cellStart := -1
	var header bool
	closeCell := func(at int) {
		if cellStart < 0 {
			return
		}
		if len(rows) == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], tableCell{header, table[cellStart:at]})
		cellStart = -1
	}
	for i := 0; ; {
		t, ok := nextTag(table, i)
		if !ok {
			break
		}
		i = t.end
		switch t.name {
		case "tr":
			closeCell(t.start)
			rows = append(rows, nil)
		case "td", "th":
			closeCell(t.start)
			cellStart, header = t.end, t.name == "th"
		case "/td", "/th", "/tr", "/table":
			closeCell(t.start)
		}
	}
	closeCell(len(table))
	return rows
}

// cellText is the text of a table cell: tags stripped, entities decoded,
// white space collapsed.
func cellText(raw []byte) string {
	var b []byte
	for i := 0; i < len(raw); {
		if raw[i] == '<' {
			if t, ok := tagAt(raw, i); ok {
				b = append(b, ' ')
				i = t.end
				continue
			}
		}
		if raw[i] == '&' {
			if s, n := entityAt(raw, i); n > 0 {
				b = append(b, s...)
				i += n
				continue
			}
		}
		b = append(b, raw[i])
		i++
	}
	return strings.Join(strings.Fields(string(b)), " ")
}

// articleLinks returns the targets of the links in the "Appears in these
// articles" cell. The 2011 pages double the scheme of most of them
// (http://http://www.spiegel.de); the duplicate is dropped.
func articleLinks(raw []byte) []string {
	var links []string
	for i := 0; ; {
		t, ok := nextTagNamed(raw, i, "a")
		if !ok {
			return links
		}
		i = t.end
		href, ok := attr(raw[t.start:t.end], "href")
		if !ok || href == "" {
			continue
		}
		for _, scheme := range []string{"http://", "https://"} {
			if rest, ok := strings.CutPrefix(href, scheme); ok &&
				(strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://")) {
				href = rest
			}
		}
		links = append(links, href)
	}
}

// preBlock is a <pre> of a page: tag is the offset of its '<', start and
// end those of its content.
type preBlock struct{ tag, start, end int }

// findPres returns the <pre> blocks after offset from; the content of each
// runs from after its start tag to its </pre>, or to the end of a
// truncated page.
func findPres(page []byte, from int) []preBlock {
	var pres []preBlock
	for i := from; ; {
		t, ok := nextTagNamed(page, i, "pre")
		if !ok {
			return pres
		}
		end := len(page)
		i = len(page)
		if c, ok := nextTagNamed(page, t.end, "/pre"); ok {
			end, i = c.start, c.end
		}
		start := t.end
		// As in HTML, a newline right after <pre> is not content.
		if bytes.HasPrefix(page[start:end], []byte("\r\n")) {
			start += 2
		} else if start < end && page[start] == '\n' {
			start++
		}
		pres = append(pres, preBlock{t.start, start, end})
	}
}

// preText appends to dst the text of a <pre>'s content: HTML elements
// stripped (a TAGS link gives its text, a paragraph anchor its ¶), complete
// entities decoded, every other byte kept as it is.
func preText(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		j := bytes.IndexAny(raw[i:], "<&")
		if j < 0 {
			return append(dst, raw[i:]...)
		}
		dst = append(dst, raw[i:i+j]...)
		i += j
		if raw[i] == '<' {
			if t, ok := tagAt(raw, i); ok && (t.name == "!--" || htmlElement(strings.TrimPrefix(t.name, "/"))) {
				i = t.end
				continue
			}
		} else if s, n := entityAt(raw, i); n > 0 {
			dst = append(dst, s...)
			i += n
			continue
		}
		dst = append(dst, raw[i])
		i++
	}
	return dst
}

// htmlElement reports whether name is an HTML element that may appear in a
// page's <pre>: the generator's links and anchors, and the markup some
// cables carried from the e-mail they were pasted from. Other '<…>' text,
// such as <<142612>> or <SIC>, is the cable's own.
func htmlElement(name string) bool {
	switch strings.ToLower(name) {
	case "a", "abbr", "b", "big", "blockquote", "body", "br", "center", "code", "col", "colgroup",
		"dd", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr",
		"html", "i", "img", "li", "nobr", "ol", "p", "s", "small", "span", "strike", "strong",
		"sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "tt", "u",
		"ul", "wbr":
		return true
	}
	return false
}

// tag is one tag of a page: name is lower case, with a leading '/' for an
// end tag, "!--" for a comment and "!" for a doctype.
type tag struct {
	name       string
	start, end int // from '<' to after '>'
}

// nextTag finds the first tag at or after offset i.
func nextTag(b []byte, i int) (tag, bool) {
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if t, ok := tagAt(b, i); ok {
			return t, true
		}
		i++
	}
	return tag{}, false
}

// nextTagNamed finds the first tag called name at or after offset i,
// without the cost of naming the tags it passes.
func nextTagNamed(b []byte, i int, name string) (tag, bool) {
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if k := i + 1 + len(name); k <= len(b) && bytes.EqualFold(b[i+1:k], []byte(name)) &&
			(k == len(b) || !nameByte(b[k])) {
			if t, ok := tagAt(b, i); ok {
				return t, true
			}
		}
		i++
	}
	return tag{}, false
}

// tagAt reads the tag starting at b[i] == '<': a start or end tag whose
// name starts with a letter, a comment, or a doctype. Quoted attribute
// values may hold '>'.
func tagAt(b []byte, i int) (tag, bool) {
	rest := b[i+1:]
	if bytes.HasPrefix(rest, []byte("!--")) {
		end := bytes.Index(rest[3:], []byte("-->"))
		if end < 0 {
			return tag{}, false
		}
		return tag{"!--", i, i + 1 + 3 + end + 3}, true
	}
	n := 0
	if len(rest) > 0 && (rest[0] == '/' || rest[0] == '!') {
		n = 1
	}
	if n >= len(rest) || !letterByte(rest[n]) {
		return tag{}, false
	}
	for n < len(rest) && nameByte(rest[n]) {
		n++
	}
	name := strings.ToLower(string(rest[:n]))
	var quote byte
	for k := n; k < len(rest); k++ {
		switch c := rest[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return tag{name, i, i + 1 + k + 1}, true
		case c == '<':
			// An unclosed '<' is text; do not swallow the next tag.
			return tag{}, false
		}
	}
	return tag{}, false
}

func nameByte(c byte) bool { return letterByte(c) || digitByte(c) || c == '-' || c == ':' }

// attr returns the value of attribute name in a start tag.
func attr(tag []byte, name string) (string, bool) {
	// Skip the tag name.
	i := 1
	for i < len(tag) && nameByte(tag[i]) {
		i++
	}
	for i < len(tag) {
		for i < len(tag) && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r' || tag[i] == '/') {
			i++
		}
		k := i
		for i < len(tag) && tag[i] != '=' && tag[i] != '>' && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' {
			i++
		}
		key := tag[k:i]
		if i >= len(tag) || tag[i] != '=' {
			if i < len(tag) && tag[i] == '>' {
				return "", false
			}
			continue
		}
		i++
		var val []byte
		if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
			q := tag[i]
			e := bytes.IndexByte(tag[i+1:], q)
			if e < 0 {
				return "", false
			}
			val = tag[i+1 : i+1+e]
			i += e + 2
		} else {
			v := i
			for i < len(tag) && tag[i] != ' ' && tag[i] != '>' && tag[i] != '\t' && tag[i] != '\n' {
				i++
			}
			val = tag[v:i]
		}
		if bytes.EqualFold(key, []byte(name)) {
			return string(preText(nil, val)), true
		}
	}
	return "", false
}

// entityAt decodes the character reference at b[i] == '&': numeric
// (&#x000A;, &#10;) or named (&amp;), only when complete with its ';'. It
// returns the bytes it stands for and its length, or n == 0 for a bare '&'.
func entityAt(b []byte, i int) (s []byte, n int) {
	const maxEntity = 34 // "&CounterClockwiseContourIntegral;" is the longest
	j := i + 1
	for j < len(b) && j-i < maxEntity && (letterByte(b[j]) || digitByte(b[j]) || (j == i+1 && b[j] == '#')) {
		j++
	}
	if j >= len(b) || b[j] != ';' || j == i+1 {
		return nil, 0
	}
	ent := b[i : j+1]
	if ent[1] == '#' {
		if r, ok := numericRef(ent[2 : len(ent)-1]); ok {
			return utf8.AppendRune(nil, r), len(ent)
		}
	}
	// Named references, and the numeric ones HTML remaps (&#150; is the
	// Windows-1252 en dash; &#0; is U+FFFD).
	out := html.UnescapeString(string(ent))
	if out == string(ent) {
		return nil, 0
	}
	// "&notit;" is not a reference; html would decode its "&not" prefix.
	if strings.HasSuffix(out, ";") && out != ";" {
		return nil, 0
	}
	return []byte(out), len(ent)
}

// numericRef parses the digits of &#…; (x000A or 10) when they name a
// character that HTML does not remap.
func numericRef(d []byte) (rune, bool) {
	base := 10
	if len(d) > 0 && (d[0] == 'x' || d[0] == 'X') {
		base, d = 16, d[1:]
	}
	if len(d) == 0 || len(d) > 8 {
		return 0, false
	}
	var v rune
	for _, c := range d {
		var x rune
		switch {
		case digitByte(c):
			x = rune(c - '0')
		case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
			x = rune(c|0x20-'a') + 10
		default:
			return 0, false
		}
		v = v*rune(base) + x
	}
	if v == 0 || (0x80 <= v && v <= 0x9f) || !utf8.ValidRune(v) {
		return 0, false
	}
	return v, true
}

// dump is a page body that is the whole database row, tab-separated:
//
//	2007-03-16 07:49:00 \t 07BERN258 \t Embassy Bern \t CONFIDENTIAL \t refs \t header \t body
//
// with a backslash before each newline of header and body.
type dump struct {
	created, id, origin, classification string
	refs                                []string
	header, body                        []byte
}

// splitDump recognises and splits a dump body.
func splitDump(text []byte) (dump, bool) {
	// "2007-03-16 07:49:00\t": the timestamp is what tells a dump from a
	// cable, none of which starts with one followed by a tab.
	const stamp = "0000-00-00 00:00"
	if len(text) < len(stamp)+1 {
		return dump{}, false
	}
	for i := 0; i < len(stamp); i++ {
		if (stamp[i] == '0' && !digitByte(text[i])) || (stamp[i] != '0' && stamp[i] != text[i]) {
			return dump{}, false
		}
	}
	f := bytes.SplitN(text, []byte{'\t'}, 7)
	if len(f) < 7 {
		return dump{}, false
	}
	if sec := f[0][len(stamp):]; len(sec) != 0 && (len(sec) != 3 || sec[0] != ':' || !digitByte(sec[1]) || !digitByte(sec[2])) {
		return dump{}, false
	}
	d := dump{
		created:        string(f[0]),
		id:             string(bytes.TrimSpace(f[1])),
		origin:         string(bytes.TrimSpace(f[2])),
		classification: string(bytes.TrimSpace(f[3])),
		header:         unContinue(f[5]),
		body:           unContinue(f[6]),
	}
	d.refs = strings.FieldsFunc(string(f[4]), func(r rune) bool {
		return r == '|' || r == ',' || r == ';' || r == ' ' || r == '\n'
	})
	return d, true
}

// unContinue removes the backslash the dump writes before each newline,
// and the one left at the end of the field.
func unContinue(b []byte) []byte {
	out := bytes.ReplaceAll(b, []byte("\\\n"), []byte("\n"))
	return bytes.TrimSuffix(out, []byte{'\\'})
}

// fillFromDump completes the table's metadata with the dump's. The table
// wins where both give a field: it is what the page shows.
func fillFromDump(m *Meta, d dump) {
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&m.ID, d.id)
	fill(&m.Created, d.created)
	fill(&m.Origin, d.origin)
	fill(&m.Classification, d.classification)
	if len(m.References) == 0 {
		m.References = d.refs
	}
}
