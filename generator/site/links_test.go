package site_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/generator/publish"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/internal/corpus"
)

// importCorpus imports the real Cablegate pages into a content folder in
// memory, as `cablesite import` would.
func importCorpus(t *testing.T) fstest.MapFS {
	t.Helper()
	content := fstest.MapFS{}
	for _, name := range corpus.Files(t, "real/cablegate-html", ".html") {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range cable.Records(name, f, cable.FormatAuto) {
			if err != nil {
				continue
			}
			c := cable.Parse(rec)
			var buf bytes.Buffer
			if err := annotate.Write(&buf, c, rec); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			p := annotate.Path(c)
			if _, dup := content[p]; dup {
				continue
			}
			content[p] = &fstest.MapFile{Data: buf.Bytes(), Mode: 0o644}
		}
		f.Close()
	}
	if len(content) < 100 {
		t.Fatalf("only %d cables imported from the corpus", len(content))
	}
	return content
}

// The real corpus, built and minified as `cablesite build` does: every
// link resolves, every page parses and passes the page checks.
func TestLinksRealCorpus(t *testing.T) {
	content := importCorpus(t)
	out := &memSite{files: map[string][]byte{}}
	cfg := site.Config{Content: content, Templates: loadTemplates(t), PageSize: 7}
	sum, err := site.Build(t.Context(), cfg, publish.Minify(publish.NewMinifier(), out))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d cables: %s", len(content), sum)
	if sum.Cables != len(content) {
		t.Errorf("%d cable pages for %d cables; warnings %q", sum.Cables, len(content), sum.Warnings)
	}
	checkSite(t, out.files)

	// Some thread must link: the corpus has cables citing each other.
	linked := 0
	for name, data := range out.files {
		if strings.HasPrefix(name, "cable/") && bytes.Contains(data, []byte(`<a class="cable-ref" href=`)) {
			linked++
		}
	}
	if linked == 0 {
		t.Error("no cable page links a reference to another cable")
	}
}
