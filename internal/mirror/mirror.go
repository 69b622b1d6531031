// Package mirror checks, in tests, that code standing in for a library's
// output was last verified against the library the module builds with.
//
// The build writes some bytes itself that a library would otherwise
// write: HTML as goldmark renders it, pages as html/template and
// tdewolff/minify make them, feeds as encoding/xml and the XML minifier
// do, front matter as goccy/go-yaml reads it. Each such copy (a mirror)
// records, in constants beside its code, the releases it was last
// checked against. When go.mod requires another release, or the tests
// run on another Go, Module and Go fail and say which guards to run
// before the constant is updated. MAINTAINING.md, at the root of the
// repository, lists every mirror.
package mirror

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A Mirror is code standing in for a library's output.
type Mirror struct {
	What string // "the plain markdown path"
	// Const names the constant holding the release the mirror was
	// verified against, and File the Go file declaring it.
	Const, File string
	Verified    string   // its value: "v1.8.7", "go1.26"
	Run         []string // the commands that check the mirror again
}

// Module fails t when go.mod requires module at another version than
// m.Verified, or replaces it.
func Module(t testing.TB, module string, m Mirror) {
	t.Helper()
	version, replaced, err := required(module)
	switch {
	case err != nil:
		t.Fatalf("reading go.mod: %v", err)
	case version == "":
		t.Fatalf("go.mod does not require %s, which %s (%s) mirrors", module, m.What, m.File)
	case replaced:
		t.Errorf("go.mod replaces %s: %s (%s) was verified against %s %s only", module, m.What, m.File, module, m.Verified)
	case version != m.Verified:
		fail(t, "go.mod requires "+module+" "+version, version, m)
	}
}

// Go fails t when the tests run on another Go release (major and minor:
// "go1.26") than m.Verified.
func Go(t testing.TB, m Mirror) {
	t.Helper()
	if release := goRelease(runtime.Version()); release != m.Verified {
		fail(t, "The tests run on "+runtime.Version(), release, m)
	}
}

func fail(t testing.TB, now, update string, m Mirror) {
	t.Helper()
	t.Errorf("%s, but %s (%s) was last verified against %s.\n"+
		"Run, and fix any difference they find:\n\t%s\n"+
		"then set %s = %q in %s. MAINTAINING.md lists every such copy.",
		now, m.What, m.File, m.Verified, strings.Join(m.Run, "\n\t"), m.Const, update, m.File)
}

// goRelease returns "go1.26" of "go1.26.8"; any other version as it is.
func goRelease(v string) string {
	if parts := strings.SplitN(v, ".", 3); len(parts) == 3 && strings.HasPrefix(v, "go") {
		return parts[0] + "." + parts[1]
	}
	return v
}

// required returns the version of module that the repository's go.mod
// requires, and whether it replaces the module.
func required(module string) (version string, replaced bool, err error) {
	_, file, _, _ := runtime.Caller(0)
	f, err := os.Open(filepath.Join(filepath.Dir(file), "..", "..", "go.mod"))
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	block := "" // the directive of the block the line is in: "require"
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		directive := block
		switch {
		case fields[0] == ")":
			block = ""
			continue
		case len(fields) == 2 && fields[1] == "(":
			block = fields[0]
			continue
		case fields[0] == "require" || fields[0] == "replace":
			directive, fields = fields[0], fields[1:]
		}
		if len(fields) < 2 || fields[0] != module {
			continue
		}
		switch directive {
		case "require":
			version = fields[1]
		case "replace":
			replaced = true
		}
	}
	return version, replaced, sc.Err()
}
