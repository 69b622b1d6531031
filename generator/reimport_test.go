package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/internal/corpus"
)

// Importing again over files a person edited: nothing a person wrote is
// lost. The editor's title and notes survive every import; an edit of the
// source's parts keeps the whole file unless -force.

const (
	reName  = "cables/2007/09/07STATE126086.md"
	notes   = "<!-- cablesite:notes -->\nThe *editor's* commentary, [with a link](https://example.org/).\n\n- and a list\n\n"
	myTitle = "title: >-\n  An editor's title,\n  folded\n"
)

// reimport imports src into dir with cfg and returns the summary and the
// problems.
func reimport(t *testing.T, dir string, cfg ImportConfig, src Source) (Summary, string) {
	t.Helper()
	var problems bytes.Buffer
	sum, err := Import(context.Background(), cfg, []Source{src}, NewDirDest(dir), &problems)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return sum, problems.String()
}

// edit changes the file name of dir with f, and returns the new bytes.
func edit(t *testing.T, dir string, f func(string) string) []byte {
	t.Helper()
	p := filepath.Join(dir, reName)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := f(string(data))
	if edited == string(data) {
		t.Fatal("the edit changed nothing")
	}
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	return []byte(edited)
}

func replaceOnce(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// addNotes puts the notes before the original's marker.
func addNotes(s string) string {
	return strings.Replace(s, "<!-- cablesite:original -->", notes+"<!-- cablesite:original -->", 1)
}

// retitle replaces the default title by the editor's.
func retitle(s string) string {
	return regexp.MustCompile(`(?m)^title: .*\n`).ReplaceAllString(s, myTitle)
}

func readContent(t *testing.T, dir string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, reName))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReimportEdited(t *testing.T) {
	v1 := textCable("STATE", 126086, "072147Z SEP 07", "THE FIRST TEXT OF THE CABLE.")
	// A corrected source: the same file, another text.
	v2 := textCable("STATE", 126086, "072147Z SEP 07", "THE CORRECTED TEXT OF THE CABLE.")
	tests := []struct {
		name  string
		edit  func(string) string
		force bool
		want  Summary
		// problem is a regular expression the problems must match
		// (FILE stands for the file's path), "" for none.
		problem string
		// kept: the file is left byte for byte; otherwise it holds v2's
		// text, and the notes and the title when the edit added them.
		kept              bool
		hasNotes, myTitle bool
	}{
		{name: "body", edit: replaceOnce("THE FIRST TEXT", "THE FIRST, EDITED TEXT"),
			want: Summary{Read: 1, Kept: 1}, problem: `^FILE:\d+: edited since import, kept \(use -force to replace\)\n$`, kept: true},
		{name: "subject", edit: replaceOnce(`subject: "A TEST SUBJECT"`, `subject: "A BETTER SUBJECT"`),
			want: Summary{Read: 1, Kept: 1}, problem: `^FILE:\d+: edited since import, kept \(use -force to replace\)\n$`, kept: true},
		{name: "a source field", edit: replaceOnce("  line: 1\n", "  line: 2\n"),
			want: Summary{Read: 1, Kept: 1}, problem: `^FILE(:\d+)?: edited since import, kept`, kept: true},
		{name: "broken YAML", edit: replaceOnce(`tags: [`, `tags: [[`),
			want: Summary{Read: 1, Kept: 1}, problem: `^FILE:\d+: edited since import, kept \(use -force to replace\): .+\n$`, kept: true},
		{name: "notes", edit: addNotes,
			want: Summary{Read: 1, Wrote: 1}, hasNotes: true},
		{name: "title", edit: retitle,
			want: Summary{Read: 1, Wrote: 1}, myTitle: true},
		{name: "title and notes", edit: func(s string) string { return retitle(addNotes(s)) },
			want: Summary{Read: 1, Wrote: 1}, hasNotes: true, myTitle: true},
		{name: "body, title and notes, -force", edit: func(s string) string {
			return retitle(addNotes(strings.Replace(s, "THE FIRST TEXT", "THE FIRST, EDITED TEXT", 1)))
		}, force: true,
			want: Summary{Read: 1, Wrote: 1}, problem: `^FILE: edited since import, replaced \(-force\); its title and notes kept\n$`, hasNotes: true, myTitle: true},
		{name: "a title that does not read, notes, -force", edit: func(s string) string {
			return addNotes(regexp.MustCompile(`(?m)^title: .*\n`).ReplaceAllString(s, "title: [\"unclosed\n"))
		}, force: true,
			want: Summary{Read: 1, Wrote: 1}, problem: `^FILE: edited since import, replaced \(-force\); its notes kept\nFILE: its title does not read: replaced by the default\n$`, hasNotes: true},
		{name: "broken YAML, title and notes, -force", edit: func(s string) string {
			return retitle(addNotes(strings.Replace(s, `tags: [`, `tags: [[`, 1)))
		}, force: true,
			want: Summary{Read: 1, Wrote: 1}, problem: `^FILE: edited since import, replaced \(-force\); its title and notes kept\n$`, hasNotes: true, myTitle: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			reimport(t, dir, ImportConfig{}, stringSource("a.txt", v1))
			edited := edit(t, dir, tt.edit)
			sum, problems := reimport(t, dir, ImportConfig{Force: tt.force}, stringSource("a.txt", v2))
			if sum != tt.want {
				t.Errorf("summary %+v, want %+v; problems:\n%s", sum, tt.want, problems)
			}
			want := strings.ReplaceAll(tt.problem, "FILE", regexp.QuoteMeta(filepath.Join(dir, reName)))
			if tt.problem == "" && problems != "" || !regexp.MustCompile(want).MatchString(problems) {
				t.Errorf("problems:\n%s\nwant %s", problems, want)
			}
			got := readContent(t, dir)
			if tt.kept {
				if !bytes.Equal(got, edited) {
					t.Errorf("the edited file changed:\n%s", got)
				}
				return
			}
			if !bytes.Contains(got, []byte("THE CORRECTED TEXT")) || bytes.Contains(got, []byte("THE FIRST")) {
				t.Errorf("the file was not written from the corrected source:\n%s", got)
			}
			if has := bytes.Contains(got, []byte("\n"+notes+"<!-- cablesite:original -->\n")); has != tt.hasNotes {
				t.Errorf("notes kept byte for byte: %v, want %v:\n%s", has, tt.hasNotes, got)
			}
			if has := bytes.HasPrefix(got, []byte("---\n"+myTitle)); has != tt.myTitle {
				t.Errorf("title kept byte for byte: %v, want %v:\n%s", has, tt.myTitle, got)
			}
			d, err := annotate.Read(reName, got)
			if err != nil {
				t.Fatal(err)
			}
			if has, ok := annotate.Unedited(got, d); !has || !ok {
				t.Errorf("the file written does not carry its digest")
			}
			// Importing once more changes nothing.
			if sum, problems := reimport(t, dir, ImportConfig{}, stringSource("a.txt", v2)); sum != (Summary{Read: 1, Unchanged: 1}) {
				t.Errorf("imported once more: %+v\n%s", sum, problems)
			}
		})
	}
}

// The line named for an edit of the body is the edit's.
func TestReimportNamesTheLine(t *testing.T) {
	dir := t.TempDir()
	src := stringSource("a.txt", textCable("STATE", 126086, "072147Z SEP 07", "THE TEXT."))
	reimport(t, dir, ImportConfig{}, src)
	edited := edit(t, dir, func(s string) string {
		return addNotes(retitle(strings.Replace(s, "THE TEXT.", "THE TEXT, EDITED.", 1)))
	})
	line := 1 + bytes.Count(edited[:bytes.Index(edited, []byte("EDITED"))], []byte("\n"))
	_, problems := reimport(t, dir, ImportConfig{}, src)
	if want := fmt.Sprintf("%s:%d: edited since import, kept (use -force to replace)\n", filepath.Join(dir, reName), line); problems != want {
		t.Errorf("problems %q, want %q", problems, want)
	}
}

// Files written before the digest: unedited, they are written again with
// one; edited, they are kept.
func TestReimportWithoutDigest(t *testing.T) {
	src := stringSource("a.txt", textCable("STATE", 126086, "072147Z SEP 07", "THE TEXT."))
	noDigest := regexp.MustCompile(`(?m)^  digest: .*\n`)
	for _, tt := range []struct {
		name string
		edit func(string) string
		want Summary
	}{
		{"unedited", func(s string) string { return s }, Summary{Read: 1, Wrote: 1}},
		{"with notes and a title", func(s string) string { return retitle(addNotes(s)) }, Summary{Read: 1, Wrote: 1}},
		{"edited", replaceOnce("THE TEXT.", "THE TEXT, EDITED."), Summary{Read: 1, Kept: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			reimport(t, dir, ImportConfig{}, src)
			edited := edit(t, dir, func(s string) string { return tt.edit(noDigest.ReplaceAllString(s, "")) })
			sum, problems := reimport(t, dir, ImportConfig{}, src)
			if sum != tt.want {
				t.Errorf("summary %+v, want %+v; problems:\n%s", sum, tt.want, problems)
			}
			got := readContent(t, dir)
			if tt.want.Kept > 0 {
				if !bytes.Equal(got, edited) {
					t.Error("the edited file changed")
				}
				return
			}
			if !bytes.Contains(got, []byte("\n  digest: \"sha256:")) {
				t.Errorf("written without a digest:\n%s", got)
			}
			if bytes.Contains(edited, []byte(notes)) && !bytes.Contains(got, []byte(notes)) {
				t.Errorf("the notes are lost:\n%s", got)
			}
		})
	}
}

// readFailing is a Dest whose files cannot be read, as for a user without
// the permission (tests run as root, which reads anything).
type readFailing struct{ *DirDest }

func (readFailing) ReadFile(name string) ([]byte, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

// A file that cannot be read is never replaced, not even with -force: its
// notes cannot be kept.
func TestReimportUnreadable(t *testing.T) {
	dir := t.TempDir()
	src := stringSource("a.txt", textCable("STATE", 126086, "072147Z SEP 07", "THE TEXT."))
	reimport(t, dir, ImportConfig{}, src)
	before := readContent(t, dir)
	var problems bytes.Buffer
	sum, err := Import(context.Background(), ImportConfig{Force: true}, []Source{src, src}, readFailing{NewDirDest(dir)}, &problems)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Read: 2, Kept: 1, Duplicates: 1}); sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	want := filepath.Join(dir, reName) + ": cannot be read (permission denied), kept\na.txt:1: skipped: 07STATE126086 is the same cable as a.txt:1\n"
	if problems.String() != want {
		t.Errorf("problems:\n%s\nwant:\n%s", problems.String(), want)
	}
	if !bytes.Equal(readContent(t, dir), before) {
		t.Error("the file changed")
	}
}

// A corrected source of a cable (the same record of the same source) is
// written over the cable's file; a different cable with the same id from
// another source gets the id with a suffix, and importing the first again
// keeps that assignment. An edited file keeps its id for the cable.
func TestReimportCorrectedOrDifferent(t *testing.T) {
	dir := t.TempDir()
	first := textCable("STATE", 7, "072147Z SEP 07", "FIRST TEXT.")
	corrected := textCable("STATE", 7, "072147Z SEP 07", "CORRECTED TEXT.")
	other := textCable("STATE", 7, "072147Z SEP 07", "ANOTHER CABLE.")
	reimport(t, dir, ImportConfig{}, stringSource("a.txt", first))
	sum, problems := reimport(t, dir, ImportConfig{}, stringSource("a.txt", corrected))
	if sum != (Summary{Read: 1, Wrote: 1}) {
		t.Errorf("corrected: %+v\n%s", sum, problems)
	}
	sum, problems = reimport(t, dir, ImportConfig{}, stringSource("b.txt", other))
	if sum != (Summary{Read: 1, Wrote: 1, Warned: 1}) || !strings.Contains(problems, "kept as 07STATE7-2") {
		t.Errorf("another cable: %+v\n%s", sum, problems)
	}
	folder := filepath.Join(dir, "cables/2007/09")
	for name, text := range map[string]string{"07STATE7.md": "CORRECTED TEXT.", "07STATE7-2.md": "ANOTHER CABLE."} {
		data, err := os.ReadFile(filepath.Join(folder, name))
		if err != nil || !bytes.Contains(data, []byte(text)) || bytes.Contains(data, []byte("FIRST TEXT")) {
			t.Errorf("%s: %v\n%s", name, err, data)
		}
	}
	// Both again, the other first: each keeps its file.
	var buf bytes.Buffer
	sum, err := Import(context.Background(), ImportConfig{}, []Source{stringSource("b.txt", other), stringSource("a.txt", corrected)}, NewDirDest(dir), &buf)
	if err != nil || sum != (Summary{Read: 2, Unchanged: 2, Warned: 1}) {
		t.Errorf("both again: %+v, %v\n%s", sum, err, buf.String())
	}
	// The cable's file edited: a corrected source is kept out of it, and
	// does not take another id.
	p := filepath.Join(folder, "07STATE7.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("CORRECTED TEXT."), []byte("EDITED TEXT."), 1), 0o644)
	sum, problems = reimport(t, dir, ImportConfig{}, stringSource("a.txt", first))
	if sum != (Summary{Read: 1, Kept: 1}) || !strings.Contains(problems, "07STATE7.md:") {
		t.Errorf("edited: %+v\n%s", sum, problems)
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 2 {
		t.Errorf("%d files, want 2", len(entries))
	}
}

// A cables.csv whose rows are corrected: each row's file is the row's.
func TestReimportCorrectedCSV(t *testing.T) {
	dir := t.TempDir()
	row := func(n, text string) string {
		return csvRecord(n, "9/7/2007 21:47", "07STATE"+n, "Secretary of State", "CONFIDENTIAL", "", "FM SECSTATE WASHDC", "C O N F I D E N T I A L STATE "+n+"\n\n1. (C) "+text)
	}
	reimport(t, dir, ImportConfig{}, stringSource("c.csv", row("1", "ONE.")+row("2", "TWO.")))
	path := filepath.Join(dir, "cables/2007/09/07STATE2.md")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(addNotes(string(data))), 0o644)
	// A row inserted before, which moves the lines of the others.
	sum, problems := reimport(t, dir, ImportConfig{}, stringSource("c.csv", row("3", "THREE.")+row("1", "ONE, CORRECTED.")+row("2", "TWO, CORRECTED.")))
	if sum != (Summary{Read: 3, Wrote: 3}) {
		t.Errorf("summary %+v\n%s", sum, problems)
	}
	data, _ = os.ReadFile(path)
	if !bytes.Contains(data, []byte("TWO, CORRECTED.")) || !bytes.Contains(data, []byte(notes)) {
		t.Errorf("07STATE2:\n%s", data)
	}
}

// TestReimportRealCorpus imports the real corpus, gives every file notes
// and an editor's title, and imports it again: every file is unchanged.
func TestReimportRealCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the real corpus twice")
	}
	sources := FileSources([]string{corpus.Dir(t, "real/cablegate-html")}, nil)
	dir := t.TempDir()
	if sum, problems := runImport(t, dir, sources...); sum.Rejected > 0 {
		t.Fatalf("%+v\n%s", sum, problems)
	}
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(p, []byte(retitle(addNotes(string(data)))), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, problems := runImport(t, dir, sources...)
	if sum.Unchanged != n || sum.Kept+sum.Wrote != 0 {
		t.Errorf("again: %+v (%d files)\n%s", sum, n, problems)
	}
}
