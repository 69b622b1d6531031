package annotate

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// bomb is a "billion laughs": levels of nine aliases each to the level
// below, the last into key.
func bomb(levels int, key string) string {
	var b strings.Builder
	b.WriteString("---\nid: \"BOMB\"\nx0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d,", i-1), 9), ","))
	}
	fmt.Fprintf(&b, "%s: *a%d\n---\nbody\n", key, levels-1)
	return b.String()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Front matter whose aliases would expand it far beyond its size, or
// nested too deep, is refused at the line that crosses the limit, having
// cost no more than reading it: goccy/go-yaml expanded the 600-byte bomb
// of nine levels in 188 s and 1.79 GB. The work is measured as memory
// allocated, not time.
func TestReadAliasBomb(t *testing.T) {
	mapBomb := "---\nid: \"M\"\nm0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n"
	for i := 1; i < 9; i++ {
		mapBomb += fmt.Sprintf("m%d: &m%d {a: *m%d, b: *m%d, c: *m%d, d: *m%d, e: *m%d, f: *m%d, g: *m%d, h: *m%d}\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	mapBomb += "params:\n  <<: *m8\n---\n"
	long := strings.Repeat("A", 2000)
	wide := "---\nid: \"W\"\nsubject: &s \"" + long + "\"\ntags: [" + strings.TrimSuffix(strings.Repeat("*s, ", 60), ", ") + "]\n---\n"
	for _, tc := range []struct {
		name, file, want string
	}{
		// Six levels first: without the limit it allocates 18 MB, where
		// the nine of the issue would run for minutes.
		{"six levels", bomb(6, "tags"), `^b\.md:7: front matter: aliases expanded more than 1000 times \(a YAML alias bomb\?\): refused$`},
		{"nine levels into tags", bomb(9, "tags"), `^b\.md:7: front matter: aliases expanded more than 1000 times`},
		{"nine levels into an unknown key", bomb(9, "params"), `^b\.md:7: front matter: aliases expanded`},
		{"maps and a merge key", mapBomb, `^b\.md:7: front matter: aliases expanded more than 1000 times`},
		// 5,000 brackets: without the limit, half a second and 40 MB; 100,000
		// took three minutes.
		{"lists nested deep", "---\nid: \"D\"\ntags: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n---\n",
			`^b\.md:3: front matter: lists or maps nested more than 64 deep: refused$`},
		{"a long string many times", wide, `^b\.md:4: front matter: aliases make its 2\d\d\d bytes decode to more than \d+ \(a YAML alias bomb\?\): refused$`},
	} {
		ok := t.Run(tc.name, func(t *testing.T) {
			if n := len(tc.file); n > 20<<10 {
				t.Fatalf("the bomb is %d bytes", n)
			}
			var err error
			if n := allocated(func() { _, err = Read("b.md", []byte(tc.file)) }); n > 4<<20 {
				t.Errorf("reading %d bytes allocated %d MB", len(tc.file), n>>20)
			}
			if err == nil || !regexp.MustCompile(tc.want).MatchString(err.Error()) {
				t.Errorf("Read: %v, want %s", err, tc.want)
			}
		})
		if !ok && tc.name == "six levels" {
			t.Fatal("stopping before the larger bombs, which would run for minutes")
		}
	}
}

// A person may anchor a value and refer to it a few times: that reads.
func TestReadAliases(t *testing.T) {
	var fm strings.Builder
	fm.WriteString("---\nid: \"A\"\nto:\n  - &emb {name: \"AMEMBASSY BELGRADE\", precedence: \"IMMEDIATE\"}\ninfo:\n")
	for range 40 {
		fm.WriteString("  - *emb\n")
	}
	fm.WriteString("tags: [&t PGOV, *t, *t]\n---\n")
	d, err := Read("a.md", []byte(fm.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cable.Info) != 40 || d.Cable.Info[39].Name != "AMEMBASSY BELGRADE" || !reflect.DeepEqual(d.Cable.Tags, []string{"PGOV", "PGOV", "PGOV"}) {
		t.Errorf("info %+v, tags %q", d.Cable.Info, d.Cable.Tags)
	}
}

// The expansion counted is the one the decoder would make: an anchor
// nested in another counts inside each of its copies.
func TestAliasCounter(t *testing.T) {
	for _, tc := range []struct {
		yaml    string
		aliases int64
	}{
		{"a: 1\n", 0},
		{"a: &x 1\nb: *x\nc: *x\n", 2},
		{"a: &x [1, 2]\nb: &y [*x, *x]\nc: [*y, *y, *y]\n", 2 + 3*3},
		{"a: &x {k: v}\nb: {<<: *x, j: w}\n", 1},
		{"s: \"*not an alias\"\n", 0},
	} {
		f, err := parser.ParseBytes([]byte(tc.yaml), 0)
		if err != nil {
			t.Fatal(err)
		}
		c := aliasCounter{anchors: map[string]expansion{}, budget: 1 << 30}
		for _, doc := range f.Docs {
			if _, err := c.size(doc); err != nil {
				t.Fatal(err)
			}
		}
		if c.total.aliases != tc.aliases {
			t.Errorf("%q: %d aliases expanded, want %d", tc.yaml, c.total.aliases, tc.aliases)
		}
	}
}

// FuzzAliases checks the alias count of checkBounds against a count that
// expands every alias (stopping past the limit): front matter is refused
// for its aliases exactly when they expand more than MaxAliasExpansions
// times, or when it would decode past its size limit. Front matter that
// does not parse is left to the decoder, except for its depth, which is
// read from the tokens before parsing (the parse is what is slow).
func FuzzAliases(f *testing.F) {
	f.Add([]byte(bomb(4, "tags")[4:]))
	f.Add([]byte("a: &x [1, 2]\nb: &y [*x, *x]\nc: [*y, *y, *y]\n"))
	f.Add([]byte("a: &x {k: v}\nb: {<<: *x, j: w}\nc: &x [*x, *x]\nd: *x\n"))
	f.Add([]byte("to:\n  - &e {name: X}\ninfo: [*e, *e, *e]\n"))
	f.Fuzz(func(t *testing.T, fm []byte) {
		err := checkBounds(fm)
		file, perr := parser.ParseBytes(fm, 0)
		if perr != nil {
			if err != nil && !strings.Contains(err.Error(), "nested more than") {
				t.Fatalf("refused front matter that does not parse: %v", err)
			}
			return
		}
		n := naiveAliases{anchors: map[string]ast.Node{}, bound: map[*ast.AliasNode]ast.Node{}}
		for _, doc := range file.Docs {
			n.walk(doc, false)
		}
		aliasErr := err != nil && strings.Contains(err.Error(), "aliases expanded")
		if (n.count > MaxAliasExpansions) != aliasErr && !(err != nil && !aliasErr) {
			t.Fatalf("%d aliases expanded; checkBounds: %v\n%s", n.count, err, fm)
		}
	})
}

// naiveAliases counts aliases by expanding each, as a decoder does. An
// alias is bound to the anchor of its name defined last before it.
type naiveAliases struct {
	anchors map[string]ast.Node
	bound   map[*ast.AliasNode]ast.Node
	count   int
}

func (n *naiveAliases) walk(node ast.Node, replay bool) {
	if node == nil || n.count > MaxAliasExpansions {
		return
	}
	switch v := node.(type) {
	case *ast.AliasNode:
		n.count++
		if !replay {
			n.bound[v] = n.anchors[tokenValue(v.Value)]
		}
		n.walk(n.bound[v], true)
	case *ast.AnchorNode:
		n.walk(v.Value, replay)
		if !replay {
			n.anchors[tokenValue(v.Name)] = v.Value
		}
	case *ast.DocumentNode:
		n.walk(v.Body, replay)
	case *ast.MappingNode:
		for _, mv := range v.Values {
			n.walk(mv, replay)
		}
	case *ast.MappingValueNode:
		n.walk(v.Key, replay)
		n.walk(v.Value, replay)
	case *ast.MappingKeyNode:
		n.walk(v.Value, replay)
	case *ast.SequenceNode:
		for _, sv := range v.Values {
			n.walk(sv, replay)
		}
	case *ast.TagNode:
		n.walk(v.Value, replay)
	}
}
