package taxonomy

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// TagKind says what a TAG names. The zero value is TagOther, the kind of a
// code nobody can read a meaning into.
type TagKind uint8

// The kinds of TAG.
const (
	TagOther        TagKind = iota // a person's name, a word, a typing error
	TagSubject                     // PGOV, ECON, KDEM
	TagGeographic                  // SR, KV, XF
	TagOrganization                // UNSC, NATO, EUN
)

var kindNames = [...]string{
	TagOther:        "other",
	TagSubject:      "subject",
	TagGeographic:   "geographic",
	TagOrganization: "organization",
}

// String returns the kind as data/tags.tsv writes it: "subject",
// "geographic", "organization" or "other".
func (k TagKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("TagKind(%d)", k)
}

// MarshalText writes the kind as String does, so that JSON and front
// matter read "subject" rather than a number.
func (k TagKind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("taxonomy: invalid TagKind %d", k)
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads a kind written by MarshalText.
func (k *TagKind) UnmarshalText(b []byte) error {
	i := slices.Index(kindNames[:], string(b))
	if i < 0 {
		return fmt.Errorf("taxonomy: unknown TAG kind %q (want subject, geographic, organization or other)", b)
	}
	*k = TagKind(i)
	return nil
}

// Tag is one entry of the TAG dictionary.
type Tag struct {
	Code    string  // upper case, as on a TAGS line: "PGOV"
	Meaning string  // "Government; Internal Governmental Affairs", without the family
	Kind    TagKind // subject, geographic, organization or other
	Source  string  // where the meaning comes from: "fam", "plusd" or "knowledge"
}

// Category returns the family a subject TAG belongs to, named by its first
// letter ("Political Affairs" for PGOV), or "" when the tag is not a subject
// TAG or the sources do not name its family (K, O, S and T tags).
func (t Tag) Category() string {
	if t.Kind != TagSubject || t.Code == "" {
		return ""
	}
	// From the handbook's own category names (A, B, C, E, P) and PlusD's
	// labels (M); the handbook excerpt we hold stops before the others.
	switch t.Code[0] {
	case 'A':
		return "Administrative Affairs"
	case 'B':
		return "Business Services Reporting"
	case 'C':
		return "Consular Affairs"
	case 'E':
		return "Economic Affairs"
	case 'M':
		return "Military and Defense Affairs"
	case 'P':
		return "Political Affairs"
	}
	return ""
}

// Description returns the meaning with its family in front, when there is
// one: "Political Affairs: Government; Internal Governmental Affairs".
func (t Tag) Description() string {
	if c := t.Category(); c != "" && t.Meaning != "" {
		return c + ": " + t.Meaning
	}
	return t.Meaning
}

// TagDict maps TAG codes to their meanings. It is immutable once parsed, so
// one dictionary can serve every goroutine of a build.
type TagDict struct {
	tags  []Tag          // sorted by code
	index map[string]int // code -> its position in tags
}

//go:embed data/tags.tsv
var tagsTSV []byte

// The dictionary is part of the binary and checked by the tests, so a
// malformed file is a programming error, not an input error.
var loadTags = sync.OnceValue(func() *TagDict {
	d, err := ParseTagDict(bytes.NewReader(tagsTSV))
	if err != nil {
		panic(err)
	}
	return d
})

// LoadTags returns the dictionary shipped with the generator
// (data/tags.tsv). It is parsed on first use and shared afterwards.
func LoadTags() *TagDict { return loadTags() }

// tagsFile is the name errors give to the input of ParseTagDict.
const tagsFile = "tags.tsv"

// tagsHeader is the optional column header of a dictionary file.
const tagsHeader = "code\tmeaning\tkind\tsource"

// maxTagLine bounds a line of the dictionary; real lines are under 200
// bytes, and the bound keeps a stray binary file from filling memory.
const maxTagLine = 64 << 10

// maxTagErrors is how many errors ParseTagDict reports before giving up
// on a file that is plainly not a dictionary.
const maxTagErrors = 20

// ParseError is an error in a dictionary file, with the line it is on.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ParseTagDict reads a dictionary in the format of data/tags.tsv (see the
// package documentation). It reports every malformed line, each as a
// *ParseError reading "tags.tsv:LINE: message", joined in one error.
func ParseTagDict(r io.Reader) (*TagDict, error) {
	d := &TagDict{index: make(map[string]int)}
	firstLine := make(map[string]int) // code -> line, for duplicates
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &ParseError{File: tagsFile, Line: line, Msg: fmt.Sprintf(format, args...)})
	}

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxTagLine)
	line := 0
	for sc.Scan() && len(errs) < maxTagErrors {
		line++
		s := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if s == "" || s[0] == '#' || s == tagsHeader {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 4 {
			fail(line, "%d fields, want 4 (code, meaning, kind, source) separated by tabs", len(f))
			continue
		}
		t := Tag{Code: f[0], Meaning: f[1], Source: f[3]}
		ok := true
		if msg := checkCode(t.Code); msg != "" {
			fail(line, "code %q: %s", t.Code, msg)
			ok = false
		}
		if msg := checkMeaning(t.Meaning); msg != "" {
			fail(line, "meaning of %s: %s", t.Code, msg)
			ok = false
		}
		if err := t.Kind.UnmarshalText([]byte(f[2])); err != nil {
			fail(line, "kind of %s: %q is not subject, geographic, organization or other", t.Code, f[2])
			ok = false
		}
		switch t.Source {
		case "fam", "plusd", "knowledge":
		default:
			fail(line, "source of %s: %q is not fam, plusd or knowledge", t.Code, t.Source)
			ok = false
		}
		if !ok {
			continue
		}
		if first, dup := firstLine[t.Code]; dup {
			fail(line, "duplicate code %s (first on line %d)", t.Code, first)
			continue
		}
		firstLine[t.Code] = line
		d.tags = append(d.tags, t)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			fail(line+1, "line longer than %d bytes", maxTagLine)
		} else {
			errs = append(errs, fmt.Errorf("%s: reading: %w", tagsFile, err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	slices.SortFunc(d.tags, func(a, b Tag) int { return strings.Compare(a.Code, b.Code) })
	for i, t := range d.tags {
		d.index[t.Code] = i
	}
	return d, nil
}

// checkCode says what is wrong with a code, or "" when nothing is. Codes
// are printable ASCII so that lookups can fold case without Unicode's
// surprises; inner spaces are allowed for tags such as "AER LINGUS".
func checkCode(code string) string {
	if code == "" {
		return "empty"
	}
	if code != strings.TrimSpace(code) {
		return "leading or trailing space"
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c < ' ' || c > '~':
			return "not printable ASCII"
		case 'a' <= c && c <= 'z':
			return "not upper case"
		}
	}
	return ""
}

func checkMeaning(m string) string {
	switch {
	case m == "":
		return "empty"
	case !utf8.ValidString(m):
		return "not valid UTF-8"
	case m != strings.TrimSpace(m):
		return "leading or trailing space"
	case strings.IndexFunc(m, unicode.IsControl) >= 0:
		return "control character"
	}
	return ""
}

// normalize turns a code as a cable writes it into the dictionary's form:
// trimmed and in upper case. Only ASCII letters are folded, since every
// dictionary code is ASCII.
func normalize(code string) string {
	code = strings.TrimSpace(code)
	if !hasLower(code) {
		return code
	}
	b := []byte(code)
	upperASCII(b)
	return string(b)
}

func hasLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return true
		}
	}
	return false
}

func upperASCII(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
}

// Lookup returns the entry for code, ignoring case and surrounding space.
// An unknown code gives false.
func (d *TagDict) Lookup(code string) (Tag, bool) {
	if d == nil {
		return Tag{}, false
	}
	code = strings.TrimSpace(code)
	var (
		i  int
		ok bool
	)
	// Cables mostly write codes in upper case already; the others are
	// folded on the stack, since a build looks up every TAG of every cable.
	var buf [32]byte
	if !hasLower(code) {
		i, ok = d.index[code]
	} else if len(code) <= len(buf) {
		b := buf[:copy(buf[:], code)]
		upperASCII(b)
		i, ok = d.index[string(b)]
	} else {
		i, ok = d.index[normalize(code)]
	}
	if !ok {
		return Tag{}, false
	}
	return d.tags[i], true
}

// Meaning returns the meaning of code, or "" when the dictionary does not
// know it: the caller then shows the code as it is.
func (d *TagDict) Meaning(code string) string {
	t, _ := d.Lookup(code)
	return t.Meaning
}

// Kind returns the kind of code: the dictionary's when it knows the code,
// otherwise a guess from its shape. Two letters are taken for a country,
// four letters beginning with a subject family's letter for a subject,
// and the rest (names such as "RICE, CONDOLEEZZA", words) for other.
func (d *TagDict) Kind(code string) TagKind {
	if t, ok := d.Lookup(code); ok {
		return t.Kind
	}
	return guessKind(normalize(code))
}

func guessKind(code string) TagKind {
	letters := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < 'A' || s[i] > 'Z' {
				return false
			}
		}
		return true
	}
	switch {
	case len(code) == 2 && letters(code):
		return TagGeographic
	case len(code) == 4 && letters(code) && strings.IndexByte("ABCEKMOPST", code[0]) >= 0:
		return TagSubject
	}
	return TagOther
}

// Len returns the number of codes in the dictionary.
func (d *TagDict) Len() int {
	if d == nil {
		return 0
	}
	return len(d.tags)
}

// All yields every entry in the order of its code.
func (d *TagDict) All() iter.Seq[Tag] {
	return func(yield func(Tag) bool) {
		if d == nil {
			return
		}
		for _, t := range d.tags {
			if !yield(t) {
				return
			}
		}
	}
}
