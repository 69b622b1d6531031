package escape

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"text/template"
	"unicode/utf8"

	"github.com/tdewolff/minify/v2"
	minxml "github.com/tdewolff/minify/v2/xml"
)

var samples = []string{
	"", "plain", `<script>alert("x")</script> & 'y'`, "a\x00b", "ünï©ødé & <>", "\xff\xfe", "\xed\xa0\x80",
	"\t\n\r\x01\x1f\x7f", "\uFFFE\uFFFF\uFFFD\U0001F600", "a+b", `AT&T "x" 'y' <z> &amp;`,
}

func checkHTML(t *testing.T, s string) {
	var b strings.Builder
	WriteHTML(&b, s)
	if want := template.HTMLEscapeString(s); b.String() != want {
		t.Errorf("WriteHTML(%q) = %q, HTMLEscapeString gives %q", s, b.String(), want)
	}
}

func checkXML(t *testing.T, s string) {
	var want bytes.Buffer
	if err := xml.EscapeText(&want, []byte(s)); err != nil {
		t.Fatal(err)
	}
	if got := AppendXML(nil, s); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("AppendXML(%q) = %q, encoding/xml gives %q", s, got, want.Bytes())
	}
	bare := bytes.ReplaceAll(bytes.ReplaceAll(want.Bytes(), []byte("&#34;"), []byte(`"`)), []byte("&#39;"), []byte("'"))
	if got := AppendXMLMinified([]byte("x"), s); !bytes.Equal(got, append([]byte("x"), bare...)) {
		t.Errorf("AppendXMLMinified(%q) = %q, want %q", s, got[1:], bare)
	}
}

func TestEscape(t *testing.T) {
	for _, s := range samples {
		checkHTML(t, s)
		checkXML(t, s)
	}
}

func FuzzHTML(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(checkHTML)
}

func FuzzXML(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(checkXML)
}

// checkMinified checks AppendXMLMinified against tdewolff/minify's XML
// minifier, on text it leaves otherwise as it is: valid characters, no
// white space but single spaces inside.
func checkMinified(t *testing.T, s string) {
	if s == "" || s != strings.Join(strings.Fields(s), " ") || !utf8.ValidString(s) {
		return
	}
	for _, r := range s {
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
			return
		}
	}
	m := minify.New()
	m.AddFunc("text/xml", minxml.Minify)
	doc := `<r><t>` + string(AppendXML(nil, s)) + `</t>`
	want := `<r><t>` + string(AppendXMLMinified(nil, s)) + `</t>`
	if !strings.Contains(s, `"`) {
		doc += `<a v="` + string(AppendXML(nil, s)) + `"/>`
		want += `<a v="` + string(AppendXMLMinified(nil, s)) + `"/>`
	}
	doc, want = doc+"</r>", want+"</r>"
	got, err := m.String("text/xml", doc)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("%q: the minifier writes\n%s\nAppendXMLMinified\n%s", s, got, want)
	}
}

func TestXMLMinified(t *testing.T) {
	for _, s := range samples {
		checkMinified(t, s)
	}
}

func FuzzXMLMinified(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(checkMinified)
}
