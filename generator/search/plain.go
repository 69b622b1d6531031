package search

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/markdown"
)

// FromDocument returns the Doc of an annotated markdown file read back:
// its fields, its body as plain text, and as excerpt its summary or else
// the start of its text after the references.
func FromDocument(d *annotate.Document) Doc {
	c := &d.Cable
	body := PlainText(string(d.Body))
	if len(bytes.TrimSpace(d.Notes)) > 0 {
		// The editor's notes are searched with the text: the cable's page
		// gives them to the search after the body (data-search-text).
		body += "\n\n" + renderedText(string(d.Notes))
	}
	excerpt := c.Summary
	if excerpt == "" {
		excerpt = PlainText(skipReferences(string(d.Body)))
	}
	var to []string
	for _, a := range append(slices.Clip(c.To), c.Info...) {
		to = append(to, a.Name)
		if a.Route != "" {
			to = append(to, a.Route)
		}
	}
	var refs []string
	for _, r := range c.References {
		if r.ID != "" {
			refs = append(refs, r.ID)
		}
	}
	return Doc{
		To:             to,
		From:           c.From,
		Signers:        c.Signers,
		References:     refs,
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
//
// It reads the forms annotate writes. A body holding raw HTML or an
// entity (an unescaped '<' or '&': annotate escapes both, so only a hand
// edit writes them), which the page drops or resolves, is rendered
// instead, and its text read from the HTML as the page gives it to the
// search client (templates/site.js).
func PlainText(md string) string {
	if needsRendering(md) {
		return renderedText(md)
	}
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
		line = strings.TrimPrefix(line, "- ")
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

// needsRendering reports whether md holds an unescaped '<' or '&'.
func needsRendering(md string) bool {
	for i := 0; i < len(md); {
		j := strings.IndexAny(md[i:], "<&")
		if j < 0 {
			return false
		}
		i += j
		if i == 0 || md[i-1] != '\\' {
			return true
		}
		i++
	}
	return false
}

// renderedText renders md as the site does and returns the text of the
// HTML as site.js reads it from a cable page: paragraph numbers and
// markings left out, each block on lines of its own (one line break
// between blocks, none around them).
func renderedText(md string) string {
	var page bytes.Buffer
	_ = markdown.New().Render(&page, []byte(md), nil) // a bytes.Buffer takes every write
	var b strings.Builder
	z := html.NewTokenizer(&page)
	depth, skipTo := 0, -1 // skipping the content of an element opened at depth skipTo
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if skipTo < 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			void := tt == html.SelfClosingTagToken || a == atom.Br || a == atom.Hr || a == atom.Img || a == atom.Input || a == atom.Wbr
			if tt == html.EndTagToken {
				depth--
				if depth == skipTo {
					skipTo = -1
				}
			} else if !void {
				if skipTo < 0 && hasAttr && skippedClass(z) {
					skipTo = depth
				}
				depth++
			}
			if skipTo < 0 && textBlock(a) && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		}
	}
}

// textBlock reports whether site.js puts the element on lines of its own.
func textBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Div, atom.Pre,
		atom.Blockquote, atom.Table, atom.Tr, atom.Td, atom.Th, atom.Section, atom.Br, atom.Hr, atom.Dl, atom.Dt, atom.Dd:
		return true
	}
	return false
}

// skippedClass reports whether the tag z is at has a class site.js
// leaves out of the text: pilcrow, marking, visually-hidden.
func skippedClass(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "class" {
			for _, c := range strings.Fields(string(val)) {
				if c == "pilcrow" || c == "marking" || c == "visually-hidden" {
					return true
				}
			}
		}
		if !more {
			return false
		}
	}
}
