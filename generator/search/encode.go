package search

import (
	"unicode/utf16"
	"unicode/utf8"
)

// The index's numbers are written as text, in digits of a 92-character
// alphabet: the printable ASCII characters but the double quote and the
// backslash, so that a run of digits can stand in a JavaScript string
// literal as it is. A number is a varint: zero or more continuation digits
// (values terminal..91), each carrying a base-(92-terminal) digit, and one
// terminal digit (values 0..terminal-1). With terminal = 64, numbers below
// 64 take one character, below 1,856 two, below 52,032 three.
const (
	alphabet = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"
	radix    = len(alphabet) // 92
	terminal = 64
	cont     = radix - terminal // 28
)

// appendVarint appends n (n >= 0) as a varint.
func appendVarint(b []byte, n int) []byte {
	for n >= terminal {
		n -= terminal
		b = append(b, alphabet[terminal+n%cont])
		n /= cont
	}
	return append(b, alphabet[n])
}

// appendDigit appends one digit, 0 <= d < radix.
func appendDigit(b []byte, d int) []byte { return append(b, alphabet[d]) }

// utf16Len is the length of s in UTF-16 code units: a string's length in
// JavaScript.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// compareJS compares two strings as JavaScript's < does: by UTF-16 code
// units. It differs from Go's byte order only when one side has a rune
// above U+FFFF where the other has one in U+E000..U+FFFF.
func compareJS(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case i == len(a) && i == len(b):
		return 0
	case i == len(a):
		return -1
	case i == len(b):
		return 1
	}
	// Back up to the start of the runes that differ.
	for i > 0 && !utf8.RuneStart(a[i]) {
		i--
	}
	ra, _ := utf8.DecodeRuneInString(a[i:])
	rb, _ := utf8.DecodeRuneInString(b[i:])
	ka, kb := unitKey(ra), unitKey(rb)
	if ka == kb {
		ka, kb = ra, rb // two runes above U+FFFF: their low surrogates order them as the runes
	}
	if ka < kb {
		return -1
	}
	return 1
}

// unitKey is a rune's first UTF-16 code unit.
func unitKey(r rune) rune {
	if r >= 0x10000 {
		hi, _ := utf16.EncodeRune(r)
		return hi
	}
	return r
}
