package cable

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// csvField quotes s as cables.csv does.
func csvField(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return `"` + s + `"`
}

// csvRow writes one record of the dialect, without its newline.
func csvRow(row int, id, header, body string) string {
	f := []string{fmt.Sprint(row), "9/7/2007 21:47", id, "Secretary of State", "CONFIDENTIAL", "07BELGRADE1|07PRISTINA2", header, body}
	for i := range f {
		f[i] = csvField(f[i])
	}
	return strings.Join(f, ",")
}

const (
	fixHeader = "O 072147Z SEP 07\nFM SECSTATE WASHDC\nTO AMEMBASSY BELGRADE IMMEDIATE 1049"
	fixBody   = "C O N F I D E N T I A L STATE 126086\n\nSUBJECT: \"QUOTED\" AND BELGRADE'S RHETORIC\n\n1. (C) TEXT.\nRICE"
)

// want is what one yielded pair must be: a record of id, or an error
// containing msg; both starting on line.
type want struct {
	line int
	id   string
	msg  string
}

func TestReadCSV(t *testing.T) {
	row1 := csvRow(1, "07STATE126086", fixHeader, fixBody)
	row2 := csvRow(2, "07STATE2", "FM X\nTO Y", "BODY\nTWO")
	lines1 := strings.Count(row1, "\n") + 1 // lines taken by row1
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"one record", row1 + "\n", []want{{1, "07STATE126086", ""}}},
		{"no final newline", row1, []want{{1, "07STATE126086", ""}}},
		{"two records", row1 + "\n" + row2 + "\n", []want{{1, "07STATE126086", ""}, {1 + lines1, "07STATE2", ""}}},
		{"CRLF between records", row1 + "\r\n" + row2 + "\r\n", []want{{1, "07STATE126086", ""}, {1 + lines1, "07STATE2", ""}}},
		{"byte order mark", "\xef\xbb\xbf" + row1 + "\n", []want{{1, "07STATE126086", ""}}},
		{"blank lines between", "\n" + row1 + "\n\n\r\n" + row2, []want{{2, "07STATE126086", ""}, {lines1 + 4, "07STATE2", ""}}},
		{"empty file", "", []want{{1, "", "empty input"}}},
		{"only blank lines", "\n\n", []want{{1, "", "empty input"}}},
		{"truncated in the body", row1[:len(row1)-20], []want{{1, "", "file ends inside field 8"}}},
		{"truncated after a field", `"1","9/7/2007 21:47","07STATE1"`, []want{{1, "", "file ends after field 3 of 8"}}},
		{"truncated after a comma", `"1","9/7/2007 21:47",`, []want{{1, "", "file ends after field 2 of 8"}}},
		{"unterminated quote, next record read",
			strings.TrimSuffix(row1, `"`) + "\n" + row2 + "\n",
			[]want{{1, "", "field 8 is not terminated before the record on line " + fmt.Sprint(1+lines1)}, {1 + lines1, "07STATE2", ""}}},
		{"seven fields", `"1","a","07X1","o","c","r","h"` + "\n" + row2,
			[]want{{1, "", "only 7 of 8 fields"}, {2, "07STATE2", ""}}},
		{"nine fields", `"1","a","07X1","o","c","r","h","b","extra` + "\nmore\"\n" + row2,
			[]want{{1, "", "more than 8 fields"}, {3, "07STATE2", ""}}},
		{"junk between records", row1 + "\njunk line\nmore junk\n" + row2,
			[]want{{1, "07STATE126086", ""}, {1 + lines1, "", `found "junk line"`}, {3 + lines1, "07STATE2", ""}}},
		{"junk first", "id,date,text\n" + row2, []want{{1, "", "expected a record"}, {2, "07STATE2", ""}}},
		{"unquoted field", `"1",2,"07X1","o","c","r","h","b"` + "\n" + row2,
			[]want{{1, "", "field 2 is not quoted"}, {2, "07STATE2", ""}}},
		{"field after comma and newline", `"1","a",` + "\n" + row2,
			[]want{{1, "", "field 3 is not quoted"}, {2, "07STATE2", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkWant(t, collect(t, "x.csv", []byte(tt.in), FormatCSV), tt.want)
		})
	}
}

// checkWant compares the yielded pairs with want.
func checkWant(t *testing.T, got []result, want []want) {
	t.Helper()
	if len(got) != len(want) {
		for _, g := range got {
			t.Logf("got %v %q %v", g.rec.Pos, g.rec.Meta.ID, g.err)
		}
		t.Fatalf("got %d results, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.rec.Pos.Line != w.line {
			t.Errorf("#%d: Pos = %v, want line %d (%v)", i, g.rec.Pos, w.line, g.err)
		}
		if w.msg == "" {
			if g.err != nil || g.rec.Meta.ID != w.id {
				t.Errorf("#%d: got %q, %v; want record %s", i, g.rec.Meta.ID, g.err, w.id)
			}
			continue
		}
		var re *RecordError
		if !errors.As(g.err, &re) || !strings.Contains(g.err.Error(), w.msg) {
			t.Errorf("#%d: error %v, want a RecordError with %q", i, g.err, w.msg)
			continue
		}
		if re.Pos != g.rec.Pos || !strings.HasPrefix(g.err.Error(), fmt.Sprintf("x.csv:%d: ", w.line)) {
			t.Errorf("#%d: error %q at %v, record at %v", i, g.err, re.Pos, g.rec.Pos)
		}
	}
}

func TestReadCSVRecord(t *testing.T) {
	in := csvRow(7, "07STATE126086", fixHeader, fixBody) + "\n"
	got := collect(t, "x.csv", []byte(in), FormatAuto)
	if len(got) != 1 || got[0].err != nil {
		t.Fatalf("got %v", got)
	}
	rec := got[0].rec
	wantMeta := Meta{Row: "7", Created: "9/7/2007 21:47", ID: "07STATE126086", Origin: "Secretary of State",
		Classification: "CONFIDENTIAL", References: []string{"07BELGRADE1", "07PRISTINA2"}}
	if fmt.Sprint(rec.Meta) != fmt.Sprint(wantMeta) {
		t.Errorf("Meta = %+v\nwant   %+v", rec.Meta, wantMeta)
	}
	if string(rec.Text) != fixHeader+"\n\n"+fixBody {
		t.Errorf("Text = %q", rec.Text)
	}
	if rec.Format != FormatCSV || rec.TextLine != 1 || rec.Pos != (Pos{"x.csv", 1}) {
		t.Errorf("Format, TextLine, Pos = %q %d %v", rec.Format, rec.TextLine, rec.Pos)
	}
}

func TestReadCSVEscapes(t *testing.T) {
	tests := []struct{ field, want string }{
		{`a \"b\" c`, `a "b" c`},
		{`BELGRADE\'S`, `BELGRADE'S`},
		{`back\\slash`, `back\slash`},
		{`lone \x and \n`, `lone \x and \n`},
		{`ends with \\`, `ends with \`},
		{"line\\\ncontinued", "line\\\ncontinued"},
		{"crlf\r\ninside\r\n", "crlf\r\ninside\r\n"},
		{`unescaped "quote" kept`, `unescaped "quote" kept`},
		{"invalid \xff\x96 bytes", "invalid \xff\x96 bytes"},
		{``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			in := `"1","d","id","o","c","","` + tt.field + `","body"` + "\n"
			got := collect(t, "x.csv", []byte(in), FormatCSV)
			if len(got) != 1 || got[0].err != nil {
				t.Fatalf("got %d results, %v", len(got), firstErr(got))
			}
			if text := string(got[0].rec.Text); text != tt.want+"\n\nbody" {
				t.Errorf("Text = %q, want %q", text, tt.want+"\n\nbody")
			}
			if got[0].rec.Meta.References != nil {
				t.Errorf("References = %q, want none", got[0].rec.Meta.References)
			}
		})
	}
}

// TestReadCSVStream reads many records, some larger than the reader's
// window, through readers that return a few bytes at a time, and checks
// that every record keeps its own text.
func TestReadCSVStream(t *testing.T) {
	var in bytes.Buffer
	var want []string
	line, lines := 1, []int{}
	for i := 1; i <= 300; i++ {
		body := fmt.Sprintf("BODY %d \"QUOTE\" ISN'T \\ \n", i) + strings.Repeat(fmt.Sprintf("LINE OF %d\n", i), i%7)
		if i == 150 {
			body = strings.Repeat("X", csvBufSize*2+17) + "\n" + body // longer than the window
		}
		header := fmt.Sprintf("FM POST %d\nTO SECSTATE", i)
		row := csvRow(i, fmt.Sprintf("07STATE%d", i), header, body)
		in.WriteString(row + "\n")
		want = append(want, header+"\n\n"+body)
		lines = append(lines, line)
		line += strings.Count(row, "\n") + 1
	}
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	for name, wrap := range readers {
		t.Run(name, func(t *testing.T) {
			var got []Record
			for rec, err := range Records("x.csv", wrap(bytes.NewReader(in.Bytes())), FormatCSV) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, rec)
			}
			if len(got) != len(want) {
				t.Fatalf("%d records, want %d", len(got), len(want))
			}
			for i, rec := range got {
				if string(rec.Text) != want[i] {
					t.Errorf("record %d: Text = %.80q…, want %.80q…", i+1, rec.Text, want[i])
				}
				if rec.Pos.Line != lines[i] {
					t.Errorf("record %d: line %d, want %d", i+1, rec.Pos.Line, lines[i])
				}
			}
		})
	}
}

func TestReadCSVStop(t *testing.T) {
	in := csvRow(1, "07A1", "h", "b") + "\n" + csvRow(2, "07A2", "h", "b") + "\n"
	n := 0
	for range Records("x.csv", strings.NewReader(in), FormatCSV) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("ranged %d times after break", n)
	}
}

func TestReadCSVIOError(t *testing.T) {
	in := csvRow(1, "07A1", "h", "b") + "\n" + csvRow(2, "07A2", "h", strings.Repeat("body\n", 100))
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(in[:len(in)-50]), iotest.ErrReader(boom))
	var got []result
	for rec, err := range Records("x.csv", iotest.OneByteReader(r), FormatCSV) {
		got = append(got, result{rec, err})
	}
	if len(got) != 2 || got[0].err != nil || got[0].rec.Meta.ID != "07A1" {
		t.Fatalf("got %v, want record 07A1 then the I/O error", got)
	}
	var re *RecordError
	if err := got[1].err; !errors.Is(err, boom) || errors.As(err, &re) || !strings.HasPrefix(err.Error(), "x.csv:") {
		t.Errorf("error %v: want the I/O error, not a RecordError, with the file name", err)
	}
}

func TestSplitRefs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"66STATE106206", []string{"66STATE106206"}},
		{"72MOSCOW1603|72TEHRAN1091|72TEHRAN263", []string{"72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"}},
		{"|A| B |", []string{"A", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := splitRefs([]byte(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("splitRefs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
