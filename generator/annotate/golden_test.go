package annotate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from testdata/fixtures")

// importFile reads every record of a source file, parses it and writes its
// annotated markdown, as import does, calling check with each result.
func importFile(t *testing.T, path, name string, check func(rec cable.Record, c *cable.Cable, md []byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// A .txt fixture is raw text whatever it holds: text-noheader has no
	// line of a cable's header, which detection takes for no cable.
	format := cable.FormatAuto
	if filepath.Ext(path) == ".txt" {
		format = cable.FormatText
	}
	n := 0
	for rec, err := range cable.Records(name, f, format) {
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		c := cable.Parse(rec)
		md, err := Append(nil, c, rec)
		if err != nil {
			t.Errorf("%s: %v", rec.Pos, err)
			continue
		}
		check(rec, c, md)
		n++
	}
	if n == 0 {
		t.Errorf("%s: no record read", name)
	}
}

// checkReadBack reads md back and checks it against what was written: the
// same fields, the same source, the original byte for byte, and the same
// fields again when the original is parsed anew.
func checkReadBack(t *testing.T, rec cable.Record, c *cable.Cable, md []byte) {
	t.Helper()
	name := Path(c)
	d, err := Read(name, md)
	if err != nil {
		t.Errorf("%s: Read: %v", rec.Pos, err)
		return
	}
	if want := stored(c); !reflect.DeepEqual(d.Cable, want) {
		t.Errorf("%s: front matter read back:\n got %+v\nwant %+v", rec.Pos, d.Cable, want)
	}
	if want := storedSource(rec, md); !reflect.DeepEqual(d.Source, want) {
		t.Errorf("%s: source read back:\n got %+v\nwant %+v", rec.Pos, d.Source, want)
	}
	if !bytes.Equal(d.Original, rec.Text) {
		t.Errorf("%s: the original differs from the record's text", rec.Pos)
	}
	if again := stored(cable.Parse(d.Record())); !reflect.DeepEqual(again, d.Cable) {
		t.Errorf("%s: parsing the original again gives other fields:\n got %+v\nwant %+v", rec.Pos, again, d.Cable)
	}
}

// TestGolden imports each fixture of testdata/fixtures and compares the
// markdown with testdata/golden/<fixture>.md, which holds every cable of
// the fixture, each after a line "==> path <==". go test -update rewrites
// them.
func TestGolden(t *testing.T) {
	fixtures, err := filepath.Glob("testdata/fixtures/*")
	if err != nil || len(fixtures) < 12 {
		t.Fatalf("want at least 12 fixtures, have %d (%v)", len(fixtures), err)
	}
	for _, path := range fixtures {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			var got bytes.Buffer
			importFile(t, path, base, func(rec cable.Record, c *cable.Cable, md []byte) {
				got.WriteString("==> " + Path(c) + " <==\n")
				got.Write(md)
				checkReadBack(t, rec, c, md)
				if again, _ := Append(nil, c, rec); !bytes.Equal(again, md) {
					t.Errorf("%s: two writes differ", rec.Pos)
				}
			})
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(base, filepath.Ext(base))+".md")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", base, golden, firstDiff(got.String(), string(want)))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got " + strings.TrimSpace(gl) + "\nwant " + strings.TrimSpace(wl)
		}
	}
	return ""
}

// numberedLine matches the annotation of a numbered paragraph.
var numberedLine = regexp.MustCompile(`(?m)^¶\d+\.`)

// TestRealCorpus imports every real Cablegate page and the cables.csv
// sample of the shared corpus, reads each cable's markdown back, and
// measures how many of the paragraphs the parser numbered the body
// annotates.
func TestRealCorpus(t *testing.T) {
	var files []string
	files = append(files, corpus.Files(t, "real/cablegate-html", ".html")...)
	files = append(files, corpus.Files(t, "real/cablegate-csv", ".csv")...)
	cables, paras, annotated := 0, 0, 0
	for _, path := range files {
		importFile(t, path, path, func(rec cable.Record, c *cable.Cable, md []byte) {
			cables++
			checkReadBack(t, rec, c, md)
			d, err := Read(Path(c), md)
			if err != nil {
				return
			}
			n := min(len(numberedLine.FindAll(d.Body, -1)), len(c.Paragraphs))
			paras += len(c.Paragraphs)
			annotated += n
			if n < len(c.Paragraphs) {
				t.Logf("%s: %d of %d numbered paragraphs annotated", c.ID, n, len(c.Paragraphs))
			}
		})
	}
	t.Logf("%d files, %d cables written and read back; %d of %d numbered paragraphs annotated", len(files), cables, annotated, paras)
	if annotated < paras*98/100 {
		t.Errorf("only %d of %d numbered paragraphs annotated, want 98%%", annotated, paras)
	}
}

var (
	// leftContinuation and leftPageHeader match the page furniture that
	// must not be left in a reflowed body: a section's continuation line
	// ("MOSCOW 00009482 002 OF 003", "Vladivosto 00000005 002.2 of 003")
	// and an old cable's page header ("PAGE 02 VATICA 01261 061419Z").
	leftContinuation = regexp.MustCompile(`\b0\d{4,7} +\d{3}(?:\.\d)? +[Oo][Ff] +\d{3}\b`)
	leftPageHeader   = regexp.MustCompile(`\bPAGE \d{2,3} +[A-Z][A-Z ]* +\d+ .{0,20}\d{6}Z\b`)
)

// TestRealCorpusBody checks the bodies of every real page: no page
// furniture is left inside the reflowed text, and no heading of several
// lines is cut to its last line (the first ones left as a paragraph over
// it, as 09BOGOTA3441's "NO PROSECUTOR GENERAL FOR MONTHS, MINISTER OF /
// INTERIOR & JUTICE RESIGNATION ... -----" was).
func TestRealCorpusBody(t *testing.T) {
	furniture, cut, headings := 0, 0, 0
	for _, path := range corpus.Files(t, "real/cablegate-html", ".html") {
		importFile(t, path, path, func(rec cable.Record, c *cable.Cable, md []byte) {
			d, err := Read(Path(c), md)
			if err != nil {
				t.Errorf("%s: %v", c.ID, err)
				return
			}
			body := string(d.Body)
			for _, m := range append(leftContinuation.FindAllString(body, -1), leftPageHeader.FindAllString(body, -1)...) {
				furniture++
				t.Errorf("%s: page furniture left in the body: %q", c.ID, m)
			}
			blocks := strings.Split(body, "\n\n")
			for k, b := range blocks {
				h, ok := strings.CutPrefix(b, "## ")
				if !ok {
					continue
				}
				headings++
				if k == 0 {
					continue
				}
				// The block before, on the line before the heading's in
				// the original: the heading's first line left behind.
				prev := strings.ReplaceAll(blocks[k-1], `\`, "")
				h = strings.ReplaceAll(h, `\`, "")
				if len(prev) < 100 && !strings.ContainsAny(prev[len(prev)-1:], ".:;!?") && strings.ToUpper(prev) == prev == (strings.ToUpper(h) == h) &&
					regexp.MustCompile(`(?m)^\s*`+regexp.QuoteMeta(prev)+`\s*\n\s*`+regexp.QuoteMeta(h)).Match(rec.Text) {
					cut++
					t.Errorf("%s: heading %q cut from its first line %q", c.ID, h, prev)
				}
			}
		})
	}
	t.Logf("%d headings; %d cut from their first lines; %d page furniture left", headings, cut, furniture)
}
