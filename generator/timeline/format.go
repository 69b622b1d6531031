package timeline

import (
	"bytes"
	"math"
	"strconv"
	"unicode/utf8"
)

// thousands writes n with a comma every three digits: "251,287".
func thousands(n int) string { return string(appendThousands(nil, n)) }

func appendThousands(b []byte, n int) []byte {
	start := len(b)
	b = strconv.AppendInt(b, int64(n), 10)
	digits := start
	if b[digits] == '-' {
		digits++
	}
	for i := len(b) - 3; i > digits; i -= 3 {
		b = append(b[:i+1], b[i:]...) // grow by one, shifting the tail
		b[i] = ','
	}
	return b
}

// cables says "1 cable" or "1,234 cables".
func cables(n int) string { return string(appendCables(nil, n)) }

func appendCables(b []byte, n int) []byte {
	if n == 1 {
		return append(b, "1 cable"...)
	}
	return append(appendThousands(b, n), " cables"...)
}

// appendNum writes a coordinate with two decimals at most and no trailing
// zeros, so that the same chart is always the same bytes and short ones.
// A value that is not finite, which no chart computes, is written as 0
// rather than as NaN, which would make the SVG invalid.
func appendNum(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		return append(b, '0') // and never "-0"
	}
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if len(b) == n {
		b = append(b, '0')
	}
	return b
}

// appendContent writes s as the text of an element: escaped as appendText
// does, except that, when inline, quotes are left as they are, as an HTML
// minifier leaves them.
func appendContent(b []byte, s string, inline bool) []byte {
	if !inline {
		return appendText(b, s)
	}
	n := len(b)
	b = appendText(b, s)
	if bytes.Contains(b[n:], []byte("&#")) {
		text := bytes.ReplaceAll(b[n:], []byte("&#34;"), []byte(`"`))
		text = bytes.ReplaceAll(text, []byte("&#39;"), []byte("'"))
		b = append(b[:n], text...)
	}
	return b
}

// appendText writes s escaped for XML character data and attribute values
// alike, as encoding/xml's EscapeText does but without its allocations:
// markup characters and the white space an attribute would normalise
// become references, and what XML cannot carry (invalid UTF-8, control
// characters, U+FFFE) becomes U+FFFD.
func appendText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '"':
			esc = "&#34;"
		case r == '\'':
			esc = "&#39;"
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\n':
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && size == 1 || !xmlChar(r):
			esc = "\uFFFD"
		default:
			b = append(b, s[i:i+size]...)
			i += size
			continue
		}
		b = append(b, esc...)
		i += size
	}
	return b
}

// xmlChar reports whether r may appear in an XML document (the Char
// production of XML 1.0).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
