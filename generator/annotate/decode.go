package annotate

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/goccy/go-yaml"
)

// The releases the front matter was last checked against: the fast path
// reads what goccy/go-yaml reads, and Hugo's page parser reads the files
// Write writes. TestMirrorsVerified fails when go.mod requires others.
const (
	goccyVerified = "v1.19.2"
	hugoVerified  = "v0.165.0"
)

// decodeFrontMatter decodes the YAML between the front matter's
// delimiters into d. Front matter as Write writes it takes a fast path
// that reads exactly that subset of YAML; anything else (a hand edit, a
// comment, another quoting style) goes to github.com/goccy/go-yaml, the
// library Hugo uses, so both read every file alike.
func decodeFrontMatter(fm []byte, d *Document) error {
	var fast Document
	if fastDecode(fm, &fast) {
		d.Cable, d.Source, d.Title = fast.Cable, fast.Source, fast.Title
		return nil
	}
	return slowDecode(fm, d)
}

// yamlFrontMatter is the front matter as goccy/go-yaml decodes it.
type yamlFrontMatter struct {
	Title          any               `yaml:"title"`
	Date           any               `yaml:"date"`
	ID             string            `yaml:"id"`
	Origin         string            `yaml:"origin"`
	From           string            `yaml:"from"`
	To             []cable.Addressee `yaml:"to"`
	Info           []cable.Addressee `yaml:"info"`
	Classification string            `yaml:"classification"`
	Handling       []string          `yaml:"handling"`
	Tags           []string          `yaml:"tags"`
	Subject        string            `yaml:"subject"`
	References     []cable.Reference `yaml:"references"`
	ClassifiedBy   string            `yaml:"classified_by"`
	Classifier     string            `yaml:"classifier"`
	Reasons        string            `yaml:"reasons"`
	Declassify     string            `yaml:"declassify"`
	DeclassifyText string            `yaml:"declassify_text"`
	Signers        []string          `yaml:"signers"`
	Summary        string            `yaml:"summary"`
	Sections       int               `yaml:"sections"`
	Paragraphs     []cable.Paragraph `yaml:"paragraphs"`
	Warnings       []string          `yaml:"warnings"`
	Source         Source            `yaml:"source"`
}

// dateLayouts are the ways a hand-edited date may be written, besides a
// YAML timestamp.
var dateLayouts = [...]string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

func slowDecode(fm []byte, d *Document) error {
	if err := checkBounds(fm); err != nil {
		return err
	}
	var y yamlFrontMatter
	if err := yaml.Unmarshal(fm, &y); err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			return &lineError{line: ye.GetToken().Position.Line, msg: ye.GetMessage()}
		}
		return err
	}
	var date time.Time
	dated := false
	switch v := y.Date.(type) {
	case nil:
	case time.Time:
		date, dated = v, true
	case string:
		if v == "" {
			break
		}
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, v); err == nil {
				date, dated = t, true
				break
			}
		}
		if !dated {
			return &lineError{line: keyLine(fm, "date"), msg: fmt.Sprintf("date: cannot read %q as a date (want 2007-09-07T21:47:00Z)", v)}
		}
	default:
		return &lineError{line: keyLine(fm, "date"), msg: fmt.Sprintf("date: cannot read %v as a date (want 2007-09-07T21:47:00Z)", v)}
	}
	if msg := dateProblem(date); dated && msg != "" {
		return &lineError{line: keyLine(fm, "date"), msg: msg}
	}
	date = date.UTC()
	d.Cable = cable.Cable{
		ID: y.ID, Date: date, Origin: y.Origin, From: y.From, To: y.To, Info: y.Info,
		Classification: y.Classification, Handling: y.Handling, Tags: y.Tags, Subject: y.Subject,
		References: y.References, ClassifiedBy: y.ClassifiedBy, Classifier: y.Classifier, Reasons: y.Reasons,
		Declassify: y.Declassify, DeclassifyText: y.DeclassifyText, Signers: y.Signers, Summary: y.Summary,
		Sections: y.Sections, Paragraphs: y.Paragraphs, Warnings: y.Warnings,
	}
	d.Source = y.Source
	d.Title = scalarString(y.Title)
	return nil
}

// keyLine returns the line of the top-level key in fm, or 1.
func keyLine(fm []byte, key string) int {
	s := string(fm)
	for i, n := 0, 1; i < len(s); n++ {
		if strings.HasPrefix(s[i:], key+":") {
			return n
		}
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return 1
}

// keySet is the keys of one mapping seen so far: for the few keys of
// front matter, a slice costs less than a map.
type keySet []string

func (k keySet) has(key string) bool { return slices.Contains(k, key) }

// fastDecoder reads front matter exactly as appendFrontMatter writes it:
// one key a line, double-quoted strings with the escapes Write uses, flow
// lists of strings, block lists of objects. It reports false for anything
// else, leaving the file to goccy/go-yaml.
type fastDecoder struct {
	lines []string
	i     int
}

func fastDecode(fm []byte, d *Document) bool {
	if !utf8.Valid(fm) {
		return false
	}
	s := string(fm)
	if strings.IndexByte(s, '\r') >= 0 || !strings.HasSuffix(s, "\n") {
		return false
	}
	f := fastDecoder{lines: strings.Split(s[:len(s)-1], "\n")}
	c := &d.Cable
	seen := make(keySet, 0, 32)
	for f.i < len(f.lines) {
		line := f.lines[f.i]
		f.i++
		key, val, ok := strings.Cut(line, ":")
		if !ok || seen.has(key) || key == "" || key[0] == ' ' || key[0] == '-' {
			return false
		}
		seen = append(seen, key)
		if val == "" {
			switch key {
			case "to":
				ok = f.addressees(&c.To)
			case "info":
				ok = f.addressees(&c.Info)
			case "references":
				ok = f.references(&c.References)
			case "paragraphs":
				ok = f.paragraphs(&c.Paragraphs)
			case "source":
				ok = f.source(&d.Source)
			default:
				return false
			}
			if !ok {
				return false
			}
			continue
		}
		if val[0] != ' ' {
			return false
		}
		val = val[1:]
		var str *string
		var list *[]string
		switch key {
		case "title":
			str = &d.Title
		case "url":
			var ignored string
			str = &ignored
		case "date":
			t, ok := parseDate(val)
			if !ok {
				return false
			}
			c.Date = t
			continue
		case "sections":
			if c.Sections, ok = parseInt(val); !ok {
				return false
			}
			continue
		case "id":
			str = &c.ID
		case "origin":
			str = &c.Origin
		case "from":
			str = &c.From
		case "classification":
			str = &c.Classification
		case "subject":
			str = &c.Subject
		case "classified_by":
			str = &c.ClassifiedBy
		case "classifier":
			str = &c.Classifier
		case "reasons":
			str = &c.Reasons
		case "declassify":
			str = &c.Declassify
		case "declassify_text":
			str = &c.DeclassifyText
		case "summary":
			str = &c.Summary
		case "handling":
			list = &c.Handling
		case "tags":
			list = &c.Tags
		case "signers":
			list = &c.Signers
		case "warnings":
			list = &c.Warnings
		default:
			return false
		}
		if str != nil {
			if *str, ok = parseQuoted(val); !ok {
				return false
			}
		} else if *list, ok = parseFlowList(val); !ok {
			return false
		}
	}
	return true
}

// item reads the fields of one block-list item: the first on the "  - "
// line, the others on "    " lines, each given to set. It reports false
// when the next line is not an item.
func (f *fastDecoder) item(set func(key, val string) bool) (more, ok bool) {
	if f.i >= len(f.lines) || !strings.HasPrefix(f.lines[f.i], "  - ") {
		return false, true
	}
	seen := make(keySet, 0, 8)
	prefix := "  - "
	for f.i < len(f.lines) && strings.HasPrefix(f.lines[f.i], prefix) {
		kv := f.lines[f.i][len(prefix):]
		key, val, found := strings.Cut(kv, ": ")
		if !found || seen.has(key) || !set(key, val) {
			return false, false
		}
		seen = append(seen, key)
		f.i++
		prefix = "    "
	}
	return true, true
}

// blockList decodes a block list of objects into list, setting each
// item's fields with set; it fails on an empty list, as Write never
// writes one.
func blockList[T any](f *fastDecoder, list *[]T, set func(item *T, key, val string) bool) bool {
	for n := 0; ; n++ {
		var item T
		more, ok := f.item(func(key, val string) bool { return set(&item, key, val) })
		if !ok || !more {
			return ok && n > 0
		}
		*list = append(*list, item)
	}
}

func (f *fastDecoder) addressees(list *[]cable.Addressee) bool {
	return blockList(f, list, func(a *cable.Addressee, key, val string) (ok bool) {
		switch key {
		case "name":
			a.Name, ok = parseQuoted(val)
		case "precedence":
			a.Precedence, ok = parseQuoted(val)
		case "route":
			a.Route, ok = parseQuoted(val)
		}
		return ok
	})
}

func (f *fastDecoder) references(list *[]cable.Reference) bool {
	return blockList(f, list, func(r *cable.Reference, key, val string) (ok bool) {
		switch key {
		case "id":
			r.ID, ok = parseQuoted(val)
		case "text":
			r.Text, ok = parseQuoted(val)
		}
		return ok
	})
}

func (f *fastDecoder) paragraphs(list *[]cable.Paragraph) bool {
	return blockList(f, list, func(p *cable.Paragraph, key, val string) (ok bool) {
		switch key {
		case "n":
			p.N, ok = parseInt(val)
		case "marking":
			p.Marking, ok = parseQuoted(val)
		case "text":
			p.Text, ok = parseQuoted(val)
		}
		return ok
	})
}

func (f *fastDecoder) source(s *Source) bool {
	seen := make(keySet, 0, 32)
	for f.i < len(f.lines) && strings.HasPrefix(f.lines[f.i], "  ") && !strings.HasPrefix(f.lines[f.i], "   ") {
		key, val, ok := strings.Cut(f.lines[f.i][2:], ":")
		if !ok || seen.has(key) {
			return false
		}
		seen = append(seen, key)
		f.i++
		if key == "meta" {
			if val != "" || !f.meta(&s.Meta) {
				return false
			}
			continue
		}
		if !strings.HasPrefix(val, " ") {
			return false
		}
		val = val[1:]
		switch key {
		case "format":
			var v string
			v, ok = parseQuoted(val)
			s.Format = cable.Format(v)
		case "file":
			s.File, ok = parseQuoted(val)
		case "line":
			s.Line, ok = parseInt(val)
		case "digest":
			s.Digest, ok = parseQuoted(val)
		default:
			ok = false
		}
		if !ok {
			return false
		}
	}
	return len(seen) > 0
}

func (f *fastDecoder) meta(m *cable.Meta) bool {
	seen := make(keySet, 0, 32)
	for f.i < len(f.lines) && strings.HasPrefix(f.lines[f.i], "    ") && !strings.HasPrefix(f.lines[f.i], "     ") {
		key, val, ok := strings.Cut(f.lines[f.i][4:], ": ")
		if !ok || seen.has(key) {
			return false
		}
		seen = append(seen, key)
		f.i++
		switch key {
		case "id":
			m.ID, ok = parseQuoted(val)
		case "created":
			m.Created, ok = parseQuoted(val)
		case "released":
			m.Released, ok = parseQuoted(val)
		case "classification":
			m.Classification, ok = parseQuoted(val)
		case "origin":
			m.Origin, ok = parseQuoted(val)
		case "row":
			m.Row, ok = parseQuoted(val)
		case "references":
			m.References, ok = parseFlowList(val)
		case "articles":
			m.Articles, ok = parseFlowList(val)
		default:
			ok = false
		}
		if !ok {
			return false
		}
	}
	return len(seen) > 0
}

// parseDate reads a date exactly as Write writes it. A date the site
// cannot place is left to slowDecode, which reports it.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Location() != time.UTC || t.Format(time.RFC3339Nano) != s || dateProblem(t) != "" {
		return time.Time{}, false
	}
	return t, true
}

// dateProblem says why a front matter's date cannot be a cable's, or
// returns "". A date's year in UTC must be 1 to 9999: the years of the
// file's path, of time.Parse and of the browser's Date (a zone can move
// 0001-01-01 or 9999-12-31 across). 0001-01-01T00:00:00Z is the zero
// time, which stands for no date throughout: a person who wrote it gets
// told rather than an undated cable.
func dateProblem(t time.Time) string {
	u := t.UTC()
	switch {
	case u.IsZero():
		return "date: 0001-01-01T00:00:00Z is the zero time, which stands for no date: remove the line for an undated cable"
	case u.Year() < 1 || u.Year() > 9999:
		inUTC := ""
		if _, offset := t.Zone(); offset != 0 {
			inUTC = " (" + u.Format(time.RFC3339Nano) + " in UTC)"
		}
		return fmt.Sprintf("date: %s%s is outside years 1 to 9999 (UTC)", t.Format(time.RFC3339Nano), inUTC)
	}
	return ""
}

// parseInt reads a decimal integer without a sign other than '-', without
// leading zeros (YAML 1.1 reads those as octal) and small enough for int.
func parseInt(s string) (int, bool) {
	d := strings.TrimPrefix(s, "-")
	if d == "" || len(d) > 15 || (len(d) > 1 && d[0] == '0') || !allDigits(d) || s == "-0" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// parseFlowList reads ["a", "b"] exactly as Write writes it.
func parseFlowList(s string) ([]string, bool) {
	if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	s = s[1 : len(s)-1]
	var list []string
	for {
		end := quotedEnd(s)
		if end < 0 {
			return nil, false
		}
		v, ok := parseQuoted(s[:end])
		if !ok {
			return nil, false
		}
		list = append(list, v)
		s = s[end:]
		if s == "" {
			return list, true
		}
		if !strings.HasPrefix(s, ", ") {
			return nil, false
		}
		s = s[2:]
	}
}

// quotedEnd returns the length of the double-quoted scalar at the start
// of s, or -1.
func quotedEnd(s string) int {
	if s == "" || s[0] != '"' {
		return -1
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// parseQuoted reads a double-quoted scalar with only the escapes Write
// uses and only characters Write leaves unescaped.
func parseQuoted(s string) (string, bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", false
	}
	s = s[1 : len(s)-1]
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '"' || c < 0x20 || c >= 0x7F {
			simple = false
			break
		}
	}
	if simple {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			return "", false
		case c == '\\':
			if i+1 >= len(s) {
				return "", false
			}
			switch s[i+1] {
			case '"', '\\':
				b.WriteByte(s[i+1])
				i += 2
			case 'n':
				b.WriteByte('\n')
				i += 2
			case 't':
				b.WriteByte('\t')
				i += 2
			case 'u':
				if i+6 > len(s) {
					return "", false
				}
				v, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
				r := rune(v)
				if err != nil || !escapeRune(r) {
					// Write escapes only these: anything else is a hand edit.
					return "", false
				}
				b.WriteRune(r)
				i += 6
			default:
				return "", false
			}
		case c < 0x20 || c == 0x7F:
			return "", false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || escapeRune(r) {
				return "", false
			}
			b.WriteString(s[i : i+size])
			i += size
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), true
}
