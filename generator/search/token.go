package search

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// maxTermRunes is the longest term kept; longer words are cut. A redaction
// or a run of teletype junk is not worth a longer dictionary entry.
const maxTermRunes = 64

// Tokenizer splits text into search terms, as the browser client does
// (templates/search-core.js, function tokens): the two must agree term for
// term, which TestTokenizerAgreesWithClient checks by running the client's
// code in Node. The rules, in order:
//
//   - Diacritics are folded: each letter is decomposed (NFD) and its marks
//     dropped, so é is e and Ǆ stays Ǆ; marks on their own are dropped.
//   - A term is a run of letters (\p{L}) and decimal digits (\p{Nd}),
//     lower-cased rune by rune, final sigma read as sigma.
//   - An apostrophe (' ’ ‘ ʼ) between two word characters is dropped and
//     the word goes on (DON'T is dont, O'BRIEN obrien), except before a
//     lone s, the possessive, which is dropped with it: KOSOVO'S is kosovo.
//     The comma that teletypes wrote for an apostrophe after a capital
//     (KOSOVO,S followed by a non-word character) is read as one.
//   - Single letters each followed by a dot are joined: U.S. is us, E.G. eg.
//   - Everything else separates terms. Terms are numbered from 0 in the
//     order they appear (positions); a dropped possessive takes none.
//
// The zero value is ready to use. A Tokenizer keeps buffers between calls
// and is not safe for concurrent use.
type Tokenizer struct {
	stream []rune
	bytes  []byte
	term   []byte
}

// Tokens calls yield with each term of text and its position. The term's
// bytes are only valid during the call.
func (t *Tokenizer) Tokens(text string, yield func(term []byte, pos int)) {
	if ascii(text) {
		// Nothing to fold: scan the bytes themselves.
		scan(t, unsafe.Slice(unsafe.StringData(text), len(text)), yield)
		return
	}
	if b, ok := t.foldASCII(text); ok {
		scan(t, b, yield)
		return
	}
	scan(t, t.fold(text), yield)
}

// foldASCII folds text to bytes when its only runes beyond ASCII are
// marks (dropped), apostrophes (read as ') and separators (read as a
// space): the curly quotes and dashes of most cables. The state machine
// cannot tell them apart from what they stand for. It reports false when
// text holds a letter or digit beyond ASCII.
func (t *Tokenizer) foldASCII(text string) ([]byte, bool) {
	b := t.bytes[:0]
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && text[j] < utf8.RuneSelf {
			j++
		}
		b = append(b, text[i:j]...)
		if j == len(text) {
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		i = j + size
		switch {
		case apostropheRune(r):
			b = append(b, '\'')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			t.bytes = b
			return nil, false
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
		default:
			b = append(b, ' ')
		}
	}
	t.bytes = b
	return b, true
}

// ascii reports whether s is all ASCII, eight bytes at a time.
func ascii(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// scan is the tokenizer's state machine over text folded to runes, or over
// ASCII bytes, which need no folding.
func scan[C byte | rune](t *Tokenizer, s []C, yield func(term []byte, pos int)) {
	n := len(s)
	pos := 0
	for i := 0; i < n; {
		if c := rune(s[i]); c < utf8.RuneSelf && !asciiWord[c] || c >= utf8.RuneSelf && !isWord(c) {
			i++
			continue
		}
		t.term = t.term[:0]
		runes := 0
		acronym := true // the term so far is single letters joined by dots
		chunk := 0      // word characters since the term's start or the last joined dot
		for i < n {
			c := rune(s[i])
			if c < utf8.RuneSelf && asciiWord[c] {
				// A run of ASCII letters and digits, lower-cased at once.
				j := i + 1
				for j < n && rune(s[j]) < utf8.RuneSelf && asciiWord[rune(s[j])] {
					j++
				}
				for _, c := range s[i:min(j, i+max(maxTermRunes-runes, 0))] {
					t.term = append(t.term, asciiLower[c])
				}
				if chunk+j-i > 1 || c <= '9' {
					acronym = false
				}
				runes += j - i
				chunk += j - i
				i = j
				continue
			}
			if c < utf8.RuneSelf && c != '\'' && c != ',' && c != '.' {
				break // any other ASCII character ends the term
			}
			if isWord(c) {
				if runes < maxTermRunes {
					t.term = utf8.AppendRune(t.term, lower(c))
				}
				runes++
				chunk++
				if chunk > 1 || !unicode.IsLetter(c) {
					acronym = false
				}
				i++
				continue
			}
			if apostrophe(s, i) && i+1 < n && isWord(rune(s[i+1])) {
				if (s[i+1] == 's' || s[i+1] == 'S') && (i+2 >= n || !isWord(rune(s[i+2]))) {
					i += 2 // the possessive 's: dropped, and the term ends
					break
				}
				i++ // an elision: the word goes on
				acronym = false
				continue
			}
			if c == '.' && acronym && chunk == 1 && i+1 < n && unicode.IsLetter(rune(s[i+1])) && !apostropheRune(rune(s[i+1])) &&
				(i+2 >= n || !isWord(rune(s[i+2]))) {
				i++
				chunk = 0
				continue
			}
			break
		}
		yield(t.term, pos)
		pos++
	}
}

// Terms returns the terms of text, for tests and small inputs.
func (t *Tokenizer) Terms(text string) []string {
	var terms []string
	t.Tokens(text, func(term []byte, _ int) { terms = append(terms, string(term)) })
	return terms
}

// fold returns text as runes with every letter decomposed and every
// combining mark dropped. Case is kept: the comma-apostrophe rule needs it.
func (t *Tokenizer) fold(text string) []rune {
	s := t.stream[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			s = append(s, rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			// A mark on its own: dropped, as the decomposed ones are.
		case unicode.IsLetter(r) && !norm.NFD.IsNormalString(text[i-size:i]):
			for _, d := range norm.NFD.String(string(r)) {
				if !unicode.In(d, unicode.Mn, unicode.Mc, unicode.Me) {
					s = append(s, d)
				}
			}
		default:
			s = append(s, r)
		}
	}
	t.stream = s
	return s
}

func apostropheRune(c rune) bool {
	return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC'
}

// isWord reports whether c belongs to a term: a letter or a decimal digit,
// but not the letter-like apostrophe ʼ.
func isWord(c rune) bool {
	if c < utf8.RuneSelf {
		return asciiWord[c]
	}
	return (unicode.IsLetter(c) || unicode.IsDigit(c)) && !apostropheRune(c)
}

// asciiLower maps an ASCII letter or digit to its lower case.
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// apostrophe reports whether s[i] stands for an apostrophe: one of the
// apostrophe characters, or the teletype comma of KOSOVO,S (a comma after
// a capital, before an S that ends the word).
func apostrophe[C byte | rune](s []C, i int) bool {
	c := rune(s[i])
	if c == ',' {
		return i > 0 && unicode.IsUpper(rune(s[i-1])) && i+1 < len(s) && s[i+1] == 'S' && (i+2 >= len(s) || !isWord(rune(s[i+2])))
	}
	return apostropheRune(c)
}

func lower(c rune) rune {
	if c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	c = unicode.ToLower(c)
	if c == 'ς' {
		return 'σ'
	}
	return c
}
