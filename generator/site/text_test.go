package site_test

import (
	"bytes"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
)

// unshown are the characters no page, list, feed, sitemap or search file
// may hold, raw or escaped: C0 controls but tab, line feed and carriage
// return, DEL, C1 controls, U+FFFE and U+FFFF.
var (
	unshown        = regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\ufffe\uffff]")
	unshownEscaped = regexp.MustCompile(`(?i)\\u00[01][0-9a-f]|\\u007f|\\u00[89][0-9a-f]|\\ufff[ef]|&#x?0*(?:[0-8]|1[1-9]|2[0-9]|3[01]|x[0-8bcef]|x1[0-9a-f]|x7f|127);`)
)

// setStrings sets every string of v (a pointer), in structs and slices,
// to s: a field added to cable.Cable is covered without this test
// knowing it.
func setStrings(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.Pointer:
		setStrings(v.Elem(), s)
	case reflect.String:
		v.SetString(v.String() + s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				setStrings(v.Field(i), s)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			setStrings(v.Index(i), s)
		}
	}
}

// Control characters and bytes that are not UTF-8, in every field of a
// hand-edited front matter, its body and its original, are shown as
// U+FFFD (bytes that are not UTF-8 read as Windows-1252, as import reads
// them) on every page, list, feed, the sitemap and the search index:
// none reaches a file of the site, raw or escaped. Before, U+0001,
// U+000B, U+001B and invalid UTF-8 reached the pages as they were.
func TestControlCharacters(t *testing.T) {
	const h = "A\x01B\x0bC\x1bD\x7fE\u0085F\ufffeG"
	c := &cable.Cable{
		ID: "07CTL1", Date: time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
		Origin: "Embassy Paris", From: "X", To: []cable.Addressee{{Name: "T", Precedence: "P", Route: "R"}},
		Info: []cable.Addressee{{Name: "I"}}, Classification: "SECRET", Handling: []string{"NODIS"},
		Tags: []string{"PGOV"}, Subject: "SUBJECT", References: []cable.Reference{{ID: "07REF", Text: "A. REF"}},
		ClassifiedBy: "C", Classifier: "C", Reasons: "1.4", Declassify: "2017", DeclassifyText: "D",
		Signers: []string{"RICE"}, Summary: "SUMMARY", Paragraphs: []cable.Paragraph{{N: 1, Marking: "C"}}, Warnings: []string{"W"},
	}
	setStrings(reflect.ValueOf(c), h)
	c.Date = time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC)
	rec := cable.Record{Pos: cable.Pos{File: "t.txt", Line: 1}, Format: cable.FormatText, Text: []byte("ORIG " + h + " \xff\x92 \x00 NUL\n")}
	md, err := annotate.Append(nil, c, rec)
	if err != nil {
		t.Fatal(err)
	}
	// The body as a person may leave it: raw control bytes, and bytes
	// that are not UTF-8 (the front matter cannot carry those).
	i := bytes.Index(md, []byte("\n---\n")) + 5
	j := bytes.Index(md, []byte("<!-- cablesite:original -->"))
	md = append(md[:i:i], append([]byte("\n¶1. (C) BODY \x01 \x0b \x1b \xff \x92 \x7f \xc2\x85.\n\n"), md[j:]...)...)
	citing := &cable.Cable{ID: "07OK2", Date: time.Date(2007, 9, 8, 0, 0, 0, 0, time.UTC), Subject: "CITING",
		References: []cable.Reference{{ID: c.ID, Text: "A. THE OTHER"}, {ID: "07GONE" + h, Text: "B. GONE"}}}
	content := fstest.MapFS{"cables/2007/09/ctl.md": {Data: md, Mode: 0o644}}
	writeCable(t, content, citing, "TEXT")

	var warnings []string
	out, sum := buildSite(t, content, func(cfg *site.Config) {
		cfg.Search = search.NewBuilder(search.Config{Workers: 1})
		cfg.BaseURL = "https://example.org/"
		cfg.Warn = func(msg string) { warnings = append(warnings, msg) }
	})
	if sum.Cables != 2 || len(warnings) > 0 {
		t.Fatalf("%+v %q", sum, warnings)
	}
	for _, name := range slices.Sorted(maps.Keys(out.files)) {
		data := out.files[name]
		if !utf8.Valid(data) {
			t.Errorf("%s is not UTF-8", name)
		}
		if loc := unshown.FindIndex(data); loc != nil {
			t.Errorf("%s holds %q: %q", name, data[loc[0]:loc[1]], data[max(0, loc[0]-40):min(len(data), loc[1]+40)])
		}
		if loc := unshownEscaped.FindIndex(data); loc != nil {
			t.Errorf("%s holds %s: %q", name, data[loc[0]:loc[1]], data[max(0, loc[0]-40):min(len(data), loc[1]+40)])
		}
	}
	// In their place, U+FFFD; bytes that are not UTF-8 as Windows-1252.
	page := out.file(t, strings.TrimPrefix(annotate.URL(c), "/"))
	for _, want := range []string{"SUBJECTA\uFFFDB\uFFFDC\uFFFDD\uFFFDE\uFFFDF\uFFFDG", "BODY \uFFFD \uFFFD \uFFFD ÿ ’ \uFFFD \uFFFD.", "ORIG A\uFFFDB", "ÿ’ \uFFFD NUL"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q: %s", want, page[strings.Index(page, "<pre"):][:200])
		}
	}
	if !strings.Contains(out.file(t, "feed.xml"), "SUBJECTA\uFFFDB\uFFFDC") {
		t.Errorf("feed.xml does not show the subject with U+FFFD")
	}
}
