package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// pageRes is an editorial page's resolver one folder below its file's.
type pageRes struct{ ResolverFunc }

func (pageRes) RelativeURL(dest string) string { return "../" + dest }

// TestPageResolver renders an editorial page's images and links: images
// from the site are shown, relative paths are reached from the page's
// folder, and nothing else changes.
func TestPageResolver(t *testing.T) {
	res := pageRes{func(id string) string { return "../cable/" + id + ".html" }}
	for _, tc := range []struct{ md, want string }{
		{"![The map](img/map.png)", `<p><img src="../img/map.png" alt="The map"></p>`},
		{"![The map](img/map%20b.png \"A title\")", `<p><img src="../img/map%20b.png" alt="The map" title="A title"></p>`},
		{"![From the root](/img/map.png)", `<p><img src="/img/map.png" alt="From the root"></p>`},
		{"![Remote](https://example.org/x.png)", `<p><a href="https://example.org/x.png">Remote</a></p>`},
		{"![Elsewhere](//example.org/x.png)", `<p><a href="//example.org/x.png">Elsewhere</a></p>`},
		{"![Bad](javascript:alert(1))", `<p>Bad</p>`},
		{"[The data](files/cables.csv)", `<p><a href="../files/cables.csv">The data</a></p>`},
		{"[Up](../other/)", `<p><a href="../../other/">Up</a></p>`},
		{"[Here](#part)", `<p><a href="#part">Here</a></p>`},
		{"[Query](?q=x)", `<p><a href="?q=x">Query</a></p>`},
		{"[Mail](mailto:a@example.org)", `<p><a href="mailto:a@example.org">Mail</a></p>`},
		{"[A cable](cable:07X1)", `<p><a class="cable-ref" href="../cable/07X1.html" data-id="07X1">A cable</a></p>`},
	} {
		var buf bytes.Buffer
		if err := New().Render(&buf, []byte(tc.md), res); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(buf.String()); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.md, got, tc.want)
		}
	}
	// A cable's images stay links, and its relative links as written.
	var buf bytes.Buffer
	if err := New().Render(&buf, []byte("![The map](img/map.png) [x](y.csv)"), nil); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(buf.String()), `<p><a href="img/map.png">The map</a> <a href="y.csv">x</a></p>`; got != want {
		t.Errorf("a cable's image:\n got %s\nwant %s", got, want)
	}
}
