package annotate

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/cable"
)

// editorialSample is what an editor adds to a file: a title of their own
// and notes. Merge takes both from it.
const editorialSample = "---\ntitle: \"The talks resume: an editor's title\"\n---\n" +
	notesMarker + "\n" +
	"An editor's **commentary**, with [a source](https://example.org/talks).\n\n" +
	"- compare [SEOUL 300](cable:09SEOUL300)\n" +
	"- <!-- cablesite:original --> in a line is not a marker\n\n"

// TestTitle checks which titles Read calls the editor's.
func TestTitle(t *testing.T) {
	for _, tt := range []struct{ fm, want string }{
		{"title: \"S\"\nid: \"X\"\nsubject: \"S\"\n", ""},
		{"title: \"X\"\nid: \"X\"\n", ""},
		{"id: \"X\"\nsubject: \"S\"\n", ""},
		{"title: \"\"\nid: \"X\"\nsubject: \"S\"\n", ""},
		{"title: \"Mine\"\nid: \"X\"\nsubject: \"S\"\n", "Mine"},
		{"title: \"X\"\nid: \"X\"\nsubject: \"S\"\n", "X"},
		{"title: Mine, plain\nid: \"X\"\n", "Mine, plain"},
		{"title: >-\n  Folded\n  title\nid: \"X\"\n", "Folded title"},
		{"title: 2007\nid: \"X\"\n", "2007"},
		{"title: [a, b]\nid: \"X\"\n", ""},
	} {
		d, err := Read("t.md", []byte("---\n"+tt.fm+"---\n"))
		if err != nil {
			t.Errorf("%q: %v", tt.fm, err)
			continue
		}
		if d.Title != tt.want {
			t.Errorf("%q: Title = %q, want %q", tt.fm, d.Title, tt.want)
		}
	}
}

// TestDigest checks that the digest Write records holds through edits of
// the title and the notes, and through no other edit.
func TestDigest(t *testing.T) {
	md := mustAppend(t, fullCable(), fullRecord())
	text := string(md)
	replace := func(old, new string) string {
		if !strings.Contains(text, old) {
			t.Fatalf("the file lacks %q", old)
		}
		return strings.Replace(text, old, new, 1)
	}
	title := text[strings.Index(text, "title:") : strings.Index(text, "title:")+strings.Index(text[strings.Index(text, "title:"):], "\n")+1]
	withNotes := replace(originalMarker, notesMarker+"\nA note.\n\n"+originalMarker)
	tests := []struct {
		name   string
		file   string
		has    bool
		intact bool
	}{
		{"as written", text, true, true},
		{"title changed", replace(title, "title: \"Mine\"\n"), true, true},
		{"title folded", replace(title, "title: >-\n  Mine,\n  folded\n\n"), true, true},
		{"title removed", replace(title, ""), true, true},
		{"notes added", withNotes, true, true},
		{"notes added, no blank line", replace(originalMarker, notesMarker+"\nA note.\n"+originalMarker), true, true},
		{"body edited", replace("AN ACTION REQUEST", "AN ACTION REQUESTED"), true, false},
		{"subject edited", replace("subject: \"", "subject: \"X"), true, false},
		{"source file edited", replace("file: \"", "file: \"x"), true, false},
		{"digest edited", replace("digest: \"sha256:", "digest: \"sha256:0"), true, false},
		{"original edited", replace("~~~~ text\n", "~~~~ text\nX"), true, false},
		{"a key added", replace("id: ", "draft: true\nid: "), true, false},
		{"a comment after the title", replace(title, title+"# mine\n"), true, false},
		{"CRLF", strings.ReplaceAll(text, "\n", "\r\n"), true, false},
		{"a byte order mark", "\xEF\xBB\xBF" + text, true, false},
		{"digest removed", replace(text[strings.Index(text, "  digest:"):strings.Index(text, "  digest:")+digestLen], ""), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read("d.md", []byte(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			has, ok := Unedited([]byte(tt.file), d)
			if has != tt.has || ok != tt.intact {
				t.Errorf("Unedited = %v, %v; want %v, %v", has, ok, tt.has, tt.intact)
			}
		})
	}
}

// TestEditedLine checks that the line named for an edit is the edit's.
func TestEditedLine(t *testing.T) {
	md := mustAppend(t, fullCable(), fullRecord())
	lines := strings.Split(string(md), "\n")
	body := 0
	for i, l := range lines {
		if strings.Contains(l, "AN ACTION REQUEST") {
			body = i
			break
		}
	}
	lines[body] = strings.Replace(lines[body], "AN ACTION REQUEST", "AN ACTION REQUESTED", 1)
	edited := []byte(strings.Join(lines, "\n"))
	// Notes and a title change before the edit do not move the line named
	// off the edit.
	edited, _ = Merge(edited, []byte(editorialSample), nil)
	d, err := Read("e.md", edited)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Count(edited[:bytes.Index(edited, []byte("AN ACTION REQUESTED"))], []byte("\n")) + 1
	if got := EditedLine(edited, d, md); got != want {
		t.Errorf("EditedLine = %d, want %d", got, want)
	}
	// Against a file another parser would write, no line is named.
	other := bytes.Replace(md, []byte("AN ACTION REQUEST"), []byte("AN ACTION REQUEST "), 1)
	if got := EditedLine(edited, d, other); got != 0 {
		t.Errorf("EditedLine against another version = %d, want 0", got)
	}
}

// TestMerge checks what Merge keeps of an old file.
func TestMerge(t *testing.T) {
	c, rec := fullCable(), fullRecord()
	md := mustAppend(t, c, rec)
	c2 := *c
	c2.Subject = "A CORRECTED SUBJECT"
	fresh := mustAppend(t, &c2, rec) // a corrected source, say
	with, _ := Merge(md, []byte(editorialSample), nil)
	notes := editorialSample[strings.Index(editorialSample, notesMarker):]

	t.Run("nothing to keep", func(t *testing.T) {
		d := mustRead(t, md)
		if got, kept := Merge(fresh, md, d); !bytes.Equal(got, fresh) || kept != (Kept{}) {
			t.Errorf("Merge changed a file with nothing of an editor's (%+v)", kept)
		}
	})
	t.Run("title and notes", func(t *testing.T) {
		d := mustRead(t, with)
		if d.Title != "The talks resume: an editor's title" {
			t.Errorf("Title = %q", d.Title)
		}
		got, kept := Merge(fresh, with, d)
		if kept != (Kept{Title: true, Notes: true}) {
			t.Errorf("kept %+v", kept)
		}
		if !bytes.Contains(got, []byte("\ntitle: \"The talks resume: an editor's title\"\n")) || !bytes.Contains(got, []byte(notes+originalMarker)) {
			t.Errorf("title or notes not kept:\n%s", got)
		}
		g := mustRead(t, got)
		if g.Cable.Subject != "A CORRECTED SUBJECT" || string(g.Notes) != notes[len(notesMarker)+1:] {
			t.Errorf("subject %q, notes %q", g.Cable.Subject, g.Notes)
		}
		if has, ok := Unedited(got, g); !has || !ok {
			t.Errorf("the merged file's digest does not hold")
		}
	})
	t.Run("a default title follows the subject", func(t *testing.T) {
		notesOnly := bytes.Replace(with, []byte("title: \"The talks resume: an editor's title\""), []byte("title: \""+c.Subject+"\""), 1)
		got, _ := Merge(fresh, notesOnly, mustRead(t, notesOnly))
		if g := mustRead(t, got); g.Title != "" || !bytes.Contains(got, []byte("title: \"A CORRECTED SUBJECT\"")) {
			t.Errorf("title %q:\n%s", g.Title, got)
		}
	})
	t.Run("title lines byte for byte", func(t *testing.T) {
		folded := bytes.Replace(with, []byte("title: \"The talks resume: an editor's title\"\n"), []byte("title: >-\n  Mine,\n    folded # and spaced\n\n"), 1)
		got, _ := Merge(fresh, folded, mustRead(t, folded))
		if !bytes.HasPrefix(got, []byte("---\ntitle: >-\n  Mine,\n    folded # and spaced\n\ndate: ")) {
			t.Errorf("the title's lines are not kept:\n%s", got[:200])
		}
	})
	t.Run("front matter that does not read", func(t *testing.T) {
		broken := bytes.Replace(with, []byte("id: \""), []byte("id: [\""), 1)
		if _, err := Read("b.md", broken); err == nil {
			t.Fatal("the broken file reads")
		}
		got, kept := Merge(fresh, broken, nil)
		if kept.TitleLost || !bytes.Contains(got, []byte("title: \"The talks resume")) || !bytes.Contains(got, []byte(notes)) {
			t.Errorf("kept %+v:\n%s", kept, got)
		}
		badTitle := bytes.Replace(broken, []byte("title: \"The talks"), []byte("title: [\"The talks"), 1)
		got, kept = Merge(fresh, badTitle, nil)
		if kept != (Kept{Notes: true, TitleLost: true}) || !bytes.Contains(got, []byte("title: \"A CORRECTED SUBJECT\"")) || !bytes.Contains(got, []byte(notes)) {
			t.Errorf("a title that does not read: kept %+v:\n%s", kept, got)
		}
	})
	t.Run("notes ending the file", func(t *testing.T) {
		old := []byte("---\n---\n" + notesMarker + "\nno line end")
		got, _ := Merge(fresh, old, nil)
		if !bytes.Contains(got, []byte("\n"+notesMarker+"\nno line end\n"+originalMarker+"\n")) {
			t.Errorf("notes without a line end:\n%s", got)
		}
	})
}

func mustRead(t *testing.T, data []byte) *Document {
	t.Helper()
	d, err := Read("m.md", data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestGoldenEditorial writes a fixture with an editor's title and notes
// and compares it with testdata/golden/editorial.md (go test -update
// rewrites it); reading that file back and writing the cable again from
// its own original, keeping the editor's parts, gives it byte for byte.
func TestGoldenEditorial(t *testing.T) {
	const fixture = "testdata/fixtures/text-summary.txt"
	var got []byte
	importFile(t, fixture, filepath.Base(fixture), func(rec cable.Record, c *cable.Cable, md []byte) {
		got, _ = Merge(md, []byte(editorialSample), nil)
	})
	golden := filepath.Join("testdata", "golden", "editorial.md")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("differs from %s (go test -update rewrites it):\n%s", golden, firstDiff(string(got), string(want)))
	}
	d, err := Read(golden, want)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "The talks resume: an editor's title" || !bytes.HasPrefix(d.Notes, []byte("An editor's **commentary**")) {
		t.Errorf("Title %q, Notes %q", d.Title, d.Notes)
	}
	if has, ok := Unedited(want, d); !has || !ok {
		t.Errorf("the digest does not hold")
	}
	rec := d.Record()
	c := cable.Parse(rec)
	if !reflect.DeepEqual(stored(c), d.Cable) {
		t.Errorf("the original parses to other fields")
	}
	again, _ := Merge(mustAppend(t, c, rec), want, d)
	if !bytes.Equal(again, want) {
		t.Errorf("written again from its original, keeping the editor's parts:\n%s", firstDiff(string(again), string(want)))
	}
}
