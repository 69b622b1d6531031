package sitemap

import (
	"fmt"
	"strings"
	"testing"
)

func TestSitemapSplit(t *testing.T) {
	for _, tc := range []struct {
		pages int
		files []string
	}{
		{3, []string{"sitemap.xml"}},
		{Size, []string{"sitemap.xml"}},
		{Size + 1, []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}},
		{2*Size + 5, []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"}},
	} {
		files := map[string][]byte{}
		var pages []string
		for i := range tc.pages {
			pages = append(pages, fmt.Sprintf("cable/%d.html", i))
		}
		parts, err := Write("https://example.org/", pages, func(name string, data []byte) error {
			files[name] = data
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := max(0, len(tc.files)-1); parts != want {
			t.Errorf("%d pages: %d parts, want %d", tc.pages, parts, want)
		}
		if len(files) != len(tc.files)+1 { // and robots.txt
			t.Errorf("%d pages: %d files", tc.pages, len(files))
		}
		total := 0
		for _, name := range tc.files {
			data := string(files[name])
			n := strings.Count(data, "<url>")
			if n > Size {
				t.Errorf("%s lists %d URLs", name, n)
			}
			total += n
			if len(tc.files) > 1 && name == "sitemap.xml" {
				if !strings.Contains(data, "<sitemapindex") || strings.Count(data, "<sitemap>") != len(tc.files)-1 ||
					!strings.Contains(data, "<loc>https://example.org/sitemap-1.xml</loc>") {
					t.Errorf("index: %.300s", data)
				}
			}
		}
		if total != tc.pages {
			t.Errorf("%d pages, %d URLs listed", tc.pages, total)
		}
		if robots := string(files["robots.txt"]); !strings.Contains(robots, "Sitemap: https://example.org/sitemap.xml") {
			t.Errorf("robots.txt: %q", robots)
		}
	}
}
