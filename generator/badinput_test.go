package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/corpus"
	"golang.org/x/net/html"
)

// Bad input, through Import and then Build: every record read is written,
// rejected or skipped as a duplicate, each problem is reported as
// "file:line: message", the rest goes through, and what was written
// builds.

// csvRecord is one cables.csv record of the given fields, quoted and
// escaped as the 2011 dump does.
func csvRecord(fields ...string) string {
	esc := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + esc.Replace(f) + `"`)
	}
	b.WriteByte('\n')
	return b.String()
}

// goodRow is a well-formed record of cable 07STATE<n>: three lines.
func goodRow(n int) string {
	return csvRecord(itoa(n), "9/7/2007 21:47", "07STATE"+itoa(n), "Secretary of State", "CONFIDENTIAL", "",
		"FM SECSTATE WASHDC", "C O N F I D E N T I A L STATE "+itoa(n)+"\n\n1. (C) GOOD ROW "+itoa(n)+".")
}

// badRun is one import of bad input into a fresh folder, and the build of
// what it wrote.
type badRun struct {
	dir, content, out string
	sum               Summary
	problems          []string
	built             BuildSummary
	warnings          string
}

// problemLine is how every problem is reported: the place, then what
// became of the record.
var problemLine = regexp.MustCompile(`^[^:\s][^:]*:[1-9][0-9]*: (rejected|warning|skipped): \S`)

// importAndBuild imports sources into a new content folder and builds it,
// checking what holds for any input: the summary accounts for every
// record, every problem names its place, one file is written per cable
// and none outside content/cables/, and every cable written builds into
// its page.
func importAndBuild(t *testing.T, sources ...Source) *badRun {
	t.Helper()
	dir := t.TempDir()
	r := &badRun{dir: dir, content: filepath.Join(dir, "content"), out: filepath.Join(dir, "public")}
	var problems bytes.Buffer
	sum, err := Import(context.Background(), ImportConfig{}, sources, NewDirDest(r.content), &problems)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	r.sum = sum
	if s := strings.TrimSpace(problems.String()); s != "" {
		r.problems = strings.Split(s, "\n")
	}
	if sum.Read != sum.Wrote+sum.Unchanged+sum.Kept+sum.Rejected+sum.Duplicates+sum.Skipped {
		t.Errorf("the summary does not account for every record: %+v", sum)
	}
	// Each rejection and skip is a line of its own; warnings come one or
	// more a record.
	counts := map[string]int{}
	for _, p := range r.problems {
		m := problemLine.FindStringSubmatch(p)
		if m == nil {
			t.Errorf("problem not reported as file:line: message: %q", p)
			continue
		}
		counts[m[1]]++
	}
	if counts["rejected"] != sum.Rejected || counts["skipped"] != sum.Duplicates+sum.Skipped {
		t.Errorf("%d rejections and %d skips reported, summary %+v", counts["rejected"], counts["skipped"], sum)
	}
	mds := r.files(t)
	if len(mds) != sum.Wrote {
		t.Errorf("%d files written, summary says %d: %v", len(mds), sum.Wrote, mds)
	}

	var warnings bytes.Buffer
	cfg := buildConfig(r.content, r.out)
	cfg.Warnings = &warnings
	cfg.BaseURL = "https://example.org/"
	if r.built, err = Build(context.Background(), cfg); err != nil {
		t.Fatalf("Build: %v", err)
	}
	r.warnings = warnings.String()
	if sum.Wrote > 0 && (r.built.Cables != sum.Wrote || r.built.Skipped != 0 || r.warnings != "") {
		t.Errorf("built %v from %d cables; warnings:\n%s", r.built, sum.Wrote, r.warnings)
	}
	for _, md := range mds {
		doc := r.doc(t, md)
		page := filepath.Join(r.out, filepath.FromSlash(strings.TrimPrefix(annotate.URL(&doc.Cable), "/")))
		if _, err := os.Stat(page); err != nil {
			t.Errorf("%s: no page: %v", md, err)
		}
	}
	return r
}

// files returns the markdown files import wrote, relative to the content
// folder, and fails the test for any file it wrote elsewhere (outside
// content/cables/, a hidden or temporary file).
func (r *badRun) files(t *testing.T) []string {
	t.Helper()
	var mds []string
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(r.content, p)
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, "cables/") || strings.HasPrefix(d.Name(), ".") || !strings.HasSuffix(rel, ".md") || !d.Type().IsRegular() {
			t.Errorf("import wrote %s", p)
			return nil
		}
		mds = append(mds, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return mds
}

// doc reads back a file of the content folder.
func (r *badRun) doc(t *testing.T, name string) *annotate.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(r.content, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := annotate.Read(name, data)
	if err != nil {
		t.Fatalf("reading back: %v", err)
	}
	return doc
}

// page parses a page of the built site.
func (r *badRun) page(t *testing.T, name string) *html.Node {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(r.out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// textOf returns the text of the first element named tag in n (the
// whole document for ""), white space collapsed.
func textOf(n *html.Node, tag string) string {
	var found *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if found != nil {
			return
		}
		if tag == "" || n.Type == html.ElementNode && n.Data == tag {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(n)
	if found == nil {
		return ""
	}
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(found)
	return strings.Join(strings.Fields(b.String()), " ")
}

// cp1252Cable is a raw cable whose subject and body hold Windows-1252
// bytes (0x92 ’, 0x93 “, 0x94 ”, 0x96 –, 0xE9 é), one byte Windows-1252
// leaves undefined (0x81) and valid UTF-8.
const cp1252Cable = "VZCZCXRO1609\nOO RUEHDBU\nDE RUEHC #6086/01 2502200\nZNY CCCCC ZZH\nO R 072147Z SEP 07\n" +
	"FM SECSTATE WASHDC\nTO RUEHBW/AMEMBASSY BELGRADE IMMEDIATE 1049\n\n" +
	"C O N F I D E N T I A L STATE 126086\n\nSIPDIS\n\nE.O. 12958: DECL: 09/07/2017\nTAGS: PGOV, PREL\n\n" +
	"SUBJECT: KOSOVO\x92S CAF\xe9 \x93TALKS\x94 \xe2\x80\x99 OK\n\n" +
	"Classified By: EUR ACTING A/S K. VOLKER. REASONS 1.4 (B) AND (D)\n\n" +
	"1. (C) THE MINISTER\x92S VIEW \x96 CAF\xc3\xa9 AND \x93THIS\x94 \x81.\n\nRICE\n"

// utf16LE encodes s as UTF-16, little-endian.
func utf16LE(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func TestBadInput(t *testing.T) {
	binary := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range binary {
		binary[i] = byte(rng.Uint32())
	}
	binary[100] = 0 // at least one NUL, wherever the others fall
	controls := bytes.Repeat([]byte("\x01\x02\x1b\x7fAB"), 200)
	undated := strings.NewReplacer("O R 072147Z SEP 07\n", "", "E.O. 12958: DECL: 09/07/2017\n", "")
	impossible := strings.NewReplacer("072147Z SEP 07", "321299Z FOO 07")
	src := func(name, s string) Source { return stringSource(name, s) }

	tests := []struct {
		name     string
		sources  []Source
		want     Summary
		problems []string // regular expressions, one per problem line, in order
		check    func(t *testing.T, r *badRun)
	}{
		{
			name:     "CSV truncated inside a field",
			sources:  []Source{src("t.csv", goodRow(1)+goodRow(2)+`"3","9/7/2007 21:47","07STATE3","Secretary of State","CONFIDENTIAL","","FM SECSTATE WASHDC","C O N F I D E N T I A L STATE 3`+"\n\n1. (C) CUT SH")},
			want:     Summary{Read: 3, Wrote: 2, Rejected: 1},
			problems: []string{`^t\.csv:7: rejected: malformed cables\.csv record: the file ends inside field 8 \(unterminated quote\)$`},
		},
		{
			name:     "CSV truncated after a field",
			sources:  []Source{src("t.csv", goodRow(1)+`"2","9/7/2007 21:47","07STATE2"`)},
			want:     Summary{Read: 2, Wrote: 1, Rejected: 1},
			problems: []string{`^t\.csv:4: rejected: malformed cables\.csv record: the file ends after field 3 of 8$`},
		},
		{
			name: "CSV unterminated quote before the next record",
			sources: []Source{src("q.csv", goodRow(1)+
				`"2","9/7/2007 21:47","07STATE2","Secretary of State","CONFIDENTIAL","","FM SECSTATE WASHDC","C O N F I D E N T I A L STATE 2`+"\n\n1. (C) NEVER CLOSED.\n"+
				goodRow(3))},
			want:     Summary{Read: 3, Wrote: 2, Rejected: 1},
			problems: []string{`^q\.csv:4: rejected: malformed cables\.csv record: field 8 is not terminated before the record on line 7$`},
			check: func(t *testing.T, r *badRun) {
				r.doc(t, "cables/2007/09/07STATE3.md")
			},
		},
		{
			name:     "CSV record with fewer fields",
			sources:  []Source{src("f.csv", goodRow(1)+`"2","9/8/2007 10:00","07STATE2","Secretary of State","CONFIDENTIAL"`+"\n"+goodRow(3))},
			want:     Summary{Read: 3, Wrote: 2, Rejected: 1},
			problems: []string{`^f\.csv:4: rejected: malformed cables\.csv record: only 5 of 8 fields$`},
		},
		{
			name: "CSV record with more fields",
			sources: []Source{src("m.csv", goodRow(1)+
				csvRecord("2", "9/7/2007 21:47", "07STATE2", "Secretary of State", "CONFIDENTIAL", "", "FM SECSTATE WASHDC", "C O N F I D E N T I A L STATE 2\n\n1. (C) BODY.", "A NINTH FIELD")+
				goodRow(3))},
			want:     Summary{Read: 3, Wrote: 2, Rejected: 1},
			problems: []string{`^m\.csv:4: rejected: malformed cables\.csv record: more than 8 fields$`},
		},
		{
			name:     "CSV junk between records",
			sources:  []Source{src("j.csv", goodRow(1)+"THIS LINE IS NOT A RECORD\nNOR THIS ONE\n"+goodRow(2)+`"3",9/7/2007,"UNQUOTED"`+"\n"+goodRow(4))},
			want:     Summary{Read: 5, Wrote: 3, Rejected: 2},
			problems: []string{`^j\.csv:4: rejected: malformed cables\.csv record: expected a record starting with a quoted row number, found "THIS LINE IS NOT A RECORD"$`, `^j\.csv:9: rejected: malformed cables\.csv record: field 2 is not quoted$`},
		},
		{
			name:    "Windows-1252 and invalid UTF-8",
			sources: []Source{src("w.txt", cp1252Cable), src("w.csv", csvRecord("1", "9/8/2007 10:00", "07BRASILIA5", "Embassy Bras\xedlia", "UNCLASSIFIED", "", "FM AMEMBASSY BRASILIA", "UNCLAS BRASILIA 5\n\nSUBJECT: S\xc3O PAULO\x92S MAYOR\n\n1. THE MAYOR\x92S OFFICE."))},
			want:    Summary{Read: 2, Wrote: 2},
			check: func(t *testing.T, r *badRun) {
				const subject = "KOSOVO’S CAFé “TALKS” ’ OK"
				const para = "THE MINISTER’S VIEW – CAFé AND “THIS” \uFFFD."
				doc := r.doc(t, "cables/2007/09/07STATE126086.md")
				if doc.Cable.Subject != subject {
					t.Errorf("subject %q, want %q", doc.Cable.Subject, subject)
				}
				if !bytes.Contains(doc.Body, []byte(para)) {
					t.Errorf("body lacks %q:\n%s", para, doc.Body)
				}
				if string(doc.Original) != cp1252Cable {
					t.Errorf("the original is not kept byte for byte")
				}
				page := r.page(t, "cable/2007/09/07STATE126086.html")
				if got := textOf(page, "h1"); got != subject {
					t.Errorf("page h1 %q, want %q", got, subject)
				}
				if got := textOf(page, "main"); !strings.Contains(got, para) {
					t.Errorf("page lacks %q:\n%s", para, got)
				}
				if got := textOf(page, "pre"); !strings.Contains(got, "SUBJECT: KOSOVO’S CAFé “TALKS” ’ OK") {
					t.Errorf("the original as shown lacks the subject:\n%s", got)
				}
				doc = r.doc(t, "cables/2007/09/07BRASILIA5.md")
				if doc.Cable.Origin != "Embassy Brasília" || doc.Cable.Subject != "SÃO PAULO’S MAYOR" {
					t.Errorf("origin %q, subject %q", doc.Cable.Origin, doc.Cable.Subject)
				}
				page = r.page(t, "cable/2007/09/07BRASILIA5.html")
				if got := textOf(page, "main"); !strings.Contains(got, "Embassy Brasília") || !strings.Contains(got, "THE MAYOR’S OFFICE.") {
					t.Errorf("page lacks the origin or the text:\n%s", got)
				}
				if hit := searchHits(t, r.out)["07STATE126086"]; hit.subject != subject || !strings.Contains(hit.excerpt, "MINISTER’S VIEW – CAFé") {
					t.Errorf("search hit %q, want the subject %q and the text", hit, subject)
				}
			},
		},
		{
			name:    "empty files",
			sources: []Source{src("empty.txt", ""), src("blank.txt", " \n\t\r\n\n"), src("bom.csv", "\xef\xbb\xbf"), src("ok.txt", textCable("STATE", 1, "072147Z SEP 07", "FINE."))},
			want:    Summary{Read: 4, Wrote: 1, Rejected: 3},
			problems: []string{
				`^empty\.txt:1: rejected: empty input$`,
				`^blank\.txt:1: rejected: empty input$`,
				`^bom\.csv:1: rejected: empty input$`,
			},
		},
		{
			name: "binary junk",
			sources: []Source{
				src("junk.bin", string(binary)),
				src("controls.bin", string(controls)),
				src("utf16.txt", utf16LE("\uFEFF"+textCable("STATE", 2, "072147Z SEP 07", "IN UTF-16, CAFÉ."))),
				src("utf16-nobom.txt", utf16LE(textCable("STATE", 3, "072147Z SEP 07", "NO BYTE ORDER MARK."))),
				src("page.html", "<html><body><p>no cable here</p></body></html>"),
				src("ok.txt", textCable("STATE", 1, "072147Z SEP 07", "FINE.")),
			},
			want: Summary{Read: 6, Wrote: 2, Rejected: 3, Skipped: 1},
			problems: []string{
				`^junk\.bin:1: rejected: binary data, not cable text: \d+ control characters in the first 4096 bytes$`,
				`^controls\.bin:1: rejected: binary data, not cable text: \d+ control characters in the first 1200 bytes$`,
				`^utf16-nobom\.txt:1: rejected: binary data, not cable text: \d+ NUL bytes in the first \d+ bytes \(UTF-16 without a byte order mark\?\)$`,
				`^page\.html:1: skipped: not a cable \(an HTML page with no cable table and no <pre> text\)$`,
			},
			check: func(t *testing.T, r *badRun) {
				if doc := r.doc(t, "cables/2007/09/07STATE2.md"); !bytes.Contains(doc.Body, []byte("IN UTF-16, CAFÉ.")) {
					t.Errorf("the UTF-16 cable is not decoded:\n%s", doc.Body)
				}
			},
		},
		{
			name: "missing or impossible dates",
			sources: []Source{
				src("impossible.txt", impossible.Replace(textCable("STATE", 1, "072147Z SEP 07", "DECL GIVES THE DATE."))),
				src("impossible-nodecl.txt", undated.Replace(impossible.Replace(textCable("STATE", 2, "072147Z SEP 07", "ONLY THE YEAR.")))),
				src("undated.txt", undated.Replace(textCable("STATE", 3, "072147Z SEP 07", "NO DATE AT ALL."))),
				src("d.csv", csvRecord("1", "13/45/2007 25:99", "07STATE4", "Secretary of State", "CONFIDENTIAL", "", "FM SECSTATE WASHDC\nO 072147Z SEP 07", "C O N F I D E N T I A L STATE 4\n\n1. (C) BAD CREATED DATE.")+
					csvRecord("2", "", "07STATE5", "Secretary of State", "CONFIDENTIAL", "", "", "C O N F I D E N T I A L STATE 5\n\n1. (C) NO DATE.")),
			},
			want: Summary{Read: 5, Wrote: 4, Warned: 4, Rejected: 1},
			problems: []string{
				`^impossible\.txt:1: warning: impossible date-time group "321299Z FOO 07"$`,
				`^impossible\.txt:1: warning: date estimated from the declassification date$`,
				`^impossible-nodecl\.txt:1: warning: impossible date-time group "321299Z FOO 07"$`,
				`^impossible-nodecl\.txt:1: warning: year of the id read from the impossible date-time group$`,
				`^impossible-nodecl\.txt:1: warning: no date$`,
				`^undated\.txt:1: rejected: no cable id could be read: the text gives no year$`,
				`^d\.csv:1: warning: cannot read the source's date "13/45/2007 25:99"$`,
				`^d\.csv:5: warning: no date-time group in the header$`,
				`^d\.csv:5: warning: no date$`,
			},
			check: func(t *testing.T, r *badRun) {
				for _, name := range []string{"cables/2007/09/07STATE1.md", "cables/undated/07STATE2.md", "cables/2007/09/07STATE4.md", "cables/undated/07STATE5.md"} {
					r.doc(t, name)
				}
			},
		},
		{
			name: "ids empty, with a slash, dot-dot or NUL",
			sources: []Source{src("ids.csv", func() string {
				var s strings.Builder
				for i, id := range []string{"", "07PARIS/12", "../../07PARIS13", "07PARIS\x0014", "..", "/etc/passwd", `..\..\x`} {
					s.WriteString(csvRecord(itoa(i+1), "9/7/2007 21:47", id, "Embassy Paris", "CONFIDENTIAL", "", "FM AMEMBASSY PARIS",
						"C O N F I D E N T I A L PARIS "+itoa(100+i)+"\n\n1. (C) BODY."))
				}
				// No id in the text either: nothing to name the file by.
				s.WriteString(csvRecord("8", "9/7/2007 21:47", "../..", "Embassy Paris", "CONFIDENTIAL", "", "", "NO CLASSIFICATION LINE."))
				return s.String()
			}())},
			want: Summary{Read: 8, Wrote: 7, Warned: 6, Rejected: 1},
			problems: []string{
				`^ids\.csv:4: warning: the source's id "07PARIS/12" is not a cable id$`,
				`^ids\.csv:7: warning: the source's id "\.\./\.\./07PARIS13" is not a cable id$`,
				`^ids\.csv:10: warning: the source's id "07PARIS\\x0014" is not a cable id$`,
				`^ids\.csv:13: warning: the source's id "\.\." is not a cable id$`,
				`^ids\.csv:16: warning: the source's id "/etc/passwd" is not a cable id$`,
				`^ids\.csv:19: warning: the source's id "\.\.\\\\\.\.\\\\x" is not a cable id$`,
				`^ids\.csv:22: rejected: no cable id could be read: no station and number on the classification line; the source's id "\.\./\.\." is not a cable id$`,
			},
			check: func(t *testing.T, r *badRun) {
				for i := range 7 {
					r.doc(t, "cables/2007/09/07PARIS"+itoa(100+i)+".md")
				}
			},
		},
		{
			name: "duplicate ids",
			sources: []Source{src("dup.csv", goodRow(1)+
				csvRecord("2", "9/7/2007 21:47", "07STATE1", "Secretary of State", "CONFIDENTIAL", "", "FM SECSTATE WASHDC", "C O N F I D E N T I A L STATE 1\n\n1. (C) ANOTHER TEXT.")+
				goodRow(1))},
			want: Summary{Read: 3, Wrote: 2, Warned: 1, Duplicates: 1},
			problems: []string{
				`^dup\.csv:4: warning: duplicate id 07STATE1 \(a different cable already has it\): kept as 07STATE1-2$`,
				`^dup\.csv:7: skipped: 07STATE1 is the same cable as dup\.csv:1$`,
			},
			check: func(t *testing.T, r *badRun) {
				if doc := r.doc(t, "cables/2007/09/07STATE1-2.md"); !bytes.Contains(doc.Original, []byte("ANOTHER TEXT")) {
					t.Errorf("07STATE1-2 is not the second cable")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := importAndBuild(t, tt.sources...)
			if r.sum != tt.want {
				t.Errorf("summary %+v, want %+v", r.sum, tt.want)
			}
			if len(r.problems) != len(tt.problems) {
				t.Errorf("%d problems, want %d:\n%s", len(r.problems), len(tt.problems), strings.Join(r.problems, "\n"))
			}
			for i, want := range tt.problems {
				if i < len(r.problems) && !regexp.MustCompile(want).MatchString(r.problems[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i+1, r.problems[i], want)
				}
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// A 50 MB cable (a whole archive pasted into one file) imports and
// builds.
func TestBadInputHugeCable(t *testing.T) {
	if testing.Short() {
		t.Skip("a 50 MB cable takes some seconds")
	}
	var text bytes.Buffer
	text.WriteString(strings.SplitAfter(textCable("STATE", 126086, "072147Z SEP 07", ""), "SUBJECT: A TEST SUBJECT\n\n")[0])
	line := []byte("THE MINISTER SAID THE ELECTIONS IN KOSOVO WOULD TAKE PLACE AS PLANNED\n")
	for n := 1; text.Len() < 50<<20; n++ {
		fmt.Fprintf(&text, "%d. (C) ", n)
		for range 12 {
			text.Write(line)
		}
		text.WriteString("\n")
	}
	text.WriteString("RICE\n")
	r := importAndBuild(t, stringSource("huge.txt", text.String()))
	if r.sum != (Summary{Read: 1, Wrote: 1}) {
		t.Fatalf("summary %+v; problems %v", r.sum, r.problems)
	}
	doc := r.doc(t, "cables/2007/09/07STATE126086.md")
	if !bytes.Equal(doc.Original, text.Bytes()) {
		t.Error("the original is not kept byte for byte")
	}
	fi, err := os.Stat(filepath.Join(r.out, "cable", "2007", "09", "07STATE126086.html"))
	if err != nil || fi.Size() < 50<<20 {
		t.Errorf("the page: %v, %v", fi, err)
	}
}

// Front matter broken by hand is reported as file:line and the file
// skipped; the rest builds, and the build succeeds.
func TestBuildBrokenFrontMatter(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 3) // cables/2007/01/07TEST1.md, 2008/02/08TEST2.md, 2009/03/09TEST3.md
	good, err := os.ReadFile(filepath.Join(content, "cables", "2007", "01", "07TEST1.md"))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(id string, pairs ...string) string {
		s := strings.ReplaceAll(string(good), "07TEST1", id)
		return strings.NewReplacer(pairs...).Replace(s)
	}
	// A "billion laughs" of nine levels of nine aliases into tags (588
	// bytes: 188 s and 1.79 GB before the limit), and lists nested 20,000
	// deep.
	bomb := "x0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for i := 1; i < 9; i++ {
		bomb += fmt.Sprintf("x%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d,", i-1), 9), ","))
	}
	tests := []struct {
		file, data string
		want       string // the warning, after "content/cables/2007/01/<file>"
	}{
		{"no-front-matter.md", "JUST TEXT\n", `:1: no front matter: the file must start with a line "---"`},
		{"empty.md", "", `:1: no front matter: the file must start with a line "---"`},
		{"binary.md", "\x00\x01\x89PNG\xff", `:1: no front matter: the file must start with a line "---"`},
		{"not-closed.md", edit("07BAD1", "\n---\n\n", "\n\n"), `:1: front matter not closed by a line "---"`},
		{"bad-date.md", edit("07BAD2", "date: 2007-01-01T00:00:00Z", "date: 2007-13-45T99:00:00Z"), `:3: date: cannot read "2007-13-45T99:00:00Z" as a date`},
		{"open-quote.md", edit("07BAD3", `origin: "Embassy Belgrade"`, `origin: "Embassy Belgrade`), `:7: `},
		{"tab.md", edit("07BAD4", "  - n: 1", "\t- n: 1"), ": found character '\t' that cannot start any token"},
		{"no-id.md", edit("07BAD5", "id: \"07BAD5\"\n", ""), `:1: the front matter has no id`},
		{"twice.md", edit("07BAD6", "title: ", "classification: \"X\"\ntitle: "), `mapping key "classification" already defined`},
		{"map.md", edit("07BAD7", `origin: "Embassy Belgrade"`, "origin: {a: 1}"), `:6: cannot unmarshal`},
		{"alias-bomb.md", edit("07BAD8", "title: ", bomb+"title: ", `tags: ["PGOV", "KV"]`, "tags: *a8"), `:6: front matter: aliases expanded more than 1000 times (a YAML alias bomb?): refused`},
		{"deep.md", edit("07BAD9", `tags: ["PGOV", "KV"]`, "tags: "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)), `: front matter: lists or maps nested more than 64 deep: refused`},
		{"year-0.md", edit("07BAD10", "date: 2007-01-01T00:00:00Z", "date: 0001-01-01T05:00:00+14:00"), `:3: date: 0001-01-01T05:00:00+14:00 (0000-12-31T15:00:00Z in UTC) is outside years 1 to 9999 (UTC)`},
		{"zero-date.md", edit("07BAD11", "date: 2007-01-01T00:00:00Z", "date: 0001-01-01"), `:3: date: 0001-01-01T00:00:00Z is the zero time`},
		// Sorted after 07TEST1.md, whose id it repeats.
		{"zz-dup-id.md", edit("07TEST1", "THE TEXT OF CABLE", "ANOTHER TEXT OF CABLE"), `:4: duplicate id "07TEST1" (also in ` + filepath.ToSlash(content) + `/cables/2007/01/07TEST1.md): skipped`},
	}
	for _, tt := range tests {
		if err := os.WriteFile(filepath.Join(content, "cables", "2007", "01", tt.file), []byte(tt.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var warnings bytes.Buffer
	cfg := buildConfig(content, filepath.Join(dir, "public"))
	cfg.ContentName = filepath.ToSlash(content)
	cfg.Warnings = &warnings
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if sum.Cables != 3 || sum.Skipped != len(tests) {
		t.Errorf("summary %v, want 3 cables and %d files skipped", sum, len(tests))
	}
	got := strings.Split(strings.TrimSpace(warnings.String()), "\n")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			prefix := filepath.ToSlash(content) + "/cables/2007/01/" + tt.file
			for _, w := range got {
				if rest, ok := strings.CutPrefix(w, prefix); ok {
					if !regexp.MustCompile(`^:[1-9][0-9]*: `).MatchString(rest) || !strings.Contains(rest, tt.want) {
						t.Errorf("warning %q, want it to start with file:line and contain %q", w, tt.want)
					}
					return
				}
			}
			t.Errorf("not reported; warnings:\n%s", warnings.String())
		})
	}
	if len(got) != len(tests) {
		t.Errorf("%d warnings, want %d:\n%s", len(got), len(tests), warnings.String())
	}
	for _, page := range []string{"cable/2007/01/07TEST1.html", "cable/2008/02/08TEST2.html", "cable/2009/03/09TEST3.html"} {
		if _, err := os.Stat(filepath.Join(cfg.Out, page)); err != nil {
			t.Errorf("the rest did not build: %v", err)
		}
	}
}

// A file whose front matter reads but whose original was broken by hand
// (its closing fence deleted) builds without its original, with a
// warning naming the fence's line; the rest builds.
func TestBuildBrokenOriginal(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 3)
	name := filepath.Join(content, "cables", "2007", "01", "07TEST1.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(data, []byte("\n~~~~"))
	if err := os.WriteFile(name, data[:i+1], 0o644); err != nil {
		t.Fatal(err)
	}
	fence := 1 + bytes.Count(data[:bytes.Index(data, []byte("~~~~ text"))], []byte("\n"))
	var warnings bytes.Buffer
	cfg := buildConfig(content, filepath.Join(dir, "public"))
	cfg.ContentName = filepath.ToSlash(content)
	cfg.Warnings = &warnings
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	want := fmt.Sprintf("%s/cables/2007/01/07TEST1.md:%d: the original's fence is not closed by a line of 4 tildes: the page is built without the original\n", filepath.ToSlash(content), fence)
	if warnings.String() != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", warnings.String(), want)
	}
	if sum.Cables != 3 || sum.Skipped != 0 {
		t.Errorf("summary %v", sum)
	}
	page, err := os.ReadFile(filepath.Join(cfg.Out, "cable", "2007", "01", "07TEST1.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if text := textOf(doc, "main"); !strings.Contains(text, "THE TEXT OF CABLE 1.") || textOf(doc, "pre") != "" {
		t.Errorf("want the body and no original:\n%s", text)
	}
}

// Nothing lost, on generated cables: every cable synthcables writes (as
// raw text files and as a cables.csv) is imported, and its markdown read
// back gives the fields cable.Parse gives for the original, and the
// original byte for byte. (TestRealCorpus in package annotate does the
// same for the real corpus.)
func TestNothingLost(t *testing.T) {
	synth := synthcables(t)
	for _, format := range []string{"text", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in")
			if format == "csv" {
				in += ".csv"
			}
			synth(t, "-n", "300", "-seed", "7", "-format", format, "-o", in)
			sources := FileSources([]string{in}, nil)
			content := filepath.Join(dir, "content")
			var problems bytes.Buffer
			sum, err := Import(context.Background(), ImportConfig{}, sources, NewDirDest(content), &problems)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Read != 300 || sum.Rejected != 0 || sum.Wrote+sum.Duplicates != 300 {
				t.Fatalf("summary %+v; problems:\n%s", sum, problems.String())
			}
			// The records as the readers give them, by where they start.
			records := map[cable.Pos]cable.Record{}
			for _, src := range sources {
				rc, err := src.Open()
				if err != nil {
					t.Fatal(err)
				}
				for rec, err := range cable.Records(src.Name, rc, cable.FormatAuto) {
					if err != nil {
						t.Fatal(err)
					}
					records[rec.Pos] = rec
				}
				rc.Close()
			}
			checked := 0
			err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				doc, err := annotate.Read(p, data)
				if err != nil {
					t.Errorf("reading back: %v", err)
					return nil
				}
				rec, ok := records[cable.Pos{File: doc.Source.File, Line: doc.Source.Line}]
				if !ok {
					t.Errorf("%s: source %s:%d is no record", p, doc.Source.File, doc.Source.Line)
					return nil
				}
				checked++
				if !bytes.Equal(doc.Original, rec.Text) {
					t.Errorf("%s: the original differs from the source's text", p)
				}
				if doc.Source.Format != rec.Format || !sameMeta(doc.Source.Meta, rec.Meta) {
					t.Errorf("%s: source %+v, want %s %+v", p, doc.Source, rec.Format, rec.Meta)
				}
				want := cable.Parse(rec)
				if doc.Cable.ID != want.ID {
					// A second cable with one id is kept as <id>-2, and
					// says so.
					if !strings.HasPrefix(doc.Cable.ID, want.ID+"-") || len(doc.Cable.Warnings) == 0 {
						t.Errorf("%s: id %q, want %q", p, doc.Cable.ID, want.ID)
					}
					want.ID = doc.Cable.ID
					want.Warnings = doc.Cable.Warnings
				}
				if diff := cableDiff(&doc.Cable, want); diff != "" {
					t.Errorf("%s: read back differs from cable.Parse of the original:\n%s", p, diff)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if checked != sum.Wrote {
				t.Errorf("checked %d files, %d written", checked, sum.Wrote)
			}
			t.Logf("%s: %d cables imported and read back, %d duplicates skipped", format, checked, sum.Duplicates)
		})
	}
}

// sameMeta compares source metadata, nil and empty lists alike.
func sameMeta(a, b cable.Meta) bool {
	return fmt.Sprintf("%q", normMeta(a)) == fmt.Sprintf("%q", normMeta(b))
}

func normMeta(m cable.Meta) cable.Meta {
	if len(m.References) == 0 {
		m.References = nil
	}
	if len(m.Articles) == 0 {
		m.Articles = nil
	}
	return m
}

// cableDiff compares the fields the front matter keeps (paragraph texts
// and BodyStart are not kept), one line per field that differs.
func cableDiff(got, want *cable.Cable) string {
	w := *want
	w.BodyStart = 0
	if !w.Date.IsZero() {
		w.Date = w.Date.UTC()
	}
	w.Paragraphs = nil
	for _, p := range want.Paragraphs {
		w.Paragraphs = append(w.Paragraphs, cable.Paragraph{N: p.N, Marking: p.Marking})
	}
	g := *got
	g.BodyStart = 0
	var diff []string
	gv, wv := fieldStrings(&g), fieldStrings(&w)
	for i := range gv {
		if gv[i] != wv[i] {
			diff = append(diff, fmt.Sprintf("  got  %s\n  want %s", gv[i], wv[i]))
		}
	}
	return strings.Join(diff, "\n")
}

// fieldStrings prints each field of c, empty lists as nil.
func fieldStrings(c *cable.Cable) []string {
	list := func(name string, n int, v any) string {
		if n == 0 {
			return name + ": []"
		}
		return fmt.Sprintf("%s: %q", name, v)
	}
	return []string{
		"id: " + c.ID, "date: " + c.Date.String(), "origin: " + c.Origin, "from: " + c.From,
		list("to", len(c.To), c.To), list("info", len(c.Info), c.Info),
		"classification: " + c.Classification, list("handling", len(c.Handling), c.Handling),
		list("tags", len(c.Tags), c.Tags), "subject: " + c.Subject, list("references", len(c.References), c.References),
		"classified_by: " + c.ClassifiedBy, "classifier: " + c.Classifier, "reasons: " + c.Reasons,
		"declassify: " + c.Declassify, "declassify_text: " + c.DeclassifyText, list("signers", len(c.Signers), c.Signers),
		"summary: " + c.Summary, fmt.Sprint("sections: ", c.Sections), list("paragraphs", len(c.Paragraphs), c.Paragraphs),
		list("warnings", len(c.Warnings), c.Warnings),
	}
}

// synthcables builds ../shared/tools/synthcables into a temporary folder
// and returns a function running it on the shared corpus. It skips (fails
// under CI=true) when the shared folder is absent.
func synthcables(t *testing.T) func(t *testing.T, args ...string) {
	t.Helper()
	root := corpus.Dir(t, ".")
	bin := filepath.Join(t.TempDir(), "synthcables")
	build := exec.Command("go", "build", "-C", filepath.Join(root, "..", "tools", "synthcables"), "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building synthcables: %v\n%s", err, out)
	}
	return func(t *testing.T, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"-corpus", root}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("synthcables %v: %v\n%s", args, err, out)
		}
	}
}

// The warnings of the render workers (broken originals) come in the order
// of their files, whatever the number of workers and their timing.
func TestBuildWarningsInOrder(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 24)
	err := filepath.WalkDir(filepath.Join(content, "cables"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, data[:bytes.LastIndex(data, []byte("\n~~~~"))+1], 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	var first []string
	for i, workers := range []int{1, 8, 8, 3} {
		cfg := buildConfig(content, filepath.Join(dir, fmt.Sprint("public", i)))
		cfg.Workers = workers
		var warnings bytes.Buffer
		cfg.Warnings = &warnings
		if _, err := Build(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(warnings.String()), "\n")
		if len(lines) != 24 || !slices.IsSorted(lines) {
			t.Fatalf("%d workers: %d warnings, want 24 in the order of their files:\n%s", workers, len(lines), warnings.String())
		}
		if i == 0 {
			first = lines
		} else if !slices.Equal(lines, first) {
			t.Errorf("%d workers: warnings differ from one worker's", workers)
		}
	}
}
