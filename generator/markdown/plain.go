package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// The plain path. Nearly every body annotate writes is paragraphs of
// text, a list of references and redactions, and goldmark, which parses
// any CommonMark, took a fifth of a build's time over them. renderPlain
// writes the HTML goldmark and the extension would, byte for byte, for a
// body made only of
//
//   - ATX headings ("## Summary") of one line, with their ids;
//   - paragraphs of lines that open no other block, with no markdown
//     syntax in them but the links annotate writes: [TEXT][redacted] and
//     [TEXT](cable:ID), TEXT without brackets;
//   - tight lists of "- " items of such text;
//   - the definition [redacted]: #redacted;
//
// and declines any other body, which goldmark renders. It declines on
// sight of anything it is unsure of: any character that can open markdown
// syntax (` * _ < ~ | ![, & that could start a character reference, \
// before anything but ASCII punctuation), any line that could open
// another block (leading space, #, >, -, +, =, a number and . or )), a
// hard line break, control characters, invalid UTF-8, a list that could
// be loose, a backslash or bracket in a link's text, a heading whose id
// could meet a paragraph's. TestPlainAsGoldmark, TestPlainCorpus (the
// real corpus and 2,000 synthcables cables: all but one body in each take
// the plain path) and FuzzPlainAsGoldmark hold it to goldmark.

// goldmarkVerified is the goldmark release the plain path was last held
// to; TestMirrorsVerified fails when go.mod requires another, and says
// what to run (MAINTAINING.md).
const goldmarkVerified = "v1.8.7"

const redactedDefinition = "[" + redactedLabel + "]: " + redactedDestination

// renderPlain appends the HTML of body to out and reports true when body
// is plain; otherwise it reports false, and what it appended is to be
// dropped.
func renderPlain(out *bytes.Buffer, body []byte, res Resolver) bool {
	if !plainBytes(body) {
		return false
	}
	var (
		ids       paragraphIDs
		headings  headingIDs
		afterList bool // the previous block was a list or a definition
	)
	for rest := body; len(rest) > 0; {
		if rest[0] == '\n' {
			rest = rest[1:]
			continue
		}
		var block []byte
		if end := bytes.Index(rest, []byte("\n\n")); end >= 0 {
			block, rest = rest[:end], rest[end+2:]
		} else {
			block, rest = bytes.TrimSuffix(rest, []byte("\n")), nil
		}
		switch {
		case definitions(block):
			afterList = true
		case block[0] == '#':
			if !plainHeading(out, block, res, &headings) {
				return false
			}
			afterList = false
		case bytes.HasPrefix(block, []byte("- ")):
			if afterList || !plainList(out, block, res) {
				return false
			}
			afterList = true
		default:
			if !plainParagraph(out, block, res, &ids) {
				return false
			}
			afterList = false
		}
	}
	return true
}

// plainBytes reports whether body holds none of the characters that could
// open markdown syntax the plain path does not write. A backslash escape
// of ASCII punctuation is text.
func plainBytes(body []byte) bool {
	for i := 0; i < len(body); i++ {
		if !unusual[body[i]] {
			continue
		}
		switch c := body[i]; c {
		case '\n':
		case '\\':
			if i+1 == len(body) || !isPunct(body[i+1]) {
				return false // a hard line break, or a backslash as it is
			}
			i++
		case '`', '*', '_', '<', '~', '|':
			return false
		case '&':
			if entity(body[i+1:]) {
				return false
			}
		case '!':
			if i+1 < len(body) && body[i+1] == '[' {
				return false // an image
			}
		default:
			if c < 0x20 {
				return false
			}
		}
	}
	return utf8.Valid(body)
}

// unusual marks the bytes plainBytes looks at: all but those of plain
// text (letters, digits, spaces, most punctuation, UTF-8 sequences).
var unusual = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte("\\`*_<~|&!") {
		t[c] = true
	}
	return t
}()

// isPunct reports whether c is ASCII punctuation, which a backslash
// escapes.
func isPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}

// entity reports whether what follows an & could make it a character
// reference: letters or digits, maybe after # or #x, then a semicolon.
func entity(s []byte) bool {
	i := 0
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	j := i
	for j < len(s) && (isLetter(s[j]) || '0' <= s[j] && s[j] <= '9') {
		j++
	}
	return j > i && j < len(s) && s[j] == ';'
}

// endOfLine returns line without its trailing spaces, which goldmark
// drops; false when there are two or more before a line that follows
// (last is false): a hard line break.
func endOfLine(line []byte, last bool) ([]byte, bool) {
	trimmed := bytes.TrimRight(line, " ")
	if !last && len(line)-len(trimmed) > 1 {
		return nil, false
	}
	return trimmed, true
}

// opensBlock reports whether a line could open a block other than a
// paragraph, or continue one in a way the plain path does not write: a
// table's delimiter row, for one, starts with ' ', '-', '|' or ':'.
func opensBlock(line []byte) bool {
	switch line[0] {
	case ' ', '#', '>', '-', '+', '*', '=', '_', '`', '~', '<', '|', ':':
		return true
	}
	i := 0
	for i < len(line) && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	return i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')')
}

// definitions reports whether block is only [redacted]: #redacted lines,
// which goldmark consumes without a trace.
func definitions(block []byte) bool {
	for line := range bytes.SplitSeq(block, []byte("\n")) {
		if string(line) != redactedDefinition {
			return false
		}
	}
	return true
}

// plainParagraph writes a paragraph, with its anchor and marking when it
// opens with ¶N. (see anchorParagraphs).
func plainParagraph(out *bytes.Buffer, block []byte, res Resolver, ids *paragraphIDs) bool {
	first, more, _ := bytes.Cut(block, []byte("\n"))
	if opensBlock(first) {
		return false
	}
	first, ok := endOfLine(first, len(more) == 0)
	if !ok {
		return false
	}
	if start, ok := parseParagraphStart(firstText(first)); ok {
		id := ids.next(start.n)
		out.WriteString(`<p id="`)
		out.WriteString(id)
		out.WriteString(`" class="par">`)
		writeParagraphNumber(out, id, start.n)
		if start.marking != "" {
			class, title := classifyMarking(start.marking)
			writeMarking(out, start.marking, class, title)
		}
		first = first[start.consumed:]
	} else {
		out.WriteString("<p>")
	}
	if !plainInline(out, first, res) {
		return false
	}
	for len(more) > 0 {
		var line []byte
		line, more, _ = bytes.Cut(more, []byte("\n"))
		if opensBlock(line) {
			return false
		}
		if line, ok = endOfLine(line, len(more) == 0); !ok {
			return false
		}
		out.WriteByte('\n')
		if !plainInline(out, line, res) {
			return false
		}
	}
	out.WriteString("</p>\n")
	return true
}

// firstText returns what of line goldmark makes its first text node,
// which parseParagraphStart then reads. Of the characters plainBytes lets
// through, goldmark tries its link parser on an unescaped [, ] or !. A [
// always opens a label, so the text ends before it. A ! not before a [
// (plainBytes lets no other through), or a ] with no [ before it, is
// tried in vain: the text before it is merged into the first node, and
// the scan goes on. The text after the last such try is a node of its
// own, since goldmark appends the end of a line without merging it.
func firstText(line []byte) []byte {
	if !bytes.HasPrefix(line, []byte("¶")) {
		return nil // not a paragraph number, wherever the text ends
	}
	end := len(line)
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[':
			return line[:i]
		case '!', ']':
			end = i
		}
	}
	return line[:end]
}

// plainHeading writes a block that is one ATX heading, "## Summary",
// with the id goldmark gives it.
func plainHeading(out *bytes.Buffer, block []byte, res Resolver, ids *headingIDs) bool {
	level := 0
	for level < len(block) && block[level] == '#' {
		level++
	}
	if level > 6 || level == len(block) || block[level] != ' ' || bytes.IndexByte(block, '\n') >= 0 {
		return false
	}
	text := bytes.Trim(block[level:], " ")
	if len(text) == 0 || text[len(text)-1] == '#' {
		return false // empty, or a closing sequence
	}
	id := ids.next(text)
	if strings.HasPrefix(id, "par") {
		return false // it could take a paragraph's id, and be renamed
	}
	tag := "h" + string(rune('0'+level))
	out.WriteString("<" + tag + ` id="`)
	out.WriteString(id)
	out.WriteString(`">`)
	if !plainInline(out, text, res) {
		return false
	}
	out.WriteString("</" + tag + ">\n")
	return true
}

// headingIDs gives headings the ids goldmark's parser.WithAutoHeadingID
// does, with goldmark's own generator, made on the first heading.
type headingIDs struct{ ids parser.IDs }

func (h *headingIDs) next(text []byte) string {
	if h.ids == nil {
		h.ids = parser.NewContext().IDs()
	}
	return string(h.ids.Generate(text, ast.KindHeading))
}

// plainList writes a tight list whose every line is an item.
func plainList(out *bytes.Buffer, block []byte, res Resolver) bool {
	out.WriteString("<ul>\n")
	for line := range bytes.SplitSeq(block, []byte("\n")) {
		item, ok := bytes.CutPrefix(line, []byte("- "))
		if ok {
			item, _ = endOfLine(item, true)
		}
		if !ok || len(item) == 0 || opensBlock(item) || bytes.HasPrefix(item, []byte("¶")) {
			return false
		}
		out.WriteString("<li>")
		if !plainInline(out, item, res) {
			return false
		}
		out.WriteString("</li>\n")
	}
	out.WriteString("</ul>\n")
	return true
}

// plainInline writes a line of text with its redactions and references
// to cables, escaped as goldmark escapes text.
func plainInline(out *bytes.Buffer, s []byte, res Resolver) bool {
	last := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			writeEscaped(out, s[last:i])
			i++ // plainBytes saw punctuation follow
			writeEscaped(out, s[i:i+1])
			last = i + 1
		case ']':
			return false
		case '[':
			writeEscaped(out, s[last:i])
			n := bytes.IndexByte(s[i+1:], ']')
			if n <= 0 || bytes.ContainsAny(s[i+1:i+1+n], `[\`) {
				return false
			}
			text, after := s[i+1:i+1+n], s[i+2+n:]
			if rest, ok := bytes.CutPrefix(after, []byte("["+redactedLabel+"]")); ok {
				out.WriteString(redactionStart)
				writeEscaped(out, text)
				out.WriteString(redactionEnd)
				i = len(s) - len(rest) - 1
			} else if rest, ok := bytes.CutPrefix(after, []byte("("+cableScheme)); ok {
				end := bytes.IndexByte(rest, ')')
				if end < 0 || !validID(string(rest[:end])) {
					return false
				}
				id := string(rest[:end])
				url := resolve(res, id)
				writeCableRefStart(out, id, url)
				writeEscaped(out, text)
				writeCableRefEnd(out, url)
				i = len(s) - len(rest) + end
			} else {
				return false
			}
			last = i + 1
		}
	}
	writeEscaped(out, s[last:])
	return true
}

// writeEscaped writes text escaped as goldmark writes text, with its own
// table: ", &, < (from an escape, \<) and >.
func writeEscaped(out *bytes.Buffer, s []byte) {
	last := 0
	for i, c := range s {
		if rep := util.EscapeHTMLByte(c); rep != nil {
			out.Write(s[last:i])
			out.Write(rep)
			last = i + 1
		}
	}
	out.Write(s[last:])
}
