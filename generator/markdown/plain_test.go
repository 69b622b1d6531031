package markdown

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/corpus"
)

// goldmarkOnly renders every body with goldmark, as Render did before the
// plain path.
var goldmarkOnly = func() *Renderer { r := New(); r.noPlain = true; return r }()

// plainAndGoldmark renders body both ways; ok is false when the plain
// path declines it.
func plainAndGoldmark(t testing.TB, body []byte, res Resolver) (plain, gold string, ok bool) {
	t.Helper()
	var out bytes.Buffer
	ok = renderPlain(&out, body, res)
	var g bytes.Buffer
	if err := goldmarkOnly.Render(&g, body, res); err != nil {
		t.Fatal(err)
	}
	return out.String(), g.String(), ok
}

// TestPlainAsGoldmark holds the plain path to goldmark on bodies of the
// forms annotate writes, which it must take, and on bodies it must leave
// to goldmark.
func TestPlainAsGoldmark(t *testing.T) {
	cable, err := os.ReadFile("testdata/cable.md")
	if err != nil {
		t.Fatal(err)
	}
	taken := []string{
		string(cable),
		"# A heading\n",
		"¶1. (C) THE MINISTER SAID \"NO\" & LEFT > EARLY.\n",
		"¶1. (S//NF) One.\n\n¶1. (U) Again, the same number.\n\n¶01. (SBU) And again.\n",
		"¶2. (A) a list letter, not a marking\n",
		"¶3. (CONFIDENTIAL//NOFORN) long marking\n\n¶4. (WEIRD) unknown\n",
		"¶5.\n",
		"¶6. (U)\n",
		"¶7.(U) no space: not a paragraph number\n",
		"References:\n\n- [05 ALMATY 91](cable:05ALMATY91)\n- [LONDON 571](cable:06LONDON571)\n\n¶1. (C) Text.\n",
		"¶1. (U) Source [XXXXXXXXXXXX][redacted] said, and [xxxxx][redacted] too.\n\n[redacted]: #redacted\n",
		"[XXXXXXXXXXXX][redacted] opens the paragraph.\n",
		"¶1. (U) (REF A) and (REFTEL) and 1.4 TIMES, 2:00 P.M.\nA second line, 2009 IN\nITALY.\n",
		"¶1. (U) Kosovo’s Šešelj — 日本, AT&T, 100%, $5, #1, a+b, x=y, me!, a-b\n",
		"Text [STATE 1](cable:07STATE1) and [gone](cable:99NOWHERE1).\n",
		"\n\n\nleading blank lines\n\n\n\ntrailing\n\n\n",
		"no newline at the end",
		"¶1." + strings.Repeat(" ", 70) + "(S//NF) a marking far away\n",
		"¶1." + strings.Repeat(" ", 70) + "(U!) [X][redacted]\n",
		"¶1." + strings.Repeat(" ", 70) + "!(U)\n",
		"¶0.!\n\n¶1.[X][redacted]\n\n¶2\\. (U) escaped\n\n¶3. \\(C\\) escaped\n",
		// A lone ! merges into goldmark's first text node, except at the end of a line.
		"¶0.!!\n\n¶1.!! (U) x\n\n¶2. (U)!! x!\n\n¶3. (C)! wow! [X][redacted]!\n\n¶4.!\\! x\n",
		"¶1." + strings.Repeat(" ", 70) + "(U)!x!\n\n¶2." + strings.Repeat(" ", 70) + "(U)!\n",
		"## Summary\n\n¶1. (C) Text.\n\n## Summary\n\n### Summary 1\n\n## Summary\n\n#  Spaced   \n\n## Ünïcode, AT&T \"x\" [X][redacted] snake\\_case\n\n## ¶\n",
		"## A\n\n## A-1\n\n## A\n",
		"text \\[TEXT REMOVED\\] and \\&, \\<b\\>, \\#1, \\*\n",
		"- trailing space in an item \n- another\n",
		"¶1. (U) trailing space on a line \nand on the last \n",
	}
	declined := []string{
		"## Par 1\n",
		"## closed ##\n",
		"####### seven\n",
		"#no space\n",
		"## heading\nand a paragraph under it\n",
		"two trailing spaces  \nthen a line\n",
		"a backslash \\at the end\\\nof a line\n",
		"¶1. (U) *emphasis*\n",
		"snake_case\n",
		"a `code` span\n",
		"<b>tag</b>\n",
		"&amp; an entity\n",
		"a \\escape\n",
		"two trailing spaces  \nbreak\n",
		"    indented code\n",
		"> quote\n",
		"1. ordered\n",
		"text\n- a list interrupting a paragraph\n",
		"- a\n\n- loose\n",
		"- [x](cable:bad id)\n",
		"[x](http://example.org)\n",
		"[x]\n",
		"[redacted]\n",
		"x]\n",
		"a | table\n",
		"a table without pipes\n:-\n",
		"~~struck~~\n",
		"tab\there\n",
		"crlf\r\n",
		"nul\x00\n",
		"bad \xff utf-8\n",
		"![image](x)\n",
		"[redacted]: #redacted\ntext after the definition\n",
		"Setext\n===\n",
		"text\n[redacted]: #redacted\n",
	}
	check := func(body string, want bool) {
		t.Helper()
		plain, gold, ok := plainAndGoldmark(t, []byte(body), testResolver)
		if ok != want {
			t.Errorf("%q: the plain path took it: %v, want %v", body, ok, want)
		}
		if ok && plain != gold {
			t.Errorf("%q:\nplain    %q\ngoldmark %q", body, plain, gold)
		}
	}
	for _, body := range taken {
		check(body, true)
	}
	for _, body := range declined {
		check(body, false)
	}
	for _, c := range readCases(t, "testdata/cases.txt") {
		plain, gold, ok := plainAndGoldmark(t, []byte(c.markdown), testResolver)
		if ok && plain != gold {
			t.Errorf("case %q:\nplain    %q\ngoldmark %q", c.markdown, plain, gold)
		}
	}
	for _, h := range hostile {
		plain, gold, ok := plainAndGoldmark(t, []byte(h), testResolver)
		if ok && plain != gold {
			t.Errorf("hostile %q:\nplain    %q\ngoldmark %q", h, plain, gold)
		}
	}
}

// TestPlainCorpus renders the bodies of the real corpus and of 2,000
// synthcables cables both ways: the same HTML whenever the plain path
// takes a body, and it takes most of them.
func TestPlainCorpus(t *testing.T) {
	check := func(t *testing.T, bodies [][]byte, min float64) {
		// Half the cables referred to are in the collection.
		res := ResolverFunc(func(id string) string {
			if len(id)%2 == 0 {
				return "../" + id + ".html"
			}
			return ""
		})
		taken := 0
		for i, body := range bodies {
			plain, gold, ok := plainAndGoldmark(t, body, res)
			if !ok {
				continue
			}
			taken++
			if plain != gold {
				t.Errorf("body %d:\nplain    %q\ngoldmark %q", i, plain, gold)
			}
		}
		share := float64(taken) / float64(len(bodies))
		t.Logf("the plain path took %d of %d bodies (%.2f)", taken, len(bodies), share)
		if share < min {
			t.Errorf("the plain path took %.2f of the bodies, want at least %.2f", share, min)
		}
	}
	t.Run("real", func(t *testing.T) {
		var bodies [][]byte
		for _, name := range corpus.Files(t, "real/cablegate-html", ".html") {
			bodies = append(bodies, bodiesOf(t, name)...)
		}
		check(t, bodies, 0.95)
	})
	t.Run("synthcables", func(t *testing.T) {
		if testing.Short() {
			t.Skip("generates 2,000 cables")
		}
		tool := filepath.Join(filepath.Dir(corpus.Dir(t, ".")), "tools", "synthcables")
		csv := filepath.Join(t.TempDir(), "cables.csv")
		cmd := exec.Command("go", "run", ".", "-n", strconv.Itoa(2000), "-format", "csv", "-o", csv)
		cmd.Dir = tool
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("synthcables: %v\n%s", err, out)
		}
		check(t, bodiesOf(t, csv), 0.95)
	})
}

// bodiesOf returns the annotated bodies of the cables of the file name,
// through the project's own pipeline.
func bodiesOf(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var bodies [][]byte
	for rec, err := range cable.Records(name, f, cable.FormatAuto) {
		if err != nil {
			t.Fatal(err)
		}
		md, err := annotate.Append(nil, cable.Parse(rec), rec)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := annotate.Read(rec.Pos.String(), md)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, doc.Body)
	}
	return bodies
}

func FuzzPlainAsGoldmark(f *testing.F) {
	body, err := os.ReadFile("testdata/cable.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(body))
	for _, s := range []string{
		"¶1. (S//NF) A \"B\" & C > D.\n\n- [X](cable:07STATE1)\n\n[redacted]: #redacted\n",
		"¶1. (U) [XXXX][redacted] said\nmore\n",
		"References:\n\n- [05 ALMATY 91](cable:05ALMATY91)\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		plain, gold, ok := plainAndGoldmark(t, []byte(body), testResolver)
		if ok && plain != gold {
			t.Errorf("%q:\nplain    %q\ngoldmark %q", body, plain, gold)
		}
	})
}
