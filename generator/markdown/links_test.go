package markdown

import (
	"bytes"
	"reflect"
	"testing"
)

func TestLinks(t *testing.T) {
	for _, tc := range []struct {
		body string
		want []Link
	}{
		{"no links", nil},
		{"[a](a.md) and\n\n[b](<b c.md> \"t\")\n", []Link{{"a.md", 1, ""}, {"b c.md", 3, ""}}},
		{"text\nmore [x\ny](z.md#p)", []Link{{"z.md#p", 2, ""}}},
		{"[](empty.md)\n\n> quoted\n> [q](q%20r.md)", []Link{{"empty.md", 1, ""}, {"q%20r.md", 4, ""}}},
		{"[ref]\n\n[ref]: \\_u&amp;.md", []Link{{"\\_u&amp;.md", 1, ""}}},
		{"![image](i.png) <http://auto.example>", nil},
		{"![a [link](cable:07X1) in a description](i.png) [after](a.md)", []Link{{"a.md", 1, ""}}},
		{"`[code](c.md)`", nil},
		{"| a |\n|---|\n| [t](t.md) |", []Link{{"t.md", 3, ""}}},
		{"[A](cable:07STATE1) [B](CABLE:07X&#45;2) [C](cable:bad/id)", []Link{{"cable:07STATE1", 1, "07STATE1"}, {"CABLE:07X&#45;2", 1, "07X-2"}, {"cable:bad/id", 1, ""}}},
	} {
		if got := Links([]byte(tc.body)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %+v, want %+v", tc.body, got, tc.want)
		}
	}
}

// FuzzLinks checks that Links gives each link a line of the body, in
// order, and that a blank line before the body moves every link one line
// down (CommonMark ignores it).
func FuzzLinks(f *testing.F) {
	f.Add("[a](a.md) and\n\n[b](<b c.md>)\n")
	f.Add("[](x)\n> [q\nr](y)\n\n[ref]\n\n[ref]: z")
	f.Fuzz(func(t *testing.T, body string) {
		links := Links([]byte(body))
		lines := bytes.Count([]byte(body), []byte("\n")) + 1
		for i, l := range links {
			if l.Line < 1 || l.Line > lines || i > 0 && l.Line < links[i-1].Line {
				t.Fatalf("%q: link %d at line %d of %d (%+v)", body, i, l.Line, lines, links)
			}
		}
		shifted := Links([]byte("\n" + body))
		if len(shifted) != len(links) {
			t.Fatalf("%q: %d links, %d after a blank line", body, len(links), len(shifted))
		}
		for i := range links {
			if shifted[i] != (Link{links[i].Dest, links[i].Line + 1, links[i].Cable}) {
				t.Fatalf("%q: %+v, after a blank line %+v", body, links[i], shifted[i])
			}
		}
	})
}
