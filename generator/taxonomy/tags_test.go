package taxonomy

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

func TestLookup(t *testing.T) {
	d := LoadTags()
	tests := []struct {
		name, code string
		want       Tag
		ok         bool
	}{
		{"subject", "PGOV", Tag{Code: "PGOV", Meaning: "Government; Internal Governmental Affairs", Kind: TagSubject, Source: "plusd"}, true},
		{"subject from the handbook", "AMGT", Tag{Code: "AMGT", Meaning: "Management Operations", Kind: TagSubject, Source: "fam"}, true},
		{"country", "KV", Tag{Code: "KV", Meaning: "Kosovo", Kind: TagGeographic, Source: "knowledge"}, true},
		{"State's own code for Serbia", "SR", Tag{Code: "SR", Meaning: "Serbia", Kind: TagGeographic, Source: "knowledge"}, true},
		{"former country", "YI", Tag{Code: "YI", Meaning: "Yugoslavia (former); Serbia and Montenegro", Kind: TagGeographic, Source: "knowledge"}, true},
		{"organisation", "UNSC", Tag{Code: "UNSC", Meaning: "UN Security Council", Kind: TagOrganization, Source: "knowledge"}, true},
		{"organisation with a hyphen", "ZANU-PF", Tag{Code: "ZANU-PF", Meaning: "Zimbabwe African National Union - Patriotic Front", Kind: TagOrganization, Source: "knowledge"}, true},
		{"lower case", "pgov", Tag{Code: "PGOV", Meaning: "Government; Internal Governmental Affairs", Kind: TagSubject, Source: "plusd"}, true},
		{"mixed case and spaces", " Kv\t", Tag{Code: "KV", Meaning: "Kosovo", Kind: TagGeographic, Source: "knowledge"}, true},
		{"unknown", "ZZZZ", Tag{}, false},
		{"person", "RICE, CONDOLEEZZA", Tag{}, false},
		{"empty", "", Tag{}, false},
		{"not ASCII", "ＰＧＯＶ", Tag{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := d.Lookup(tt.code)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tt.code, got, ok, tt.want, tt.ok)
			}
			if m := d.Meaning(tt.code); m != tt.want.Meaning {
				t.Errorf("Meaning(%q) = %q, want %q", tt.code, m, tt.want.Meaning)
			}
		})
	}
}

// The seed cable in ../shared/seeds is tagged PGOV, PREL, SR, YI, KV: the
// site built from the default content must explain every one of them.
func TestSeedCableTags(t *testing.T) {
	d := LoadTags()
	for _, code := range []string{"PGOV", "PREL", "SR", "YI", "KV"} {
		t.Run(code, func(t *testing.T) {
			if tag, ok := d.Lookup(code); !ok || tag.Meaning == "" {
				t.Errorf("%s has no meaning", code)
			}
		})
	}
}

func TestKind(t *testing.T) {
	d := LoadTags()
	tests := []struct {
		code string
		want TagKind
	}{
		{"PREL", TagSubject},
		{"kdem", TagSubject},
		{"SR", TagGeographic},
		{"NATO", TagOrganization},
		{"EUN", TagOrganization},
		// Not in the dictionary: guessed from the shape.
		{"QQ", TagGeographic},
		{"qq", TagGeographic},
		{"KZZZ", TagSubject},
		{"ZZZZ", TagOther}, // no subject family begins with Z
		{"RICE, CONDOLEEZZA", TagOther},
		{"HUMAN RIGHTS", TagOther},
		{"AVIAN", TagOther},
		{"K1", TagOther},
		{"", TagOther},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := d.Kind(tt.code); got != tt.want {
				t.Errorf("Kind(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestTagDescription(t *testing.T) {
	d := LoadTags()
	tests := []struct{ code, category, description string }{
		{"PGOV", "Political Affairs", "Political Affairs: Government; Internal Governmental Affairs"},
		{"ECON", "Economic Affairs", "Economic Affairs: Economic Conditions, Trends and Potential"},
		{"MARR", "Military and Defense Affairs", "Military and Defense Affairs: Military and Defense Arrangements"},
		{"KDEM", "", "Democratization"}, // program tags have no family
		{"AE", "", "United Arab Emirates"},
		{"EUN", "", "European Union"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			tag, ok := d.Lookup(tt.code)
			if !ok {
				t.Fatalf("%s not in the dictionary", tt.code)
			}
			if got := tag.Category(); got != tt.category {
				t.Errorf("Category() = %q, want %q", got, tt.category)
			}
			if got := tag.Description(); got != tt.description {
				t.Errorf("Description() = %q, want %q", got, tt.description)
			}
		})
	}
}

func TestTagKindText(t *testing.T) {
	for _, k := range []TagKind{TagOther, TagSubject, TagGeographic, TagOrganization} {
		t.Run(k.String(), func(t *testing.T) {
			b, err := k.MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			var back TagKind
			if err := back.UnmarshalText(b); err != nil || back != k {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, k)
			}
		})
	}
	if _, err := TagKind(200).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid kind: no error")
	}
	var k TagKind
	if err := k.UnmarshalText([]byte("country")); err == nil {
		t.Error(`UnmarshalText("country"): no error`)
	}
}

// The shipped file must parse, and its entries must look like what their
// kind says, which catches a code typed into the wrong section.
func TestEmbeddedDictionary(t *testing.T) {
	d, err := ParseTagDict(bytes.NewReader(tagsTSV))
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() < 500 {
		t.Errorf("%d codes, want at least 500", d.Len())
	}
	counts := map[TagKind]int{}
	for tag := range d.All() {
		counts[tag.Kind]++
		switch tag.Kind {
		case TagGeographic:
			if guessKind(tag.Code) != TagGeographic {
				t.Errorf("%s: geographic, but not two letters", tag.Code)
			}
		case TagSubject:
			if guessKind(tag.Code) != TagSubject {
				t.Errorf("%s: subject, but not four letters of a subject family", tag.Code)
			}
		}
		if strings.HasPrefix(tag.Meaning, tag.Category()+"--") && tag.Category() != "" {
			t.Errorf("%s: meaning %q repeats the family", tag.Code, tag.Meaning)
		}
	}
	t.Logf("%d codes: %d subject, %d geographic, %d organization, %d other",
		d.Len(), counts[TagSubject], counts[TagGeographic], counts[TagOrganization], counts[TagOther])
	for _, k := range []TagKind{TagSubject, TagGeographic, TagOrganization} {
		if counts[k] < 100 {
			t.Errorf("only %d %v codes", counts[k], k)
		}
	}
}

func TestParseTagDict(t *testing.T) {
	d, err := ParseTagDict(strings.NewReader("\uFEFF# comment\r\ncode\tmeaning\tkind\tsource\r\n\r\nPREL\tExternal Political Relations\tsubject\tplusd\r\nAER LINGUS\tAer Lingus\torganization\tknowledge\nAEROLINEAS ARGENTINAS SOCIEDAD ANONIMA\tAerolineas Argentinas\torganization\tknowledge\n"))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for tag := range d.All() {
		codes = append(codes, tag.Code)
	}
	if want := []string{"AER LINGUS", "AEROLINEAS ARGENTINAS SOCIEDAD ANONIMA", "PREL"}; !slices.Equal(codes, want) {
		t.Errorf("codes %q, want %q", codes, want)
	}
	for code, want := range map[string]string{
		"aer lingus":                             "Aer Lingus",
		"Aerolineas Argentinas Sociedad Anonima": "Aerolineas Argentinas", // longer than the stack buffer
	} {
		if tag, _ := d.Lookup(code); tag.Meaning != want {
			t.Errorf("Lookup(%q) = %+v, want meaning %q", code, tag, want)
		}
	}
}

func TestParseTagDictErrors(t *testing.T) {
	const good = "PGOV\tInternal Governmental Affairs\tsubject\tfam\n"
	tests := []struct {
		name, in string
		want     []string // each a line of the error
	}{
		{"too few fields", "# c\nPGOV\tInternal Governmental Affairs\tsubject\n", []string{"tags.tsv:2: 3 fields, want 4 (code, meaning, kind, source) separated by tabs"}},
		{"too many fields", "PGOV\tx\tsubject\tfam\textra\n", []string{"tags.tsv:1: 5 fields, want 4 (code, meaning, kind, source) separated by tabs"}},
		{"lower-case code", "pgov\tx\tsubject\tfam\n", []string{`tags.tsv:1: code "pgov": not upper case`}},
		{"empty code", "\tx\tsubject\tfam\n", []string{`tags.tsv:1: code "": empty`}},
		{"spaced code", " PGOV\tx\tsubject\tfam\n", []string{`tags.tsv:1: code " PGOV": leading or trailing space`}},
		{"non-ASCII code", "PGÖV\tx\tsubject\tfam\n", []string{`tags.tsv:1: code "PGÖV": not printable ASCII`}},
		{"empty meaning", "PGOV\t\tsubject\tfam\n", []string{"tags.tsv:1: meaning of PGOV: empty"}},
		{"bad UTF-8 meaning", "PGOV\tx\xff\tsubject\tfam\n", []string{"tags.tsv:1: meaning of PGOV: not valid UTF-8"}},
		{"control character", "PGOV\tx\x01y\tsubject\tfam\n", []string{"tags.tsv:1: meaning of PGOV: control character"}},
		{"bad kind", "PGOV\tx\tcountry\tfam\n", []string{`tags.tsv:1: kind of PGOV: "country" is not subject, geographic, organization or other`}},
		{"bad source", "PGOV\tx\tsubject\twikipedia\n", []string{`tags.tsv:1: source of PGOV: "wikipedia" is not fam, plusd or knowledge`}},
		{"duplicate", good + "# c\n" + good, []string{"tags.tsv:3: duplicate code PGOV (first on line 1)"}},
		{"every error reported", "a\tx\tsubject\tfam\n" + good + "B\tx\tnone\tfam\n", []string{
			`tags.tsv:1: code "a": not upper case`,
			`tags.tsv:3: kind of B: "none" is not subject, geographic, organization or other`,
		}},
		{"long line", good + "X\t" + strings.Repeat("x", maxTagLine) + "\tsubject\tfam\n", []string{
			fmt.Sprintf("tags.tsv:2: line longer than %d bytes", maxTagLine),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseTagDict(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error; dictionary of %d codes", d.Len())
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("error\n%s\nwant\n%s", err, strings.Join(tt.want, "\n"))
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "tags.tsv" || pe.Line < 1 {
				t.Errorf("error %v is not a *ParseError with a line", err)
			}
		})
	}
}

func TestParseTagDictStopsOnJunk(t *testing.T) {
	junk := strings.Repeat("junk\n", 1000)
	_, err := ParseTagDict(strings.NewReader(junk))
	if err == nil {
		t.Fatal("no error")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxTagErrors {
		t.Errorf("%d errors reported, want %d", n, maxTagErrors)
	}
}

func TestNilTagDict(t *testing.T) {
	var d *TagDict
	if _, ok := d.Lookup("PGOV"); ok {
		t.Error("nil dictionary knows PGOV")
	}
	if d.Len() != 0 || d.Meaning("PGOV") != "" || d.Kind("PGOV") != TagSubject {
		t.Error("nil dictionary: want empty, with guessed kinds")
	}
	for range d.All() {
		t.Error("nil dictionary yields an entry")
	}
}

// TestCorpusCoverage measures how much of the real corpus the dictionary
// explains: the share of TAG occurrences on the TAGS lines of the
// Cablegate pages that have a meaning.
func TestCorpusCoverage(t *testing.T) {
	files := corpus.Files(t, "real/cablegate-html", ".html")
	d := LoadTags()
	unknown := map[string]int{}
	var total, known, pages int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		codes := pageTags(b)
		if len(codes) > 0 {
			pages++
		}
		for _, c := range codes {
			total++
			if _, ok := d.Lookup(c); ok {
				known++
			} else {
				unknown[c]++
			}
		}
	}
	if total == 0 {
		t.Fatalf("no TAGS found in %d pages", len(files))
	}
	share := float64(known) / float64(total)
	t.Logf("%d pages, %d with TAGS: %d of %d TAG occurrences have a meaning (%.1f%%)",
		len(files), pages, known, total, 100*share)
	type count struct {
		code string
		n    int
	}
	var missing []count
	for c, n := range unknown {
		missing = append(missing, count{c, n})
	}
	slices.SortFunc(missing, func(a, b count) int {
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.code, b.code))
	})
	t.Logf("without a meaning: %v", missing)
	if share < 0.80 {
		t.Errorf("only %.1f%% of TAG occurrences have a meaning, want at least 80%%", 100*share)
	}
}

var (
	preRE     = regexp.MustCompile(`(?s)<pre>(.*?)</pre>`)
	tagLinkRE = regexp.MustCompile(`<a href='/tag/[^']*'>([^<]*)</a>`)
	markupRE  = regexp.MustCompile(`<[^>]*>`)
	tagsRE    = regexp.MustCompile(`(?i)^\s*TAGS\b:?(.*)$`)
)

// pageTags returns the codes of the TAGS line of a Cablegate page. Later
// snapshots link each code to its tag page ("/tag/PGOV_0.html"); earlier
// ones write the line as plain text. The sidebar's index of all tags is
// outside the <pre> blocks and so not counted.
func pageTags(page []byte) []string {
	for _, m := range preRE.FindAllSubmatch(page, -1) {
		block := strings.ReplaceAll(string(m[1]), "&#x000A;", "\n")
		for line := range strings.SplitSeq(block, "\n") {
			tm := tagsRE.FindStringSubmatch(line)
			if tm == nil {
				continue
			}
			var codes []string
			if links := tagLinkRE.FindAllStringSubmatch(tm[1], -1); links != nil {
				for _, l := range links {
					codes = append(codes, html.UnescapeString(l[1]))
				}
				return codes
			}
			text := html.UnescapeString(markupRE.ReplaceAllString(tm[1], ""))
			sep := strings.Fields
			if strings.Contains(text, ",") {
				sep = func(s string) []string { return strings.Split(s, ",") }
			}
			for _, c := range sep(text) {
				if c = strings.TrimSpace(c); c != "" {
					codes = append(codes, c)
				}
			}
			return codes
		}
	}
	return nil
}

func TestPageTags(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{"links", "<pre>x&#x000A;TAGS: <a href='/tag/PEPR_0.html'>PEPR</a> <a href='/tag/IR_0.html'>IR</a>&#x000A;SUBJECT: X</pre>", []string{"PEPR", "IR"}},
		{"plain with commas", "<pre>a</pre><pre>SIPDIS &#x000A;TAGS ICTY, PREL, SR &#x000A;SUBJECT: X</pre>", []string{"ICTY", "PREL", "SR"}},
		{"plain with spaces", "<pre>TAGS: PGOV PREL&#x000A;</pre>", []string{"PGOV", "PREL"}},
		{"person", "<pre>TAGS: OVIP (RICE, CONDOLEEZZA)&#x000A;</pre>", []string{"OVIP (RICE", "CONDOLEEZZA)"}},
		{"sidebar only", "<a href='/tag/PGOV_0.html'>PGOV</a><pre>no tags</pre>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageTags([]byte(tt.page)); !slices.Equal(got, tt.want) {
				t.Errorf("pageTags = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzParseTagDict(f *testing.F) {
	f.Add(tagsTSV)
	f.Add([]byte("PGOV\tInternal Governmental Affairs\tsubject\tfam\n"))
	f.Add([]byte("code\tmeaning\tkind\tsource\n# c\r\nAER LINGUS\tAer Lingus\torganization\tknowledge"))
	f.Add([]byte("PGOV\tx\tsubject\tfam\nPGOV\ty\tsubject\tfam\n"))
	f.Add([]byte("pgov\t\tcountry\twiki\n\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseTagDict(bytes.NewReader(data))
		if err != nil {
			if d != nil {
				t.Fatal("error with a dictionary")
			}
			if !strings.HasPrefix(err.Error(), "tags.tsv:") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		n := 0
		prev := ""
		for tag := range d.All() {
			n++
			if n > 1 && tag.Code <= prev {
				t.Fatalf("codes out of order: %q after %q", tag.Code, prev)
			}
			prev = tag.Code
			for _, c := range []string{tag.Code, strings.ToLower(tag.Code), " " + tag.Code + " "} {
				if got, ok := d.Lookup(c); !ok || got != tag {
					t.Fatalf("Lookup(%q) = %+v, %v; want %+v", c, got, ok, tag)
				}
			}
			if d.Kind(tag.Code) != tag.Kind || tag.Meaning == "" {
				t.Fatalf("entry %+v: Kind %v", tag, d.Kind(tag.Code))
			}
		}
		if n != d.Len() {
			t.Fatalf("All yields %d entries, Len is %d", n, d.Len())
		}
	})
}

func BenchmarkParseTagDict(b *testing.B) {
	b.SetBytes(int64(len(tagsTSV)))
	for b.Loop() {
		if _, err := ParseTagDict(bytes.NewReader(tagsTSV)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	d := LoadTags()
	codes := []string{"PGOV", "prel", "KV", "UNSC", "ZZZZ"}
	for b.Loop() {
		for _, c := range codes {
			d.Lookup(c)
		}
	}
}

func ExampleTagDict_Lookup() {
	tags := LoadTags()
	for _, code := range []string{"PGOV", "kv", "UNSC", "RICE"} {
		if tag, ok := tags.Lookup(code); ok {
			fmt.Printf("%s: %s (%v)\n", tag.Code, tag.Description(), tag.Kind)
		} else {
			fmt.Printf("%s: no meaning (%v)\n", code, tags.Kind(code))
		}
	}
	// Output:
	// PGOV: Political Affairs: Government; Internal Governmental Affairs (subject)
	// KV: Kosovo (geographic)
	// UNSC: UN Security Council (organization)
	// RICE: no meaning (other)
}
