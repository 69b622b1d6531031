package mirror

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestRequired(t *testing.T) {
	v, replaced, err := required("github.com/yuin/goldmark")
	if err != nil || replaced || len(v) < 2 || v[0] != 'v' {
		t.Errorf("required(goldmark) = %q, %v, %v", v, replaced, err)
	}
	if v, _, _ := required("example.org/nothing"); v != "" {
		t.Errorf("required(a module go.mod lacks) = %q", v)
	}
}

func TestGoRelease(t *testing.T) {
	for in, want := range map[string]string{"go1.26.8": "go1.26", "go1.27rc1": "go1.27rc1", "devel go1.27-abc": "devel go1.27-abc"} {
		if got := goRelease(in); got != want {
			t.Errorf("goRelease(%q) = %q, want %q", in, got, want)
		}
	}
	if goRelease(runtime.Version()) == "" {
		t.Error("no release for this Go")
	}
}

// A mirror verified against another release fails, and says what to run.
func TestFails(t *testing.T) {
	var r recorder
	m := Mirror{What: "a copy", Const: "fooVerified", File: "x/foo.go", Verified: "v0.0.1", Run: []string{"go test ./x -run Foo"}}
	Module(&r, "github.com/yuin/goldmark", m)
	Go(&r, Mirror{Verified: "go1.1", Run: []string{"go test ./x"}})
	if len(r.errors) != 2 {
		t.Fatalf("%d errors: %q", len(r.errors), r.errors)
	}
	for _, want := range []string{"go test ./x -run Foo", `fooVerified = "v`, "x/foo.go"} {
		if !strings.Contains(r.errors[0], want) {
			t.Errorf("the message lacks %q:\n%s", want, r.errors[0])
		}
	}
}

type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
