package timeline

import (
	"math"
	"strconv"

	"github.com/cablesite/cablesite/internal/escape"
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

// inlineVerified is the tdewolff/minify release the inline chart was last
// checked against: it is spliced into pages past the minifier, in the form
// the minifier would give it. TestMirrorsVerified fails when go.mod
// requires another.
const inlineVerified = "v2.24.25"

// appendContent writes s as the text of an element: escaped as
// encoding/xml escapes it, except that, when inline, quotes are left as
// they are, as an HTML minifier leaves them.
func appendContent(b []byte, s string, inline bool) []byte {
	if inline {
		return escape.AppendXMLMinified(b, s)
	}
	return escape.AppendXML(b, s)
}
