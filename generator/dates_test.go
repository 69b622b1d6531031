package generator

import (
	"os"
	"path/filepath"
	"testing"
)

// Cables from before 1900, as a cables.csv gives them (the Foreign
// Relations of the United States reach back to the 1860s), import and
// build with their search index (the build panicked on them).
func TestOldDatesImportAndBuild(t *testing.T) {
	row := func(n, created, id string) string {
		return csvRecord(n, created, id, "Secretary of State", "UNCLASSIFIED", "", "FM SECSTATE WASHDC",
			"UNCLASSIFIED STATE "+n+"\n\n1. (U) A DISPATCH OF OLD.")
	}
	csv := row("1", "12/31/1899 10:00", "99STATE1") + row("2", "2/29/1864 9:30", "64STATE2") + row("3", "1/1/1900 0:00", "00STATE3")
	r := importAndBuild(t, stringSource("old.csv", csv))
	if r.sum.Wrote != 3 {
		t.Fatalf("imported %+v; problems %q", r.sum, r.problems)
	}
	for _, page := range []string{"cable/1899/12/99STATE1.html", "cable/1864/02/64STATE2.html", "cable/1900/01/00STATE3.html",
		"date/1899/12/index.html", "date/1864/index.html"} {
		if _, err := os.Stat(filepath.Join(r.out, page)); err != nil {
			t.Errorf("%s: %v", page, err)
		}
	}
	// The index is whole: its days and hits (package search and site test
	// what they hold).
	for _, file := range []string{"search/index.js", "search/days.js", "search/d/0/0.js"} {
		if _, err := os.Stat(filepath.Join(r.out, file)); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}
