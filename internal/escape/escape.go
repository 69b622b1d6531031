// Package escape writes text escaped for HTML and XML in the exact forms
// of the standard library's escapers, for the parts of a site the build
// writes itself instead of having html/template, encoding/xml or the
// minifier write them (see MAINTAINING.md at the root of the repository):
//
//	WriteHTML          text/template's HTMLEscapeString: & < > " ' as
//	                   &amp; &lt; &gt; &#34; &#39;, NUL as U+FFFD
//	AppendXML          encoding/xml's EscapeText: the same five, tab,
//	                   newline and carriage return as &#x9; &#xA; &#xD;,
//	                   and what XML cannot carry (invalid UTF-8, other
//	                   control characters, U+FFFE, U+FFFF) as U+FFFD
//	AppendXMLMinified  AppendXML with the quotes left as they are, as
//	                   tdewolff/minify writes XML and SVG text
//
// html/template writes + as &#43; too (a defence against UTF-7), which
// WriteHTML leaves as it is: the minifier writes it back as +, and the
// build's own text in Go never needs it.
//
// The other escapers of the build differ in what they escape, so they are
// not here: render's writeText and writeAttr write what the HTML minifier
// leaves (& only where it could start a reference, < in text, one kind of
// quote in attributes), render's writeURL writes a URL as html/template
// normalises it, and package markdown escapes with goldmark's own table
// (&quot;), which is the reference it is held to.
package escape

import (
	"strings"
	"unicode/utf8"
)

// The releases the escapers were last checked against (FuzzHTML, FuzzXML,
// FuzzXMLMinified). TestMirrorsVerified fails when either changes.
const (
	goVerified     = "go1.26"
	minifyVerified = "v2.24.25"
)

// A table maps each ASCII byte to what replaces it, "" for itself.
type table [utf8.RuneSelf]string

var (
	htmlTable = table{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\'': "&#39;", 0: "\uFFFD"}
	xmlTable  = xmlChars(table{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\'': "&#39;", '\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;"})
	// xmlMinifiedTable is xmlTable with the quotes as they are.
	xmlMinifiedTable = xmlChars(table{'&': "&amp;", '<': "&lt;", '>': "&gt;", '\t': "&#x9;", '\n': "&#xA;", '\r': "&#xD;"})
)

// xmlChars returns t with the control characters XML cannot carry
// replaced by U+FFFD.
func xmlChars(t table) table {
	for c := range 0x20 {
		if t[c] == "" {
			t[c] = "\uFFFD"
		}
	}
	return t
}

// WriteHTML writes s to b escaped as HTML text or a quoted attribute's
// value, as text/template's HTMLEscapeString does.
func WriteHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && htmlTable[c] != "" {
			b.WriteString(s[last:i])
			b.WriteString(htmlTable[c])
			last = i + 1
		}
	}
	b.WriteString(s[last:])
}

// AppendXML appends s escaped as XML character data or an attribute's
// value, as encoding/xml's EscapeText does.
func AppendXML(dst []byte, s string) []byte { return appendXML(dst, s, &xmlTable) }

// AppendXMLMinified appends s escaped as AppendXML does, but with its
// quotes as they are: what tdewolff/minify writes of the text of an
// element, and of an attribute's value in double quotes when s holds no
// double quote.
func AppendXMLMinified(dst []byte, s string) []byte { return appendXML(dst, s, &xmlMinifiedTable) }

func appendXML(dst []byte, s string, t *table) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if t[c] != "" {
				dst = append(dst, s[last:i]...)
				dst = append(dst, t[c]...)
				last = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			dst = append(dst, s[last:i]...)
			dst = append(dst, "\uFFFD"...)
			last = i + size
		}
		i += size
	}
	return append(dst, s[last:]...)
}
