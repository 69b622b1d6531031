package cable

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

func TestNotCable(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		skip     bool
	}{
		{"raw cable", "VZCZCXRO1609\nOO RUEHDBU\n", false},
		{"classification only", "\n\nUNCLAS STATE 000001\n\n1. TEXT.\n", false},
		{"spaced classification", "C O N F I D E N T I A L HARARE 006677\n", false},
		{"mixed-case fields", "Subject: talks\n\nClassified By: A. Example\n", false},
		{"date-time group", "R 121212Z JAN 09\nTHE TEXT\n", false},
		{"a body and a subject", "Some text.\n\nSUBJECT: A SUBJECT\n", false},
		{"markdown heading", "# Cables of 2007\n\nThese are cables.\nSUBJECT: lines in prose\n", true},
		{"markdown heading after blank lines", "\n\n## Notes\n", true},
		{"front matter", "---\ntitle: \"X\"\n---\nSUBJECT: X\n", true},
		{"a rule is no front matter", "---\nSUBJECT: X\n", false},
		{"TSV", "id\tdate\tsubject\n07STATE1\t2007-09-07\tSECRET TALKS\n", true},
		{"TSV, rows of other widths", "id\tdate\nCONFIDENTIAL\t2007\tx\n", false},
		{"one line with a tab", "SUBJECT:\tX\n", false},
		{"a piece of a body", "5. (C) The minister said he would call.\n\nMCKINLEY\n", false},
		{"a piece of a page's body", "¶5. The minister said he would call.\n", false},
		{"a numbered list", "1. Install Go.\n2. Run the command.\n", true},
		{"prose", "This folder holds the cables of the embassy.\nTo import them, run the command.\n", true},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", true},
		{"JPEG", "\xff\xd8\xff\xe0\x00\x10JFIF", true},
		{"PDF", "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", true},
		{"ZIP", "PK\x03\x04\x14\x00", true},
		{"empty", "", false},
		{"blank", " \n\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, "f", []byte(tt.in), FormatAuto)
			skipped := len(got) == 1 && errors.Is(got[0].err, ErrNotCable)
			if skipped != tt.skip {
				t.Errorf("not a cable: %v, want %v (%v)", skipped, tt.skip, firstErr(got))
			}
			// A format given is read as such.
			if got := collect(t, "f", []byte(tt.in), FormatText); len(got) == 1 && errors.Is(got[0].err, ErrNotCable) {
				t.Errorf("skipped as text: %v", got[0].err)
			}
		})
	}
}

// TestNotCableCorpus checks every file of the shared corpus and the seed:
// the pages and dumps are cables, the manifests, notes and tag lists are
// not; and the project's own markdown files are not.
func TestNotCableCorpus(t *testing.T) {
	root := corpus.Dir(t, ".")
	files := []string{filepath.Join(root, "..", "seeds", "07STATE126086.txt"), "../../README.md", "../../BENCHMARKS.md"}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	cables, others := 0, 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got := collect(t, p, data, FormatAuto)
		skipped := len(got) == 1 && errors.Is(got[0].err, ErrNotCable)
		ext := filepath.Ext(p)
		isCable := ext == ".html" || strings.Contains(p, "real/cablegate-csv/") && ext == ".csv" || strings.HasSuffix(p, ".txt") && strings.Contains(p, "seeds")
		if skipped == isCable {
			t.Errorf("%s: not a cable: %v (%v)", p, skipped, firstErr(got))
		}
		if isCable {
			cables++
		} else {
			others++
		}
	}
	t.Logf("%d cable files read, %d other files skipped", cables, others)
}

// TestRecordsUTF16 reads sources with a UTF-16 byte order mark as UTF-8.
func TestRecordsUTF16(t *testing.T) {
	const text = "VZCZC\nSUBJECT: CAFÉ “TALKS”\n"
	le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
	for _, r := range text {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
	}
	csvLE := []byte{0xff, 0xfe}
	for _, r := range csvRow(1, "07A1", "HEADER", "BODY É") {
		csvLE = append(csvLE, byte(r), byte(r>>8))
	}
	for _, tt := range []struct {
		name string
		in   []byte
		f    Format
		want string
	}{
		{"little-endian", le, FormatAuto, text},
		{"big-endian", be, FormatAuto, text},
		{"forced text", le, FormatText, text},
		{"cables.csv", csvLE, FormatAuto, "HEADER\n\nBODY É"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, "u", tt.in, tt.f)
			if len(got) != 1 || got[0].err != nil || string(got[0].rec.Text) != tt.want {
				t.Fatalf("got %v, want one record %q", got, tt.want)
			}
		})
	}
}
