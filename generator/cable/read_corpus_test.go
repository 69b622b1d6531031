package cable

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// manifestRow is one line of a corpus group's MANIFEST.tsv.
type manifestRow struct {
	path, id, created, classification, origin string
}

// readManifests reads every MANIFEST.tsv under dir, keyed by file path.
func readManifests(t *testing.T, dir string) map[string]manifestRow {
	t.Helper()
	rows := map[string]manifestRow{}
	manifests, err := filepath.Glob(filepath.Join(dir, "*", "MANIFEST.tsv"))
	if err != nil || len(manifests) == 0 {
		t.Fatalf("no MANIFEST.tsv under %s (%v)", dir, err)
	}
	for _, m := range manifests {
		f, err := os.Open(m)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for first := true; sc.Scan(); first = false {
			c := strings.Split(sc.Text(), "\t")
			if first || len(c) < 6 {
				continue
			}
			p := filepath.Join(filepath.Dir(m), filepath.FromSlash(c[0]))
			rows[p] = manifestRow{p, c[2], c[3], c[4], c[5]}
		}
		f.Close()
	}
	return rows
}

// TestReadRealPages reads every real Cablegate page: one record each, its
// table read as MANIFEST.tsv states it, and its body in the text with the
// page's markup gone.
func TestReadRealPages(t *testing.T) {
	dir := corpus.Dir(t, "real/cablegate-html")
	files := corpus.Files(t, "real/cablegate-html", ".html")
	manifest := readManifests(t, dir)
	if len(files) != len(manifest) {
		t.Errorf("%d pages but %d manifest rows", len(files), len(manifest))
	}
	dumps := 0
	for _, path := range files {
		rel, _ := filepath.Rel(dir, path)
		t.Run(rel, func(t *testing.T) {
			want, ok := manifest[path]
			if !ok {
				t.Fatalf("%s is not in its MANIFEST.tsv", path)
			}
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recs := collect(t, path, page, FormatAuto)
			if len(recs) != 1 || recs[0].err != nil {
				t.Fatalf("got %d records, first error %v; want one record", len(recs), firstErr(recs))
			}
			rec := recs[0].rec
			if rec.Format != FormatHTML {
				t.Errorf("Format = %q, want html", rec.Format)
			}
			m := rec.Meta
			if m.ID != want.id || m.Created != want.created || m.Classification != want.classification || m.Origin != want.origin {
				t.Errorf("Meta = %q %q %q %q, manifest says %q %q %q %q",
					m.ID, m.Created, m.Classification, m.Origin, want.id, want.created, want.classification, want.origin)
			}
			if m.Released == "" {
				t.Errorf("no Released date")
			}
			if bytes.Contains(page, []byte("Appears in these articles")) != (len(m.Articles) > 0) {
				t.Errorf("Articles = %q, page has the row: %v", m.Articles, !bytes.Contains(page, []byte("Appears in these articles")))
			}
			for _, a := range m.Articles {
				if strings.HasPrefix(a, "http://http") || !strings.Contains(a, ".") {
					t.Errorf("article link %q", a)
				}
			}
			if rec.Pos.Line != lineOf(page, "<table class='cable'>") {
				t.Errorf("Pos.Line = %d, want the table's line %d", rec.Pos.Line, lineOf(page, "<table class='cable'>"))
			}
			if rec.TextLine <= rec.Pos.Line {
				t.Errorf("TextLine = %d, not after the table (line %d)", rec.TextLine, rec.Pos.Line)
			}
			for _, junk := range []string{"<a ", "</a>", "&#x", "</pre>", "<pre>"} {
				if bytes.Contains(rec.Text, []byte(junk)) {
					t.Errorf("Text holds %q", junk)
				}
			}
			// Every line of the body as the page writes it, when it holds no
			// markup or escape, is a line of the text.
			pres := bytes.Split(page, []byte("<pre>"))
			body := pres[len(pres)-1]
			body = body[:bytes.Index(body, []byte("</pre>"))]
			lines := 0
			for _, l := range bytes.Split(body, []byte("&#x000A;")) {
				if bytes.ContainsAny(l, "<&\\\t") || len(bytes.TrimSpace(l)) < 10 {
					continue
				}
				lines++
				if !bytes.Contains(rec.Text, l) {
					t.Errorf("Text lacks the body line %q", l)
					break
				}
			}
			if lines == 0 && !bytes.Contains(body, []byte("\t")) {
				t.Errorf("no plain body line to check")
			}
			if bytes.HasPrefix(body, []byte("20")) && bytes.Count(body, []byte("\t")) >= 6 {
				dumps++
				if bytes.Contains(rec.Text, []byte("\\\n")) || bytes.Contains(rec.Text, []byte("\t"+m.ID)) {
					t.Errorf("dump not split: %.200q", rec.Text)
				}
			}
		})
	}
	t.Logf("%d pages, %d with a tab-separated dump body", len(files), dumps)
}

func lineOf(page []byte, s string) int {
	i := bytes.Index(page, []byte(s))
	if i < 0 {
		return 0
	}
	return bytes.Count(page[:i], []byte("\n")) + 1
}

// TestReadRealCSV reads the two rows of the real cables.csv: the ids that
// SOURCES.md lists, and every plain line of the file in some record's text.
func TestReadRealCSV(t *testing.T) {
	files := corpus.Files(t, "real/cablegate-csv", ".csv")
	if len(files) == 0 {
		t.Fatal("no cables.csv sample")
	}
	for _, path := range files {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			recs := collect(t, path, data, FormatAuto)
			var ids []string
			var text []byte
			for _, r := range recs {
				if r.err != nil {
					t.Fatal(r.err)
				}
				if r.rec.Format != FormatCSV || r.rec.Meta.Created == "" || r.rec.Meta.Row == "" {
					t.Errorf("%v: format %q, meta %+v", r.rec.Pos, r.rec.Format, r.rec.Meta)
				}
				ids = append(ids, r.rec.Meta.ID)
				text = append(text, r.rec.Text...)
			}
			if strings.Join(ids, " ") != "66BUENOSAIRES2481 72TEHRAN1164" {
				t.Errorf("ids %q, want those SOURCES.md lists", ids)
			}
			if recs[1].rec.Pos.Line != 1+bytes.Count(data[:bytes.Index(data, []byte("\n\"2\",\""))+1], []byte("\n")) {
				t.Errorf("second record at line %d", recs[1].rec.Pos.Line)
			}
			for _, l := range bytes.Split(data, []byte("\n")) {
				if !bytes.ContainsAny(l, `"\`) && !bytes.Contains(text, l) {
					t.Errorf("no record holds the line %q", l)
				}
			}
		})
	}
}
