package search

import (
	"encoding/json"
	"regexp"
	"testing"
)

func TestTextScript(t *testing.T) {
	if got, want := TextPath("cable/2006/03/06PARIS23.html"), "cable/2006/03/06PARIS23.txt.js"; got != want {
		t.Errorf("TextPath = %q, want %q", got, want)
	}
	re := regexp.MustCompile(`^cablesiteSearch\.text\(("(?:[^"\\]|\\.)*"),("(?:[^"\\]|\\.)*")\);\n$`)
	for _, text := range []string{"", "PLAIN TEXT.", "a \"quote\", a \\ and\na line\u2028</script>\x01 é"} {
		got := TextScript("cable/x/06A1.html", text)
		m := re.FindSubmatch(got)
		if m == nil {
			t.Fatalf("TextScript(%q) = %q: not one call with two string literals", text, got)
		}
		var u, s string
		if err := json.Unmarshal(m[1], &u); err != nil || u != "cable/x/06A1.html" {
			t.Errorf("url %s: %v", m[1], err)
		}
		if err := json.Unmarshal(m[2], &s); err != nil || s != text {
			t.Errorf("text %s = %q (%v), want %q", m[2], s, err, text)
		}
	}
}
