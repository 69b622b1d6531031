package annotate

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// pieceFS is a folder of files given as strings, read a few bytes at a
// time to exercise readers that grow a buffer.
type pieceFS map[string]string

func (p pieceFS) Open(name string) (fs.File, error) {
	m := fstest.MapFS{}
	for k, v := range p {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	f, err := m.Open(name)
	if err != nil {
		return nil, err
	}
	return pieceFile{f}, nil
}

type pieceFile struct{ fs.File }

func (f pieceFile) Read(b []byte) (int, error) { return f.File.Read(b[:min(len(b), 7)]) }

func TestReadFrontMatter(t *testing.T) {
	fm := "---\ntitle: \"x\"\nid: \"X\"\n---\n"
	for _, tc := range []struct{ name, data, want string }{
		{"whole", fm + "body\n", fm},
		{"bom", "\xEF\xBB\xBF" + fm + "body", "\xEF\xBB\xBF" + fm},
		{"crlf", strings.ReplaceAll(fm, "\n", "\r\n") + "body", strings.ReplaceAll(fm, "\n", "\r\n")},
		{"no front matter", "# title\nbody\n", "# title\n"},
		{"unclosed", "---\ntitle: x\n", "---\ntitle: x\n"},
		{"long", "---\ntitle: \"" + strings.Repeat("x", 100_000) + "\"\n---\nbody", "---\ntitle: \"" + strings.Repeat("x", 100_000) + "\"\n---\n"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := ReadFrontMatter(pieceFS{"f.md": tc.data}, "f.md", make([]byte, 0, 16))
			if err != nil || string(got) != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if _, _, err := ReadFrontMatter(pieceFS{}, "f.md", nil); err == nil {
		t.Error("a missing file read")
	}
}

func FuzzReadFrontMatter(f *testing.F) {
	for _, s := range []string{"---\nid: \"X\"\n---\nbody", "---\n---\n", "---", "", "x\n---\n", "\xEF\xBB\xBF---\r\n---\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		got, _, err := ReadFrontMatter(pieceFS{"f.md": data}, "f.md", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(data, string(got)) {
			t.Fatalf("%q is not a prefix of %q", got, data)
		}
	})
}

func TestKeyLine(t *testing.T) {
	fm := []byte("---\ntitle: \"x\"\nid: \"X\"\nsource:\n  id: \"Y\"\n---\n")
	for key, want := range map[string]int{"title": 2, "id": 3, "source": 4, "date": 1} {
		if got := KeyLine(fm, key); got != want {
			t.Errorf("KeyLine(%q) = %d, want %d", key, got, want)
		}
	}
}

func TestReadWithoutOriginal(t *testing.T) {
	head := "---\nid: \"X\"\nsubject: \"S\"\n---\n\nBody.\n"
	notes := notesMarker + "\nA note.\n"
	broken := originalMarker + "\n~~~~ text\nTEXT\n"
	for _, tc := range []struct {
		name, data string
		ok         bool
		body       string
	}{
		{"broken fence", head + broken, true, "\nBody.\n"},
		{"notes kept", head + notes + broken, true, "\nBody.\n"},
		{"no original", head, false, ""},
		{"broken front matter", "---\nid: [\n---\n\nBody.\n" + broken, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Read("f.md", []byte(tc.data)); err == nil && tc.ok {
				t.Fatal("Read reads it")
			}
			d, ok := ReadWithoutOriginal("f.md", []byte(tc.data))
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if string(d.Body) != tc.body || d.Original != nil || d.Cable.ID != "X" {
				t.Errorf("body %q, original %q, id %q", d.Body, d.Original, d.Cable.ID)
			}
			if strings.Contains(tc.data, notesMarker) && string(d.Notes) != "A note.\n" {
				t.Errorf("notes %q", d.Notes)
			}
		})
	}
}
