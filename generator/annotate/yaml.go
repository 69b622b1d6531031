package annotate

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/cable"
)

// appendFrontMatter writes the YAML front matter of c, delimiters included,
// in the fixed key order of the specification (doc.go). Every string is a
// double-quoted scalar, so no subject can be read as anything but a string.
func appendFrontMatter(b []byte, c *cable.Cable, rec cable.Record) []byte {
	b = append(b, "---\n"...)
	title := c.Subject
	if title == "" {
		title = c.ID
	}
	b = appendStringKey(b, "title", title)
	if !c.Date.IsZero() {
		b = append(b, "date: "...)
		b = c.Date.UTC().AppendFormat(b, time.RFC3339Nano)
		b = append(b, '\n')
	}
	b = appendStringKey(b, "id", c.ID)
	b = appendStringKey(b, "url", URL(c))
	b = appendStringKey(b, "origin", c.Origin)
	b = appendStringKey(b, "from", c.From)
	b = appendAddressees(b, "to", c.To)
	b = appendAddressees(b, "info", c.Info)
	b = appendStringKey(b, "classification", c.Classification)
	b = appendListKey(b, "", "handling", c.Handling)
	b = appendListKey(b, "", "tags", c.Tags)
	b = appendStringKey(b, "subject", c.Subject)
	if len(c.References) > 0 {
		b = append(b, "references:\n"...)
		for _, r := range c.References {
			item := "  - "
			if r.ID != "" {
				b = appendStringField(b, item, "id", r.ID)
				item = "    "
			}
			b = appendStringField(b, item, "text", r.Text)
		}
	}
	b = appendStringKey(b, "classified_by", c.ClassifiedBy)
	b = appendStringKey(b, "classifier", c.Classifier)
	b = appendStringKey(b, "reasons", c.Reasons)
	b = appendStringKey(b, "declassify", c.Declassify)
	b = appendStringKey(b, "declassify_text", c.DeclassifyText)
	b = appendListKey(b, "", "signers", c.Signers)
	b = appendStringKey(b, "summary", c.Summary)
	if c.Sections != 0 {
		b = append(b, "sections: "...)
		b = strconv.AppendInt(b, int64(c.Sections), 10)
		b = append(b, '\n')
	}
	if len(c.Paragraphs) > 0 {
		// Only the number and the marking: the text is in the body and in
		// the original, and the build reads every front matter.
		b = append(b, "paragraphs:\n"...)
		for _, p := range c.Paragraphs {
			b = append(b, "  - n: "...)
			b = strconv.AppendInt(b, int64(p.N), 10)
			b = append(b, '\n')
			if p.Marking != "" {
				b = appendStringField(b, "    ", "marking", p.Marking)
			}
		}
	}
	b = appendListKey(b, "", "warnings", c.Warnings)

	b = append(b, "source:\n"...)
	b = appendStringField(b, "  ", "format", string(rec.Format))
	b = appendStringField(b, "  ", "file", rec.Pos.File)
	b = append(b, "  line: "...)
	b = strconv.AppendInt(b, int64(rec.Pos.Line), 10)
	b = append(b, '\n')
	if m := rec.Meta; !m.IsZero() {
		b = append(b, "  meta:\n"...)
		const in = "    "
		b = appendStringKeyIndent(b, in, "id", m.ID)
		b = appendStringKeyIndent(b, in, "created", m.Created)
		b = appendStringKeyIndent(b, in, "released", m.Released)
		b = appendStringKeyIndent(b, in, "classification", m.Classification)
		b = appendStringKeyIndent(b, in, "origin", m.Origin)
		b = appendListKey(b, in, "references", m.References)
		b = appendStringKeyIndent(b, in, "row", m.Row)
		b = appendListKey(b, in, "articles", m.Articles)
	}
	// The digest of the file, filled in once it is whole (Append).
	b = append(b, digestLine...)
	b = append(b, make([]byte, digestHexLen)...)
	b = append(b, "\"\n"...)
	return append(b, "---\n"...)
}

func appendStringKey(b []byte, key, s string) []byte {
	return appendStringKeyIndent(b, "", key, s)
}

// appendStringKeyIndent writes `key: "s"` and nothing when s is empty.
func appendStringKeyIndent(b []byte, indent, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendStringField(b, indent, key, s)
}

// appendStringField writes `key: "s"` even when s is empty.
func appendStringField(b []byte, prefix, key, s string) []byte {
	b = append(b, prefix...)
	b = append(b, key...)
	b = append(b, ": "...)
	b = appendQuoted(b, s)
	return append(b, '\n')
}

// appendListKey writes a list of strings in flow style, and nothing when
// the list is empty.
func appendListKey(b []byte, indent, key string, list []string) []byte {
	if len(list) == 0 {
		return b
	}
	b = append(b, indent...)
	b = append(b, key...)
	b = append(b, ": ["...)
	for i, s := range list {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendQuoted(b, s)
	}
	return append(b, "]\n"...)
}

func appendAddressees(b []byte, key string, list []cable.Addressee) []byte {
	if len(list) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, ":\n"...)
	for _, a := range list {
		b = appendStringField(b, "  - ", "name", a.Name)
		b = appendStringKeyIndent(b, "    ", "precedence", a.Precedence)
		b = appendStringKeyIndent(b, "    ", "route", a.Route)
	}
	return b
}

// appendQuoted writes s as a double-quoted scalar that YAML and JSON read
// alike: only the escapes \" \\ \n \t and \uXXXX, the latter for every
// character YAML does not allow raw or treats as a line break (controls,
// DEL, C1, U+2028, U+2029), for the byte order mark and for the
// non-characters U+FFFE and U+FFFF. Invalid UTF-8 becomes U+FFFD, one for
// each run of bad bytes as strings.ToValidUTF8 does: YAML cannot carry it,
// and the original text keeps the bytes.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	invalid := false // in a run of invalid bytes, which becomes one U+FFFD
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			invalid = false
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				invalid = false
				if !escapeRune(r) {
					i += size
					continue
				}
			}
		}
		b = append(b, s[start:i]...)
		switch {
		case r == utf8.RuneError && size == 1:
			if !invalid {
				b = append(b, "\uFFFD"...)
			}
			invalid = true
			i += size
			start = i
			continue
		case r == '"':
			b = append(b, `\"`...)
		case r == '\\':
			b = append(b, `\\`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\t':
			b = append(b, `\t`...)
		default:
			const hex = "0123456789ABCDEF"
			b = append(b, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
		}
		invalid = false
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// escapeRune reports whether r must be written as an escape in a quoted
// scalar: r is outside YAML's printable set, a YAML 1.1 line break, or a
// character editors and parsers treat specially.
func escapeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7F:
		return true
	case r >= 0x80 && r <= 0x9F: // C1, NEL among them
		return true
	case r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return false
}
