package generator

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cablesite/cablesite/internal/browser"
)

// TestBrowserFirstScreen builds the real corpus and opens every cable
// page in headless Chromium from file://, on a 1280×900 desktop and a
// 390×844 phone, and checks that the text starts on the first screen:
// the first line of the text past its list of references (¶1, or what
// comes before it: a section such as "KEY POINTS", the header dump of a
// Cablegate page) ends within 900 px on the desktop and within one and a
// half screens (1,266 px) on the phone (issue 17, item 5). It logs on how
// many pages ¶1 itself is within those bounds. The
// synopsis above the text is compact, and the routing (long To and Info
// lists, folded) stands beside the text, or below it on a phone.
func TestBrowserFirstScreen(t *testing.T) {
	ctx := browser.Start(t)
	pub := buildRealCorpus(t)
	var pages []string
	err := fs.WalkDir(os.DirFS(pub), "cable", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 200 {
		t.Fatalf("%d cable pages, want the real corpus's 215", len(pages))
	}
	// The bottom of the first line of the cable's text, from the top of
	// the page, and the element measured: the body's first block past
	// its list of references (¶1, but for the cables whose text has a
	// section or a header dump before it); then the same for ¶1, or -1.
	const measure = `(() => {
		const bottom = el => {
			const r = el.getBoundingClientRect();
			const line = parseFloat(getComputedStyle(el).lineHeight) || 24;
			return r.top + window.scrollY + Math.min(line, r.height);
		};
		const blocks = [...document.querySelector("section.body").children].filter(e => !e.classList.contains("visually-hidden"));
		let i = 0;
		if (blocks[0] && blocks[0].tagName === "P" && blocks[0].textContent.trim() === "References:") {
			i = blocks[1] && blocks[1].tagName === "UL" ? 2 : 1;
		}
		const first = blocks[i] || blocks[0];
		if (!first) return "0 none -1";
		const par1 = document.getElementById("par1");
		return bottom(first) + " " + (first.id || first.tagName.toLowerCase()) + " " + (par1 ? bottom(par1) : -1);
	})()`
	for _, size := range []struct {
		name          string
		width, height int64
		limit         float64
	}{
		{"desktop", 1280, 900, 900},
		{"phone", 390, 844, 1.5 * 844},
	} {
		t.Run(size.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height)); err != nil {
				t.Fatal(err)
			}
			var worst float64
			var worstPage string
			var over, par1Late []string
			par1In := 0
			for _, p := range pages {
				tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(pub, p))))
				var v string
				if err == nil {
					v, err = chromedp.Run(tctx, chromedp.Evaluate[string](measure))
				}
				cancel()
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				f := strings.Fields(v)
				if len(f) != 3 {
					t.Fatalf("%s: measured %q", p, v)
				}
				bottom, err1 := strconv.ParseFloat(f[0], 64)
				par1, err2 := strconv.ParseFloat(f[2], 64)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: measured %q", p, v)
				}
				what := f[1]
				if par1 >= 0 && par1 <= size.limit {
					par1In++
				} else if par1 >= 0 {
					par1Late = append(par1Late, p+": "+px(par1))
				}
				if bottom > worst {
					worst, worstPage = bottom, p+" ("+what+")"
				}
				if bottom > size.limit {
					over = append(over, p+" ("+what+"): "+px(bottom))
				}
			}
			slices.Sort(over)
			t.Logf("%d pages at %d×%d: the text's first line ends at most at %s px (%s); limit %s",
				len(pages), size.width, size.height, px(worst), worstPage, px(size.limit))
			t.Logf("¶1 within the limit on %d pages; past it, after text of their own (a section, a header dump), on %d: %s",
				par1In, len(par1Late), strings.Join(par1Late, ", "))
			if len(over) > 0 {
				t.Errorf("%d of %d pages start their text past %s px:\n%s", len(over), len(pages), px(size.limit), strings.Join(over, "\n"))
			}
		})
	}
}

// px formats a length in pixels.
func px(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }

// TestBrowserNotFound opens the 404 page in headless Chromium from disk
// and as a host serves it, at the root and deep in the site, and checks
// that it is styled each time: its stylesheet is linked from the root
// and from the page's own folder, the site's root on disk.
func TestBrowserNotFound(t *testing.T) {
	ctx := browser.Start(t)
	pub := threadSite(t)
	notFound, err := os.ReadFile(filepath.Join(pub, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(pub))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(r.URL.Path))); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(notFound)
			return
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	// The header's background comes from the stylesheet only.
	const styled = `getComputedStyle(document.querySelector(".site-header")).backgroundColor + " " + document.querySelector("h1").textContent`
	for _, u := range []string{
		"file://" + filepath.ToSlash(pub) + "/404.html",
		srv.URL + "/no-such-page.html",
		srv.URL + "/cable/2099/01/99NOWHERE1.html",
	} {
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate(u))
		var got string
		if err == nil {
			got, err = chromedp.Run(tctx, chromedp.Evaluate[string](styled))
		}
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if !strings.HasSuffix(got, "Page not found") || strings.HasPrefix(got, "rgba(0, 0, 0, 0)") {
			t.Errorf("%s: the 404 page is not styled: header background and heading %q", u, got)
		}
	}
}
