package markdown

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzRender checks that no body makes Render fail or panic, or produce
// HTML with anything the renderer does not write itself: no script, no
// event handler attribute, no unsafe link.
func FuzzRender(f *testing.F) {
	for _, c := range readCases(f, "testdata/cases.txt") {
		f.Add(c.markdown)
	}
	for _, h := range hostile {
		f.Add(h)
	}
	body, err := os.ReadFile("testdata/cable.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(body))
	r := New()
	f.Fuzz(func(t *testing.T, body string) {
		var out bytes.Buffer
		if err := r.Render(&out, []byte(body), testResolver); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(out.String()), "<script") {
			t.Fatalf("body %q gives a script: %q", body, out.String())
		}
		if err := checkHTML(out.String()); err != nil {
			t.Fatalf("body %q gives %q: %v", body, out.String(), err)
		}
	})
}
