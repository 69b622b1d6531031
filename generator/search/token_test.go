package search

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenCases are shared by the Go test and the test that runs the
// client's tokenizer in Node.
var tokenCases = []struct {
	name, in string
	want     []string
}{
	{"words", "The Minister said", []string{"the", "minister", "said"}},
	{"punctuation", "talks--stalled; (again)!", []string{"talks", "stalled", "again"}},
	{"teletype comma", "KOSOVO,S INDEPENDENCE", []string{"kosovo", "independence"}},
	{"apostrophe", "Kosovo's independence", []string{"kosovo", "independence"}},
	{"curly apostrophe", "Kosovo’s future", []string{"kosovo", "future"}},
	{"plural possessive", "STATES' RIGHTS", []string{"states", "rights"}},
	{"elision", "DON'T O'BRIEN", []string{"dont", "obrien"}},
	{"comma list", "PARIS,LONDON", []string{"paris", "london"}},
	{"comma s after lower", "paris,s", []string{"paris", "s"}},
	{"comma s then letter", "KOSOVO,SERBIA", []string{"kosovo", "serbia"}},
	{"acronym", "THE U.S. POSITION", []string{"the", "us", "position"}},
	{"acronym lower", "e.g. this", []string{"eg", "this"}},
	{"acronym hyphen", "U.S.-LED", []string{"us", "led"}},
	{"not acronym", "NO.5 A.BC", []string{"no", "5", "a", "bc"}},
	{"numbers", "20,000 troops in 2008; 1.4(b)", []string{"20", "000", "troops", "in", "2008", "1", "4", "b"}},
	{"ids", "07STATE126086", []string{"07state126086"}},
	{"diacritics", "Café São Paulo Ünal", []string{"cafe", "sao", "paulo", "unal"}},
	{"decomposed", "Cafe\u0301", []string{"cafe"}},
	{"greek final sigma", "ΟΔΟΣ Σ", []string{"οδοσ", "σ"}},
	{"cyrillic", "Москва", []string{"москва"}},
	{"dotted capital I", "İSTANBUL", []string{"istanbul"}},
	{"hangul", "서울", []string{"\u1109\u1165\u110b\u116e\u11af"}},
	{"html", "<img src=x onerror=alert(1)>", []string{"img", "src", "x", "onerror", "alert", "1"}},
	{"marks alone", "\u0301\u0301", nil},
	{"modifier apostrophe", "KOSOVOʼS", []string{"kosovo"}},
	{"empty", "", nil},
}

func TestTokenizer(t *testing.T) {
	var tok Tokenizer
	for _, tc := range tokenCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tok.Terms(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Terms(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTokenizerPositions(t *testing.T) {
	var tok Tokenizer
	var got []int
	tok.Tokens("KOSOVO,S MAIN U.S. ally", func(_ []byte, pos int) { got = append(got, pos) })
	if want := []int{0, 1, 2, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("positions = %v, want %v (a dropped possessive takes no position)", got, want)
	}
}

func TestTokenizerLongTerm(t *testing.T) {
	var tok Tokenizer
	got := tok.Terms(strings.Repeat("X", 200) + " next")
	if len(got) != 2 || utf8.RuneCountInString(got[0]) != maxTermRunes || got[1] != "next" {
		t.Errorf("got %q", got)
	}
}

func TestStopWords(t *testing.T) {
	for _, w := range stopList {
		if !isStopWord([]byte(w)) || len(w) > maxStopLen {
			t.Errorf("%q: isStopWord false or longer than maxStopLen", w)
		}
		if indexable([]byte(w)) {
			t.Errorf("%q is indexable", w)
		}
	}
	for _, w := range []string{"kosovo", "a", "x", "the1", "thee"} {
		if isStopWord([]byte(w)) {
			t.Errorf("%q is a stop word", w)
		}
	}
	if indexable([]byte("a")) || indexable([]byte("é")) || !indexable([]byte("7")) || !indexable([]byte("us")) {
		t.Error("single letters are not indexed, single digits are")
	}
}

func TestFacetKey(t *testing.T) {
	for in, want := range map[string]string{
		"Embassy Madrid":                      "embassy madrid",
		"SECRET//NOFORN":                      "secret noforn",
		"UNCLASSIFIED//FOR OFFICIAL USE ONLY": "unclassified for official use only",
		"  PGOV ":                             "pgov",
	} {
		if got := FacetKey(in); got != want {
			t.Errorf("FacetKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, tc := range tokenCases {
		f.Add(tc.in)
	}
	f.Add("“KOSOVO’S” — U.S.’ ¶ \u0301x")
	f.Fuzz(func(t *testing.T, s string) {
		var tok Tokenizer
		terms := tok.Terms(s)
		for _, term := range terms {
			if term == "" || !utf8.ValidString(term) || utf8.RuneCountInString(term) > maxTermRunes {
				t.Fatalf("bad term %q from %q", term, s)
			}
		}
		// The three paths agree: bytes, bytes folded, runes folded.
		var viaRunes []string
		scan(&Tokenizer{}, (&Tokenizer{}).fold(s), func(term []byte, _ int) { viaRunes = append(viaRunes, string(term)) })
		if !slices.Equal(terms, viaRunes) {
			t.Fatalf("Terms(%q) = %q, by runes %q", s, terms, viaRunes)
		}
		// Terms are stable: tokenizing them again gives them back, bar the
		// possessive s, which joined terms cannot tell.
		again := tok.Terms(strings.Join(terms, " "))
		if len(again) != len(terms) {
			t.Fatalf("Terms(%q) = %q, again %q", s, terms, again)
		}
	})
}
