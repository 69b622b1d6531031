package annotate

import (
	"os"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/cable"
)

// benchText is a cable of about 5 KB: a header and twelve wrapped
// paragraphs with the features the body marks up.
func benchText() []byte {
	var b strings.Builder
	b.WriteString("VZCZCXYZ0001\nOO RUEHWEB\n\nDE RUEHC #0001/01 2500000\nZNY CCCCC ZZH\nO 072147Z SEP 07\nFM SECSTATE WASHDC\nTO RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 0001\n\n")
	b.WriteString("C O N F I D E N T I A L STATE 000001\n\nSIPDIS\n\nE.O. 12958: DECL: 09/07/2017\nTAGS: PGOV, PREL\nSUBJECT: A SUBJECT\n\nREF: A. TBILISI 1605 B. 06 TBILISI 2601\n\nClassified By: A PERSON, REASONS 1.4 (B) AND (D)\n\n")
	for i := 1; i <= 12; i++ {
		b.WriteString("¶" + itoa(i) + ". (C) THE MINISTER,S VIEW OF THE ELECTIONS, AS REF A REPORTED,\n")
		b.WriteString("IS THAT XXXXXXXXXXXX WILL NOT TAKE PART IN THE JURIS-\nDICTION OF THE JURISDICTION OF 06 TBILISI 2601, AND THAT THE\n")
		b.WriteString("GOVERNMENT WILL NOT CHANGE ITS VIEW BEFORE THE DEADLINE OF\nSEPTEMBER 12.\n\n")
		b.WriteString("-- THE FIRST POINT TO MAKE TO THE HOST GOVERNMENT IS THAT\nTIME IS SHORT.\n\n-- THE SECOND POINT.\n\n")
	}
	b.WriteString("RICE\n")
	return []byte(b.String())
}

func benchCable() *cable.Cable {
	c := fullCable()
	c.Paragraphs = nil
	for i := 1; i <= 12; i++ {
		c.Paragraphs = append(c.Paragraphs, cable.Paragraph{N: i, Marking: "C"})
	}
	c.BodyStart = strings.Index(string(benchText()), "¶1.")
	return c
}

func BenchmarkWrite(b *testing.B) {
	c, rec := benchCable(), fullRecord()
	rec.Text = benchText()
	var buf []byte
	b.SetBytes(int64(len(rec.Text)))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = Append(buf[:0], c, rec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	rec := fullRecord()
	rec.Text = benchText()
	md := mustAppend(b, benchCable(), rec)
	b.SetBytes(int64(len(md)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("b.md", md); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadGoccy reads the same front matter with goccy/go-yaml, the
// path hand-edited files take, for comparison with BenchmarkRead.
func BenchmarkReadGoccy(b *testing.B) {
	rec := fullRecord()
	rec.Text = benchText()
	fm := frontMatterOf(b, mustAppend(b, benchCable(), rec))
	b.SetBytes(int64(len(fm)))
	b.ReportAllocs()
	for b.Loop() {
		var d Document
		if err := slowDecode(fm, &d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteLarge writes a 1 MB cable of one paragraph full of
// hyphenated line breaks, where a quadratic step would show.
func BenchmarkWriteLarge(b *testing.B) {
	rec := cable.Record{Text: []byte(strings.Repeat("THE JURIS-\nDICTION OF XXXXXXX, SEE REF A. ", 20000))}
	c := &cable.Cable{References: []cable.Reference{{ID: "07STATE123", Text: "A. STATE 123"}}}
	b.SetBytes(int64(len(rec.Text)))
	for b.Loop() {
		if _, err := Append(nil, c, rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSynth writes the cables of a synthcables CSV named by
// $CABLESITE_SYNTH (skipped without it), to profile on realistic text.
func BenchmarkWriteSynth(b *testing.B) {
	name := os.Getenv("CABLESITE_SYNTH")
	if name == "" {
		b.Skip("CABLESITE_SYNTH is not set")
	}
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var recs []cable.Record
	var cables []*cable.Cable
	size := 0
	for rec, err := range cable.Records(name, f, cable.FormatAuto) {
		if err == nil && len(recs) < 2000 {
			recs = append(recs, rec)
			cables = append(cables, cable.Parse(rec))
			size += len(rec.Text)
		}
	}
	b.SetBytes(int64(size / len(recs)))
	var buf []byte
	i := 0
	for b.Loop() {
		buf, _ = Append(buf[:0], cables[i%len(recs)], recs[i%len(recs)])
		i++
	}
}
