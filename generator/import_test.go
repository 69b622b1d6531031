package generator

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/internal/corpus"
	"github.com/cablesite/cablesite/templates"
)

// textCable returns a small raw cable whose id is YYSTATION<number> and
// whose body carries text, so tests can make distinct cables with one id.
func textCable(station string, number int, dtg, text string) string {
	return "VZCZCXRO1609\nOO RUEHDBU\nDE RUEHC #6086/01 2502200\nZNY CCCCC ZZH\nO R " + dtg + "\n" +
		"FM SECSTATE WASHDC\nTO RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 1049\n\n" +
		"C O N F I D E N T I A L " + station + " " + itoa(number) + "\n\nSIPDIS\n\n" +
		"E.O. 12958: DECL: 09/07/2017\nTAGS: PGOV, PREL\n\nSUBJECT: A TEST SUBJECT\n\n" +
		"Classified By: EUR ACTING A/S K. VOLKER. REASONS 1.4 (B) AND (D)\n\n" +
		"1. (C) " + text + "\n\nRICE\n"
}

func itoa(n int) string {
	var b []byte
	for n >= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(append([]byte{byte('0' + n)}, b...))
}

func stringSource(name, s string) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(s)), nil }}
}

func runImport(t *testing.T, dir string, sources ...Source) (Summary, string) {
	t.Helper()
	var problems bytes.Buffer
	sum, err := Import(context.Background(), ImportConfig{}, sources, NewDirDest(dir), &problems)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return sum, problems.String()
}

// importRealCorpus imports the real corpus's Cablegate pages into the
// content folder dir.
func importRealCorpus(t *testing.T, dir string) {
	t.Helper()
	sources := FileSources([]string{corpus.Dir(t, "real/cablegate-html")}, nil)
	if sum, problems := runImport(t, dir, sources...); sum.Wrote < 200 {
		t.Fatalf("import: %+v\n%s", sum, problems)
	}
}

// buildRealCorpus imports the real corpus and builds it with the stock
// templates, returning the site's folder.
func buildRealCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	importRealCorpus(t, content)
	pub := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), BuildConfig{Content: os.DirFS(content), Templates: templates.FS, Out: pub}); err != nil {
		t.Fatal(err)
	}
	return pub
}

func TestImportWritesOneFilePerCable(t *testing.T) {
	dir := t.TempDir()
	sum, problems := runImport(t, dir,
		stringSource("a.txt", textCable("STATE", 126086, "072147Z SEP 07", "FIRST CABLE.")),
		stringSource("b.txt", textCable("STATE", 5, "011200Z JAN 08", "SECOND CABLE.")),
	)
	if sum != (Summary{Read: 2, Wrote: 2}) {
		t.Errorf("summary = %+v, want 2 read, 2 written; problems:\n%s", sum, problems)
	}
	for _, name := range []string{"cables/2007/09/07STATE126086.md", "cables/2008/01/08STATE5.md"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := annotate.Read(name, data)
		if err != nil {
			t.Fatalf("reading back %s: %v", name, err)
		}
		if !strings.Contains(string(doc.Original), "CABLE.") {
			t.Errorf("%s: original text not kept", name)
		}
	}
}

func TestImportTwiceChangesNothing(t *testing.T) {
	dir := t.TempDir()
	src := stringSource("a.txt", textCable("STATE", 126086, "072147Z SEP 07", "SAME."))
	runImport(t, dir, src)
	name := filepath.Join(dir, "cables/2007/09/07STATE126086.md")
	first, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(name, old, old); err != nil {
		t.Fatal(err)
	}
	sum, _ := runImport(t, dir, src)
	if sum != (Summary{Read: 1, Unchanged: 1}) {
		t.Errorf("second import: %+v", sum)
	}
	second, _ := os.ReadFile(name)
	if !bytes.Equal(first, second) {
		t.Error("second import changed the file")
	}
	if fi, _ := os.Stat(name); !fi.ModTime().Equal(old) {
		t.Error("second import rewrote an unchanged file")
	}
}

func TestImportDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	a := textCable("STATE", 7, "072147Z SEP 07", "ONE TEXT.")
	b := textCable("STATE", 7, "072147Z SEP 07", "ANOTHER TEXT.")
	sum, problems := runImport(t, dir,
		stringSource("a.txt", a),
		stringSource("b.txt", b),
		stringSource("c.txt", a), // the same cable again
		stringSource("d.txt", b),
	)
	want := Summary{Read: 4, Wrote: 2, Warned: 1, Duplicates: 2}
	if sum != want {
		t.Errorf("summary = %+v, want %+v; problems:\n%s", sum, want, problems)
	}
	for _, name := range []string{"07STATE7.md", "07STATE7-2.md"} {
		if _, err := os.Stat(filepath.Join(dir, "cables/2007/09", name)); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	for _, want := range []string{"b.txt:1: warning: duplicate id 07STATE7", "c.txt:1: skipped: 07STATE7 is the same cable as a.txt:1", "d.txt:1: skipped: 07STATE7-2 is the same cable as b.txt:1"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack %q:\n%s", want, problems)
		}
	}
	// Importing again keeps the same assignment.
	sum, _ = runImport(t, dir, stringSource("b.txt", b), stringSource("a.txt", a))
	if sum != (Summary{Read: 2, Unchanged: 2, Warned: 1}) {
		t.Errorf("re-import: %+v", sum)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "cables/2007/09"))
	if len(entries) != 2 {
		t.Errorf("re-import made %d files, want 2", len(entries))
	}
}

func TestImportRejectsAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	csv := `"1","9/7/2007 21:47","07STATE126086","Secretary of State","CONFIDENTIAL","","FM SECSTATE WASHDC","C O N F I D E N T I A L STATE 126086

1. (C) GOOD ROW."
"2","9/8/2007 10:00","07STATE1","Secretary of State","CONFIDENTIAL"
"3","9/9/2007 10:00","07STATE2","Secretary of State","CONFIDENTIAL","","FM SECSTATE WASHDC","C O N F I D E N T I A L STATE 2

1. (C) ANOTHER GOOD ROW."
`
	sum, problems := runImport(t, dir,
		stringSource("cables.csv", csv),
		stringSource("empty.txt", ""),
	)
	if sum.Read != 4 || sum.Wrote != 2 || sum.Rejected != 2 {
		t.Errorf("summary = %+v, want read 4, wrote 2, rejected 2; problems:\n%s", sum, problems)
	}
	if sum.Read != sum.Wrote+sum.Rejected+sum.Duplicates {
		t.Errorf("summary does not account for every record: %+v", sum)
	}
	for _, want := range []string{"cables.csv:4: ", "empty.txt"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack %q:\n%s", want, problems)
		}
	}
}

func TestFileSourcesOrder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b/2.txt", "a/z.txt", "a/b/1.txt", ".hidden/x.txt", "c.txt"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	srcs := FileSources([]string{dir, "-"}, strings.NewReader("stdin"))
	var got []string
	for _, s := range srcs {
		got = append(got, strings.TrimPrefix(filepath.ToSlash(s.Name), filepath.ToSlash(dir)+"/"))
	}
	want := "a/b/1.txt a/z.txt b/2.txt c.txt -"
	if strings.Join(got, " ") != want {
		t.Errorf("order = %v, want %s", got, want)
	}
}

func TestDirDestRefusesToLeave(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "cables")); err != nil {
		t.Skip("no symlinks:", err)
	}
	d := NewDirDest(dir)
	for _, name := range []string{"../x.md", "/etc/x", "cables/2007/x.md", "a/../../x.md", `a\..\x`} {
		if err := d.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) succeeded", name)
		}
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 0 {
		t.Errorf("wrote outside the folder: %v", entries)
	}
}

// TestContentSeedUpToDate checks that the example cable in content/ is what
// the importer writes today, so the default site never drifts from the code.
// Refresh it with: go run ./cmd/cablesite import ../shared/seeds/07STATE126086.txt
func TestContentSeedUpToDate(t *testing.T) {
	root := corpus.Dir(t, ".")
	seed := filepath.Join(root, "..", "seeds", "07STATE126086.txt")
	const name = "../shared/seeds/07STATE126086.txt" // as the README's command names it
	src := Source{Name: name, Open: func() (io.ReadCloser, error) { return os.Open(seed) }}
	dir := t.TempDir()
	runImport(t, dir, src)
	const md = "cables/2007/09/07STATE126086.md"
	got, err := os.ReadFile(filepath.Join(dir, md))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "content", md))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("content/%s is not what import writes today; refresh it with\n\tgo run ./cmd/cablesite import %s", md, name)
	}
}

func TestImportDuplicateIDAcrossMonths(t *testing.T) {
	dir := t.TempDir()
	sum, problems := runImport(t, dir,
		stringSource("a.txt", textCable("STATE", 6086, "051200Z MAR 09", "IN MARCH.")),
		stringSource("b.txt", textCable("STATE", 6086, "051200Z JUN 09", "IN JUNE.")),
	)
	if sum.Wrote != 2 || sum.Warned != 1 {
		t.Errorf("summary = %+v; problems:\n%s", sum, problems)
	}
	for _, name := range []string{"cables/2009/03/09STATE6086.md", "cables/2009/06/09STATE6086-2.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
}
