package cable

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/internal/corpus"
)

// seedCable reads the example cable of ../shared/seeds, skipping (or
// failing under CI=true) as corpus.Dir does when it is absent.
func seedCable(t testing.TB) []byte {
	t.Helper()
	root, _ := corpus.Root()
	p := filepath.Join(filepath.Dir(root), "seeds", "07STATE126086.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed cable %s is missing; CI must have ../shared/seeds", p)
		}
		t.Skipf("seed cable %s is absent: skipping", p)
	}
	return b
}

func TestParseSeed(t *testing.T) {
	text := seedCable(t)
	c := Parse(Record{Text: text})
	want := &Cable{
		ID:     "07STATE126086",
		Date:   time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
		Origin: "Secretary of State",
		From:   "SECSTATE WASHDC",
		To: []Addressee{
			{Name: "AMEMBASSY BELGRADE", Precedence: "IMMEDIATE", Route: "RUEHBW"},
			{Name: "USOFFICE PRISTINA", Precedence: "IMMEDIATE", Route: "RUEHPS"},
		},
		Info: []Addressee{
			{Name: "EUROPEAN POLITICAL COLLECTIVE"},
			{Name: "USMISSION USNATO", Route: "RUEHNO"},
		},
		Classification: "CONFIDENTIAL",
		Handling:       []string{"SIPDIS"},
		Tags:           []string{"PGOV", "PREL", "SR", "YI", "KV"},
		Subject:        "REQUEST: ENCOURAGING SERBS TO VOTE IN KOSOVAR ELECTIONS AND TONING DOWN BELGRADE,S RHETORIC",
		ClassifiedBy:   "EUR ACTING A/S K. VOLKER. REASONS 1.4 (B), (C) AND (D)",
		Classifier:     "K. VOLKER",
		Reasons:        "1.4 (B), (C) AND (D)",
		Declassify:     "2017-09-07",
		DeclassifyText: "09/07/2017",
		Signers:        []string{"RICE"},
		Sections:       2,
	}
	got := *c
	got.Paragraphs, got.BodyStart = nil, 0
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("Parse(seed) =\n%+v\nwant\n%+v", &got, want)
	}
	var nums, marks []string
	for _, p := range c.Paragraphs {
		nums = append(nums, string(rune('0'+p.N)))
		marks = append(marks, p.Marking)
	}
	if got, want := strings.Join(nums, ""), "1234567"; got != want {
		t.Errorf("paragraph numbers %s, want %s (16. and 17. are ¶6 and ¶7)", got, want)
	}
	if got, want := marks, []string{"U", "C", "C", "C", "SBU", "SBU", "U"}; !slices.Equal(got, want) {
		t.Errorf("markings %q, want %q", got, want)
	}
	if !strings.HasPrefix(string(text[c.BodyStart:]), "¶1. (U) THIS IS AN ACTION REQUEST") {
		t.Errorf("BodyStart at %q", text[c.BodyStart:min(len(text), c.BodyStart+40)])
	}
	p6 := c.Paragraphs[5].Text
	if strings.Contains(p6, "00126086") || !strings.HasPrefix(p6, "BEGIN DEMARCHE POINTS (FOR PRISTINA)") {
		t.Errorf("¶6 = %.120q: the section's continuation line is not text", p6)
	}
	if p7 := c.Paragraphs[6].Text; strings.Contains(p7, "RICE") {
		t.Errorf("¶7 holds the signature: %q", p7)
	}
}

// testHeader is a routing header for the table tests.
const testHeader = `VZCZCXRO1609
OO RUEHDBU RUEHFL
DE RUEHC #6086/01 2502200
ZNY CCCCC ZZH
O R 072147Z SEP 07
FM SECSTATE WASHDC
TO RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 1049
INFO EUROPEAN POLITICAL COLLECTIVE

`

// withHeader puts a body under the test routing header.
func withHeader(body string) Record { return Record{Text: []byte(testHeader + body)} }

func TestParseTags(t *testing.T) {
	for _, c := range []struct {
		name, line string
		want       []string
	}{
		{"colon and commas", "TAGS: PGOV, PREL, SR", []string{"PGOV", "PREL", "SR"}},
		{"no colon", "TAGS PREL, PGOV", []string{"PREL", "PGOV"}},
		{"spaces", "TAGS: PGOV PREL ECON BR", []string{"PGOV", "PREL", "ECON", "BR"}},
		{"lower case", "tags: prel, pgov", []string{"PREL", "PGOV"}},
		{"markdown links", "TAGS: [PGOV](#) [PREL](#) [KV](#)", []string{"PGOV", "PREL", "KV"}},
		{"html links", "TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> <a href='/tag/IR_0.html'>IR</a>", []string{"PGOV", "IR"}},
		{"duplicates", "TAGS: PHUM PHUM SOCI BR", []string{"PHUM", "SOCI", "BR"}},
		{"person, as Cablegate splits it", "TAGS: OVIP (RICE, CONDOLEEZZA) PREL", []string{"OVIP", "RICE", "CONDOLEEZZA", "PREL"}},
		{"person with an initial", "TAGS OVIP (STEINBERG, JAMES B.), PREL, MNUC", []string{"OVIP", "STEINBERG", "JAMES", "PREL", "MNUC"}},
		{"wrapped", "TAGS: PREL, PGOV, ETRD, ECON,\n      KPAO, SCUL", []string{"PREL", "PGOV", "ETRD", "ECON", "KPAO", "SCUL"}},
		{"wrapped without comma", "TAGS: PREL PGOV ETRD\n      KPAO SCUL", []string{"PREL", "PGOV", "ETRD", "KPAO", "SCUL"}},
		{"TAG singular", "TAG: PTER, PREL", []string{"PTER", "PREL"}},
		{"run on after the E.O.", "E.O. 12958: DECL: 03/19/2024TAGS: AORC IR IAEA", []string{"AORC", "IR", "IAEA"}},
		{"TAS", "TAS: PGOV, PE", []string{"PGOV", "PE"}},
		{"TAGES", "TAGES: PGOV, PE", []string{"PGOV", "PE"}},
		{"TGS", "TGS: PGOV PE", []string{"PGOV", "PE"}},
		{"first letter lost", "AGS: PGOV, PE", []string{"PGOV", "PE"}},
		{"run into the value before", "E.O. 12958: N/ATAGS: PGOV, PE", []string{"PGOV", "PE"}},
		{"run into the value before, mixed case", "E.O. 12958: N/ATags: PGOV, PE", []string{"PGOV", "PE"}},
		{"label alone on its line", "TAGS:\nPGOV, PE", []string{"PGOV", "PE"}},
		{"SIPDIS after", "TAGS: PGOV, PE\nSIPDIS", []string{"PGOV", "PE"}},
		{"page break inside", "TAGS: PGOV, PREL, ETRD,\nSECRET\n\nSECRET\nPAGE 02 LIMA 02475 01 OF 02 121234Z\n\nECON, PE", []string{"PGOV", "PREL", "ETRD", "ECON", "PE"}},
		{"page header on the line", "TAGS: PGOV, PREL SECRET PAGE 02 LIMA 02475 01 OF 02 121234Z ETRD", []string{"PGOV", "PREL", "ETRD"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\n" + c.line + "\nSUBJECT: TEST\n\n1. (C) TEXT.\n")).Tags
			if !slices.Equal(got, c.want) {
				t.Errorf("tags %q, want %q", got, c.want)
			}
		})
	}
}

func TestParseSubject(t *testing.T) {
	for _, c := range []struct {
		name, lines, want string
	}{
		{"plain", "SUBJECT: ICTY ACTION PLAN SCORECARD, OCTOBER 2006\n\n", "ICTY ACTION PLAN SCORECARD, OCTOBER 2006"},
		{"SUBJ", "SUBJ: VISIT OF THE MINISTER\n\n", "VISIT OF THE MINISTER"},
		{"wrapped", "SUBJECT: REQUEST: ENCOURAGING SERBS TO VOTE IN KOSOVAR\nELECTIONS AND TONING DOWN BELGRADE,S RHETORIC\n\n", "REQUEST: ENCOURAGING SERBS TO VOTE IN KOSOVAR ELECTIONS AND TONING DOWN BELGRADE,S RHETORIC"},
		{"REF on the next line", "SUBJECT: THIN-SKINNED MBEKI\nREF: A. 99 PRETORIA 12315\n", "THIN-SKINNED MBEKI"},
		{"REF on the same line", "SUBJECT: CONGOLESE URANIUM REF: 07 KINSHASA 798\n\n", "CONGOLESE URANIUM"},
		{"Classified By on the same line", "SUBJECT: KARIMOV URGES COOPERATION classified by amb John E. Herbst, reasons: 1.5 (b,d)\n\n", "KARIMOV URGES COOPERATION"},
		{"paragraph on the next line", "SUBJECT: FOREST MAFIA\n1. (U) TEXT.\n", "FOREST MAFIA"},
		{"section line inside", "SUBJECT: SCENESETTER FOR THE VISIT\nPRISTINA 00000183 001.2 OF 002\n\n", "SCENESETTER FOR THE VISIT"},
		{"mixed case", "Subject: Rio Radar - September 18, 2009\n\n", "Rio Radar - September 18, 2009"},
		{"comma apostrophe kept", "SUBJECT: KOSOVO,S FUTURE\n\n", "KOSOVO,S FUTURE"},
		{"first letter lost", "UBJECT: GARCIA FACES PROTESTS\n\n", "GARCIA FACES PROTESTS"},
		{"misspelt", "SUBJET: GARCIA FACES PROTESTS\n\n", "GARCIA FACES PROTESTS"},
		{"a semicolon for the colon", "SUBJECT; GARCIA FACES PROTESTS\n\n", "GARCIA FACES PROTESTS"},
		{"run into the TAGS", "TAGS: PGOV PRELSUBJECT: GARCIA FACES PROTESTS\n\n", "GARCIA FACES PROTESTS"},
		{"label alone on its line", "SUBJECT:\nGARCIA FACES PROTESTS\n\n", "GARCIA FACES PROTESTS"},
		{"page break inside", "SUBJECT: PERU: GARCIA GOVERNMENT\nSECRET\n\nSECRET\nPAGE 02 LIMA 02475 01 OF 02 121234Z\n\nFACES PROTESTS\n\n", "PERU: GARCIA GOVERNMENT FACES PROTESTS"},
		{"page header before the rest", "SUBJECT: PERU: GARCIA\nSECRET PAGE 02 LIMA 02475 01 OF 02 121234Z GOVERNMENT FACES PROTESTS\n\n", "PERU: GARCIA GOVERNMENT FACES PROTESTS"},
		{"page header inside the line", "SUBJECT: PERU: GARCIA SECRET PAGE 02 LIMA 02475 01 OF 02 121234Z GOVERNMENT FACES PROTESTS\n\n", "PERU: GARCIA GOVERNMENT FACES PROTESTS"},
		{"a section's continuation line after it", "SUBJECT: FRAUD SUMMARY - (GUADALAJARA)\n\nGUADALAJAR 00000379  001.2 OF 004\n\n\nCountry Conditions\n\n", "FRAUD SUMMARY - (GUADALAJARA)"},
		{"REF without a colon on the same line", "SUBJECT: CONGOLESE URANIUM REF 07 KINSHASA 798\n\n", "CONGOLESE URANIUM"},
		{"REF A. on the same line", "SUBJECT: CONGOLESE URANIUM REF A. 07 KINSHASA 798 B. STATE 1\n\n", "CONGOLESE URANIUM"},
		{"a word that starts with REF", "SUBJECT: REFORM OF THE JUDICIARY; REFERENDUM 2008\n\n", "REFORM OF THE JUDICIARY; REFERENDUM 2008"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nE.O. 12958: DECL: 09/07/2017\nTAGS: PGOV\n" + c.lines + "1. (C) TEXT.\n")).Subject
			if got != c.want {
				t.Errorf("subject %q, want %q", got, c.want)
			}
		})
	}
}

func TestParseReferences(t *testing.T) {
	for _, c := range []struct {
		name, line string
		want       []Reference
	}{
		{"lettered, year omitted and given", "REF: A. TBILISI 1605 B. 06 TBILISI 2601", []Reference{
			{ID: "07TBILISI1605", Text: "TBILISI 1605"}, {ID: "06TBILISI2601", Text: "06 TBILISI 2601"}}},
		{"semicolons, airgram", "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966", []Reference{
			{ID: "07STATE106206", Text: "STATE 106206 CIRCULAR"}, {Text: "STATE CA-3400 NOV 2, 1966"}}},
		{"parenthesised letters", "REF: (A) WELLINGTON 1498; (B) WELLINGTON 1492", []Reference{
			{ID: "07WELLINGTON1498", Text: "WELLINGTON 1498"}, {ID: "07WELLINGTON1492", Text: "WELLINGTON 1492"}}},
		{"year after", "REF: A. SECSTATE 15113 B. DOHA 152 (08)", []Reference{
			{ID: "07STATE15113", Text: "SECSTATE 15113"}, {ID: "08DOHA152", Text: "DOHA 152 (08)"}}},
		{"four-digit year", "REF: 2005 MINSK 297", []Reference{{ID: "05MINSK297", Text: "2005 MINSK 297"}}},
		{"REFTEL", "REFTEL: HARARE 6584", []Reference{{ID: "07HARARE6584", Text: "HARARE 6584"}}},
		{"REFS and e-mail", "REFS: A. STATE 12345 B. SMITH-JONES E-MAIL 3/11", []Reference{
			{ID: "07STATE12345", Text: "STATE 12345"}, {Text: "SMITH-JONES E-MAIL 3/11"}}},
		{"telephone call", "REF: WILSON/MACK TELECON", []Reference{{Text: "WILSON/MACK TELECON"}}},
		{"letters twice", "REF: A. A) BERN 1253 B. B) GENEVA 1633", []Reference{
			{ID: "07BERN1253", Text: "BERN 1253"}, {ID: "07GENEVA1633", Text: "GENEVA 1633"}}},
		{"REF A: REF B:", "REF A: VATICAN 05286; REF B: VATICAN 05546", []Reference{
			{ID: "07VATICAN5286", Text: "VATICAN 05286"}, {ID: "07VATICAN5546", Text: "VATICAN 05546"}}},
		{"colons", "REF: TEHRAN 1091: TEHRAN 263", []Reference{
			{ID: "07TEHRAN1091", Text: "TEHRAN 1091"}, {ID: "07TEHRAN263", Text: "TEHRAN 263"}}},
		{"08 STATE", "REF: 08 STATE 12345", []Reference{{ID: "08STATE12345", Text: "08 STATE 12345"}}},
		{"items over lines", "REF: A. STATE 009539\n\n     ¶B. SAN JOSE 001488", []Reference{
			{ID: "07STATE9539", Text: "STATE 009539"}, {ID: "07SANJOSE1488", Text: "SAN JOSE 001488"}}},
		{"none", "Ref:      None", nil},
		{"redacted station", "REF: 09 XXXXXXXXXXXX 167", []Reference{{Text: "09 XXXXXXXXXXXX 167"}}},
		{"parenthesised letters and commas", "REF: (A) STATE 071143, (B) USUN 678", []Reference{
			{ID: "07STATE71143", Text: "STATE 071143"}, {ID: "07USUNNEWYORK678", Text: "USUN 678"}}},
		{"one station, several numbers", "REF: A. STATE 12345 B. USUN 678 C. STATE 41252 AND 44603", []Reference{
			{ID: "07STATE12345", Text: "STATE 12345"}, {ID: "07USUNNEWYORK678", Text: "USUN 678"},
			{ID: "07STATE41252", Text: "STATE 41252"}, {ID: "07STATE44603", Text: "STATE 44603"}}},
		{"several numbers, a list", "REF: 06 STATE 41252, 44603 AND 44610 (NOTAL)", []Reference{
			{ID: "06STATE41252", Text: "06 STATE 41252"}, {ID: "06STATE44603", Text: "06 STATE 44603"}, {ID: "06STATE44610", Text: "06 STATE 44610 (NOTAL)"}}},
		{"several numbers, year after", "REF: DOHA 152 AND 153 (08)", []Reference{
			{ID: "08DOHA152", Text: "DOHA 152"}, {ID: "08DOHA153", Text: "DOHA 153 (08)"}}},
		{"not a number", "REF: BOGOTA 3185 AND PREVIOUS", []Reference{{ID: "07BOGOTA3185", Text: "BOGOTA 3185 AND PREVIOUS"}}},
		{"stations as written", "REFS: A) 08 RIO DE JAN 138 B) 06 THE HAGUE 1234 C) USUN NEW YORK 55", []Reference{
			{ID: "08RIODEJANEIRO138", Text: "08 RIO DE JAN 138"}, {ID: "06THEHAGUE1234", Text: "06 THE HAGUE 1234"}, {ID: "07USUNNEWYORK55", Text: "USUN NEW YORK 55"}}},
		{"lower-case letters", "Ref: (a) Lima 123 (b) Lima 456", []Reference{
			{ID: "07LIMA123", Text: "Lima 123"}, {ID: "07LIMA456", Text: "Lima 456"}}},
		{"REF(S)", "REF(S): LIMA 123", []Reference{{ID: "07LIMA123", Text: "LIMA 123"}}},
		{"run into the line before", "SUBJECT: TEST AGAINREF: A. LIMA 123 B. LIMA 456", []Reference{{ID: "07LIMA123", Text: "LIMA 123"}, {ID: "07LIMA456", Text: "LIMA 456"}}},
		{"broken over lines", "REF: A. 06 STATE\n     12345 B. USUN\n     678", []Reference{
			{ID: "06STATE12345", Text: "06 STATE 12345"}, {ID: "07USUNNEWYORK678", Text: "USUN 678"}}},
		{"documents that are not cables", "REF: A. CDA-KRAMER TELCON 3/18 B. LIMA 2332 C. EMBASSY LIMA EMAIL OF 3 MAR 2008 D. PARIS POINTS 13 E. JAN 5 STATE MEMO", []Reference{
			{Text: "CDA-KRAMER TELCON 3/18"}, {ID: "07LIMA2332", Text: "LIMA 2332"}, {Text: "EMBASSY LIMA EMAIL OF 3 MAR 2008"}, {Text: "PARIS POINTS 13"}, {Text: "JAN 5 STATE MEMO"}}},
		{"the citing station's higher number: the year before", "REF: A. STATE 130000 B. STATE 120000 C. STATE 44603 AND 126090 D. 07 STATE 126099", []Reference{
			{ID: "06STATE130000", Text: "STATE 130000"}, {ID: "07STATE120000", Text: "STATE 120000"},
			{ID: "07STATE44603", Text: "STATE 44603"}, {ID: "06STATE126090", Text: "STATE 126090"}, {ID: "07STATE126099", Text: "07 STATE 126099"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n" + c.line + "\n\nClassified By: X for reasons 1.4 (b)\n\n1. (C) TEXT.\n")).References
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("references\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

func TestParseClassifiedBy(t *testing.T) {
	for _, c := range []struct {
		line, classifier, reasons string
	}{
		{"Classified By: Political Counselor F. Daniel Sainz for Reasons 1.4 (b) and (d)", "F. Daniel Sainz", "1.4 (b) and (d)"},
		{"Classified By: EUR ACTING A/S K. VOLKER. REASONS 1.4 (B), (C) AND (D)", "K. VOLKER", "1.4 (B), (C) AND (D)"},
		{"Classified By: DCM Roderick Moore, reasons 1.4 (b,d)", "Roderick Moore", "1.4 (b,d)"},
		{"CLASSIFIED BY: Daniel V. Speckhard, Ambassador, State, EXEC; REASON: 1.4(B), (C), (D)", "Daniel V. Speckhard", "1.4(B), (C), (D)"},
		{"Classified By: Charge d'Affaires Donald Lu per 1.4 (b,d).", "Donald Lu", "1.4 (b,d)"},
		{"Classified By: ECOPOL Counselor Andrew Erickson for reason 1.4 (d).", "Andrew Erickson", "1.4 (d)"},
		{"CLASSIFIED BY AMBASSADOR DELANO E. LEWIS. REASONS 1.5 (B) AND (D).", "DELANO E. LEWIS", "1.5 (B) AND (D)"},
		{"Classified By: Ambassador Clark T. Randt, Jr. Reasons 1.4 (b) and (d).", "Clark T. Randt", "1.4 (b) and (d)"},
		{"Classified By: Karen Johnson, Consul General. REASON: 1.4 (b), (d) CONFIDENTIAL", "Karen Johnson", "1.4 (b), (d)"},
		{"Classified By: CDA, a.i., Michael Matera, Reasons 1.4(b) and (d)", "Michael Matera", "1.4(b) and (d)"},
		{"Classified By: John F. Tefft, Ambassador, for reasons 1.4 (b) and (d)", "John F. Tefft", "1.4 (b) and (d)"},
		{"Classified By: Ambasador John F. Tefft for reasons 1.4 (b) and (d).", "John F. Tefft", "1.4 (b) and (d)"},
		{"Classified By: Counsleor for Political Affairs Jane Roe, reasons 1.4 (b,d)", "Jane Roe", "1.4 (b,d)"},
		{"Classified By: Ambassador for reasons 1.4 (b) and (d)", "Ambassador", "1.4 (b) and (d)"},
		{"Classified By: Ambassador John Doe and DCM Jane Roe, reasons 1.4 (b) and (d)", "John Doe and Jane Roe", "1.4 (b) and (d)"},
		{"Classified By: Political and Economic Counselor Jane Roe for reasons 1.4 (b)", "Jane Roe", "1.4 (b)"},
		{"CLASSIFED BY: DCM JANE ROE. REASON: 1.5 (D)", "JANE ROE", "1.5 (D)"},
	} {
		t.Run(c.classifier, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n" + c.line + "\n\n1. (C) TEXT.\n"))
			want := strings.TrimSpace(c.line[strings.Index(strings.ToUpper(c.line), "BY")+2:])
			want = strings.TrimSpace(strings.TrimPrefix(want, ":"))
			if got.ClassifiedBy != want {
				t.Errorf("classified_by %q, want %q", got.ClassifiedBy, want)
			}
			if got.Classifier != c.classifier || got.Reasons != c.reasons {
				t.Errorf("classifier %q, reasons %q; want %q, %q", got.Classifier, got.Reasons, c.classifier, c.reasons)
			}
		})
	}
	for _, c := range []struct {
		name, lines, classifier, reasons string
	}{
		{"the reason broken inside its word", "Classified By: Charge d'Affaires, a.i. Michael J. Fitzpatrick for reaso\nns 1.4 (b) and (d).", "Michael J. Fitzpatrick", "1.4 (b) and (d)"},
		{"the reason spaced", "Classified By: POLITICAL MINISTER COUNSELOR JOSIAH ROSENBLATT, FOR REAS ONS 1.4 B/D", "JOSIAH ROSENBLATT", "1.4 B/D"},
		{"and broken", "Classified By: Political Counselor Kathy Fitzpatrick; reasons 1.5 (B) a\nnd (D).", "Kathy Fitzpatrick", "1.5 (B) a nd (D)"},
		{"the label on its own line", "Classified By:\nAmbassador John F. Tefft\nfor Reasons 1.4(b) and (d).", "John F. Tefft", "1.4(b) and (d)"},
		{"the reason broken as re ason", "Classified By: Ambassador John F. Tefft for re ason 1.4 (b) and (d)", "John F. Tefft", "1.4 (b) and (d)"},
		{"DCM before the name", "Classified By: DCM Jane Roe for reasons 1.4 (b) and (d)", "Jane Roe", "1.4 (b) and (d)"},
		{"a name broken by a line end", "Classified By: Minister Counselor for Economic and Political Affairs Do nald A. Blome for reasons 1.4 (b) and (d)", "Donald A. Blome", "1.4 (b) and (d)"},
		{"a title broken by a line end", "Classified By: Ambassa dor Joh n F. Tefft fo r reasons 1.4 (b) and (d)", "John F. Tefft", "1.4 (b) and (d)"},
		{"particles of a name", "Classified By: Political officer Maria van der Berg for reasons 1.4 (b)", "Maria van der Berg", "1.4 (b)"},
		{"in lower case", "Classified By: ambassador john herbst, reasons 1.5 (b,d)", "john herbst", "1.5 (b,d)"},
		{"E.O. cited inside the line", "Classified By: Political Officer Jane Roe, E.O. 12958, reasons 1.4 (b) and (d)", "Jane Roe", "1.4 (b) and (d)"},
		{"the section twice", "Classified By: Deputy Chief of Mission Jane Roe for reasons 1.4(B) and 1.4(D)", "Jane Roe", "1.4(B) and 1.4(D)"},
		{"a title in one word", "Classified By: PolChief Jane Roe, per 1.4(d).", "Jane Roe", "1.4(d)"},
		{"E.O. cited in the reasons", "Classified By: Political Counselor Velia De Pirro.  For reasons\nE.O. 12958, 1.4(b)(d).", "Velia De Pirro", "1.4(b)(d)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n" + c.lines + "\n\n1. (C) TEXT.\n"))
			if got.Classifier != c.classifier || got.Reasons != c.reasons {
				t.Errorf("classifier %q, reasons %q; want %q, %q", got.Classifier, got.Reasons, c.classifier, c.reasons)
			}
		})
	}
	t.Run("in parentheses in the first paragraph", func(t *testing.T) {
		got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n1. (C) (CLASSIFIED BY AMBASSADOR JOHN DOE, REASONS 1.5 (B) AND (D).)\n\n2. (C) TEXT.\n"))
		if got.Classifier != "JOHN DOE" || got.Reasons != "1.5 (B) AND (D)" {
			t.Errorf("classifier %q, reasons %q", got.Classifier, got.Reasons)
		}
	})
	t.Run("in the first paragraph", func(t *testing.T) {
		got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n1. (U) CLASSIFIED BY: JOSIAH H. BEEMAN, AMBASSADOR.\nREASONS: 1.5(B) AND (D).\n\n2. (C) TEXT.\n"))
		if got.Classifier != "JOSIAH H. BEEMAN" || got.Reasons != "1.5(B) AND (D)" {
			t.Errorf("classifier %q, reasons %q", got.Classifier, got.Reasons)
		}
	})
}

func TestParseDeclassify(t *testing.T) {
	for _, c := range []struct {
		line, text, date string
	}{
		{"E.O. 12958: DECL: 09/07/2017", "09/07/2017", "2017-09-07"},
		{"E.O. 12958: DECL: 2019/01/15", "2019/01/15", "2019-01-15"},
		{"EO 12958 DECL: 6/30/08", "6/30/08", "2008-06-30"},
		{"E.O. 12958:DECL:11/13/11", "11/13/11", "2011-11-13"},
		{"E.0. 12958: DECL: 03/05/11", "03/05/11", "2011-03-05"},
		{"E.O. 12356:DECL:OADR", "OADR", ""},
		{"E.O. 12958: N/A", "N/A", ""},
		{"EO 12958 DECL: CLOSURE OF ICTY", "CLOSURE OF ICTY", ""},
		{"E.O. 12065: GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P", "GDS 8/12/85 (TOMSETH, VICTOR L.) OR-P", "1985-08-12"},
		{"E.O. 12958: DECL: 02/30/2017", "02/30/2017", ""},
	} {
		t.Run(c.line, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\n" + c.line + "\nTAGS: PGOV\nSUBJECT: TEST\n\n1. (C) TEXT.\n"))
			if got.DeclassifyText != c.text || got.Declassify != c.date {
				t.Errorf("declassify %q, %q; want %q, %q", got.DeclassifyText, got.Declassify, c.text, c.date)
			}
		})
	}
}

func TestParseClassification(t *testing.T) {
	for _, c := range []struct {
		name, zn, body, want string
		handling             []string
	}{
		{"spaced", "CCCCC", "C O N F I D E N T I A L STATE 126086\n\nSIPDIS\n", "CONFIDENTIAL", []string{"SIPDIS"}},
		{"secret noforn line", "SSSSS", "S E C R E T STATE 126086\n\nNOFORN\nSIPDIS\n", "SECRET//NOFORN", []string{"NOFORN", "SIPDIS"}},
		{"SECRET NOFORN on the line", "SSSSS", "S E C R E T NOFORN STATE 126086\n", "SECRET//NOFORN", []string{"NOFORN"}},
		{"slashes", "SSSSS", "SECRET//NOFORN\n", "SECRET//NOFORN", []string{"NOFORN"}},
		{"UNCLAS", "UUUUU", "UNCLAS STATE 126086\n\nSIPDIS\n", "UNCLASSIFIED", []string{"SIPDIS"}},
		{"UNCLAS SENSITIVE", "UUUUU", "UNCLAS SENSITIVE STATE 126086\n", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", []string{"SENSITIVE"}},
		{"SENSITIVE line", "UUUUU", "UNCLAS STATE 126086\n\nSENSITIVE\nSIPDIS\n", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", []string{"SENSITIVE", "SIPDIS"}},
		{"SENSITIVE after the subject does not count", "UUUUU", "UNCLAS STATE 126086\n\nSUBJECT: TEST\n\nSENSITIVE BUT UNCLASSIFIED\n", "UNCLASSIFIED", nil},
		{"CONFIDENTIAL SENSITIVE as Cablegate shows it", "CCCCC", "C O N F I D E N T I A L STATE 126086\n\nSENSITIVE\nSIPDIS\n", "CONFIDENTIAL//NOFORN", []string{"SENSITIVE", "SIPDIS"}},
		{"doubled letter", "SSSSS", "SS E C R E T STATE 126086\n", "SECRET", nil},
		{"lower case", "SSSSS", "S e c r e t section 01 of 02 state 126086\n\nSipdis\n\nNoforn\n", "SECRET//NOFORN", []string{"SIPDIS", "NOFORN"}},
		{"limited official use", "", "LIMITED OFFICIAL USE STATE 126086\n", "UNCLASSIFIED//FOR OFFICIAL USE ONLY", nil},
		{"no line: the header's ZNY", "SSSSS", "TAGS: PGOV\n", "SECRET", nil},
		{"handling after the number", "CCCCC", "C O N F I D E N T I A L SECTION 01 OF 02 STATE 126086 NOFORN SIPDIS AMEMBASSY ANKARA PASS TO ADANA\n", "CONFIDENTIAL//NOFORN", []string{"NOFORN", "SIPDIS"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := strings.Replace(testHeader, "ZNY CCCCC ZZH", "ZNY "+c.zn+" ZZH", 1)
			got := Parse(Record{Text: []byte(h + c.body + "\n1. (C) TEXT.\n")})
			if got.Classification != c.want || !slices.Equal(got.Handling, c.handling) {
				t.Errorf("classification %q, handling %q; want %q, %q", got.Classification, got.Handling, c.want, c.handling)
			}
		})
	}
}

func TestParseID(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"state", testHeader + "C O N F I D E N T I A L SECTION 01 OF 02 STATE 126086\n", "07STATE126086"},
		{"two words", strings.Replace(testHeader, "#6086", "#2481", 1) + "UNCLASSIFIED BUENOS AIRES 2481\n", "07BUENOSAIRES2481"},
		{"leading zeros", strings.Replace(testHeader, "#6086", "#0024", 1) + "UNCLAS STATE 000024\n", "07STATE24"},
		{"continuation line only", testHeader + "SUBJECT: TEST\n\n1. (C) TEXT.\n\nSTATE 00126086 002 OF 002\n\n2. (C) MORE.\n", "07STATE126086"},
		{"year of a 1966 cable", "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC PRIORITY\n\nUNCLASSIFIED BUENOS AIRES 2481\n", "66BUENOSAIRES2481"},
		{"a number edited under the same station", testHeader + "UNCLAS STATE 000007\n", "07STATE7"},
		{"redacted station", strings.Replace(strings.Replace(testHeader, "#6086", "#0004", 1), "FM SECSTATE WASHDC", "FM AMCONSUL SHENYANG", 1) + "S E C R E T SECTION 01 OF 02 XXXXXXXXXXXX 000004\n", "07SHENYANG4"},
		{"body of another cable", strings.Replace(strings.Replace(testHeader, "#6086", "#0614", 1), "FM SECSTATE WASHDC", "FM AMEMBASSY MEXICO", 1) + "S E C R E T SECTION 01 OF 04 ISLAMABAD 000416\n", "07MEXICO614"},
		{"office word on the classification line", strings.Replace(testHeader, "#6086", "#1234", 1) + "UNCLAS SECTION 01 OF 02 USMISSION GENEVA 001234\n", "07GENEVA1234"},
		{"USOFFICE", strings.Replace(testHeader, "#6086", "#0183", 1) + "C O N F I D E N T I A L USOFFICE PRISTINA 000183\n", "07PRISTINA183"},
		{"the station cut short", strings.Replace(testHeader, "#6086", "#0379", 1) + "SUBJECT: TEST\n\n1. (C) TEXT.\n\nGUADALAJAR 00000379  002 OF 004\n\n2. (C) MORE.\n", "07GUADALAJARA379"},
		{"the Secretary's delegation", "O 301522Z JUN 07\nFM USDEL SECRETARY\nTO SECSTATE WASHDC\n\nS E C R E T SECTION 01 OF 02 XXXXXXXXXXXX 000012\n", "07SECTO12"},
		{"no classification line: the DE line's serial", strings.Replace(strings.Replace(testHeader, "#6086", "#0245", 1), "FM SECSTATE WASHDC", "FM AMEMBASSY LIMA", 1) + "SUBJECT: TEST\n\n1. (C) TEXT.\n", "07LIMA245"},
		{"no classification line, the Department's serial is no number", testHeader + "SUBJECT: TEST\n\n1. (C) TEXT.\n", ""},
		{"redacted station, no FM line: the DE line's post", "VZCZCXRO1609\nRR RUEHWEB\nDE RUEHRI #0245/01 0561624\nZNY CCCCC ZZH\nR 251624Z FEB 09\n\nC O N F I D E N T I A L XXXXXXXXXXXX 000245\n\nSUBJECT: X\n", "09RIODEJANEIRO245"},
		{"redacted station, no sender", "R 251624Z FEB 09\n\nC O N F I D E N T I A L XXXXXXXXXXXX 000245\n\nSUBJECT: X\n", ""},
		{"page header only", "R 061410Z MAR 01\nFM AMEMBASSY VATICAN\nTO SECSTATE WASHDC 1234\n\nE.O. 12958: DECL: 03/05/11\nTAGS: PREL\nSUBJECT: DEMARCHE\n\n1. (C) TEXT\nCONFIDENTIAL\n\nPAGE 02 VATICA 01261 061419Z\nMORE TEXT.\n", "01VATICAN1261"},
		{"page header run into its classification", "R 121234Z MAR 78\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 1234\n\nSECRET PAGE 02 LIMA 02475 01 OF 02 121234Z\nS E C R E T SECTION 01 OF 02 LIMA 2475\n\nTAGS: PINT, PE\n", "78LIMA2475"},
		{"partial extract, a five-year term", partialExtract("S E C R E T OTTAWA 003115", "E.O. 12958: DECL: 11/17/2009", "", "Classified By: Ambassador Paul Cellucci, reasons 1.4 (b) (d)"), "04OTTAWA3115"},
		{"partial extract, a 25-year term", partialExtract("C O N F I D E N T I A L LIMA 000123", "E.O. 12958: DECL: 02/01/2034", "", "Classified By: Ambassador Jane Roe, reasons 1.4 (b) (d)"), "09LIMA123"},
		{"partial extract, E.O. 13526", partialExtract("C O N F I D E N T I A L LIMA 000123", "E.O. 13526: DECL: 02/01/2035", "", "Classified By: Ambassador Jane Roe, reasons 1.4 (b) (d)"), "10LIMA123"},
		{"partial extract, a REF of a later year", partialExtract("C O N F I D E N T I A L LIMA 002475", "E.O. 12958: DECL: 06/01/2013", "REF: A. 07 LIMA 123 B. LIMA 456", "Classified By: Ambassador Jane Roe, reasons 1.4 (b) (d)"), "08LIMA2475"},
		{"partial extract with its date-time group alone", "R 251624Z FEB 09\n\n" + partialExtract("C O N F I D E N T I A L RIO DE JANEIRO 000045", "E.O. 12958: DECL: 02/25/2014", "", "Classified By: Consul General Jane Roe, reasons 1.4 (b) (d)"), "09RIODEJANEIRO45"},
		{"date-time group labelled", "DTG: 251624Z FEB 09\n\n" + partialExtract("C O N F I D E N T I A L LIMA 000123", "E.O. 12958: DECL: 02/25/2014", "", ""), "09LIMA123"},
		{"date-time group in lower case", "r 251624z feb 09\n\n" + partialExtract("C O N F I D E N T I A L LIMA 000123", "E.O. 12958: DECL: 02/25/2014", "", ""), "09LIMA123"},
		{"date-time group glued to its precedence", "R251624Z FEB 09\n\n" + partialExtract("C O N F I D E N T I A L LIMA 000123", "E.O. 12958: DECL: 02/25/2014", "", ""), "09LIMA123"},
		{"routing header run into one line", "VZCZCXRO3981RUEHDE RUEHDIRRUEHKU #0123/01 0361636SSSSS ZZH251624Z FEB 09AMEMBASSY LIMARUEHC/SECSTATE WASHDC PRIORITY 2777\n\n" +
			partialExtract("C O N F I D E N T I A L LIMA 000123", "E.O. 12958: DECL: 02/25/2014", "", ""), "09LIMA123"},
		{"partial extract, a REF by date-time group", partialExtract("C O N F I D E N T I A L LIMA 000245", "E.O. 12958: DECL: 02/25/2013", "REF: A. STATE 251624Z FEB 08 B. LIMA 1234", "Classified By: Ambassador Jane Roe, reasons 1.4 (b) (d)"), "08LIMA245"},
		{"partial extract, the weekdays of its dates", "This record is a partial extract of the original cable.\n\nC O N F I D E N T I A L LIMA 000245\n\nE.O. 12958: DECL: 03/01/2013\nTAGS: PGOV\nSUBJECT: X\n\n" +
			"Classified By: Ambassador Jane Roe for reasons 1.4 (b) and (d)\n\n1. (C) On Tuesday, February 26, the minister met us.\n", "08LIMA245"},
		{"partial extract, year from the declassification date", "This record is a partial extract of the original cable.\n\nC O N F I D E N T I A L MADRID 003914\n\nE.O. 12958: DECL: 10/05/2014\nTAGS: PREL\n", "04MADRID3914"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Parse(Record{Text: []byte(c.text)}).ID; got != c.want {
				t.Errorf("id %q, want %q", got, c.want)
			}
		})
	}
}

// partialExtract writes a Cablegate "partial extract": no routing header,
// the classification line and the header fields, one paragraph.
func partialExtract(classLine, eo, ref, classifiedBy string) string {
	return "This record is a partial extract of the original cable. The full text of the original cable is not available.\n\n" +
		classLine + "\n\nSIPDIS\n\n" + eo + "\nTAGS: PREL, PGOV\nSUBJECT: TALKS\n\n" + ref + "\n\n" + classifiedBy + "\n\n1. (C) The talks went on.\n"
}

func TestParseDate(t *testing.T) {
	dtg := time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)
	for _, c := range []struct {
		name, text, created string
		want                time.Time
		warning             string
	}{
		{"date-time group", testHeader, "", dtg, ""},
		{"metadata on the same day", testHeader, "2007-09-07 10:10", dtg, ""},
		{"metadata on another day wins", testHeader, "2007-09-08 06:06", time.Date(2007, 9, 8, 6, 6, 0, 0, time.UTC), "is not on the source's day"},
		{"cables.csv date", testHeader, "9/7/2007 6:06", dtg, ""},
		{"impossible date-time group", strings.Replace(testHeader, "072147Z SEP 07", "321299Z FOO 07", 1), "", time.Time{}, "impossible date-time group"},
		{"impossible date-time group, metadata", strings.Replace(testHeader, "072147Z SEP 07", "321299Z FOO 07", 1), "2007-09-07 21:09", time.Date(2007, 9, 7, 21, 9, 0, 0, time.UTC), "impossible date-time group"},
		{"no header: metadata", "UNCLAS STATE 1234\n", "2006-10-17 06:06", time.Date(2006, 10, 17, 6, 6, 0, 0, time.UTC), ""},
		{"dateline", "Tuesday, 17 October 2006, 06:20\nC O N F I D E N T I A L BELGRADE 001681\n", "", time.Date(2006, 10, 17, 6, 20, 0, 0, time.UTC), "no date-time group in the header"},
		{"date-time group alone", "221344Z Jun 05\n\nC O N F I D E N T I A L NEW DELHI 004761\n", "", time.Date(2005, 6, 22, 13, 44, 0, 0, time.UTC), ""},
		{"nothing", "UNCLAS STATE 1234\n\n1. (U) TEXT.\n", "", time.Time{}, "no date"},
		{"unreadable metadata", testHeader, "yesterday", dtg, "cannot read the source's date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(Record{Text: []byte(c.text), Meta: Meta{Created: c.created}})
			if !got.Date.Equal(c.want) {
				t.Errorf("date %v, want %v (warnings %q)", got.Date, c.want, got.Warnings)
			}
			if c.warning != "" && !slices.ContainsFunc(got.Warnings, func(w string) bool { return strings.Contains(w, c.warning) }) {
				t.Errorf("warnings %q, want one containing %q", got.Warnings, c.warning)
			}
			if c.warning == "" && slices.ContainsFunc(got.Warnings, func(w string) bool { return strings.Contains(w, "date") }) {
				t.Errorf("unexpected warnings %q", got.Warnings)
			}
		})
	}
}

func TestParseAddressees(t *testing.T) {
	text := `R 220136Z DEC 97
FM AMEMBASSY WELLINGTON
TO SECSTATE WASHDC 5893
INFO AMEMBASSY CANBERRA
USCINCPAC HONOLULU HI//FPA/J-51//
RUEHXX/ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE PRIORITY 3270
RUEHLP/AMEMBASSY LA PAZ NIACT IMMEDIATE 0771

C O N F I D E N T I A L WELLINGTON 001656
`
	c := Parse(Record{Text: []byte(text)})
	wantTo := []Addressee{{Name: "SECSTATE WASHDC"}}
	wantInfo := []Addressee{
		{Name: "AMEMBASSY CANBERRA"},
		{Name: "USCINCPAC HONOLULU HI//FPA/J-51//"},
		{Name: "ALL DIPLOMATIC AND CONSULAR POSTS COLLECTIVE", Precedence: "PRIORITY", Route: "RUEHXX"},
		{Name: "AMEMBASSY LA PAZ", Precedence: "NIACT IMMEDIATE", Route: "RUEHLP"},
	}
	if !reflect.DeepEqual(c.To, wantTo) || !reflect.DeepEqual(c.Info, wantInfo) {
		t.Errorf("to %+v\ninfo %+v\nwant %+v\n%+v", c.To, c.Info, wantTo, wantInfo)
	}
	if c.From != "AMEMBASSY WELLINGTON" || c.Origin != "Embassy Wellington" || c.ID != "97WELLINGTON1656" {
		t.Errorf("from %q, origin %q, id %q", c.From, c.Origin, c.ID)
	}
}

func TestParseParagraphs(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       []Paragraph
	}{
		{"markings as written", "¶1. (C) ONE.\n\n1.(C/NF) X\n\n2. (S//NF) TWO.\n\n3. (SBU) THREE.\n\n4. (c) four.\n\n5. (C - ENTIRE TEXT). FIVE.\n",
			[]Paragraph{{1, "C", "ONE.\n\n1.(C/NF) X"}, {2, "S//NF", "TWO."}, {3, "SBU", "THREE."}, {4, "c", "four."}, {5, "C - ENTIRE TEXT", "FIVE."}}},
		{"unmarked", "1. ONE\nLINE.\n\n2. TWO.\n", []Paragraph{{1, "", "ONE LINE."}, {2, "", "TWO."}}},
		{"hyphenated breaks joined", "1. (U) NEW SEAS JURIS-\nDICTION NOW UNDER REVIEW.\n", []Paragraph{{1, "U", "NEW SEAS JURISDICTION NOW UNDER REVIEW."}}},
		{"the pilcrow read as a 1", "5. (SBU) FIVE.\n\n16. (SBU) SIX.\n\n17. (U) SEVEN.\n", []Paragraph{{5, "SBU", "FIVE."}, {6, "SBU", "SIX."}, {7, "U", "SEVEN."}}},
		{"a real sixteen", numbered(16), func() (ps []Paragraph) {
			for n := 1; n <= 16; n++ {
				ps = append(ps, Paragraph{n, "C", "TEXT."})
			}
			return ps
		}()},
		{"a list inside a paragraph", "1. (C) POINTS:\n\n1. FIRST\n2. SECOND\n\n2. (C) NEXT.\n", []Paragraph{{1, "C", "POINTS:\n\n1. FIRST 2. SECOND"}, {2, "C", "NEXT."}}},
		{"E.O. reasons are not paragraphs", "1. (C) REASONS\n1.4 (B) AND (D) APPLY.\n", []Paragraph{{1, "C", "REASONS 1.4 (B) AND (D) APPLY."}}},
		{"section line and page furniture dropped", "1. (C) ONE\nSTATE 00126086 002 OF 002\nCONFIDENTIAL\nPAGE 02 STATE 126086 072147Z\nCONTINUED.\n", []Paragraph{{1, "C", "ONE CONTINUED."}}},
		{"run together", "1. (C) ONE. 2. (C) TWO.\n", []Paragraph{{1, "C", "ONE."}, {2, "C", "TWO."}}},
		{"heading between paragraphs", "1. (C) ONE.\n\n-----------------\nPARSON'S DAUGHTER\n-----------------\n\n2. (C) TWO.\n", []Paragraph{{1, "C", "ONE."}, {2, "C", "TWO."}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n" + c.body)).Paragraphs
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("paragraphs\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

// numbered returns the text of n paragraphs marked (C).
func numbered(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strconv.Itoa(i) + ". (C) TEXT.\n\n")
	}
	return b.String()
}

func TestParseSummary(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"in a paragraph", "1. (C) SUMMARY: THE GIST. END SUMMARY.\n\n2. (C) MORE.\n", "THE GIST."},
		{"over paragraphs", "1. (C) Summary: The gist\ngoes on.\n\n2. (C) And on. End summary.\n\n3. (C) More.\n", "The gist goes on.\n\nAnd on."},
		{"underlined heading", "-------\nSummary\n-------\n\n1. (C) The gist. End Summary.\n\n2. (C) More.\n", "The gist."},
		{"heading between rules", "------- SUMMARY -------\n\n1. (C) The gist.\nEND SUMMARY\n", "The gist."},
		{"summary and comment", "1. (S) Summary and comment: The gist. End summary and comment.\n", "The gist."},
		{"no end", "1. (C) SUMMARY: THE GIST.\n\n2. (C) MORE.\n", "THE GIST."},
		{"none", "1. (C) NO GIST HERE.\n", ""},
		{"END SUMMARY without an opening", "1. (C) THE GIST IS THIS. END SUMMARY.\n\n2. (C) MORE.\n", "THE GIST IS THIS."},
		{"END SUMMARY without an opening, in a later paragraph", "1. CONFIDENTIAL - ENTIRE TEXT.\n\n2. (C) THE GIST\nGOES ON. END SUMMARY\n\n3. (C) MORE.\n", "THE GIST GOES ON."},
		{"BEGIN SUMMARY", "BEGIN SUMMARY\n\nTHE GIST GOES\nON. END SUMMARY\n\n1. MORE.\n", "THE GIST GOES ON."},
		{"underlined with equal signs", "Summary\n=======\n\n1. (C) The gist.\n\n2. (C) More.\n", "The gist."},
		{"equal signs on the line", "Summary =======\n\n1. (C) The gist.\n\n2. (C) More.\n", "The gist."},
		{"heading without an end", "-------\nSUMMARY\n-------\n\n1. (C) The gist.\n\n------------\nNEXT HEADING\n------------\n\n2. (C) More.\n", "The gist."},
		{"heading of several words", "Summary and Key Themes\n----------------------\n\nThe gist.\n\n1. (C) More.\n", "The gist."},
		{"paragraph's last line a heading", "1. (C) SUMMARY: The gist.\n\nA Heading\n---------\n\nMore text.\n", "The gist."},
		{"1) for 1.", "1) (SBU) SUMMARY. The gist. End Summary.\n", "The gist."},
		{"no paragraph number", "SUMMARY: The gist.\n\n1. (C) More.\n", "The gist."},
		{"marking without its parenthesis", "1. C) Summary: The gist. End Summary\n\n2. (C) More.\n", "The gist."},
		{"the number twice", "1. 1. Summary and comment: The gist. End summary and comment.\n", "The gist."},
		{"opening run into a paragraph", "1. Action request in paragraph 5. 2. Summary: The gist. End Summary.\n\n3. More.\n", "The gist."},
		{"a phrase before the colon", "1. (C) Summary from the meeting: -- ONE.\n\n-- TWO. END SUMMARY.\n\n2. (C) More.\n", "ONE.\n\n-- TWO."},
		{"marking without a number", "(C) Summary: The gist. End summary.\n", "The gist."},
		{"a heading, then a paragraph that opens again", "SUMMARY\n-------\n\n1. (C) Summary: The gist. End Summary.\n\n2. (C) More.\n", "The gist."},
		{"END EXECUTIVE SUMMARY", "1. (C) EXECUTIVE SUMMARY: The gist. END EXECUTIVE SUMMARY.\n\n2. (C) More.\n", "The gist."},
		{"END SUMMARY misspelt", "1. (C) Summary: The gist. End Sumary.\n\n2. (C) More.\n", "The gist."},
		{"SUMMARY at the first paragraph, without a marking", "¶1. SUMMARY: THE GIST. END SUMMARY.\n\n¶2. MORE.\n", "THE GIST."},
		{"BEGIN SUMMARY on the line", "BEGIN SUMMARY: The gist. END SUMMARY.\n\n1. (C) More.\n", "The gist."},
		{"right after a header field", "Classified By: Ambassador John Doe for reasons 1.4 (b)\nSUMMARY: The gist. END SUMMARY.\n\n1. (C) More.\n", "The gist."},
		{"END SUMMARY without an opening, past the first 16 KB", "1. (C) " + strings.Repeat("A LONG PARAGRAPH OF TEXT.\n", 700) + "\n2. (C) A SECTION'S GIST. END SUMMARY.\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: FRAUD SUMMARY\n\n" + c.body)).Summary
			if got != c.want {
				t.Errorf("summary %q, want %q", got, c.want)
			}
		})
	}
}

func TestParseSigners(t *testing.T) {
	for _, c := range []struct {
		name, end string
		want      []string
	}{
		{"surname", "2. (C) THE END.\nRICE\n", []string{"RICE"}},
		{"mixed case", "2. (C) The end.\n\nBarclay\n", []string{"Barclay"}},
		{"two words", "2. (C) THE END.\nVAN VOORST\n", []string{"VAN VOORST"}},
		{"trailing furniture", "2. (C) THE END.\nPOWERS\n=======================CABLE ENDS============================\n", []string{"POWERS"}},
		{"NNNN", "2. (C) THE END.\n\nMCDONALD\nCONFIDENTIAL\nNNNN\n", []string{"MCDONALD"}},
		{"csv backslash", "2. (C) THE END. \\\nCASSEL \\\n", []string{"CASSEL"}},
		{"not a paragraph's last word", "2. (C) WE WILL REPORT ON THE\nFUTURE\n", nil},
		{"not a sentence", "2. (C) THE END OF\nRussia.\n", nil},
		{"not a redaction", "2. (C) THE END.\nXXXXXXXXXXXX\n", nil},
		{"not a truncated line", "2. (C) THE END.\nTRIVELLI\nDANIEL ORTEGA AN...\n", []string{"TRIVELLI"}},
		{"on the last sentence's line", "2. (C) THE END OF THE TEXT. DELL\n", []string{"DELL"}},
		{"on the last sentence's line, mixed case", "2. (C) Karimov prefers to avoid them. Herbst\n", []string{"Herbst"}},
		{"after END COMMENT on the line", "2. (C) THE END. END COMMENT THORNE\n", []string{"THORNE"}},
		{"a declassification stamp after", "2. THE END.\nKISSINGER\n\n\nDeclassified/Released US Department of State EO Systematic Review 30 JUN 2005\n", []string{"KISSINGER"}},
		{"a classification with handling after", "2. (C) THE END.\nRICE\nSECRET NOFORN\n", []string{"RICE"}},
		{"a spaced classification after", "2. (C) THE END.\nRICE\n\nC O N F I D E N T I A L\n", []string{"RICE"}},
		{"MINIMIZE CONSIDERED before", "2. (C) THE END.\nMINIMIZE CONSIDERED\nRICE\n", []string{"RICE"}},
		{"MINIMIZE CONSIDERED on the line", "2. (U) AA/S GLASER HAS CLEARED THIS MESSAGE. MINIMIZE CONSIDERED MURRAY .\n", []string{"MURRAY"}},
		{"initials", "2. (C) THE END.\nJ. SMITH\n", []string{"J. SMITH"}},
		{"a group marking before", "2. THE END.\n\nGP-3\nSACCIO\n", []string{"SACCIO"}},
		{"end of message on the line", "2. (C) THE END.\n********* HENZEL NNNN End Cable Text\n", []string{"HENZEL"}},
		{"a dump's next column", "2. (C) THE END. BURNS\t2006-08-30\n", []string{"BURNS"}},
		{"not a classification", "2. (C) THE END.\nLIMITED OFFICIAL USE\n", nil},
		{"not a marking", "2. (C) THE END.\nSBU\n", nil},
		{"not a list's item", "2. (C) POINTS:\n1. FIRST 2. SECOND\n", nil},
		{"not a paragraph's last word", "2. (C) TWO\n", nil},
		{"not an opening", "2. (C) WE WILL SEE. BEGIN TEXT\n", nil},
		{"a section's continuation line before", "2. (U) Minimize considered.\n\nBERN 00000351  002 OF 002\n\n\nBEYER\n", []string{"BEYER"}},
		{"a section's continuation line after", "2. (C) THE END.\n\nBEYER\nBERN 00000351  002 OF 002\n", []string{"BEYER"}},
		{"a page header after", "2. (C) THE END.\nBEYER\nCONFIDENTIAL\n\nCONFIDENTIAL\nPAGE 03 BERN 00351 251624Z\n", []string{"BEYER"}},
		{"a redacted line before", "2. (C) The end of it.\n\nXXXXXXXXXXXX\n\nMCMULLEN\n", []string{"MCMULLEN"}},
		{"after a redaction on the line, mixed case", "2. (SBU) Reachable at xxxxxxxxxxxx CHRITTON\n", []string{"CHRITTON"}},
		{"not after a redaction, in capitals", "2. (C) WE MET WITH XXXXXXXXXXXX MINISTER\n", nil},
		{"not after a redacted line without a blank", "2. (C) We met, as agreed, with XXXXXXXXXXXX\nMINISTER\n", nil},
		{"a telegram office's note after", "2. (C) THE END.\n\nRICE\n\n\nNOTE BY OC/T: NOT PASSED ABOVE ADDRESSEES.\n", []string{"RICE"}},
		{"after UNQUOTE on its line", "2. QUOTE: WE AGREE.\nUNQUOTE VANCE\n", []string{"VANCE"}},
		{"after UNQUOTE on the last line", "2. QUOTE: WE AGREE. UNQUOTE VANCE\n", []string{"VANCE"}},
		{"after UNQUOTE alone", "2. QUOTE: WE AGREE.\n\nUNQUOTE\nVANCE\n", []string{"VANCE"}},
		{"after the end of a part", "2. (SBU) The text.\n\nEnd of Part One LA LIME\n", []string{"LA LIME"}},
		{"after a closing formula", "2. (C) THE END.\n\nREGARDS,\nVANCE\n", []string{"VANCE"}},
		{"END OF MESSAGE after", "2. (C) THE END.\n\nRICE\n\nEND OF MESSAGE\n", []string{"RICE"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Parse(withHeader("C O N F I D E N T I A L STATE 126086\n\nSUBJECT: TEST\n\n1. (C) TEXT.\n\n" + c.end))
			if !slices.Equal(got.Signers, c.want) {
				t.Errorf("signers %q, want %q", got.Signers, c.want)
			}
			if n := len(got.Paragraphs); n > 0 && len(c.want) > 0 && strings.Contains(got.Paragraphs[n-1].Text, c.want[0]) {
				t.Errorf("the signature is in the last paragraph: %q", got.Paragraphs[n-1].Text)
			}
			if n := len(got.Paragraphs); n < 2 || got.Paragraphs[n-1].N != 2 && strings.HasPrefix(c.end, "2.") {
				t.Errorf("paragraphs %+v: the last paragraph is lost", got.Paragraphs)
			}
		})
	}
}

func TestParseMeta(t *testing.T) {
	// The text's station and number, the metadata's year.
	if c := Parse(Record{Text: []byte("UNCLAS STATE 1234\n"), Meta: Meta{Created: "2006-10-17 06:06"}}); c.ID != "06STATE1234" || len(c.Warnings) != 0 {
		t.Errorf("id %q, warnings %q; want 06STATE1234 and no warnings", c.ID, c.Warnings)
	}
	meta := Meta{ID: "07SECSTATE126086", Origin: "Secretary of State", Classification: "CONFIDENTIAL//NOFORN", Created: "2007-09-07 21:09"}
	c := Parse(Record{Text: []byte(testHeader + "UNCLAS STATE 126086\n"), Meta: meta})
	if c.ID != "07STATE126086" || c.Classification != "CONFIDENTIAL//NOFORN" || c.Origin != "Secretary of State" {
		t.Errorf("id %q, classification %q, origin %q: the metadata must win", c.ID, c.Classification, c.Origin)
	}
	c = Parse(Record{Text: []byte(testHeader + "UNCLAS STATE 126086\n"), Meta: Meta{ID: "../etc/passwd"}})
	if c.ID != "07STATE126086" || !slices.ContainsFunc(c.Warnings, func(w string) bool { return strings.Contains(w, "not a cable id") }) {
		t.Errorf("id %q, warnings %q: a bad metadata id must not win", c.ID, c.Warnings)
	}
	c = Parse(Record{Text: []byte(testHeader + "UNCLAS STATE 12345\n"), Meta: Meta{ID: "07STATE126086"}})
	if !slices.ContainsFunc(c.Warnings, func(w string) bool { return strings.Contains(w, "differs") }) {
		t.Errorf("warnings %q: the text's id differs from the metadata's", c.Warnings)
	}
}

func TestParseNeverFails(t *testing.T) {
	for _, text := range []string{
		"",
		"\n\n\n",
		"\x00\xff\xfe binary \x01 junk",
		"VZCZC",
		"1.",
		"¶",
		"SUBJECT:",
		"TAGS:",
		"REF: A.",
		"Classified By:",
		"E.O. 12958: DECL:",
		"UNCLAS",
		"C O N F I D E N T I A L",
		"STATE 00126086 002 OF 002",
		strings.Repeat("1. (C) ", 1000),
		"FM \nTO \nINFO \n",
		"O 321299Z FOO 07\nFM X\n",
	} {
		c := Parse(Record{Text: []byte(text)})
		if c.BodyStart < 0 || c.BodyStart > len(text) {
			t.Errorf("Parse(%q): BodyStart %d out of range", text, c.BodyStart)
		}
		if len(c.Warnings) == 0 {
			t.Errorf("Parse(%q): no warnings for a text that is no cable", text)
		}
	}
}

// Cablegate's pages turn a wrapped subject's year into a paragraph anchor
// (09USNATO30: "JANUARY 28,\n¶2009."); the pilcrow is not the cable's.
func TestSubjectWrappedYearAnchor(t *testing.T) {
	text := "C O N F I D E N T I A L USNATO 000030\n\nSIPDIS\n\nE.O. 12958: DECL: 01/29/2019\nTAGS: PREL, NATO\n" +
		"SUBJECT: READOUT NORTH ATLANTIC COUNCIL MEETING JANUARY 28,\n¶2009.\n\nClassified By: Charge Walter E. Andrusyszyn for reasons 1.4 (b) and (d)\n\n¶1. (C) SUMMARY.\n"
	c := Parse(Record{Text: []byte(text)})
	if want := "READOUT NORTH ATLANTIC COUNCIL MEETING JANUARY 28, 2009."; c.Subject != want {
		t.Errorf("subject = %q, want %q", c.Subject, want)
	}
}

// Some pages hold a database dump after a cut copy of the text: the
// record's columns, the routing header again, "header ends", then the
// whole text. The fields are read from the whole text.
func TestParseDump(t *testing.T) {
	text := testHeader + "UNCLAS LIMA 004262\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PGOV KJUS PE\n" +
		"SUBJECT: REQUEST FOR ASSISTANCE WITH EXTRADITION WORKSHOP\nAND EXTENDED CONSULTATIO...\n\n" +
		"id: 84127\ndate: 11/2/2006 21:17\nrefid: 06LIMA4262\norigin: Embassy Lima\nclassification: UNCLASSIFIED\ndestination: 06LIMA3572\nheader:\n" +
		testHeader + "\n----------------- header ends ----------------\n\n" +
		"UNCLAS LIMA 004262\n\nSIPDIS\n\nE.O. 12958: N/A\nTAGS: PGOV KJUS PE\n" +
		"SUBJECT: REQUEST FOR ASSISTANCE WITH EXTRADITION WORKSHOP\nAND EXTENDED CONSULTATIONS\n\nREF: LIMA 3572\n\n" +
		"Classified By: Ambassador J. Curtis Struble for reason 1.4 (d)\n\n1. (U) This is an action request.\n\nSTRUBLE\n"
	c := Parse(Record{Text: []byte(text)})
	if want := "REQUEST FOR ASSISTANCE WITH EXTRADITION WORKSHOP AND EXTENDED CONSULTATIONS"; c.Subject != want {
		t.Errorf("subject %q, want %q", c.Subject, want)
	}
	if len(c.References) != 1 || c.References[0].ID != "07LIMA3572" {
		t.Errorf("references %+v, want 07LIMA3572", c.References)
	}
	if c.Classifier != "J. Curtis Struble" || c.Reasons != "1.4 (d)" {
		t.Errorf("classifier %q, reasons %q", c.Classifier, c.Reasons)
	}
	if len(c.Paragraphs) != 1 || !strings.HasPrefix(string(text[c.BodyStart:]), "1. (U) This is") {
		t.Errorf("paragraphs %+v, body at %.30q", c.Paragraphs, text[c.BodyStart:])
	}
}

// A page's truncated copy of the text cuts a REF item short ("PRAGUE DAILY
// 08.11.20..."); the whole text's item stands for it.
func TestParseRefsCutCopy(t *testing.T) {
	header := strings.Replace(strings.Replace(testHeader, "#6086", "#0535", 1), "FM SECSTATE WASHDC", "FM AMEMBASSY PRAGUE", 1)
	text := header + "C O N F I D E N T I A L PRAGUE 000535\n\nSUBJECT: X\n\nREF: A. STATE 85678\n     B. PRAGUE DAILY 08.11.20...\n\n" +
		"C O N F I D E N T I A L PRAGUE 000535\n\nSUBJECT: X\n\nREF: A. STATE 85678\n     B. PRAGUE DAILY 08.11.2008\n\n1. (C) TEXT.\n"
	got := Parse(Record{Text: []byte(text)}).References
	want := []Reference{{ID: "07STATE85678", Text: "STATE 85678"}, {Text: "PRAGUE DAILY 08.11.2008"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("references %+v, want %+v", got, want)
	}
}
