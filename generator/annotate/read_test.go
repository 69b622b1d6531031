package annotate

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/gohugoio/hugo/parser/pageparser"
	"github.com/spf13/cast"
)

// TestHugoReads checks that Hugo's own page parser takes the front matter
// and that title, date and tags come out as Hugo wants them.
func TestHugoReads(t *testing.T) {
	for _, tc := range roundTripCases() {
		t.Run(tc.name, func(t *testing.T) {
			md, err := Append(nil, tc.c, tc.rec)
			if err != nil {
				t.Fatal(err)
			}
			cf, err := pageparser.ParseFrontMatterAndContent(bytes.NewReader(md))
			if err != nil {
				t.Fatalf("Hugo cannot read it: %v\n%s", err, md)
			}
			fm := cf.FrontMatter
			want := stored(tc.c)
			title := want.Subject
			if title == "" {
				title = want.ID
			}
			if got, _ := fm["title"].(string); got != title {
				t.Errorf("title = %#v, want %q", fm["title"], title)
			}
			if want.Date.IsZero() {
				if _, ok := fm["date"]; ok {
					t.Errorf("date = %#v, want none", fm["date"])
				}
			} else if got, err := cast.ToTimeInDefaultLocationE(fm["date"], time.Local); err != nil || !got.Equal(want.Date) {
				// The conversion Hugo applies to front matter dates.
				t.Errorf("date = %#v reads as %v, %v; want the time %v", fm["date"], got, err, want.Date)
			}
			if len(want.Tags) > 0 {
				got, _ := fm["tags"].([]any)
				if len(got) != len(want.Tags) {
					t.Fatalf("tags = %#v, want %q", fm["tags"], want.Tags)
				}
				for i, g := range got {
					if g != want.Tags[i] {
						t.Errorf("tags[%d] = %#v, want %q", i, g, want.Tags[i])
					}
				}
			}
			if got, _ := fm["url"].(string); got != URL(tc.c) {
				t.Errorf("url = %#v, want %q", fm["url"], URL(tc.c))
			}
			if !bytes.Contains(cf.Content, []byte(originalMarker)) {
				t.Errorf("Hugo's content lacks the original")
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	good := string(mustAppend(t, fullCable(), fullRecord()))
	fmEnd := strings.Index(good, "\n---\n") + 5
	marker := strings.Index(good, originalMarker)
	tests := []struct {
		name string
		file string
		want string // error prefix
	}{
		{"empty", "", "c.md:1: no front matter"},
		{"no front matter", "# Title\n", "c.md:1: no front matter"},
		{"not closed", "---\ntitle: \"x\"\n", "c.md:1: front matter not closed"},
		{"bad yaml", "---\ntitle: \"x\"\nid: [unclosed\n---\n", "c.md:3:"},
		{"bad quote", "---\nid: \"x\n---\n", "c.md:2:"},
		{"wrong type", "---\ntitle: \"x\"\nsections: many\n---\n", "c.md:3:"},
		{"list for a string", "---\nid: \"x\"\nsubject: [a, b]\n---\n", "c.md:3:"},
		{"bad date", "---\ntitle: \"x\"\ndate: \"yesterday\"\n---\n", "c.md:3: date: cannot read"},
		{"zero date", "---\ntitle: \"x\"\ndate: 0001-01-01T00:00:00Z\n---\n", "c.md:3: date: 0001-01-01T00:00:00Z is the zero time, which stands for no date"},
		{"zero day", "---\ndate: 0001-01-01\n---\n", "c.md:2: date: 0001-01-01T00:00:00Z is the zero time"},
		{"year 0 in UTC", "---\ndate: 0001-01-01T05:00:00+14:00\n---\n", "c.md:2: date: 0001-01-01T05:00:00+14:00 (0000-12-31T15:00:00Z in UTC) is outside years 1 to 9999 (UTC)"},
		{"year 0", "---\ndate: 0000-06-01T00:00:00Z\n---\n", "c.md:2: date: 0000-06-01T00:00:00Z is outside years 1 to 9999 (UTC)"},
		{"year 10000 in UTC", "---\ndate: 9999-12-31T23:00:00-05:00\n---\n", "c.md:2: date: 9999-12-31T23:00:00-05:00 (10000-01-01T04:00:00Z in UTC) is outside"},
		{"no leap day", "---\ndate: 1900-02-29\n---\n", "c.md:2: date: cannot read"},
		{"duplicate key", "---\nid: \"x\"\nid: \"y\"\n---\n", "c.md:3:"},
		{"no fence", good[:marker] + originalMarker + "\ntext\n", "c.md:"},
		{"short fence", good[:marker] + originalMarker + "\n~~~ text\nX\n~~~\n", "c.md:"},
		{"unknown info", good[:marker] + originalMarker + "\n~~~~ go\nX\n~~~~\n", "c.md:"},
		{"unclosed fence", good[:marker] + originalMarker + "\n~~~~ text\nX\n", "c.md:"},
		{"text after the fence", good + "more\n", "c.md:"},
		{"bad base64", good[:marker] + originalMarker + "\n~~~~ base64\n!!!!\n~~~~\n", "c.md:"},
	}
	_ = fmEnd
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("c.md", []byte(tt.file))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Read error = %v, want prefix %q", err, tt.want)
			}
		})
	}
	// The lines named are those of the file.
	lines := strings.Count(good[:marker], "\n")
	_, err := Read("c.md", []byte(good[:marker]+originalMarker+"\n~~~~ text\nX\n"))
	if want := "c.md:" + itoa(lines+2) + ":"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("unclosed fence: %v, want %s", err, want)
	}
}

func itoa(n int) string { return string(appendInt(nil, n)) }

func mustAppend(t testing.TB, c *cable.Cable, rec cable.Record) []byte {
	t.Helper()
	b, err := Append(nil, c, rec)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadHandEdited reads front matter that Write does not write but a
// person may: other quoting, comments, CRLF, extra keys, other dates.
func TestReadHandEdited(t *testing.T) {
	tests := []struct {
		name string
		fm   string
		want cable.Cable
		src  Source
	}{
		{"plain scalars and comments", "# edited\ntitle: My title\nid: 07STATE1 # the id\ntags: [PGOV, 'PREL']\nsections: 2\n",
			cable.Cable{ID: "07STATE1", Tags: []string{"PGOV", "PREL"}, Sections: 2}, Source{}},
		{"block lists", "tags:\n- PGOV\n- PREL\nto:\n- name: X\n  route: R\n",
			cable.Cable{Tags: []string{"PGOV", "PREL"}, To: []cable.Addressee{{Name: "X", Route: "R"}}}, Source{}},
		{"CRLF", "id: \"A\"\r\nsubject: \"B\"\r\n",
			cable.Cable{ID: "A", Subject: "B"}, Source{}},
		{"extra keys", "draft: true\nweight: 3\nid: \"A\"\nparams:\n  x: 1\n",
			cable.Cable{ID: "A"}, Source{}},
		{"a day", "date: 2007-09-07\n",
			cable.Cable{Date: time.Date(2007, 9, 7, 0, 0, 0, 0, time.UTC)}, Source{}},
		{"a quoted date", "date: \"2007-09-07T21:47:00Z\"\n",
			cable.Cable{Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)}, Source{}},
		{"a zoned date", "date: 2007-09-07T23:47:00+02:00\n",
			cable.Cable{Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)}, Source{}},
		{"a space-separated date", "date: 2007-09-07 21:47\n",
			cable.Cable{Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)}, Source{}},
		{"before 1900", "date: 1899-12-31T00:00:00Z\n",
			cable.Cable{Date: time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)}, Source{}},
		{"into 1899 by its zone", "date: 1900-01-01T00:00:00+14:00\n",
			cable.Cable{Date: time.Date(1899, 12, 31, 10, 0, 0, 0, time.UTC)}, Source{}},
		{"the first second", "date: 0001-01-01T00:00:01Z\n",
			cable.Cable{Date: time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)}, Source{}},
		{"the last second", "date: 9999-12-31T23:59:59Z\n",
			cable.Cable{Date: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)}, Source{}},
		{"a leap day of 1860", "date: 1860-02-29\n",
			cable.Cable{Date: time.Date(1860, 2, 29, 0, 0, 0, 0, time.UTC)}, Source{}},
		{"yaml escapes", "subject: \"\\x41\\u00e9\\U0001F600\\0\"\n",
			cable.Cable{Subject: "Aé😀\x00"}, Source{}},
		{"folded string", "subject: \"ONE\n  TWO\"\n",
			cable.Cable{Subject: "ONE TWO"}, Source{}},
		{"source", "source:\n  format: html\n  file: a.html\n  line: 3\n  meta: {id: X, references: [A, B]}\n",
			cable.Cable{}, Source{Format: "html", File: "a.html", Line: 3, Meta: cable.Meta{ID: "X", References: []string{"A", "B"}}}},
		{"paragraph texts", "paragraphs:\n  - {n: 1, marking: U, text: hi}\n",
			cable.Cable{Paragraphs: []cable.Paragraph{{N: 1, Marking: "U", Text: "hi"}}}, Source{}},
		{"empty", "", cable.Cable{}, Source{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "---\n" + tt.fm + "---\nBODY\n"
			d, err := Read("h.md", []byte(file))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Cable, tt.want) {
				t.Errorf("cable:\n got %+v\nwant %+v", d.Cable, tt.want)
			}
			if !reflect.DeepEqual(d.Source, tt.src) {
				t.Errorf("source:\n got %+v\nwant %+v", d.Source, tt.src)
			}
			if string(d.Body) != "BODY\n" || d.Original != nil {
				t.Errorf("body %q, original %q", d.Body, d.Original)
			}
			if d.BodyLine != strings.Count(tt.fm, "\n")+3 {
				t.Errorf("BodyLine = %d", d.BodyLine)
			}
		})
	}
}

// TestReadLayout checks the parts of a file around the body.
func TestReadLayout(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		body     string
		original string
		notes    string // "-" for no notes section
	}{
		{"no original", "---\nid: \"A\"\n---\nBODY\n", "BODY\n", "", "-"},
		{"BOM", "\xEF\xBB\xBF---\nid: \"A\"\n---\nB\n", "B\n", "", "-"},
		{"CRLF delimiters", "---\r\nid: \"A\"\r\n---\r\nB\r\n", "B\r\n", "", "-"},
		{"original", "---\nid: \"A\"\n---\nB\n\n" + originalMarker + "\n~~~~ text\nX\n~~~~\n", "B\n\n", "X", "-"},
		{"empty original", "---\n---\n" + originalMarker + "\n~~~~ text\n\n~~~~\n", "", "", "-"},
		{"empty original, hand-made", "---\n---\n" + originalMarker + "\n~~~~ text\n~~~~\n", "", "", "-"},
		{"no final newline", "---\n---\n" + originalMarker + "\n~~~~ text\nX\n~~~~", "", "X", "-"},
		{"trailing blank lines", "---\n---\n" + originalMarker + "\n~~~~ text\nX\n~~~~\n\n  \n", "", "X", "-"},
		{"longer tilde runs inside", "---\n---\n" + originalMarker + "\n~~~~~~ text\n~~~~~\n~~~~~~~\n~~~~~~\n", "", "~~~~~\n~~~~~~~", "-"},
		{"marker in the body is not at a line start", "---\n---\nA " + originalMarker + "\n", "A " + originalMarker + "\n", "", "-"},
		{"base64", "---\n---\n" + originalMarker + "\n~~~~ base64\ne3s8\nIHggPn19\n~~~~\n", "", "{{< x >}}", "-"},
		{"notes", "---\n---\nB\n\n" + notesMarker + "\nMy *notes*.\n\n" + originalMarker + "\n~~~~ text\nX\n~~~~\n", "B\n\n", "X", "My *notes*.\n\n"},
		{"notes, no original", "---\n---\nB\n" + notesMarker + "\nN", "B\n", "", "N"},
		{"empty notes", "---\n---\nB\n" + notesMarker + "\n" + originalMarker + "\n~~~~ text\nX\n~~~~\n", "B\n", "X", ""},
		{"notes marker, CRLF", "---\r\n---\r\nB\r\n" + notesMarker + " \r\nN\r\n", "B\r\n", "", "N\r\n"},
		{"notes marker not at a line start", "---\n---\nB " + notesMarker + "\n", "B " + notesMarker + "\n", "", "-"},
		{"notes marker in the original", "---\n---\nB\n" + originalMarker + "\n~~~~ text\n" + notesMarker + "\n~~~~\n", "B\n", notesMarker, "-"},
		{"a second notes marker is notes", "---\n---\n" + notesMarker + "\nA\n" + notesMarker + "\n", "", "", "A\n" + notesMarker + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read("l.md", []byte(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if string(d.Body) != tt.body || string(d.Original) != tt.original {
				t.Errorf("body %q original %q, want %q %q", d.Body, d.Original, tt.body, tt.original)
			}
			if tt.notes == "-" {
				if d.Notes != nil {
					t.Errorf("notes %q, want none", d.Notes)
				}
			} else if d.Notes == nil || string(d.Notes) != tt.notes {
				t.Errorf("notes %q (nil: %v), want %q", d.Notes, d.Notes == nil, tt.notes)
			}
		})
	}
}

func TestPath(t *testing.T) {
	d := time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)
	tests := []struct {
		c    cable.Cable
		path string
		url  string
	}{
		{cable.Cable{ID: "07STATE126086", Date: d}, "cables/2007/09/07STATE126086.md", "/cable/2007/09/07STATE126086.html"},
		{cable.Cable{ID: "66BUENOSAIRES2481", Date: time.Date(1966, 12, 28, 23, 0, 0, 0, time.FixedZone("X", -3*3600))}, "cables/1966/12/66BUENOSAIRES2481.md", "/cable/1966/12/66BUENOSAIRES2481.html"},
		{cable.Cable{ID: "07STATE126086-2", Date: d}, "cables/2007/09/07STATE126086-2.md", "/cable/2007/09/07STATE126086-2.html"},
		{cable.Cable{ID: "X"}, "cables/undated/X.md", "/cable/undated/X.html"},
		{cable.Cable{}, "cables/undated/_-811c9dc5.md", "/cable/undated/_-811c9dc5.html"},
		{cable.Cable{ID: ".."}, "cables/undated/_.-a3d4a70d.md", "/cable/undated/_.-a3d4a70d.html"},
		{cable.Cable{ID: "../../etc/passwd"}, "cables/undated/_._.._etc_passwd-6fadc99a.md", "/cable/undated/_._.._etc_passwd-6fadc99a.html"},
		{cable.Cable{ID: "a/b\x00c d"}, "cables/undated/a_b_c_d-0a61b81c.md", "/cable/undated/a_b_c_d-0a61b81c.html"},
		{cable.Cable{ID: ".hidden"}, "cables/undated/_hidden-4747f185.md", "/cable/undated/_hidden-4747f185.html"},
	}
	for _, tt := range tests {
		t.Run(tt.c.ID, func(t *testing.T) {
			if got := Path(&tt.c); got != tt.path {
				t.Errorf("Path = %q, want %q", got, tt.path)
			}
			if got := URL(&tt.c); got != tt.url {
				t.Errorf("URL = %q, want %q", got, tt.url)
			}
		})
	}
	long := strings.Repeat("A", 300)
	if got := SafeID(long); len(got) != 100+9 || SafeID(long+"B") == got {
		t.Errorf("SafeID of a long id: %q", got)
	}
}

func TestApostrophes(t *testing.T) {
	for in, want := range map[string]string{
		"TONING DOWN BELGRADE,S RHETORIC": "TONING DOWN BELGRADE'S RHETORIC",
		"KOSOVO,S":                        "KOSOVO'S",
		"BUSH,S AND PUTIN,S TALKS":        "BUSH'S AND PUTIN'S TALKS",
		"1,S":                             "1,S",
		"A,SB":                            "A,SB",
		"bank,s":                          "bank,s",
		"NO COMMA":                        "NO COMMA",
		",S":                              ",S",
	} {
		if got := Apostrophes(in); got != want {
			t.Errorf("Apostrophes(%q) = %q, want %q", in, got, want)
		}
	}
}
