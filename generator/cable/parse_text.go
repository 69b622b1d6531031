package cable

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A span is a line of the text: the byte range [start, end) without its
// line ending. Parsing works on spans so that every field can say where it
// came from without copying the text.
type lineSpan struct{ start, end int }

// splitLines returns the lines of s, "\n" or "\r\n" terminated. A final line
// without a newline is included; an empty s has no lines.
func splitLines(s string) []lineSpan {
	lines := make([]lineSpan, 0, strings.Count(s, "\n")+1)
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		next := len(s)
		end := len(s)
		if j >= 0 {
			end = i + j
			next = end + 1
		}
		if end > i && s[end-1] == '\r' {
			end--
		}
		lines = append(lines, lineSpan{i, end})
		i = next
	}
	return lines
}

// isBlank reports whether s holds only spaces, tabs and the stray
// backslashes that the cables.csv escaping leaves at line ends.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\\', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

// trim removes surrounding white space and the stray backslashes of the
// cables.csv dialect ("CASSEL \").
func trim(s string) string {
	i, j := 0, len(s)
	for i < j && asciiBlank(s[i]) {
		i++
	}
	for j > i && asciiBlank(s[j-1]) {
		j--
	}
	s = s[i:j]
	if s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		// Unicode spaces (no-break space) around the text.
		s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\\' })
	}
	return s
}

// asciiBlank reports whether c is ASCII white space or the backslash that
// trim removes.
func asciiBlank(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\v', '\f', '\\':
		return true
	}
	return false
}

// collapseSpace replaces every run of white space by one space and trims
// the ends. It works on bytes, so that text in another encoding than UTF-8
// passes through unchanged.
func collapseSpace(s string) string {
	return strings.TrimSpace(string(appendCollapsed(make([]byte, 0, len(s)), strings.TrimSpace(s))))
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// indexFold is strings.Index ignoring ASCII case; prefix must be ASCII.
func indexFold(s, sub string) int {
	n := len(sub)
	if n == 0 {
		return 0
	}
	c0 := sub[0] | 0x20
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 == c0 && strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}

// isWordByte reports whether c can be part of a word for the purpose of
// keyword boundaries.
func isWordByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// joinLines re-flows lines into running text: lines are joined with one
// space, a word broken by a hyphen at a line end is joined without it
// ("JURIS-" + "DICTION"), runs of blank lines separate blocks with "\n\n".
func joinLines(lines []string) string {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b := make([]byte, 0, n)
	pendingBlank := false
	for _, l := range lines {
		l = trim(l)
		if l == "" {
			pendingBlank = len(b) > 0
			continue
		}
		switch {
		case len(b) == 0:
		case pendingBlank:
			b = append(b, '\n', '\n')
		case hyphenBreak(b) && startsWithLetter(l):
			b = b[:len(b)-1] // "JURIS-" + "DICTION": drop the hyphen
		default:
			b = append(b, ' ')
		}
		pendingBlank = false
		b = appendCollapsed(b, l)
	}
	return string(b)
}

// appendCollapsed appends s to b with every run of ASCII white space made
// one space; other bytes are copied as they are, in runs.
func appendCollapsed(b []byte, s string) []byte {
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\r\n\v\f") {
		return append(b, s...) // the common line: nothing to collapse
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n', '\v', '\f':
			if i+1 < len(s) && s[i] == ' ' && !isSpaceByte(s[i+1]) {
				continue // a single space: part of the run
			}
			b = append(b, s[start:i]...)
			j := i
			for j < len(s) && isSpaceByte(s[j]) {
				j++
			}
			if len(b) > 0 && b[len(b)-1] != ' ' && j < len(s) {
				b = append(b, ' ')
			}
			start, i = j, j-1
		}
	}
	return append(b, s[start:]...)
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// hyphenBreak reports whether s ends with a letter followed by one hyphen:
// a word broken at the end of a line, not a dash ("--") nor a lone "-".
func hyphenBreak(s []byte) bool {
	n := len(s)
	if n < 2 || s[n-1] != '-' {
		return false
	}
	r, _ := utf8.DecodeLastRune(s[:n-1])
	return unicode.IsLetter(r)
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// isDashLine reports whether s is an underline or separator: only dashes,
// equal signs, asterisks or underscores (and spaces), at least three.
func isDashLine(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-', '=', '*', '_':
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// upperASCII upper-cases ASCII letters only, leaving other bytes alone.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return strings.ToUpper(s)
		}
	}
	return s
}

// pilcrow is the paragraph sign that Cablegate pages put before paragraph
// numbers ("¶1."); the cables themselves never had it.
const pilcrow = "¶"

// stripPilcrow removes a leading pilcrow and the spaces around it.
func stripPilcrow(s string) string {
	// skipBlanks, not strings.TrimLeft, which builds a set at each call.
	t := s[skipBlanks(s, 0):]
	if strings.HasPrefix(t, pilcrow) {
		t = t[len(pilcrow):]
		return t[skipBlanks(t, 0):]
	}
	return s
}
