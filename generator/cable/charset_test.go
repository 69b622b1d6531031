package cable

import (
	"testing"
	"unicode/utf8"
)

func TestToUTF8(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"PLAIN ASCII", "PLAIN ASCII"},
		{"caf\xc3\xa9 \xe2\x80\x99", "café ’"},
		{"MINISTER\x92S \x93QUOTE\x94 \x96 CAF\xe9", "MINISTER’S “QUOTE” – CAFé"},
		{"\x80\x85\x99\x9f", "€…™Ÿ"},
		{"undefined \x81\x8d\x8f\x90\x9d", "undefined \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"cut \xe2\x80", "cut â€"},
		{"\xff\xfe", "ÿþ"},
	} {
		got := ToUTF8(tt.in)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("ToUTF8(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Parse reads bytes that are not UTF-8 as Windows-1252 in every field.
func TestParseWindows1252(t *testing.T) {
	text := "FM AMEMBASSY BRASILIA\nO 072147Z SEP 07\n\nUNCLAS BRASILIA 5\n\nTAGS: PGOV\nSUBJECT: S\xc3O PAULO\x92S MAYOR\n\n1. (U) THE MAYOR\x92S OFFICE.\n\nSOBEL\n"
	c := Parse(Record{Format: FormatText, Text: []byte(text), Meta: Meta{Origin: "Embassy Bras\xedlia"}})
	if c.Subject != "SÃO PAULO’S MAYOR" || c.Origin != "Embassy Brasília" {
		t.Errorf("subject %q, origin %q", c.Subject, c.Origin)
	}
}
