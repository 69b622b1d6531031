package publish

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestWriteSpliced(t *testing.T) {
	page := func(pre string) string {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>A  cable</title>\n</head>\n<body>\n<main>\n<p>Some   text.</p>\n<details>\n<summary>Original text</summary>\n<pre>" +
			pre + "</pre>\n</details>\n</main>\n</body>\n</html>"
	}
	for _, tc := range []struct{ name, fill string }{
		{"plain", "UNCLAS SECTION 01 OF 02 STATE 126086\n\nE.O. 12958: N/A\nTAGS: PGOV, PREL"},
		{"spaces and tabs", "  1. (C)   SUMMARY:\tTHE  MINISTER\n\n\n   SAID   SO.  \n"},
		{"escaped", "&lt;img src=x onerror=alert(1)&gt; &amp; &#34;quoted&#34; &#39;single&#39; {{.}} \uFFFD"},
		{"leading newline", "\n\nVZCZC\n"},
		{"entities kept", "&amp;amp; &lt;/pre&gt; &#34;"},
		{"unicode", "Genève · 東京 — “quotes”"},
		{"empty", ""},
		{"holds the hole", "text " + Hole + " more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			w := Minify(NewMinifier(), WriterFunc(func(name string, data []byte) error {
				files[name] = bytes.Clone(data)
				return nil
			}))
			if err := w.WriteFile("whole.html", []byte(page(tc.fill))); err != nil {
				t.Fatal(err)
			}
			if err := WriteSpliced(w, "spliced.html", []byte(page(Hole)), []byte(tc.fill)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(files["whole.html"], files["spliced.html"]) {
				t.Errorf("minified whole:\n%s\nspliced:\n%s", files["whole.html"], files["spliced.html"])
			}
		})
	}
	t.Run("plain writer", func(t *testing.T) {
		var got string
		w := WriterFunc(func(name string, data []byte) error { got = string(data); return nil })
		if err := WriteSpliced(w, "a.html", []byte("<pre>"+Hole+"</pre>"), []byte("x &amp; y")); err != nil {
			t.Fatal(err)
		}
		if got != "<pre>x &amp; y</pre>" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("two holes", func(t *testing.T) {
		w := WriterFunc(func(name string, data []byte) error { return nil })
		err := WriteSpliced(w, "a.html", []byte(Hole+Hole), nil)
		if err == nil || !strings.Contains(err.Error(), "a.html") {
			t.Errorf("err = %v, want one naming a.html", err)
		}
	})
}

func TestTrimBlockSpace(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"paragraphs", "<p>a</p>\n<p>b</p>\n", "<p>a</p><p>b</p>"},
		{"list", "<ul>\n<li>a</li>\n<li><a href=\"x\">b</a></li>\n</ul>\n", "<ul><li>a</li><li><a href=\"x\">b</a></li></ul>"},
		{"heading and table", "<h2 id=\"s\">S</h2>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n", "<h2 id=\"s\">S</h2><table><thead><tr><th>a</th></tr></thead></table>"},
		{"inline stays", "<p><em>a</em>\n<em>b</em></p>", "<p><em>a</em>\n<em>b</em></p>"},
		{"text stays", "<p>a\nb</p>\n", "<p>a\nb</p>"},
		{"pre content stays", "<pre><code>a\n\nb\n</code></pre>\n", "<pre><code>a\n\nb\n</code></pre>"},
		{"leading", "\n<p>a</p>", "<p>a</p>"},
		{"leading inline stays", "\n<em>a</em>", "\n<em>a</em>"},
		{"entities", "<p>&lt;p&gt;\n&lt;/p&gt;</p>\n", "<p>&lt;p&gt;\n&lt;/p&gt;</p>"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(TrimBlockSpace([]byte(tc.in))); got != tc.want {
				t.Errorf("TrimBlockSpace(%q) = %q, want %q", tc.in, got, tc.want)
			}
			// Trimmed or not, the minifier gives the same page: the
			// newlines removed are those it removes.
			page := func(body string) []byte {
				var out bytes.Buffer
				if err := NewMinifier().Minify("text/html", &out, strings.NewReader("<main><section>"+body+"</section></main>")); err != nil {
					t.Fatal(err)
				}
				return out.Bytes()
			}
			if a, b := page(tc.in), page(tc.want); !bytes.Equal(a, b) {
				t.Errorf("minified, %q gives\n%s\nand %q\n%s", tc.in, a, tc.want, b)
			}
		})
	}
}

func TestWriteSplicedFills(t *testing.T) {
	var got string
	w := Minify(NewMinifier(), WriterFunc(func(name string, data []byte) error { got = string(data); return nil }))
	data := "<main>\n<section>" + Hole + "</section>\n<pre>" + Hole + "</pre>\n</main>"
	if err := WriteSpliced(w, "a.html", []byte(data), []byte("<p>body</p>"), []byte("  original\n")); err != nil {
		t.Fatal(err)
	}
	if want := "<main><section><p>body</p></section><pre>  original\n</pre></main>"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := WriteSpliced(w, "b.html", []byte(data), []byte("one fill")); err == nil {
		t.Error("two holes for one fill: no error")
	}
}

// PlaceMarks turns the marks a page holds into Holes, in the page's
// order, and declines a page where a mark is repeated or another looks
// like one.
func TestPlaceMarks(t *testing.T) {
	for _, tc := range []struct {
		page  string
		n     int
		want  string
		order []int
		ok    bool
	}{
		{"<p>" + Mark(1) + "</p><pre>" + Mark(0) + "</pre>", 2, "<p>" + Hole + "</p><pre>" + Hole + "</pre>", []int{1, 0}, true},
		{"<p>" + Mark(1) + "</p>", 3, "<p>" + Hole + "</p>", []int{1}, true},
		{"<p>no marks</p>", 2, "<p>no marks</p>", []int{}, true},
		{Mark(0) + Mark(0), 1, "", nil, false},
		{Mark(0) + `<a href="` + strings.Trim(Mark(1), "\uE000\uE001") + `">`, 2, "", nil, false},
	} {
		got, order, ok := PlaceMarks(nil, []byte(tc.page), tc.n)
		if ok != tc.ok || ok && (string(got) != tc.want || !slices.Equal(order, tc.order)) {
			t.Errorf("PlaceMarks(%q, %d) = %q, %v, %v; want %q, %v, %v", tc.page, tc.n, got, order, ok, tc.want, tc.order, tc.ok)
		}
	}
}
