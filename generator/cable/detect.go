package cable

import "bytes"

// Detect names the format of a source from its first bytes (up to 64 KiB
// are looked at): a cables.csv dump starts with a quoted row number, a
// Cablegate page with markup; anything else is read as one raw cable, which
// is the fallback because a raw cable has no signature of its own (it may
// start with VZCZC, a precedence line, a classification, or blank lines).
func Detect(prefix []byte) Format {
	if len(prefix) > detectSize {
		prefix = prefix[:detectSize]
	}
	p := bytes.TrimPrefix(prefix, []byte("\xef\xbb\xbf"))
	p = bytes.TrimLeft(p, " \t\r\n\f")
	switch {
	case csvRecordStart(p):
		return FormatCSV
	case looksLikeMarkup(p) && !preFragment(p):
		return FormatHTML
	}
	return FormatText
}

// preFragment reports whether p, which opens with markup, is a piece of a
// Cablegate page's <pre> rather than a page: it starts with the page's
// paragraph anchor or a TAGS link and holds no <pre>, which a page has.
func preFragment(p []byte) bool {
	return (bytes.HasPrefix(p, []byte("<a id='par")) || bytes.HasPrefix(p, []byte("<a href='/tag/"))) &&
		!bytes.Contains(p, []byte("<pre"))
}

// csvRecordStart reports whether p starts like a cables.csv record:
// "<digits>"," — the quoted row number (up to 18 digits, so that the test
// needs a bounded look-ahead) and the opening of the date field.
func csvRecordStart(p []byte) bool {
	if len(p) < 2 || p[0] != '"' || !digitByte(p[1]) {
		return false
	}
	i := 2
	for i < len(p) && digitByte(p[i]) {
		i++
	}
	return i <= 1+maxRowDigits && bytes.HasPrefix(p[i:], []byte(`","`))
}

// maxRowDigits bounds the row number of a record start; csvStartLen is the
// longest record start.
const (
	maxRowDigits = 18
	csvStartLen  = 1 + maxRowDigits + 3
)

// looksLikeMarkup reports whether p opens with an HTML construct: a
// doctype, a comment or an element. Raw cables never start with '<'
// followed by a letter.
func looksLikeMarkup(p []byte) bool {
	if len(p) < 2 || p[0] != '<' {
		return false
	}
	return p[1] == '!' || p[1] == '?' || letterByte(p[1])
}

func digitByte(c byte) bool  { return '0' <= c && c <= '9' }
func letterByte(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
