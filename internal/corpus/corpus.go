// Package corpus finds the shared real-cable corpus for tests.
//
// The corpus lives outside the repository, in ../shared/corpus next to the
// project root. Tests that need it call Dir: on a fresh clone elsewhere the
// test is skipped with a message saying so, but under CI=true a missing
// corpus fails the test, so that CI cannot pass by skipping.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the path of ../shared/corpus relative to the project root,
// and whether it exists.
func Root() (string, bool) {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus")
	if env := os.Getenv("CABLESITE_CORPUS"); env != "" {
		dir = env
	}
	fi, err := os.Stat(dir)
	return dir, err == nil && fi.IsDir()
}

// Dir returns the corpus folder sub (such as "real/cablegate-html") or
// skips the test, failing it instead under CI=true.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	root, ok := Root()
	p := filepath.Join(root, sub)
	if ok {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared corpus %s is missing; CI must have ../shared/corpus", p)
	}
	t.Skipf("shared corpus %s is absent (a clone outside the workspace): skipping", p)
	return ""
}

// Files returns every file under the corpus folder sub whose name ends in
// ext, in lexical order, or skips as Dir does.
func Files(t testing.TB, sub, ext string) []string {
	t.Helper()
	dir := Dir(t, sub)
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ext {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
