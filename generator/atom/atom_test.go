package atom

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/cablesite/cablesite/generator/publish"
)

// atomTheSlowWay is what feed writes when Append declines: the feed
// encoded by encoding/xml, then minified as every XML file of a site is.
func atomTheSlowWay(t testing.TB, f *Feed) []byte {
	t.Helper()
	var raw bytes.Buffer
	raw.WriteString(xml.Header)
	if err := xml.NewEncoder(&raw).Encode(f); err != nil {
		t.Fatal(err)
	}
	raw.WriteByte('\n')
	var min bytes.Buffer
	if err := publish.NewMinifier().Minify("text/xml", &min, &raw); err != nil {
		t.Fatal(err)
	}
	return min.Bytes()
}

// testFeed is a feed whose every value is v, but for the ones that must
// be of a form (dates), and whose optional parts are there or not.
func testFeed(v string, optional bool) *Feed {
	f := &Feed{
		Title:   "Cables: newest cables tagged " + v,
		ID:      "urn:cablesite:feed:tag:" + v,
		Updated: "2009-10-16T08:28:00Z",
		Author:  Person{Name: v},
		Links: []Link{
			{Rel: "self", Type: "application/atom+xml", Href: "../../tag/" + v + "/feed.xml"},
			{Rel: "alternate", Type: "text/html", Href: v},
		},
	}
	for i := range 3 {
		e := Entry{
			Title:   v,
			ID:      "urn:cablesite:cable:" + v,
			Updated: "2009-10-16T08:28:00Z",
			Links:   []Link{{Rel: "alternate", Href: v}},
		}
		if optional || i == 1 {
			e.Author = &Person{Name: v}
			e.Summary = v + ", " + v
			e.Categories = []Category{{Term: v, Label: v}, {Term: "PGOV"}}
		}
		f.Entries = append(f.Entries, e)
	}
	return f
}

// TestAtomAsMinified holds Append to encoding/xml and the minifier:
// where it writes a feed, the bytes are theirs; it declines only values
// that are not plain.
func TestAtomAsMinified(t *testing.T) {
	for _, tc := range []struct {
		v     string
		plain bool
	}{
		{"PGOV", true},
		{"Embassy Madrid", true},
		{"AT&T <b> 'quoted' > x", true},
		{"Kosovo’s Šešelj, 日本", true},
		{"&amp; &#34; &lt;", true},
		{`say "no"`, false}, // a double quote in an attribute: the minifier picks the quotes
		{"two  spaces", false},
		{" leading", false},
		{"trailing ", false},
		{"tab\there", false},
		{"line\nbreak", false},
		{"nul\x00", false},
		{"bad \xff utf-8", false},
		{"\uFFFE", false},
		{"", false},
	} {
		for _, optional := range []bool{false, true} {
			f := testFeed(tc.v, optional)
			got, ok := Append(nil, f)
			if ok != tc.plain {
				t.Errorf("%q: Append says plain %v, want %v", tc.v, ok, tc.plain)
			}
			if !ok {
				continue
			}
			if want := atomTheSlowWay(t, f); !bytes.Equal(got, want) {
				t.Errorf("%q:\n got %s\nwant %s", tc.v, got, want)
			}
		}
	}
}

func FuzzAtomAsMinified(f *testing.F) {
	for _, s := range []string{"PGOV", "AT&T <b>", "a  b", "x'y", `x"y`, "Šešelj", "&#34;"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, v string, optional bool) {
		feed := testFeed(v, optional)
		got, ok := Append(nil, feed)
		if !ok {
			return
		}
		if want := atomTheSlowWay(t, feed); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", v, got, want)
		}
	})
}
