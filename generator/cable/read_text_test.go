package cable

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

func TestReadText(t *testing.T) {
	const cable = "\n\nVZCZCXRO1609\nOO RUEHDBU\nDE RUEHC #6086/01 2502200\nFM SECSTATE WASHDC\n\nC O N F I D E N T I A L STATE 126086\n"
	tests := []struct {
		name string
		in   string
		err  error // nil: the record is the input, byte for byte
	}{
		{"cable", cable, nil},
		{"no final newline", strings.TrimSuffix(cable, "\n"), nil},
		{"CRLF", strings.ReplaceAll(cable, "\n", "\r\n"), nil},
		{"Windows-1252 and invalid UTF-8", "SUBJECT: \x93QUOTED\x94 \xff\xfe\n", nil},
		{"a stray control character", cable + "\x1a", nil},
		{"empty", "", ErrEmpty},
		{"white space", " \n\r\n\t ", ErrEmpty},
		{"a NUL byte", cable + "\x00", nil},
		{"NUL bytes", "VZCZC\x00\x00\x00", ErrBinary},
		{"UTF-16 without a byte order mark", "V\x00Z\x00C\x00Z\x00C\x00", ErrBinary},
		{"control characters", strings.Repeat("\x01\x02\x03ABCDEFG", 100), ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, "c.txt", []byte(tt.in), FormatText)
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1", len(got))
			}
			rec, err := got[0].rec, got[0].err
			if rec.Pos != (Pos{"c.txt", 1}) || rec.Format != FormatText {
				t.Errorf("Pos, Format = %v %q", rec.Pos, rec.Format)
			}
			if tt.err == nil {
				if err != nil || string(rec.Text) != tt.in || rec.TextLine != 1 {
					t.Errorf("got %q (line %d), %v; want the input, line 1", rec.Text, rec.TextLine, err)
				}
				return
			}
			var re *RecordError
			if !errors.Is(err, tt.err) || !errors.As(err, &re) || !strings.HasPrefix(err.Error(), "c.txt:1: ") {
				t.Errorf("error %v, want a RecordError at c.txt:1 for %v", err, tt.err)
			}
		})
	}
}

// The content of a Cablegate page's <pre>, copied from the page's source,
// is read as the page reader reads it: entities decoded, links and
// anchors stripped.
func TestReadTextPageSource(t *testing.T) {
	for name, in := range map[string]string{
		"escaped line breaks":       "S E C R E T TEL AVIV 001593 &#x000A; &#x000A;TAGS: <a href='/tag/PARM_0.html'>PARM</a> <a href='/tag/IR_0.html'>IR</a>&#x000A;SUBJECT: X &#x000A; &#x000A;<a id='par1' href='#par1'>¶</a>1. (S) TEXT. &#x000A;KURTZER",
		"anchors, real line breaks": "S E C R E T TEL AVIV 001593 \n \nTAGS: <a href='/tag/PARM_0.html'>PARM</a> <a href='/tag/IR_0.html'>IR</a>\nSUBJECT: X \n \n<a id='par1' href='#par1'>¶</a>1. (S) TEXT. \nKURTZER",
	} {
		t.Run(name, func(t *testing.T) {
			got := collect(t, "c.txt", []byte(in), FormatText)
			if len(got) != 1 || got[0].err != nil {
				t.Fatalf("got %+v", got)
			}
			want := "S E C R E T TEL AVIV 001593 \n \nTAGS: PARM IR\nSUBJECT: X \n \n¶1. (S) TEXT. \nKURTZER"
			if string(got[0].rec.Text) != want {
				t.Errorf("text %q, want %q", got[0].rec.Text, want)
			}
			c := Parse(got[0].rec)
			if !slices.Equal(c.Tags, []string{"PARM", "IR"}) || len(c.Paragraphs) != 1 || !slices.Equal(c.Signers, []string{"KURTZER"}) {
				t.Errorf("tags %q, paragraphs %+v, signers %q", c.Tags, c.Paragraphs, c.Signers)
			}
		})
	}
}

// TestReadSeed reads the example cable the project ships with.
func TestReadSeed(t *testing.T) {
	root, _ := corpus.Root()
	seed := filepath.Join(filepath.Dir(root), "seeds", "07STATE126086.txt")
	corpus.Dir(t, "real") // skips, or fails under CI, without the shared folder
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, seed, data, FormatAuto)
	if len(got) != 1 || got[0].err != nil || got[0].rec.Format != FormatText || !bytes.Equal(got[0].rec.Text, data) {
		t.Errorf("got %d results, %v; want the seed as one text record", len(got), firstErr(got))
	}
}

func TestReadTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("LINE OF A VERY LONG CABLE\n"), maxRecord/26+1)
	for _, f := range []Format{FormatText, FormatHTML} {
		t.Run(string(f), func(t *testing.T) {
			got := collect(t, "big", big, f)
			if len(got) != 1 || !errors.Is(got[0].err, ErrTooLarge) {
				t.Errorf("got %d results, %v; want ErrTooLarge", len(got), firstErr(got))
			}
		})
	}
}

func TestRecordsUnknownFormat(t *testing.T) {
	got := collect(t, "x", []byte("text"), Format("pdf"))
	var re *RecordError
	if len(got) != 1 || got[0].err == nil || errors.As(got[0].err, &re) {
		t.Errorf("got %v; want one error that is not a RecordError", got)
	}
}
