package site_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/generator/site"
)

// Builder.Render finds each file of the site from its path alone, and
// writes what Build writes there: every page, list page, index and feed
// of a site with editorial pages, a collection, an undated cable and
// lists of several pages.
func TestRenderByPath(t *testing.T) {
	content := parseArchive(t, threadArchive[:strings.Index(threadArchive, "-- about.md --")]+strings.TrimPrefix(editorialArchive, "\n"))
	small := func(c *site.Config) { c.PageSize = 1 }
	built, _ := buildSite(t, content, small)
	cfg := site.Config{Content: content, Templates: loadTemplates(t)}
	small(&cfg)
	out := &memSite{files: map[string][]byte{}}
	b, err := site.NewBuilder(cfg, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Read(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := b.WriteAssets(); err != nil { // the pages name them
		t.Fatal(err)
	}
	names := slices.Sorted(maps.Keys(built.files))
	if err := b.Render(context.Background(), append(names, "nothing.html", "tag/pgov/page-99.html", "date/1999/index.html")); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		got, ok := out.files[name]
		switch {
		case strings.HasPrefix(name, "assets/"):
		case name == "sitemap.xml" || name == "robots.txt":
			if ok {
				t.Errorf("%s rendered", name)
			}
		case !ok:
			t.Errorf("%s not rendered", name)
		case string(got) != string(built.files[name]):
			t.Errorf("%s differs from the build's: %s", name, firstDiff(got, built.files[name]))
		}
	}
	for name := range out.files {
		if _, ok := built.files[name]; !ok {
			t.Errorf("%s rendered, which the build does not have", name)
		}
	}
}
