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
		// The shapes of the messy tail: misspelt and glued labels, page
		// breaks in fields, REF items, Classified By lines, signatures,
		// summaries, partial extracts.
		"This record is a partial extract of the original cable.\n\nS E C R E T OTTAWA 003115\n\nE.O. 12958: DECL: 11/17/2009\nTAS: CA\nUBJECT: X\nSECRET\n\nSECRET PAGE 02 LIMA 02475 01 OF 02 121234Z\n\nY REF Z\n\nClassified By: CDA, a.i., M. Matera and DCM J. Roe for reaso\nns 1.4 (b) a\nnd (d)\n\n1) (SBU) SUMMARY. G. END SUMMARY\n¶2. 2. Summary: x END SUMMARY\nTHE END. MINIMIZE CONSIDERED DELL .\n",
		testHeader + "UNCLAS STATE 1\n\nE.O. 12958: N/ATAGS:\nPGOV\nPRELSUBJECT: X\nREFS: (a) 08 RIO DE JAN 138, (b) STATE 41252 AND 44603, 5 & 6 (08); C. E-MAIL 3/11\n\n------- SUMMARY\n=====\n\nBEGIN SUMMARY\n(C) x END SUMMARY\nGP-3\nSACCIO\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n",
		"1. (C) (CLASSIFIED BY AMBASSADOR X, REASONS 1.5 (B) AND (D).)\n----- header ends -----\nTAGS: P\n2. (C) Y. BURNS\t2006-08-30",
		// A fragment's own date-time group, weekdays, signatures after
		// section lines and redactions.
		"DTG: r251624z feb 09\nZZH051636Z FEB 09AMEMBASSY X\nC O N F I D E N T I A L LIMA 000245\n\nE.O. 12958: DECL: 03/01/2013\nREF: STATE 251624Z FEB 08\n\n1. (C) On Tuesday, February 26. End Sumary.\n\nLIMA 00000245  002 OF 002\n\nXXXXXXXXXXXX\n\nBEYER\nLIMA 00000245  002 OF 002\n",
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

// FuzzFieldReaders runs the readers of single fields on arbitrary lines:
// the header's labels, Classified By, REF items, TAGS, signatures on a
// line, summary openings. None panics, each is deterministic, and what each
// returns comes from its input: offsets within it, names and reasons made
// of its words, references with canonical ids.
func FuzzFieldReaders(f *testing.F) {
	for _, s := range []string{
		"E.O. 12958: N/ATAGS: PGOV PRELSUBJECT: X REF 07 KINSHASA 798",
		"CDA, a.i., Michael Matera and DCM Jane Roe, for reaso ns 1.4 (b) a nd (d)",
		"A) 08 RIO DE JAN 138 B) STATE 41252, 44603 AND 44610 (NOTAL); (c) Lima 5 (08)",
		"2. (U) AA/S GLASER HAS CLEARED THIS MESSAGE. MINIMIZE CONSIDERED MURRAY .",
		"********* HENZEL NNNN End Cable Text",
		"1.(C/NF) Summary from the NAC Meeting: -- AFGHANISTAN",
		"¶1. 1. Summary and comment: X",
		"UBJECT: TAGES: AGS: CLASSIFED BY Ambasador",
		"Minister Counselor Do nald A. Blome, E.O. 12958, fo r re ason 1.4 (b)",
		"PROTESTSREF: A. LIMA 123 B. 08 STATE 251624Z FEB 08",
		"2. (SBU) Reachable at xxxxxxxxxxxx CHRITTON",
		"OVIP (STEINBERG, JAMES B.), PREL, [MNUC](#) <a href='/tag/IR_0.html'>IR</a>",
		"1. (C) Summary: The gist. End Sumary. END EXECUTIVE SUMMARY",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, l string) {
		for _, m := range findMarkers(l, 0) {
			if m.pos < 0 || m.pos > m.val || m.val > len(l) {
				t.Fatalf("marker %+v outside %q", m, l)
			}
		}
		who, why := parseClassifiedBy(l)
		if w2, r2 := parseClassifiedBy(l); w2 != who || r2 != why {
			t.Fatalf("parseClassifiedBy(%q) not deterministic", l)
		}
		if !strings.Contains(l, why) {
			t.Fatalf("reasons %q not in %q", why, l)
		}
		// A word broken by a line end is mended ("Do nald"): the
		// classifier's words are the input's, spaces aside.
		norm := strings.Join(strings.Fields(strings.NewReplacer("’", "'", "‘", "'").Replace(l)), "")
		for _, w := range strings.Fields(who) {
			if w != "and" && !strings.Contains(norm, strings.Trim(w, ",;:. ")) {
				t.Fatalf("classifier %q has %q, not in %q", who, w, l)
			}
		}
		for _, r := range parseRefs([]refValue{{text: l}}, 2008) {
			if r.Text == "" || r.ID != "" && CanonicalID(r.ID) != r.ID {
				t.Fatalf("reference %+v of %q", r, l)
			}
		}
		if k, name := signatureInLine(l); k >= 0 && !strings.HasPrefix(l[k:], name) {
			t.Fatalf("signature %q at %d of %q", name, k, l)
		}
		up := strings.Join(strings.Fields(strings.ToUpper(l)), " ")
		for _, tg := range parseTags(l) {
			if tg == "" || !strings.Contains(up, strings.ToUpper(tg)) && !strings.ContainsAny(l, "<[") {
				t.Fatalf("TAG %q of %q", tg, l)
			}
		}
		if k, _, ok := summaryStart(l); ok && (k < 0 || k > len(l)) {
			t.Fatalf("summary at %d of %q", k, l)
		}
	})
}
