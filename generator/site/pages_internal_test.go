package site

import (
	"fmt"
	htmltemplate "html/template"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/index"
	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/templates"
)

func TestPager(t *testing.T) {
	show := func(pg render.Pager) string {
		var parts []string
		for _, it := range pg.Items {
			switch {
			case it.Gap:
				parts = append(parts, "…")
			case it.Current:
				parts = append(parts, fmt.Sprintf("[%d]", it.Number))
			default:
				parts = append(parts, fmt.Sprint(it.Number))
			}
		}
		return fmt.Sprintf("%s|%s|%s", pg.Prev, strings.Join(parts, " "), pg.Next)
	}
	for _, tc := range []struct {
		p, n int
		want string
	}{
		{1, 1, "||"},
		{1, 2, "|[1] 2|page-2.html"},
		{2, 2, "index.html|1 [2]|"},
		{1, 10, "|[1] 2 3 … 10|page-2.html"},
		{5, 10, "page-4.html|1 … 3 4 [5] 6 7 … 10|page-6.html"},
		{10, 10, "page-9.html|1 … 8 9 [10]|"},
		{4, 7, "page-3.html|1 2 3 [4] 5 6 7|page-5.html"},
	} {
		if got := show(pager("tag/x/", tc.p, tc.n)); got != tc.want {
			t.Errorf("pager(%d of %d) = %q, want %q", tc.p, tc.n, got, tc.want)
		}
	}
}

// Past 50,000 pages, the sitemap is split and sitemap.xml indexes the parts.

type memWriter map[string][]byte

func (m memWriter) WriteFile(name string, data []byte) error {
	m[name] = append([]byte(nil), data...)
	return nil
}

// A taxonomy of more terms than a folder may hold spreads their folders
// over subfolders named by their first two letters.
func TestBucketedTerms(t *testing.T) {
	content := testFS{}
	for i, tags := range []string{`["PGOV", "PREL"]`, `["KV", "PGOV"]`, `["SR"]`} {
		content[fmt.Sprintf("cables/2007/09/07X%d.md", i)] = fmt.Sprintf("---\ndate: 2007-09-0%dT00:00:00Z\nid: \"07X%d\"\norigin: \"Embassy Belgrade\"\ntags: %s\n---\n", i+1, i, tags)
	}
	tmpl, err := render.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := memWriter{}
	b := &Builder{cfg: Config{Content: content, Templates: tmpl}, w: files, workers: 1, pageSize: 100, maxTermFolders: 3,
		md: defaultMarkdown(), tags: defaultTags(), site: &render.Site{Title: "Cables"}}
	b.rd = &index.Reader{FS: content, Folder: "content", Workers: 4}
	list, scans, err := b.readCables(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b.idx = b.buildIndex(list, scans)
	if err := b.writeAssets(); err != nil {
		t.Fatal(err)
	}
	if err := b.run(t.Context(), b.schedule); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"tag/pg/pgov/index.html", "tag/kv/kv/feed.xml", "tag/sr/sr/index.html", "origin/embassy-belgrade/index.html"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	if page := string(files["cable/2007/09/07X0.html"]); !strings.Contains(page, `href="../../../tag/pg/pgov/index.html"`) {
		t.Errorf("the cable page does not link the bucketed folder")
	}
}

// escapeText escapes as html/template does.
func TestEscapeText(t *testing.T) {
	for _, s := range []string{"", "plain", `<script>alert("x")</script> & 'y'`, "a\x00b", "ünï©ødé & <>", "\xff\xfe"} {
		var want strings.Builder
		tmpl := htmltemplate.Must(htmltemplate.New("").Parse(`{{.}}`))
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := string(escapeText(s)); got != want.String() {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want.String())
		}
	}
}
