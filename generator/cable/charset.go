package cable

import (
	"strings"
	"unicode/utf8"
)

// ToUTF8 returns s as valid UTF-8: its UTF-8 sequences as they are, and
// each byte that is not part of one read as Windows-1252, the encoding
// such bytes come in (0x92 is the apostrophe ’, 0x93 and 0x94 are quotes),
// so that no character is dropped. The five bytes Windows-1252 leaves
// undefined become U+FFFD. A valid s is returned as it is.
func ToUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n <= 1 {
			b.WriteRune(cp1252(s[0]))
			s = s[1:]
			continue
		}
		b.WriteString(s[:n])
		s = s[n:]
	}
	return b.String()
}

// cp1252 returns the character byte c stands for in Windows-1252.
func cp1252(c byte) rune {
	if c < 0x80 || c >= 0xA0 {
		return rune(c)
	}
	if r := cp1252High[c-0x80]; r != 0 {
		return rune(r)
	}
	return utf8.RuneError
}

var cp1252High = [32]uint16{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// toUTF8 makes every string field of c valid UTF-8, as ToUTF8 does.
func (c *Cable) toUTF8() {
	v := ToUTF8
	list := func(l []string) {
		for i := range l {
			l[i] = v(l[i])
		}
	}
	addr := func(l []Addressee) {
		for i := range l {
			a := &l[i]
			a.Name, a.Precedence, a.Route = v(a.Name), v(a.Precedence), v(a.Route)
		}
	}
	c.ID, c.Origin, c.From, c.Classification, c.Subject = v(c.ID), v(c.Origin), v(c.From), v(c.Classification), v(c.Subject)
	c.ClassifiedBy, c.Classifier, c.Reasons = v(c.ClassifiedBy), v(c.Classifier), v(c.Reasons)
	c.Declassify, c.DeclassifyText, c.Summary = v(c.Declassify), v(c.DeclassifyText), v(c.Summary)
	addr(c.To)
	addr(c.Info)
	list(c.Handling)
	list(c.Tags)
	list(c.Signers)
	list(c.Warnings)
	for i := range c.References {
		r := &c.References[i]
		r.ID, r.Text = v(r.ID), v(r.Text)
	}
	for i := range c.Paragraphs {
		p := &c.Paragraphs[i]
		p.Marking, p.Text = v(p.Marking), v(p.Text)
	}
}
