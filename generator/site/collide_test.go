package site_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/generator/site"
)

// collideFile is a cable's file with the given id, date, TAGS and origin.
func collideFile(id, date, tags, origin string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`---
date: ` + date + `
id: "` + strings.ReplaceAll(id, `"`, `\"`) + `"
origin: "` + origin + `"
classification: "SECRET"
tags: [` + tags + `]
subject: "CABLE ` + strings.ReplaceAll(id, `"`, `\"`) + `"
---

¶1. (S) THE TEXT OF ` + strings.ReplaceAll(id, `"`, `\"`) + `.
`), Mode: 0o644}
}

// Every path the build derives from a person's text is unique: a cable
// whose page another cable has already (two ids with one safe name, or
// names differing only in case, which file systems that ignore case take
// for one) is reported at its id's line and skipped, and the rest
// builds; TAGS, origins and classifications whose slugs collide, even
// with a slug and its hash, get folders of their own. Before, the build
// failed as a whole: "cable/2008/05/a_b-3a8e75c1.html written twice".
func TestUniquePaths(t *testing.T) {
	content := fstest.MapFS{
		// a/b is a_b-3a8e75c1 as a file name; the two files sort in
		// this order.
		"cables/2008/05/a.md":            collideFile("a/b", "2008-05-01T10:00:00Z", `"PGOV"`, "Embassy Paris"),
		"cables/2008/05/b.md":            collideFile("a_b-3a8e75c1", "2008-05-02T10:00:00Z", `"PGOV"`, "Embassy Paris"),
		"cables/2008/05/c.md":            collideFile("08PARIS1", "2008-05-03T10:00:00Z", `"PGOV"`, "Embassy Paris"),
		"cables/2008/05/d.md":            collideFile("08paris1", "2008-05-04T10:00:00Z", `"PGOV"`, "Embassy Paris"),
		"cables/2009/01/a_b-3a8e75c1.md": collideFile("a_b-3a8e75c1-x", "2009-01-01T10:00:00Z", `"A B", "A-B-54538ECC", "A.B"`, "Embassy.Paris"),
		"cables/2009/01/other-month.md":  collideFile("a?b", "2009-01-02T10:00:00Z", `"PGOV"`, "Embassy Paris"),
		"cables/2009/02/also-a-b.md":     collideFile("a|b", "2009-02-02T10:00:00Z", `"PGOV"`, "embassy paris"),
		// The id of b.md, which is left out: this one has it.
		"cables/2009/03/other-month-2.md": collideFile("a_b-3a8e75c1", "2009-03-01T10:00:00Z", `"PGOV"`, "EMBASSY-PARIS"),
	}
	var warnings []string
	out, sum := buildSite(t, content, func(cfg *site.Config) {
		cfg.Search = search.NewBuilder(search.Config{Workers: 1})
		cfg.Warn = func(msg string) { warnings = append(warnings, msg) }
	})
	want := []*regexp.Regexp{
		regexp.MustCompile(`^content/cables/2008/05/b\.md:3: id "a_b-3a8e75c1" has the page cable/2008/05/a_b-3a8e75c1\.html of id "a/b" \(content/cables/2008/05/a\.md\): skipped$`),
		regexp.MustCompile(`^content/cables/2008/05/d\.md:3: id "08paris1" has the page cable/2008/05/08PARIS1\.html of id "08PARIS1" \(content/cables/2008/05/c\.md\), but for case, which some file systems ignore: skipped$`),
	}
	if len(warnings) != len(want) || sum.Skipped != len(want) {
		t.Fatalf("%+v; warnings:\n%s", sum, strings.Join(warnings, "\n"))
	}
	for i, w := range warnings {
		if !want[i].MatchString(w) {
			t.Errorf("warning %q, want %s", w, want[i])
		}
	}
	for _, page := range []string{"cable/2008/05/a_b-3a8e75c1.html", "cable/2008/05/08PARIS1.html", "cable/2009/01/a_b-3a8e75c1-x.html", "cable/2009/03/a_b-3a8e75c1.html"} {
		out.file(t, page)
	}
	if !strings.Contains(out.file(t, "cable/2008/05/a_b-3a8e75c1.html"), "CABLE a/b") {
		t.Errorf("the page of a/b shows another cable")
	}

	// TAGS: "A B" is a-b, "A-B-54538ECC" a-b-54538ecc, and "A.B", whose
	// slug a-b is taken, would have a-b and its hash, 54538ecc, the
	// second's.
	var folders []string
	for _, name := range slices.Sorted(maps.Keys(out.files)) {
		if strings.HasSuffix(name, "/index.html") && strings.Count(name, "/") == 2 && !strings.HasPrefix(name, "date/") && !strings.HasPrefix(name, "cable/") {
			folders = append(folders, strings.TrimSuffix(name, "/index.html"))
		}
	}
	for _, f := range []string{"tag/a-b", "tag/a-b-54538ecc", "tag/pgov", "origin/embassy-paris"} {
		if !slices.Contains(folders, f) {
			t.Errorf("no %s/; folders %q", f, folders)
		}
	}
	if n := countPrefix(folders, "tag/"); n != 4 {
		t.Errorf("%d TAG folders for 4 TAGS: %q", n, folders)
	}
	if n := countPrefix(folders, "origin/"); n != 4 {
		t.Errorf("%d origin folders for 4 origins: %q", n, folders)
	}
	for _, name := range []string{"A B", "A-B-54538ECC", "A.B"} {
		if !strings.Contains(out.file(t, "tag/index.html"), ">"+name+"<") {
			t.Errorf("tag/index.html does not list %s", name)
		}
	}

	// Feeds name each cable by an id of its own, even where two ids have
	// one safe name (a/b and a?b, a|b, of other months).
	feed := out.file(t, "feed.xml")
	ids := regexp.MustCompile(`<entry><title>[^<]*</title><id>([^<]*)</id>`).FindAllStringSubmatch(feed, -1)
	seen := map[string]bool{}
	for _, m := range ids {
		if seen[m[1]] {
			t.Errorf("feed.xml: two entries with the id %s", m[1])
		}
		seen[m[1]] = true
	}
	if len(ids) != sum.Cables {
		t.Errorf("feed.xml: %d entries for %d cables", len(ids), sum.Cables)
	}
}

func countPrefix(names []string, prefix string) int {
	n := 0
	for _, s := range names {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}
