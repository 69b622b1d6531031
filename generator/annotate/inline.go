package annotate

import (
	"strings"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/cable"
)

// inline turns the text of one paragraph into markdown: redactions and
// mentions of referenced cables become links, the comma-apostrophe of
// capitals becomes an apostrophe, and every other character that markdown
// or a Hugo shortcode could read as markup is backslash-escaped.
type inline struct {
	refs     []refKey
	redacted bool // a redaction was marked: the body needs its definition
}

// refKey is a reference that cites a cable, split the way the cable's text
// mentions it: "06 TBILISI 2601" or "TBILISI 2601".
type refKey struct {
	id      string
	year    string // "06"
	station string // "TBILISI", canonical
	number  string // "2601", without leading zeros
	letter  byte   // 'A' for "A. TBILISI 1605", or by position
}

// newRefKeys returns the references of c that can be linked: those with a
// cable id whose shape is year, station, number.
func newRefKeys(c *cable.Cable) []refKey {
	var keys []refKey
	for pos, r := range c.References {
		if !linkableID(r.ID) {
			continue
		}
		k := refKey{id: r.ID}
		id := r.ID
		if len(id) > 2 && isDigit(id[0]) && isDigit(id[1]) {
			k.year = id[:2]
			id = id[2:]
		}
		j := len(id)
		for j > 0 && isDigit(id[j-1]) {
			j--
		}
		k.station, k.number = id[:j], strings.TrimLeft(id[j:], "0")
		// The letter the REF line gave it ("A. TBILISI 1605"), else its
		// place among several references, which is how they are lettered.
		if t := strings.TrimSpace(r.Text); len(t) >= 2 && isUpper(t[0]) && (t[1] == '.' || t[1] == ')') {
			k.letter = t[0]
		} else if len(t) >= 3 && t[0] == '(' && isUpper(t[1]) && t[2] == ')' {
			k.letter = t[1]
		} else if len(c.References) > 1 && pos < 26 {
			k.letter = byte('A' + pos)
		}
		keys = append(keys, k)
	}
	return keys
}

// linkableID reports whether id can be a link destination as it is.
func linkableID(id string) bool {
	return id != "" && len(id) <= 64 && strings.IndexFunc(id, func(r rune) bool {
		return !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '_' || r == '-')
	}) < 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isLetter(c byte) bool {
	return isUpper(c) || isLower(c)
}
func isAlnum(c byte) bool { return isLetter(c) || isDigit(c) }

// markdownSpecial marks the ASCII characters escaped wherever they occur:
// those that open emphasis, links, images, code, HTML, entities, tables,
// strikethrough, heading closers and Hugo shortcodes ({{< >}}).
var markdownSpecial = [128]bool{
	'\\': true, '`': true, '*': true, '_': true, '[': true, ']': true,
	'<': true, '>': true, '&': true, '~': true, '|': true, '{': true,
	'}': true, '!': true, '#': true,
}

// appendText writes s escaped: every character shows as itself.
func appendText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf && markdownSpecial[c] {
			b = append(b, s[start:i]...)
			b = append(b, '\\', c)
			start = i + 1
		}
	}
	return append(b, s[start:]...)
}

// appendBlockText writes s escaped as appendText does and also escapes
// what would start a block at the start of a line: a list marker (`-`,
// `+`, `1.`, `1)`), a setext underline or thematic break (`=`, `---`), a
// definition (`:`) or a quote.
func appendBlockText(b []byte, s string) []byte {
	if s == "" {
		return b
	}
	switch s[0] {
	case '-', '+', '=', ':':
		b = append(b, '\\')
	default:
		i := 0
		for i < len(s) && i < 10 && isDigit(s[i]) {
			i++
		}
		if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
			b = append(b, s[:i]...)
			b = append(b, '\\')
			s = s[i:]
		}
	}
	return appendText(b, s)
}

// appendInline writes the markdown of one paragraph's text. atLineStart
// says whether s begins a line of the output, where block markers must be
// escaped too.
func (in *inline) appendInline(b []byte, s string, atLineStart bool) []byte {
	start := 0 // s[start:i] is plain text not yet written
	// Station-and-number mentions are looked for only in the few words
	// before the number of a reference: most paragraphs have none.
	next := -1 // where the next reference number starts, or -1
	if len(in.refs) > 0 {
		next = in.refNumber(s, 0)
	}
	flush := func(i int) {
		if start == 0 && atLineStart {
			b = appendBlockText(b, s[start:i])
		} else {
			b = appendText(b, s[start:i])
		}
		if i > start {
			atLineStart = false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if next >= 0 && next < i {
			next = in.refNumber(s, i)
		}
		near := next >= 0 && next-i <= maxMention
		if !near && !inlineStart[c] {
			i++ // the common case: nothing can start here
			continue
		}
		wordStart := i == 0 || !isAlnum(s[i-1])
		switch {
		case c == ',' && commaApostrophe(s, i):
			// KOSOVO,S: the teletype had no apostrophe.
			flush(i)
			b = append(b, '\'')
			start, i = i+1, i+1
			atLineStart = false
			continue
		case wordStart && (c == 'X' || c == 'x'):
			if n := redaction(s[i:]); n > 0 {
				flush(i)
				b = append(b, '[')
				b = append(b, s[i:i+n]...)
				b = append(b, "][redacted]"...)
				in.redacted = true
				i += n
				start = i
				atLineStart = false
				continue
			}
		}
		if wordStart && (near && (isUpper(c) || isDigit(c)) || (c == 'R' || c == 'r') && len(in.refs) > 0) {
			if n, id := in.mention(s[:i], s[i:], near); n > 0 {
				flush(i)
				b = appendLink(b, s[i:i+n], id)
				i += n
				start = i
				atLineStart = false
				continue
			}
		}
		i++
	}
	flush(len(s))
	return b
}

// inlineStart marks the bytes at which appendInline may have something to
// do, away from a reference's number: the comma of KOSOVO,S, the X of a
// redaction, the R of REF.
var inlineStart = [256]bool{',': true, 'X': true, 'x': true, 'R': true, 'r': true}

// appendLink writes a link to the cable id with the escaped text.
func appendLink(b []byte, text, id string) []byte {
	b = append(b, '[')
	b = appendText(b, text)
	b = append(b, "](cable:"...)
	b = append(b, id...)
	return append(b, ')')
}

// redaction returns the length of the redaction at the start of s: a
// whole word of five or more X, or 0.
func redaction(s string) int {
	n := 0
	for n < len(s) && (s[n] == 'X' || s[n] == 'x') {
		n++
	}
	if n < 5 || n < len(s) && (isAlnum(s[n]) || s[n] >= utf8.RuneSelf) {
		return 0
	}
	return n
}

// mention returns the length of a mention of a referenced cable at the
// start of s and the cable's id, or 0: "REF A", "REFTEL", "REFTEL B",
// "06 TBILISI 2601", "TBILISI 2601", "STATE 00126086". before is the text
// that precedes s.
func (in *inline) mention(before, s string, numbers bool) (int, string) {
	if n := len(before); n >= 3 && before[n-1] == ' ' && isDigit(before[n-2]) && isDigit(before[n-3]) && (n == 3 || !isAlnum(before[n-4])) {
		// "05 TBILISI 2601": the year was tried, and did not match.
		return 0, ""
	}
	w, rest := word(s)
	switch strings.ToUpper(w) {
	case "REF", "REFS", "REFTEL", "REFTELS":
		// REF A, ref B, reftel (c)
		letter, n := byte(0), 0
		if len(rest) >= 2 && rest[0] == ' ' && isUpper(rest[1]) && (len(rest) == 2 || !isAlnum(rest[2])) {
			letter, n = rest[1], 2
		} else if len(rest) >= 4 && rest[0] == ' ' && rest[1] == '(' && isLetter(rest[2]) && rest[3] == ')' {
			letter, n = rest[2]&^0x20, 4
		}
		if letter != 0 {
			for _, k := range in.refs {
				if k.letter == letter {
					return len(w) + n, k.id
				}
			}
		}
		if strings.EqualFold(w, "REFTEL") && len(in.refs) == 1 {
			return len(w), in.refs[0].id
		}
		return 0, ""
	}
	if !numbers {
		return 0, ""
	}
	year := ""
	p := s
	if len(w) == 2 && isDigit(w[0]) && isDigit(w[1]) && len(rest) > 1 && rest[0] == ' ' {
		year, p = w, rest[1:]
	}
	// Up to four words of station name, then the number.
	end := 0 // of the station's words in p
	for words := 0; words < 4; words++ {
		w, r := word(p[end:])
		if w == "" || !isUpper(w[0]) || len(r) < 2 || r[0] != ' ' {
			return 0, ""
		}
		end += len(w)
		num, r2 := word(r[1:])
		if num == "" || !isDigit(num[0]) || !allDigits(num) {
			end++ // the space
			continue
		}
		if len(r2) > 0 && (r2[0] >= utf8.RuneSelf || isAlnum(r2[0])) {
			return 0, ""
		}
		n := strings.TrimLeft(num, "0")
		written := p[:end]
		var name, canon string
		for _, k := range in.refs {
			if k.number != n || year != "" && year != k.year {
				continue
			}
			if name == "" {
				name = strings.ReplaceAll(written, " ", "")
				canon = cable.Station(written)
			}
			if k.station == name || k.station == canon {
				return len(s) - len(r2), k.id
			}
		}
		return 0, ""
	}
	return 0, ""
}

// maxMention bounds how far before its number a mention may start:
// "06 RIO DE JANEIRO 00001234".
const maxMention = 48

// refNumber returns where the first whole word at or after from that is
// the number of a reference (leading zeros aside) starts in s, or -1.
func (in *inline) refNumber(s string, from int) int {
	for i := from; i < len(s); {
		if !isDigit(s[i]) || i > 0 && isAlnum(s[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == len(s) || !isAlnum(s[j]) {
			n := strings.TrimLeft(s[i:j], "0")
			for _, k := range in.refs {
				if k.number == n {
					return i
				}
			}
		}
		i = j
	}
	return -1
}

// word returns the run of ASCII letters and digits at the start of s and
// what follows it.
func word(s string) (string, string) {
	i := 0
	for i < len(s) && isAlnum(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// commaApostrophe reports whether the comma at s[i] stands for an
// apostrophe, as teletypes without one wrote it in capitals: KOSOVO,S and
// BUSH,S, not 1,S nor A,SB.
func commaApostrophe(s string, i int) bool {
	return s[i] == ',' && i > 0 && isUpper(s[i-1]) && i+1 < len(s) && s[i+1] == 'S' &&
		(i+2 == len(s) || !isLetter(s[i+2]) && s[i+2] < utf8.RuneSelf)
}

// Apostrophes returns s with the comma-apostrophes of capitals shown as
// apostrophes (BELGRADE,S RHETORIC gives BELGRADE'S RHETORIC), as the body
// shows them: for displaying a subject. s itself is returned when it has
// none.
func Apostrophes(s string) string {
	var b []byte
	for i := strings.Index(s, ",S"); i >= 0 && i < len(s); {
		if commaApostrophe(s, i) {
			if b == nil {
				b = []byte(s)
			}
			b[i] = '\''
		}
		j := strings.Index(s[i+1:], ",S")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if b == nil {
		return s
	}
	return string(b)
}
