package site

import (
	"strings"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/search"
)

// A person may put anything in a content file: the front matter carries
// control characters (\u001b), a hand edit invalid UTF-8. The site shows
// a cable's text as cleanText makes it, on every page, list, feed and in
// the search index alike. What identifies a cable (its id, as file names
// and references use it) stays as written: only its display is cleaned.

// cleanText returns s as the site shows it: valid UTF-8 (each byte that
// is not UTF-8 read as Windows-1252, as import reads such bytes) in which
// the characters HTML and XML cannot show (C0 controls but tab, line feed
// and carriage return; DEL; C1 controls; U+FFFE and U+FFFF) are U+FFFD.
// Text that needs none of it, nearly all, is returned as it is.
func cleanText(s string) string {
	if showable(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unshown(r) {
			return utf8.RuneError
		}
		return r
	}, cable.ToUTF8(s))
}

// cleanBytes is cleanText for bytes; b itself when it needs nothing.
func cleanBytes(b []byte) []byte {
	if showable(string(b)) {
		return b
	}
	return []byte(cleanText(string(b)))
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

// unshown reports whether r is a character cleanText replaces.
func unshown(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return false
	case r < 0x20, r == 0x7F, 0x80 <= r && r <= 0x9F, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return false
}

// cleanDocument cleans every text of doc the cable's page shows: its
// fields, body and original. The ids of its references stay as written,
// for they name cables (references shows them cleaned).
func cleanDocument(doc *annotate.Document) {
	c := &doc.Cable
	for _, s := range []*string{&c.ID, &c.Origin, &c.From, &c.Classification, &c.Subject, &c.ClassifiedBy, &c.Classifier,
		&c.Reasons, &c.Declassify, &c.DeclassifyText, &c.Summary} {
		*s = cleanText(*s)
	}
	for _, list := range [][]string{c.Handling, c.Tags, c.Signers, c.Warnings} {
		for i := range list {
			list[i] = cleanText(list[i])
		}
	}
	for _, list := range [][]cable.Addressee{c.To, c.Info} {
		for i := range list {
			a := &list[i]
			a.Name, a.Precedence, a.Route = cleanText(a.Name), cleanText(a.Precedence), cleanText(a.Route)
		}
	}
	for i := range c.References {
		c.References[i].Text = cleanText(c.References[i].Text)
	}
	for i := range c.Paragraphs {
		p := &c.Paragraphs[i]
		p.Marking, p.Text = cleanText(p.Marking), cleanText(p.Text)
	}
	doc.Body = cleanBytes(doc.Body)
	if doc.Original != nil {
		doc.Original = cleanBytes(doc.Original)
	}
}

// searchDoc is what the search index holds of entry e, whose document
// doc is cleaned.
func searchDoc(doc *annotate.Document, e *entry) search.Doc {
	d := search.FromDocument(doc)
	d.ID = cleanText(e.id)
	d.URL = e.page()
	return d
}
