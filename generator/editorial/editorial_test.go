package editorial

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestPathOf(t *testing.T) {
	for _, tc := range []struct {
		file, path string
		home       bool
		err        string
	}{
		{file: "about.md", path: "about/index.html"},
		{file: "guides/reading-guide.md", path: "guides/reading-guide/index.html"},
		{file: "guides/_index.md", path: "guides/index.html"},
		{file: "_index.md", path: "index.html", home: true},
		{file: "Methodology_v2.1.md", path: "Methodology_v2.1/index.html"},
		{file: "tag.md", err: "tag/index.html is the site's own address"},
		{file: "cable/notes.md", err: "the site's own address"},
		{file: "Search.md", err: "the site's own address"},
		{file: "sitemap-1.md", err: "the site's own address"},
		{file: "a b.md", err: `"a b" cannot be part of an address`},
		{file: "über.md", err: "cannot be part of an address"},
		{file: "x/<script>.md", err: "cannot be part of an address"},
		{file: "about.txt", err: "not a markdown file"},
	} {
		p, home, err := PathOf(tc.file)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %q, %v; want an error with %q", tc.file, p, err, tc.err)
			}
		case err != nil || p != tc.path || home != tc.home:
			t.Errorf("%s: %q %v %v; want %q %v", tc.file, p, home, err, tc.path, tc.home)
		}
	}
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, file, in string
		want           Page   // File, Path, Slug and Body compared when set
		warn           string // a part of the one warning
		err            string // a part of the error, "file:line: ..."
	}{
		{name: "yaml", file: "about.md", in: "---\ntitle: About these cables\ndescription: What they are.\nmenu: true\n---\nWe publish [a cable](cable:07STATE126086).\n",
			want: Page{Path: "about/index.html", Slug: "about", Title: "About these cables", Description: "What they are.", Menu: true,
				Body: []byte("We publish [a cable](cable:07STATE126086).\n"), BodyLine: 6}},
		{name: "toml", file: "guides/method.md", in: "+++\ntitle = \"Method\"\nmenu = 2\n+++\nText.\n",
			want: Page{Path: "guides/method/index.html", Slug: "guides/method", Title: "Method", Menu: true, Weight: 2, Body: []byte("Text.\n"), BodyLine: 5}},
		{name: "json", file: "j.md", in: "{\"title\": \"J\", \"weight\": 5}\nText.\n",
			want: Page{Path: "j/index.html", Slug: "j", Title: "J", Weight: 5, Body: []byte("Text.\n"), BodyLine: 2}},
		{name: "no front matter", file: "reading-guide.md", in: "# A guide\n\nText.\n",
			want: Page{Path: "reading-guide/index.html", Slug: "reading-guide", Title: "Reading guide", Body: []byte("# A guide\n\nText.\n"), BodyLine: 1}},
		{name: "home", file: "_index.md", in: "---\ntitle: \"Cables, annotated\"\n---\nWelcome.\n",
			want: Page{Path: "index.html", Home: true, Title: "Cables, annotated", Body: []byte("Welcome.\n"), BodyLine: 4}},
		{name: "collection", file: "balkans.md", in: "---\ntitle: The Balkans\ncables:\n  - 07BELGRADE1300\n  - 07STATE126086\n  - 07BELGRADE1300\n---\nA story.\n",
			want: Page{Path: "balkans/index.html", Slug: "balkans", Title: "The Balkans", Cables: []string{"07BELGRADE1300", "07STATE126086"}, CablesLine: 3,
				Body: []byte("A story.\n"), BodyLine: 8}},
		{name: "empty collection", file: "c.md", in: "---\ncables: []\n---\n",
			want: Page{Path: "c/index.html", Slug: "c", Title: "C", Cables: []string{}, CablesLine: 2, BodyLine: 4}},
		{name: "draft", file: "d.md", in: "---\ndraft: true\n---\nx\n", want: Page{Path: "d/index.html", Slug: "d", Title: "D", Draft: true, Body: []byte("x\n"), BodyLine: 4}},
		{name: "unknown key", file: "u.md", in: "---\ntitle: U\ncabels: [07A1]\n---\n", warn: "content/u.md:3: front matter: \"cabels\" is no key of an editorial page"},
		{name: "unclosed", file: "x.md", in: "---\ntitle: x\n\nText.\n", err: "content/x.md:1: front matter opened by \"---\" is not closed"},
		{name: "bad yaml", file: "x.md", in: "---\ntitle: ok\ncables: [a, b\n---\nText\n", err: "content/x.md:3: front matter: "},
		{name: "bad type", file: "x.md", in: "---\ntitle: ok\nmenu: often\n---\n", err: "content/x.md:3: front matter: menu: want true, false or a number"},
		{name: "cables not a list", file: "x.md", in: "---\ncables: 07STATE126086\n---\n", err: "content/x.md:2: front matter: cables: want a list of cable ids"},
		{name: "reserved", file: "date.md", in: "x", err: "content/date.md:1: date/index.html is the site's own address"},
		{name: "not utf-8", file: "x.md", in: "---\ntitle: caf\xe9\n---\n", err: "content/x.md:2: not UTF-8 text"},
		{name: "alias bomb", file: "x.md", in: bomb(6), err: "content/x.md:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Read("content/"+tc.file, tc.file, []byte(tc.in))
			if tc.err != "" {
				var e *Error
				if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.As(err, &e) {
					t.Fatalf("got %+v, %v; want an *Error with %q", p, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.warn != "" {
				if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], tc.warn) {
					t.Errorf("warnings %q, want one with %q", p.Warnings, tc.warn)
				}
				return
			}
			got := *p
			got.File, got.Warnings = "", nil
			if got.Body == nil && tc.want.Body == nil {
				got.Body = nil
			}
			if len(got.Body) == 0 && len(tc.want.Body) == 0 {
				got.Body, tc.want.Body = nil, nil
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if len(p.Warnings) > 0 {
				t.Errorf("warnings: %q", p.Warnings)
			}
		})
	}
}

// bomb is a YAML front matter of levels levels of nine aliases.
func bomb(levels int) string {
	var b strings.Builder
	b.WriteString("---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= levels; i++ {
		p := "*a" + string(rune('0'+i-1))
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(p+", ", 8) + p + "]\n")
	}
	b.WriteString("cables: *a" + string(rune('0'+levels)) + "\n---\nbody\n")
	return b.String()
}

// FuzzRead: any bytes give a page or an *Error naming the file and a
// line within it; a page's path is one PathOf gives and its body a
// suffix of the file.
func FuzzRead(f *testing.F) {
	f.Add("about.md", []byte("---\ntitle: About\nmenu: 2\ncables: [a, b]\n---\nText [x](cable:07A1).\n"))
	f.Add("_index.md", []byte("+++\ntitle = \"x\"\n+++\n"))
	f.Add("g/x.md", []byte("{\"title\": 1}\n"))
	f.Add("x.md", []byte("---\n: [\n---\n"))
	f.Add("x.md", []byte(bomb(3)))
	f.Fuzz(func(t *testing.T, file string, data []byte) {
		p, err := Read("content/"+file, file, data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Name != "content/"+file || e.Line < 1 || e.Line > 1+strings.Count(string(data), "\n")+1 {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		if want, _, _ := PathOf(file); p.Path != want {
			t.Fatalf("path %q, PathOf %q", p.Path, want)
		}
		if !strings.HasSuffix(string(data), string(p.Body)) {
			t.Fatalf("the body is not the end of the file")
		}
	})
}
