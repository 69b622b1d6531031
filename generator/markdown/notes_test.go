package markdown

import (
	"bytes"
	"testing"
)

func TestRenderNotes(t *testing.T) {
	res := ResolverFunc(func(id string) string {
		if id == "07STATE5" {
			return "../07STATE5.html"
		}
		return ""
	})
	for _, tc := range []struct{ name, notes, want string }{
		{"heading down, id of its own", "## Summary\n\nText.\n", "<h3 id=\"note-summary\">Summary</h3>\n<p>Text.</p>\n"},
		{"no paragraph anchor", "¶1. (C) Not the cable's.\n", "<p>¶1. (C) Not the cable's.</p>\n"},
		{"cable link", "See [STATE 5](cable:07STATE5) and [X](cable:07NONE1).\n",
			"<p>See <a class=\"cable-ref\" href=\"../07STATE5.html\" data-id=\"07STATE5\">STATE 5</a> and <span class=\"cable-ref missing\" title=\"not in this collection\">X</span>.</p>\n"},
		{"no raw HTML, no unsafe link", "<script>x</script>\n\n*a* <b>b</b> [c](javascript:alert(1))\n", "<p><em>a</em> b c</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := New().RenderNotes(&b, []byte(tc.notes), res); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("RenderNotes(%q) =\n%q\nwant\n%q", tc.notes, b.String(), tc.want)
			}
		})
	}
}
