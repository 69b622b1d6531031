package annotate

import (
	"bytes"
	"reflect"
	"regexp"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// FuzzDecoders checks that whatever front matter the fast decoder accepts,
// goccy/go-yaml (Hugo's YAML library) reads the same way.
func FuzzDecoders(f *testing.F) {
	for _, tc := range roundTripCases() {
		md, err := Append(nil, tc.c, tc.rec)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(frontMatterOf(f, md))
	}
	f.Add([]byte("id: \"\\u0041\"\nsections: 010\n"))
	f.Add([]byte("tags: [\"a\", \"b\"]\ndate: 2007-09-07T21:47:00.5Z\n"))
	f.Fuzz(func(t *testing.T, fm []byte) {
		var fast, slow Document
		if !fastDecode(fm, &fast) {
			return
		}
		if err := slowDecode(fm, &slow); err != nil {
			t.Fatalf("fast decoder accepted what goccy/go-yaml refuses (%v):\n%s", err, fm)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("decoders differ on\n%s\nfast %+v\nslow %+v", fm, fast, slow)
		}
	})
}

// FuzzFields writes cables with arbitrary field values and reads them back.
func FuzzFields(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s, s, int64(0), 0, []byte(s))
	}
	f.Add("07STATE126086", "SUBJECT", int64(1189201620), 3, []byte("TEXT\n"))
	f.Fuzz(func(t *testing.T, id, s string, unix int64, n int, text []byte) {
		c := hostileCable(s)
		c.ID, c.Sections = id, n
		c.Paragraphs[0].N = n
		if unix != 0 {
			c.Date = time.Unix(unix%(250000*86400*365), unix%1e9).UTC()
		}
		rec := cable.Record{Format: cable.Format(s), Pos: cable.Pos{File: id, Line: n}, Text: text, Meta: cable.Meta{ID: s, References: []string{s, id}}}
		md, err := Append(nil, c, rec)
		if err != nil {
			if y := c.Date.Year(); y < 1 || y > 9999 {
				return
			}
			t.Fatal(err)
		}
		d, err := Read("f.md", md)
		if err != nil {
			t.Fatalf("Read: %v\n%s", err, md)
		}
		if want := stored(c); !reflect.DeepEqual(d.Cable, want) {
			t.Fatalf("cable:\n got %+v\nwant %+v", d.Cable, want)
		}
		if want := storedSource(rec); !reflect.DeepEqual(d.Source, want) {
			t.Fatalf("source:\n got %+v\nwant %+v", d.Source, want)
		}
		if !bytes.Equal(d.Original, text) {
			t.Fatalf("original %q, want %q", d.Original, text)
		}
		var fast Document
		if !fastDecode(frontMatterOf(t, md), &fast) {
			t.Fatalf("the fast decoder refused what Write wrote:\n%s", md)
		}
	})
}

// allowedHTML matches the tags a body may render to: what annotate marks
// up, and links that Linkify makes of URLs in the text.
var allowedHTML = regexp.MustCompile(`^</?(p|a|ul|li|h2)( href="[^"]*")?>$`)

var anyTag = regexp.MustCompile(`<[^>]*>`)

// FuzzRoundTrip reads arbitrary bytes as a raw cable, parses, writes and
// reads it back: Read never fails, the original comes back exactly, the
// fields are those the parser gave, and the body renders to no markup but
// annotate's own.
func FuzzRoundTrip(f *testing.F) {
	for _, tc := range roundTripCases() {
		f.Add(tc.rec.Text)
	}
	f.Add([]byte("SUBJECT: X\n\n1. (C) <script>alert(1)</script> XXXXXX KOSOVO,S\n\n-- ITEM\n\n------- H -------\n"))
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	f.Fuzz(func(t *testing.T, text []byte) {
		rec := cable.Record{Format: cable.FormatText, Pos: cable.Pos{File: "fuzz.txt", Line: 1}, Text: text}
		c := cable.Parse(rec)
		out, err := Append(nil, c, rec)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read("fuzz.md", out)
		if err != nil {
			t.Fatalf("Read: %v\n%s", err, out)
		}
		if !bytes.Equal(d.Original, text) {
			t.Fatalf("original %q, want %q", d.Original, text)
		}
		if want := stored(c); !reflect.DeepEqual(d.Cable, want) {
			t.Fatalf("cable:\n got %+v\nwant %+v", d.Cable, want)
		}
		var html bytes.Buffer
		if err := md.Convert(d.Body, &html); err != nil {
			t.Fatal(err)
		}
		for _, tag := range anyTag.FindAll(html.Bytes(), -1) {
			if !allowedHTML.Match(tag) {
				t.Fatalf("body renders the tag %s:\n%s\n%s", tag, d.Body, html.Bytes())
			}
		}
	})
}
