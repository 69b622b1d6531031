package search

import (
	"strings"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/markdown"
)

// FromDocument returns the Doc of an annotated markdown file read back:
// its fields, its body as plain text, and as excerpt its summary or else
// the start of its text after the references.
func FromDocument(d *annotate.Document) Doc {
	c := &d.Cable
	body := PlainText(string(d.Body))
	excerpt := c.Summary
	if excerpt == "" {
		excerpt = PlainText(skipReferences(string(d.Body)))
	}
	return Doc{
		ID:             c.ID,
		URL:            strings.TrimPrefix(annotate.URL(c), "/"),
		Date:           c.Date,
		Subject:        c.Subject,
		Origin:         c.Origin,
		Classification: c.Classification,
		Tags:           c.Tags,
		Body:           body,
		Excerpt:        excerpt,
	}
}

// skipReferences returns an annotated body after its leading
// "References:" paragraph and the list that follows it.
func skipReferences(text string) string {
	text = strings.TrimLeft(text, "\n")
	if !strings.HasPrefix(text, "References:") {
		return text
	}
	rest := text
	for {
		line, after, ok := strings.Cut(rest, "\n")
		t := strings.TrimSpace(line)
		if t != "" && t != "References:" && !strings.HasPrefix(t, "- ") {
			return rest
		}
		if !ok {
			return ""
		}
		rest = after
	}
}

// PlainText returns the text of an annotated markdown body (package
// annotate) as a reader sees it: backslash escapes resolved, links shown as
// their text, headings and list items without their markers, the
// paragraph annotations (¶3. (C)) and link definitions dropped. Lines stay
// lines.
func PlainText(md string) string {
	var b strings.Builder
	b.Grow(len(md))
	for len(md) > 0 {
		line, rest, _ := strings.Cut(md, "\n")
		md = rest
		line = strings.TrimRight(line, " \t\r")
		if linkDefinition(line) {
			continue
		}
		line = strings.TrimLeft(line, " ")
		for strings.HasPrefix(line, "#") {
			line = strings.TrimLeft(line, "#")
			line = strings.TrimPrefix(line, " ")
		}
		if strings.HasPrefix(line, "- ") {
			line = line[2:]
		}
		line = dropAnnotation(line)
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		inlineText(&b, line)
	}
	return b.String()
}

// linkDefinition reports whether line is a link reference definition:
// "[redacted]: #redacted".
func linkDefinition(line string) bool {
	if !strings.HasPrefix(line, "[") {
		return false
	}
	i := strings.Index(line, "]:")
	return i > 1 && !strings.Contains(line[:i], "\\")
}

// dropAnnotation drops a paragraph annotation at the start of a line,
// "¶3." and a marking in parentheses after it, "(C)" or "(C - ENTIRE
// TEXT)", as the page shows them apart from the text.
func dropAnnotation(line string) string {
	if n := markdown.AnnotationLen(line); n > 0 {
		return strings.TrimLeft(line[n:], " \t")
	}
	return line
}

// inlineText writes a line's inline markdown as text: \x is x, [text](url)
// and [text][ref] are text.
func inlineText(b *strings.Builder, s string) {
	for len(s) > 0 {
		i := strings.IndexAny(s, "\\[]")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		c := s[i]
		s = s[i+1:]
		switch {
		case c == '\\' && len(s) > 0 && isASCIIPunct(s[0]):
			b.WriteByte(s[0])
			s = s[1:]
		case c == ']' && len(s) > 0 && (s[0] == '(' || s[0] == '['):
			// The end of a link's text: skip its destination or label.
			end := byte(')')
			if s[0] == '[' {
				end = ']'
			}
			if j := strings.IndexByte(s[1:], end); j >= 0 {
				s = s[j+2:]
			} else {
				b.WriteByte(c)
			}
		case c == '[':
			// The start of a link's text (an escaped bracket is handled above).
		default:
			b.WriteByte(c)
		}
	}
}

func isASCIIPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}
