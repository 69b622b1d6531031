package static

import (
	"io/fs"
	"path"
	"testing"
	"testing/fstest"

	"github.com/cablesite/cablesite/generator/editorial"
	"github.com/cablesite/cablesite/generator/publish"
)

func TestCheck(t *testing.T) {
	pages := []*editorial.Page{
		{File: "about.md", Path: "about/index.html"},
		{File: "kosovo.md", Path: "kosovo/index.html", Cables: []string{"07X1"}},
		{File: "guides/reading.md", Path: "guides/reading/index.html"},
		{File: "Notes.md", Path: "Notes/index.html"},
	}
	for _, tc := range []struct{ file, clash string }{
		{"img/map.png", ""},
		{"about/photo.jpg", ""},        // beside its page, as in a Hugo bundle
		{"guides/reading/map.png", ""}, // so too
		{"Search/x.png", "the site's own folder Search/"},
		{"sitemap-2.xml", "the site's own file sitemap-2.xml"},
		{"404.html", "the site's own file 404.html"},
		{"assets/x.css", "the site's own folder assets/"},
		{"About/Index.html", "the page of content/about.md (about/index.html)"},
		{"kosovo/feed.xml", "the feed of content/kosovo.md (kosovo/feed.xml)"},
		{"guides", "the folder guides/ of the page of content/guides/reading.md (guides/reading/index.html)"},
		{"guides/reading/index.html/x", "the page of content/guides/reading.md (guides/reading/index.html), a file where it needs a folder"},
		{"notes/INDEX.HTML", "the page of content/Notes.md (Notes/index.html)"},
		{"notes", "the folder Notes/ of the page of content/Notes.md (Notes/index.html)"},
		{"a:b.png", "no file of a site: its name cannot be part of an address"},
	} {
		ok, problems := Check([]string{tc.file}, pages, func(f string) string { return path.Join("content", f) })
		switch {
		case tc.clash == "" && (len(ok) != 1 || len(problems) != 0):
			t.Errorf("%s: refused: %q", tc.file, problems)
		case tc.clash != "" && (len(ok) != 0 || len(problems) != 1 || problems[0] != "content/"+tc.file+":1: clashes with "+tc.clash+": skipped"):
			t.Errorf("%s: copied %q, problems %q; want the clash with %s", tc.file, ok, problems, tc.clash)
		}
	}
}

func TestCopy(t *testing.T) {
	fsys := fstest.MapFS{
		"img/map.png": {Data: []byte("\x89PNG\x00")},
		"img/link":    {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink | 0o777},
	}
	got := map[string]string{}
	w := publish.WriterFunc(func(name string, data []byte) error { got[name] = string(data); return nil })
	for file, problem := range map[string]string{
		"img/map.png":  "",
		"img/link":     "content/img/link: not a regular file (a symbolic link?): skipped",
		"img/gone.png": "content/img/gone.png: file does not exist: skipped",
	} {
		p, err := Copy(fsys, file, "content/"+file, w)
		if err != nil || p != problem {
			t.Errorf("%s: problem %q, error %v; want %q", file, p, err, problem)
		}
	}
	if len(got) != 1 || got["img/map.png"] != "\x89PNG\x00" {
		t.Errorf("wrote %q, want img/map.png as it is", got)
	}
}
