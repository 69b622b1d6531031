package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
)

// Everything written is minified, including what the build writes past
// the minifier (a cable's body and original text, spliced in afterwards):
// minifying the built files again leaves them nearly as they are.
func TestBuildMinified(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 40)
	// Hostile cables: markup, quotes and whitespace everywhere, and
	// the splice's own hole in the text and in the subject, which make
	// the build fall back to minifying the whole page.
	hostile := map[string]bool{}
	for i, tc := range []struct{ subject, text string }{
		{`<img src=x onerror=alert(1)> & "QUOTES" 'TOO' {{.}}`, "\n\nSUBJECT: <script>alert(1)</script>\n\n1. (S) A & B \"SAID\" 'SO'   \t  TWICE.\n\n\n-- ITEM ONE\n-- ITEM TWO\n\n2. (C) <b>MORE</b>.\n"},
		{"HOLE IN THE TEXT", "1. (S) TEXT " + publish.Hole + " MORE.\n"},
		{"HOLE " + publish.Hole + " IN THE SUBJECT", "1. (S) TEXT.\n"},
	} {
		c := &cable.Cable{
			ID:             fmt.Sprintf("07HOSTILE%d", i+1),
			Date:           time.Date(2007, 9, 7, 21, 47, 0, 0, time.UTC),
			Origin:         "Embassy <b>Paris</b>",
			Classification: "SECRET",
			Tags:           []string{"PGOV"},
			Subject:        tc.subject,
			Paragraphs:     []cable.Paragraph{{N: 1, Marking: "S"}},
		}
		var buf bytes.Buffer
		rec := cable.Record{Pos: cable.Pos{File: "hostile.txt", Line: 1}, Format: cable.FormatText, Text: []byte(tc.text)}
		if err := annotate.Write(&buf, c, rec); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(content, filepath.FromSlash(annotate.Path(c)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		hostile[strings.TrimPrefix(annotate.URL(c), "/")] = true
	}
	cfg := buildConfig(content, filepath.Join(dir, "public"))
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	m := publish.NewMinifier()
	checked := 0
	for name, data := range readTree(t, cfg.Out) {
		mt := publish.MediaType(name)
		if mt == "" {
			continue
		}
		var again bytes.Buffer
		if err := m.Minify(mt, &again, bytes.NewReader(data)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The minifiers are not quite idempotent (a second pass may
		// rename a script's variables, or drop a few more bytes of a
		// page), and a cable's body is spliced in past the minifier as
		// package markdown writes it, less the newlines between blocks
		// (the minifier would also write " for &quot; and collapse runs
		// of spaces): every file must shrink by under 1%, or 16 bytes
		// for a small one (a search shard of four hits whose text has
		// quotes: the JavaScript minifier puts it in backquotes, 6 bytes
		// fewer in 388).
		// The pages of cables with plain text must not change at all.
		switch {
		case len(data)-again.Len() > max(len(data)/100, 16):
			t.Errorf("%s: minifying again gives %d bytes instead of %d", name, again.Len(), len(data))
		case strings.HasPrefix(name, "cable/") && !hostile[name] && !bytes.Equal(again.Bytes(), data):
			i := 0
			for i < len(data) && i < again.Len() && data[i] == again.Bytes()[i] {
				i++
			}
			t.Errorf("%s: minifying again changes it at byte %d: %q, then %q", name, i, data[max(0, i-40):min(len(data), i+40)], again.Bytes()[max(0, i-40):min(again.Len(), i+40)])
		}
		if hostile[name] && !bytes.Contains(data, []byte("TEXT")) && !bytes.Contains(data, []byte("SAID")) {
			t.Errorf("%s lacks its text", name)
		}
		checked++
	}
	page := readTree(t, cfg.Out)["cable/2007/09/07HOSTILE2.html"]
	if !bytes.Contains(page, []byte("TEXT "+publish.Hole+" MORE.")) {
		t.Errorf("07HOSTILE2: the text with a hole is lost:\n%s", page)
	}
	if checked < 40 {
		t.Errorf("checked %d files", checked)
	}
}
