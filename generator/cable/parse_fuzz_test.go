package cable

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// FuzzParse checks that Parse never panics, is deterministic, and keeps
// BodyStart and the paragraph numbers in bounds, whatever the text. It is
// seeded with the seed cable, the table tests' shapes and, when the shared
// corpus is there, the text of every real page.
func FuzzParse(f *testing.F) {
	root, ok := corpus.Root()
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(root), "seeds", "07STATE126086.txt")); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"",
		testHeader + "C O N F I D E N T I A L SECTION 01 OF 02 STATE 126086\n\nSIPDIS\n\nE.O. 12958: DECL: 09/07/2017\nTAGS: [PGOV](#) [PREL](#)\nSUBJECT: TEST\nWRAPPED\n\nREF: A. TBILISI 1605 B. 06 TBILISI 2601\n\nClassified By: EUR ACTING A/S K. VOLKER. REASONS 1.4 (B), (C) AND (D)\n\n¶1. (C) SUMMARY: X. END SUMMARY.\n\nSTATE 00126086 002 OF 002\n\n16. (SBU) Y.\nRICE\n",
		"Tuesday, 17 October 2006, 06:20\nC O N F I D E N T I A L BELGRADE 001681 \nEO 12958 DECL: CLOSURE OF ICTY \nTAGS ICTY, PREL \nSUBJECT: X \n¶1. (c) Y 2. (c) Z\nPOLT",
		"P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n\nUNCLASSIFIED BUENOS AIRES 2481 \n \nREF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966 \n",
		"O 321299Z FOO 07\nFM X\n\nSECRET//NOFORN\n",
		"SUBJECT: REF: Classified By: E.O. 12958 TAGS: 1. (C) ¶",
	} {
		f.Add([]byte(s))
	}
	if ok {
		// The real pages' text, read by the HTML reader.
		_ = filepath.WalkDir(filepath.Join(root, "real", "cablegate-html"), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return nil
			}
			fh, err := os.Open(p)
			if err != nil {
				return nil
			}
			defer fh.Close()
			for rec, err := range Records(p, fh, FormatHTML) {
				if err == nil {
					f.Add(rec.Text)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		c := Parse(Record{Text: text})
		if c.BodyStart < 0 || c.BodyStart > len(text) {
			t.Fatalf("BodyStart %d outside [0, %d]", c.BodyStart, len(text))
		}
		for _, p := range c.Paragraphs {
			if p.N <= 0 {
				t.Fatalf("paragraph number %d", p.N)
			}
		}
		if again := Parse(Record{Text: text}); !reflect.DeepEqual(c, again) {
			t.Fatalf("Parse is not deterministic:\n%+v\n%+v", c, again)
		}
	})
}
