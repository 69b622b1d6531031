package cable

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// addCorpus seeds f with the files of the shared corpus folder sub, when
// it is there: a fuzz target must not skip without it.
func addCorpus(f *testing.F, sub, ext string) {
	root, ok := corpus.Root()
	if !ok {
		return
	}
	filepath.WalkDir(filepath.Join(root, sub), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ext {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
}

// lines is the number of lines of data, counting a last line without its
// newline.
func lines(data []byte) int { return bytes.Count(data, []byte{'\n'}) + 1 }

// asRead is data as the readers see it: decoded from UTF-16 when it starts
// with its byte order mark.
func asRead(data []byte) []byte {
	if enc := utf16BOM(data); enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err == nil {
			return out
		}
	}
	return data
}

// checkOne checks the single result of a one-record format.
func checkOne(t *testing.T, data []byte, f Format) Record {
	t.Helper()
	got := collect(t, "f", data, f)
	if len(got) != 1 {
		t.Fatalf("%d results, want 1", len(got))
	}
	data = asRead(data)
	rec, err := got[0].rec, got[0].err
	if rec.Pos.File != "f" || rec.Pos.Line < 1 || rec.Pos.Line > lines(data) {
		t.Fatalf("Pos %v outside the input's %d lines", rec.Pos, lines(data))
	}
	if err != nil {
		var re *RecordError
		if !errors.As(err, &re) || re.Pos != rec.Pos {
			t.Fatalf("error %v is not a RecordError at %v", err, rec.Pos)
		}
		if rec.Text != nil {
			t.Fatalf("a rejected record with text")
		}
		return rec
	}
	if rec.Format != f || rec.TextLine < rec.Pos.Line || rec.TextLine > lines(data) {
		t.Fatalf("Format %q, TextLine %d for Pos %v in %d lines", rec.Format, rec.TextLine, rec.Pos, lines(data))
	}
	return rec
}

func FuzzReadText(f *testing.F) {
	for _, s := range []string{"", " \n", "VZCZC\nFM SECSTATE WASHDC\n\nUNCLAS STATE 1\n", "\x00", "\x93\x94\xff"} {
		f.Add([]byte(s))
	}
	f.Add([]byte(page("", "BODY")))
	addCorpus(f, "../seeds", ".txt")
	f.Add([]byte("\xff\xfeV\x00Z\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec := checkOne(t, data, FormatText)
		data = asRead(data)
		empty := len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0
		if rec.Text != nil && (empty || !bytes.Equal(rec.Text, data)) {
			t.Fatalf("Text is not the input byte for byte")
		}
		if empty && rec.Text != nil {
			t.Fatalf("white space read as a cable")
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	table := cableTable("07BERN258", "2007-03-16 07:07", "CONFIDENTIAL", "Embassy Bern", "http://http://a.b/c")
	for _, s := range []string{"", "<html>", "<pre>", "<table class='cable'><tr><td>", "<pre>&#x000A;&amp;&#99999999;&notit;</pre>",
		page(table, htmlHeader, htmlBody), page(table, htmlBody), page("", "2007-03-16 07:49:00\ta\tb\tc\td\te\\\nf\tg \\"),
		"<TABLE CLASS=\"cable\"><TR><TH>Origin<TD>x</TABLE><PRE>\r\nA</PRE>"} {
		f.Add([]byte(s))
	}
	addCorpus(f, "real/cablegate-html", ".html")
	f.Fuzz(func(t *testing.T, data []byte) {
		rec := checkOne(t, data, FormatHTML)
		if rec.Text != nil && len(rec.Text) > 2*len(data) {
			t.Fatalf("Text of %d bytes from %d", len(rec.Text), len(data))
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	row1 := csvRow(1, "07STATE126086", fixHeader, fixBody)
	row2 := csvRow(2, "07STATE2", "FM X\r\nTO Y", "BODY\\\nTWO \\x")
	for _, s := range []string{"", "\n", row1, row1 + "\n" + row2 + "\n", row1 + "\r\n" + row2, row1[:len(row1)/2] + "\n" + row2,
		"junk\n" + row1, `"1","a",` + "\n" + row2, `"1","a","b","c","d","e","f","g","h"` + "\n" + row2} {
		f.Add([]byte(s))
	}
	addCorpus(f, "real/cablegate-csv", ".csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		got := collect(t, "f", data, FormatCSV)
		data = asRead(data)
		if len(got) == 0 {
			t.Fatalf("no result: an input is a record, an error, or empty")
		}
		// Every line that starts like a record starts a result, and results
		// come in order of their lines.
		starts := map[int]bool{}
		for i, l := range bytes.Split(data, []byte{'\n'}) {
			if csvRecordStart(l) {
				starts[i+1] = true
			}
		}
		prev := 0
		for i, r := range got {
			line := r.rec.Pos.Line
			if line < 1 || line > lines(data) || r.rec.Pos.File != "f" {
				t.Fatalf("result %d at %v, outside the input's %d lines", i, r.rec.Pos, lines(data))
			}
			if line <= prev {
				t.Fatalf("result %d at line %d after one at line %d", i, line, prev)
			}
			prev = line
			delete(starts, line)
			var re *RecordError
			if r.err != nil && (!errors.As(r.err, &re) || re.Pos != r.rec.Pos) {
				t.Fatalf("error %v is not a RecordError at %v", r.err, r.rec.Pos)
			}
			if r.err == nil && (r.rec.Format != FormatCSV || r.rec.TextLine != line || !bytes.Contains(r.rec.Text, []byte("\n\n"))) {
				t.Fatalf("record %d: %q, TextLine %d, Text %q", i, r.rec.Format, r.rec.TextLine, r.rec.Text)
			}
		}
		for line := range starts {
			if line > 1 || !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				t.Fatalf("the record starting on line %d is not accounted for", line)
			}
		}
	})
}
