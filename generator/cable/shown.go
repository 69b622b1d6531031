package cable

import (
	"strings"
	"unicode/utf8"
)

// A person may put anything in a content file: the front matter carries
// control characters (\u001b), a hand edit invalid UTF-8. The site shows
// a cable's text as CleanText makes it, on every page, list, feed and in
// the search index alike. What identifies a cable (its id, as file names
// and references use it) stays as written: only its display is cleaned.

// CleanText returns s as the site shows it: valid UTF-8 (each byte that
// is not UTF-8 read as Windows-1252, as import reads such bytes) in which
// the characters HTML and XML cannot show (C0 controls but tab, line feed
// and carriage return; DEL; C1 controls; U+FFFE and U+FFFF) are U+FFFD.
// Text that needs none of it, nearly all, is returned as it is.
func CleanText(s string) string {
	if showable(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unshown(r) {
			return utf8.RuneError
		}
		return r
	}, ToUTF8(s))
}

// CleanBytes is CleanText for bytes; b itself when it needs nothing.
func CleanBytes(b []byte) []byte {
	if showable(string(b)) {
		return b
	}
	return []byte(CleanText(string(b)))
}

// showable reports whether s is valid UTF-8 without characters it cannot show.
func showable(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if unshown(rune(c)) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unshown(r) {
			return false
		}
		i += n
	}
	return true
}

// unshown reports whether r is a character CleanText replaces.
func unshown(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return false
	case r < 0x20, r == 0x7F, 0x80 <= r && r <= 0x9F, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return false
}
