package annotate

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/cable"
)

// fullCable has every field set, as the parser gives them for the seed.
func fullCable() *cable.Cable {
	return &cable.Cable{
		ID:             "07STATE126086",
		Date:           time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
		Origin:         "Secretary of State",
		From:           "SECSTATE WASHDC",
		To:             []cable.Addressee{{Name: "AMEMBASSY BELGRADE", Precedence: "IMMEDIATE", Route: "RUEHBW"}, {Name: "USOFFICE PRISTINA", Precedence: "IMMEDIATE", Route: "RUEHPS"}},
		Info:           []cable.Addressee{{Name: "EUROPEAN POLITICAL COLLECTIVE"}, {Name: "USMISSION USNATO", Route: "RUEHNO"}},
		Classification: "CONFIDENTIAL",
		Handling:       []string{"SIPDIS"},
		Tags:           []string{"PGOV", "PREL", "SR", "YI", "KV"},
		Subject:        "REQUEST: ENCOURAGING SERBS TO VOTE IN KOSOVAR ELECTIONS AND TONING DOWN BELGRADE,S RHETORIC",
		References:     []cable.Reference{{ID: "07TBILISI1605", Text: "A. TBILISI 1605"}, {ID: "06TBILISI2601", Text: "B. 06 TBILISI 2601"}, {Text: "C. EMAIL FROM EUR/SCE 9/5/07"}},
		ClassifiedBy:   "EUR ACTING A/S K. VOLKER. REASONS 1.4 (B), (C) AND (D)",
		Classifier:     "K. VOLKER",
		Reasons:        "1.4 (B), (C) AND (D)",
		Declassify:     "2017-09-07",
		DeclassifyText: "09/07/2017",
		Signers:        []string{"RICE"},
		Summary:        "BELGRADE LEADERSHIP WILL NOT SUPPORT KOSOVO SERB PARTICIPATION.",
		Sections:       2,
		Paragraphs:     []cable.Paragraph{{N: 1, Marking: "U", Text: "THIS IS AN ACTION REQUEST."}, {N: 2, Marking: "C"}, {N: 3}},
		Warnings:       []string{"no E.O. line"},
		BodyStart:      17,
	}
}

func fullRecord() cable.Record {
	return cable.Record{
		Pos:      cable.Pos{File: "seeds/07STATE126086.txt", Line: 1},
		Format:   cable.FormatCSV,
		Text:     []byte("HEADER\n\n1. (U) THIS IS AN ACTION REQUEST.\n"),
		TextLine: 3,
		Meta: cable.Meta{ID: "07STATE126086", Created: "9/7/2007 21:47", Released: "2010-12-01", Classification: "CONFIDENTIAL",
			Origin: "Secretary of State", References: []string{"07TBILISI1605", "06TBILISI2601"}, Row: "123", Articles: []string{"a", "b"}},
	}
}

// storedString returns s as the front matter keeps it: valid UTF-8.
func storedString(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// storedList returns l as the front matter keeps it: valid UTF-8, and
// nil when empty.
func storedList(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = storedString(s)
	}
	return out
}

// stored returns c as the front matter keeps it: strings as valid UTF-8,
// empty lists as nil, the date in UTC, no paragraph texts, no BodyStart.
func stored(c *cable.Cable) cable.Cable {
	v, list := storedString, storedList
	addr := func(l []cable.Addressee) []cable.Addressee {
		if len(l) == 0 {
			return nil
		}
		out := make([]cable.Addressee, len(l))
		for i, a := range l {
			out[i] = cable.Addressee{Name: v(a.Name), Precedence: v(a.Precedence), Route: v(a.Route)}
		}
		return out
	}
	s := cable.Cable{
		ID: v(c.ID), Origin: v(c.Origin), From: v(c.From), To: addr(c.To), Info: addr(c.Info),
		Classification: v(c.Classification), Handling: list(c.Handling), Tags: list(c.Tags), Subject: v(c.Subject),
		ClassifiedBy: v(c.ClassifiedBy), Classifier: v(c.Classifier), Reasons: v(c.Reasons), Declassify: v(c.Declassify),
		DeclassifyText: v(c.DeclassifyText), Signers: list(c.Signers), Summary: v(c.Summary), Sections: c.Sections,
		Warnings: list(c.Warnings),
	}
	if !c.Date.IsZero() {
		s.Date = c.Date.UTC()
	}
	for _, r := range c.References {
		s.References = append(s.References, cable.Reference{ID: v(r.ID), Text: v(r.Text)})
	}
	for _, p := range c.Paragraphs {
		s.Paragraphs = append(s.Paragraphs, cable.Paragraph{N: p.N, Marking: v(p.Marking)})
	}
	return s
}

// storedSource is the source Read gives for rec, written as md: with the
// digest of md, which checks that the digest Write records holds.
func storedSource(rec cable.Record, md []byte) Source {
	v, list := storedString, storedList
	m := rec.Meta
	return Source{
		Format: cable.Format(v(string(rec.Format))), File: v(rec.Pos.File), Line: rec.Pos.Line,
		Meta: cable.Meta{ID: v(m.ID), Created: v(m.Created), Released: v(m.Released), Classification: v(m.Classification),
			Origin: v(m.Origin), References: list(m.References), Row: v(m.Row), Articles: list(m.Articles)},
		Digest: Digest(md),
	}
}

// hostileCable puts s in every string field of a cable.
func hostileCable(s string) *cable.Cable {
	a := cable.Addressee{Name: s, Precedence: s, Route: s}
	return &cable.Cable{
		ID: s, Origin: s, From: s, To: []cable.Addressee{a}, Info: []cable.Addressee{a, a},
		Classification: s, Handling: []string{s}, Tags: []string{s, s}, Subject: s,
		References: []cable.Reference{{ID: s, Text: s}}, ClassifiedBy: s, Classifier: s, Reasons: s,
		Declassify: s, DeclassifyText: s, Signers: []string{s}, Summary: s, Sections: -3,
		Paragraphs: []cable.Paragraph{{N: 0, Marking: s, Text: s}}, Warnings: []string{s},
	}
}

type roundTripCase struct {
	name string
	c    *cable.Cable
	rec  cable.Record
}

func roundTripCases() []roundTripCase {
	cases := []roundTripCase{
		{"full", fullCable(), fullRecord()},
		{"empty", &cable.Cable{}, cable.Record{}},
		{"only id", &cable.Cable{ID: "66BUENOSAIRES2481"}, cable.Record{Format: cable.FormatText, Text: []byte("x")}},
		{"nanoseconds and a zone", &cable.Cable{ID: "X", Date: time.Date(1966, 12, 28, 18, 48, 0, 123456789, time.FixedZone("EST", -5*3600))}, cable.Record{}},
		{"year 1", &cable.Cable{Date: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)}, cable.Record{}},
		{"empty items", &cable.Cable{Tags: []string{""}, To: []cable.Addressee{{}}, References: []cable.Reference{{}}, Paragraphs: []cable.Paragraph{{}}},
			cable.Record{Meta: cable.Meta{References: []string{""}}}},
	}
	texts := map[string]string{
		"tildes":            "~~~~~~~ a fence\n~~~~\n~",
		"shortcode":         "{{< x >}} and {{% y %}}",
		"no final newline":  "TEXT",
		"newlines":          "\n\nTEXT\n\n",
		"crlf":              "LINE\r\nLINE\r\n",
		"nul and invalid":   "\x00\xff\xfe\xc3(\r\x1b",
		"marker inside":     "A\n<!-- cablesite:original -->\n~~~~ text\n---\n",
		"front matter like": "---\ntitle: x\n---\n",
		"empty":             "",
		"only newline":      "\n",
	}
	for name, text := range texts {
		cases = append(cases, roundTripCase{"text " + name, fullCable(), cable.Record{Format: cable.FormatText, Text: []byte(text)}})
	}
	for i, s := range hostileStrings {
		cases = append(cases, roundTripCase{fmt.Sprintf("hostile %d %q", i, s), hostileCable(s), cable.Record{
			Format: cable.Format(s), Pos: cable.Pos{File: s, Line: 7}, Text: []byte(s),
			Meta: cable.Meta{ID: s, Created: s, Released: s, Classification: s, Origin: s, References: []string{s}, Row: s, Articles: []string{s, s}},
		}})
	}
	return cases
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range roundTripCases() {
		t.Run(tc.name, func(t *testing.T) {
			md, err := Append(nil, tc.c, tc.rec)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Read("x.md", md)
			if err != nil {
				t.Fatalf("Read: %v\n%s", err, md)
			}
			if want := stored(tc.c); !reflect.DeepEqual(d.Cable, want) {
				t.Errorf("cable:\n got %+v\nwant %+v\n%s", d.Cable, want, md)
			}
			if want := storedSource(tc.rec, md); !reflect.DeepEqual(d.Source, want) {
				t.Errorf("source:\n got %+v\nwant %+v", d.Source, want)
			}
			if !bytes.Equal(d.Original, tc.rec.Text) {
				t.Errorf("original:\n got %q\nwant %q", d.Original, tc.rec.Text)
			}
			// What Write writes takes the fast path, and goccy/go-yaml,
			// which Hugo uses, reads it the same.
			fm := frontMatterOf(t, md)
			var fast, slow Document
			if !fastDecode(fm, &fast) {
				t.Errorf("the fast decoder refused what Write wrote:\n%s", fm)
			}
			if err := slowDecode(fm, &slow); err != nil {
				t.Fatalf("goccy/go-yaml: %v\n%s", err, fm)
			}
			if !reflect.DeepEqual(fast, slow) {
				t.Errorf("fast and goccy/go-yaml decoders differ:\nfast %+v\nslow %+v", fast, slow)
			}
			if d.BodyLine != bytes.Count(fm, []byte("\n"))+3 {
				t.Errorf("BodyLine = %d, want %d", d.BodyLine, bytes.Count(fm, []byte("\n"))+3)
			}
			again, _ := Append(nil, tc.c, tc.rec)
			if !bytes.Equal(md, again) {
				t.Error("two writes of one cable differ")
			}
		})
	}
}

// frontMatterOf returns the YAML between the delimiters of md.
func frontMatterOf(t testing.TB, md []byte) []byte {
	t.Helper()
	rest, ok := bytes.CutPrefix(md, []byte("---\n"))
	if !ok {
		t.Fatalf("no front matter:\n%s", md)
	}
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		t.Fatalf("front matter not closed:\n%s", md)
	}
	return rest[:i+1]
}
