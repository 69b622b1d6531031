package annotate

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
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
		if want := storedSource(rec, md); !reflect.DeepEqual(d.Source, want) {
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
// annotate's own. Then an editor gives the file a title and notes: Read
// returns them, the digest still holds, and writing the cable again keeps
// them byte for byte.
func FuzzRoundTrip(f *testing.F) {
	for _, tc := range roundTripCases() {
		f.Add(tc.rec.Text, "", []byte(nil))
	}
	f.Add([]byte("SUBJECT: X\n\n1. (C) <script>alert(1)</script> XXXXXX KOSOVO,S\n\n-- ITEM\n\n------- H -------\n"), "A title: \"quoted\"\n", []byte("Notes.\n\n"+notesMarker+"\n"))
	f.Add([]byte("SUBJECT: X\n"), "X", []byte("no line end"))
	f.Add([]byte("SUBJECT: X\n"), "", []byte("\r\n---\n~~~~\n"))
	f.Add([]byte("UNCLAS SECTION 01 OF 03 VLADIVOSTOK 000005\n\nSUBJECT: X\n\nVladivosto 00000005 001.2 of 003\n\nIntro\n\n-----\n1. (U) A Vladivosto 00000005 002.2 of 003 B.\n\nNO PROSECUTOR OF\nTHE TWO LINES -----\n-----\nA on\nB\n-----\nSECRET PAGE 02 LIMA 02475 01 OF 02 121234Z X\nTHE END. DELL\n"), "", []byte(nil))
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	f.Fuzz(func(t *testing.T, text []byte, title string, notes []byte) {
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
		if has, ok := Unedited(out, d); !has || !ok || d.Notes != nil || d.Title != "" {
			t.Fatalf("as written: digest %v %v, notes %q, title %q", has, ok, d.Notes, d.Title)
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

		// The editor's parts. Notes holding the original's marker line
		// end there: the specification forbids it.
		if markerIndex(notes, originalMarker) >= 0 {
			return
		}
		editor := "---\n" + string(appendStringKey(nil, "title", title)) + "---\n" + notesMarker + "\n" + string(notes)
		edited, kept := Merge(out, []byte(editor), nil)
		if kept.TitleLost {
			t.Fatalf("a quoted title did not read: %q", title)
		}
		e, err := Read("edited.md", edited)
		if err != nil {
			t.Fatalf("Read of the edited file: %v\n%s", err, edited)
		}
		wantNotes := string(notes)
		if wantNotes != "" && !strings.HasSuffix(wantNotes, "\n") {
			wantNotes += "\n"
		}
		if string(e.Notes) != wantNotes || !bytes.Equal(e.Body, d.Body) || !bytes.Equal(e.Original, text) {
			t.Fatalf("notes %q, want %q (body or original changed: %v)", e.Notes, wantNotes, !bytes.Equal(e.Body, d.Body) || !bytes.Equal(e.Original, text))
		}
		if want := storedString(title); e.Title != want && !(want == "" || want == d.Cable.Subject || d.Cable.Subject == "" && want == d.Cable.ID) {
			t.Fatalf("Title %q, want %q", e.Title, want)
		}
		if has, ok := Unedited(edited, e); !has || !ok {
			t.Fatalf("a title and notes break the digest:\n%s", edited)
		}
		if again, _ := Merge(out, edited, e); !bytes.Equal(again, edited) {
			t.Fatalf("written again, the editor's parts are not kept:\n%s\nwant\n%s", again, edited)
		}
	})
}

// FuzzRead reads arbitrary files as annotated markdown: Read, Digest and
// Merge never panic, and a cable written again over a file that reads
// keeps its notes and its editor's title.
func FuzzRead(f *testing.F) {
	golden, _ := filepath.Glob("testdata/golden/*.md")
	for _, g := range golden {
		if data, err := os.ReadFile(g); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(editorialSample))
	f.Add([]byte("---\ntitle: &t x\nsubject: *t\n---\n" + notesMarker + "\nN"))
	f.Add([]byte("---\ntitle: >-\n  a\n\n  b\nid: \"X\"\n---\n"))
	fresh, err := Append(nil, fullCable(), fullRecord())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Digest(data)
		d, err := Read("f.md", data)
		if err != nil {
			Merge(fresh, data, nil)
			return
		}
		merged, _ := Merge(fresh, data, d)
		m, err := Read("m.md", merged)
		if err != nil {
			t.Fatalf("written again over\n%q\nthe file does not read: %v\n%s", data, err, merged)
		}
		if d.Title != "" && m.Title != d.Title {
			t.Fatalf("title %q, want %q", m.Title, d.Title)
		}
		want := d.Notes
		if len(want) > 0 && want[len(want)-1] != '\n' {
			want = append(append([]byte(nil), want...), '\n')
		}
		if (d.Notes == nil) != (m.Notes == nil) || !bytes.Equal(m.Notes, want) {
			t.Fatalf("notes %q, want %q", m.Notes, want)
		}
		if has, ok := Unedited(merged, m); !has || !ok {
			t.Fatalf("the digest does not hold:\n%s", merged)
		}
	})
}
