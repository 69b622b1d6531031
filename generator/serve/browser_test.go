package serve_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/cablesite/cablesite/internal/browser"
	"github.com/cablesite/cablesite/templates"
)

// TestBrowserLiveReload opens a cable page in headless Chromium, edits the
// cable on disk, and sees the page change by itself; then breaks the
// file and sees the problem over the page; then changes the stylesheet
// and sees it swapped without a reload.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browser.Start(t)
	content := testContent(t)
	tmplDir := filepath.Join(t.TempDir(), "templates")
	if err := os.Mkdir(tmplDir, 0o755); err != nil {
		t.Fatal(err)
	}
	const page = "cable/2007/09/07BELGRADE2.html"
	ts := start(t, content, tmplDir, "", "index.html")
	file := filepath.Join(content, "cables/2007/09/07BELGRADE2.md")

	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// waitFor evaluates expr (awaited, when a promise) until it gives
	// want; a reload replaces the page's context, so a look may fail
	// while it happens.
	waitFor := func(what, expr, want string) {
		t.Helper()
		var got string
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
			if err == nil && v == want {
				return
			}
			got = v
		}
		t.Fatalf("%s: %s is %q, want %q", what, expr, got, want)
	}
	// shoot keeps a screenshot when CABLESITE_SCREENSHOTS names a folder.
	shoot := func(name string) {
		t.Helper()
		if shots := os.Getenv("CABLESITE_SCREENSHOTS"); shots != "" {
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, name+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(ts.url+page)); err != nil {
		t.Fatal(err)
	}
	if h1 := eval(`document.querySelector("h1").textContent`); h1 != "SECOND SUBJECT" {
		t.Fatalf("h1 = %q", h1)
	}
	// The page's script is connected when the server knows it is open.
	waitFor("connected", `String(window.cablesiteEvents && window.cablesiteEvents.readyState)`, "1")

	writeFile(t, file, cableMD("07BELGRADE2", "2007-09-02T10:00:00Z", "AN EDITED SUBJECT", "PGOV", "SR"))
	waitFor("the edited subject", `document.querySelector("h1") ? document.querySelector("h1").textContent : ""`, "AN EDITED SUBJECT")

	// A broken file: its problem over the page, as text.
	writeFile(t, file, "---\ntitle: \"<img src=x onerror=alert(1)>\nid: [unclosed\n---\n")
	overlay := `(() => { const h = document.getElementById("cablesite-problems"); return h ? h.shadowRoot.querySelector("pre").textContent : "" })()`
	waitFor("the overlay", `(`+overlay+`).includes("07BELGRADE2.md:2: ") ? "shown" : ""`, "shown")
	if n := eval(`String(document.getElementById("cablesite-problems").shadowRoot.querySelectorAll("img").length)`); n != "0" {
		t.Errorf("the overlay holds %s img elements: the message became markup", n)
	}
	if h1 := eval(`document.querySelector("h1").textContent`); h1 != "AN EDITED SUBJECT" {
		t.Errorf("while broken, h1 = %q: want the last good page", h1)
	}
	shoot("serve-problem")
	writeFile(t, file, cableMD("07BELGRADE2", "2007-09-02T10:00:00Z", "FIXED", "PGOV", "SR"))
	waitFor("the fix", `document.querySelector("h1") && !document.getElementById("cablesite-problems") ? document.querySelector("h1").textContent : ""`, "FIXED")

	// The stylesheet: swapped in place, the page not reloaded.
	waitFor("connected again", `String(window.cablesiteEvents && window.cablesiteEvents.readyState)`, "1")
	eval(`window.cablesiteMark = "kept"; "ok"`)
	css, err := templates.FS.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(tmplDir, "style.css"), string(css)+"\nh1{color:rgb(1, 2, 3)}\n")
	waitFor("the new stylesheet", `getComputedStyle(document.querySelector("h1")).color`, "rgb(1, 2, 3)")
	if mark := eval(`String(window.cablesiteMark)`); mark != "kept" {
		t.Error("the page reloaded for a stylesheet change")
	}
	if href := eval(`document.querySelector('link[rel="stylesheet"]').getAttribute("href")`); !strings.HasPrefix(href, "../../../assets/style.") {
		t.Errorf("stylesheet link %q", href)
	}
	shoot("serve-stylesheet")

	// An image of an editorial page: the page reloads when it changes,
	// not when another file of the content folder does. Each load counts
	// itself in the tab's sessionStorage.
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: `sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1)`,
	}); err != nil {
		t.Fatal(err)
	}
	svg := func(width int) string {
		return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="10"><rect width="%d" height="10"/></svg>`, width, width)
	}
	writeFile(t, filepath.Join(content, "img/map.svg"), svg(10))
	writeFile(t, filepath.Join(content, "img/other.svg"), svg(10))
	writeFile(t, filepath.Join(content, "about.md"), "---\ntitle: About\n---\n![The map](img/map.svg)\n")
	waitFor("the about page", `fetch("/about/index.html").then(r => String(r.status))`, "200")
	if err := chromedp.Do(tctx, chromedp.Navigate(ts.url+"about/index.html")); err != nil {
		t.Fatal(err)
	}
	waitFor("the image", `String(document.querySelector("main img") && document.querySelector("main img").naturalWidth)`, "10")
	waitFor("connected to the about page", `String(window.cablesiteEvents && window.cablesiteEvents.readyState)`, "1")
	writeFile(t, filepath.Join(content, "img/other.svg"), svg(30))
	waitFor("the other image copied", `fetch("/img/other.svg").then(r => r.text()).then(s => String(s.includes('width="30"')))`, "true")
	writeFile(t, filepath.Join(content, "img/map.svg"), svg(20))
	waitFor("the changed image", `String(document.querySelector("main img") && document.querySelector("main img").naturalWidth)`, "20")
	if loads := eval(`sessionStorage.loads`); loads != "2" {
		t.Errorf("the about page was loaded %s times, want 2: it reloaded for an image it does not show", loads)
	}
}

// TestBrowserServeSearch uses the search page of the preview: its hits
// show snippets read from the cables' text files, which the preview
// writes beside their pages.
func TestBrowserServeSearch(t *testing.T) {
	ctx := browser.Start(t)
	content := testContent(t)
	for i := 4; i <= 12; i++ {
		id := fmt.Sprintf("07BELGRADE%d", i)
		writeFile(t, filepath.Join(content, "cables/2007/11/"+id+".md"), cableMD(id, fmt.Sprintf("2007-11-%02dT10:00:00Z", i), "MORE SUBJECTS", "PGOV"))
	}
	ts := start(t, content, "", "", "index.html")
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// The index is written in the background: ask until it answers. The
	// page reads the texts of the hits on screen and a screen ahead: a
	// screen tall enough for all twelve.
	var snippets []string
	for {
		err := chromedp.Do(tctx, chromedp.EmulateViewport(1000, 4000), chromedp.Navigate(ts.url+"search.html?q=text"),
			void(chromedp.Poll[bool](`["done", "error"].includes(document.getElementById("search-app").dataset.state)`, chromedp.WithPollingTimeout(20*time.Second))))
		if err != nil {
			t.Fatal(err)
		}
		snippets, err = chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li.hit .hit-snippet")].map(p => (p.dataset.from || "excerpt") + ": " + p.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(snippets) > 0 || tctx.Err() != nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(snippets) != 12 {
		t.Fatalf("%d hits for text, want 12: %q", len(snippets), snippets)
	}
	for _, s := range snippets {
		if !strings.HasPrefix(s, "text: THE TEXT OF 07BELGRADE") {
			t.Errorf("snippet %q: want it read from the cable's text", s)
		}
	}
}

// void drops an action's value.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}
