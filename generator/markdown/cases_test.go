package markdown

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"
)

// A case file holds goldmark-style test cases: a name line, the markdown
// between two `//- - - - - - - - -//` lines, then the HTML expected, each
// case ending with a `//= = = ... =//` line.
const (
	caseSeparator = "//- - - - - - - - -//"
	caseEnd       = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type markdownCase struct {
	name     string
	line     int
	markdown string
	html     string
}

func readCases(t testing.TB, name string) []markdownCase {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	const (
		wantName = iota
		wantOpen
		inMarkdown
		inHTML
	)
	var (
		cases []markdownCase
		c     markdownCase
		state = wantName
		buf   strings.Builder
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		switch state {
		case wantName:
			if strings.TrimSpace(text) != "" {
				c = markdownCase{name: text, line: line}
				state = wantOpen
			}
		case wantOpen:
			if text != caseSeparator {
				t.Fatalf("%s:%d: want %q after the case name", name, line, caseSeparator)
			}
			state = inMarkdown
		case inMarkdown:
			if text == caseSeparator {
				c.markdown = buf.String()
				buf.Reset()
				state = inHTML
				continue
			}
			buf.WriteString(text + "\n")
		case inHTML:
			if text == caseEnd {
				c.html = buf.String()
				buf.Reset()
				cases = append(cases, c)
				state = wantName
				continue
			}
			buf.WriteString(text + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if state != wantName {
		t.Fatalf("%s: the last case is not closed by %q", name, caseEnd)
	}
	return cases
}

// testResolver knows two cables, one of them in another month.
var testResolver = ResolverFunc(func(id string) string {
	switch id {
	case "07TBILISI1605":
		return "07TBILISI1605.html"
	case "06TBILISI2601":
		return "../../2006/11/06TBILISI2601.html"
	}
	return ""
})

func TestCases(t *testing.T) {
	const file = "testdata/cases.txt"
	r := New()
	cases := readCases(t, file)
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := r.Render(&out, []byte(c.markdown), testResolver); err != nil {
				t.Fatal(err)
			}
			if got := out.String(); got != c.html {
				t.Errorf("%s:%d: %s\nmarkdown:\n%s\ngot:\n%s\nwant:\n%s", file, c.line, c.name, c.markdown, got, c.html)
			}
		})
	}
}
