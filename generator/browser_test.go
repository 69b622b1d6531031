package generator

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/search"
	"github.com/cablesite/cablesite/internal/browser"
	"github.com/cablesite/cablesite/templates"
)

// threadSite imports three cables that cite each other (07STATE139999 cites
// 07STATE126086, which cites 07STATE5) and builds the site. It returns the
// built folder. Each cites a lower number of its own station, as real
// cables do within a year: a higher one would be read as last year's.
func threadSite(t *testing.T) string {
	t.Helper()
	ref := func(text, refLine string) string {
		return strings.Replace(text, "SUBJECT: A TEST SUBJECT\n\n", "SUBJECT: A TEST SUBJECT\n\n"+refLine+"\n\n", 1)
	}
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	sum, problems := runImport(t, content,
		stringSource("a.txt", textCable("STATE", 5, "011200Z AUG 07", "THE FIRST WORD.")),
		stringSource("b.txt", ref(textCable("STATE", 126086, "072147Z SEP 07", "AS REF REPORTED."), "REF: STATE 5")),
		stringSource("c.txt", ref(textCable("STATE", 139999, "101200Z OCT 07", "A REPLY TO REF."), "REF: STATE 126086")),
	)
	if sum.Wrote != 3 {
		t.Fatalf("import: %+v\n%s", sum, problems)
	}
	out := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), BuildConfig{Content: os.DirFS(content), Templates: templates.FS, Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBrowserCablePage opens a cable page in headless Chromium from
// file:// and from a web server, and uses it as a reader would: the
// thread's links, the original-text toggle, and the home page's timeline.
func TestBrowserCablePage(t *testing.T) {
	ctx := browser.Start(t)
	pub := threadSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(pub)))
	defer srv.Close()
	shots := os.Getenv("CABLESITE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}

	for _, tc := range []struct{ name, base string }{
		{"file", "file://" + filepath.ToSlash(pub) + "/"},
		{"http", srv.URL + "/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			do := func(actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				defer cancel()
				if err := chromedp.Do(tctx, actions...); err != nil {
					t.Fatal(err)
				}
			}
			eval := func(expr string) string {
				t.Helper()
				v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
				if err != nil {
					t.Fatalf("%s: %v", expr, err)
				}
				return v
			}
			// waitFor waits for a navigation a click started: the page's
			// context is replaced, so each look may fail until it is done.
			waitFor := func(want string) {
				t.Helper()
				var loc string
				for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
					v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
					if err == nil && strings.Contains(v, want) {
						return
					}
					loc = v
				}
				t.Fatalf("no navigation to %s (at %q)", want, loc)
			}
			hrefs := func(sel string) string {
				return eval(`[...document.querySelectorAll(` + jsString(sel) + `)].map(a => a.getAttribute("href")).join(" ")`)
			}

			do(chromedp.Navigate(tc.base + "cable/2007/09/07STATE126086.html"))
			if h1 := eval(`document.querySelector("h1").textContent`); !strings.Contains(h1, "A TEST SUBJECT") {
				t.Errorf("h1 = %q", h1)
			}

			// The thread: the cable it cites, and the cable citing it.
			if got := hrefs(`section.thread ol[aria-labelledby="refs-h"] a`); !strings.Contains(got, "07STATE5.html") {
				t.Errorf("references link %q, want 07STATE5.html", got)
			}
			if got := hrefs(`section.thread ol[aria-labelledby="cited-h"] a`); !strings.Contains(got, "07STATE139999.html") {
				t.Errorf("cited by links %q, want 07STATE139999.html", got)
			}

			// The original text: closed, opened by its toggle.
			if open := eval(`String(document.getElementById("original").open)`); open != "false" {
				t.Errorf("original open before the toggle: %s", open)
			}
			do(chromedp.Click(chromedp.CSS(`#original > summary`), chromedp.NodeVisible))
			if open := eval(`String(document.getElementById("original").open)`); open != "true" {
				t.Errorf("original not open after the toggle: %s", open)
			}
			if pre := eval(`(() => { const p = document.querySelector("#original pre"); return p.offsetHeight > 0 ? p.textContent : "hidden" })()`); !strings.Contains(pre, "C O N F I D E N T I A L STATE 126086") {
				t.Errorf("original text shown: %.200q", pre)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(shots, "cable-"+tc.name+".png")
			if err := os.WriteFile(name, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", name)

			// Following the thread leads to the citing cable's page.
			do(chromedp.Click(chromedp.CSS(`section.thread ol[aria-labelledby="cited-h"] a`), chromedp.NodeVisible))
			waitFor("cable/2007/10/07STATE139999.html")

			// The home page's timeline: a bar per month, each a link to its
			// month page, which lists that month's cable.
			do(chromedp.Navigate(tc.base + "index.html"))
			bars := hrefs(`svg a`)
			if n := len(strings.Fields(bars)); n != 3 {
				t.Fatalf("timeline has %d linked bars (%q), want 3", n, bars)
			}
			do(chromedp.Click(chromedp.CSS(`svg a`), chromedp.NodeVisible))
			// (A web server may serve date/2007/08/index.html as date/2007/08/.)
			waitFor("date/2007/08/")
			if got := hrefs(`main a`); !strings.Contains(got, "07STATE5.html") {
				t.Errorf("month page does not list 07STATE5: %q", got)
			}

			// The search box in the header leads to the search page, which
			// finds the cable from the index files, from file:// too.
			do(chromedp.Navigate(tc.base + "cable/2007/08/07STATE5.html"))
			do(chromedp.SendKeys(chromedp.CSS(`#site-q`), "reply\r", chromedp.NodeVisible))
			waitFor("search.html?q=reply")
			do(void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "done"`,
				chromedp.WithPollingTimeout(10*time.Second))))
			if got := hrefs(`#search-results a`); !strings.Contains(got, "07STATE139999.html") || strings.Contains(got, "07STATE5.html") {
				t.Errorf("search for reply links %q, want 07STATE139999 only", got)
			}
		})
	}
}

// void drops an action's value.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestBrowserSearchTexts builds the real corpus and checks, in headless
// Chromium from file://, that the text each cable page reads (site.js's
// readText, in which it marks a search's words) reads as the same words
// the index read from the cable. Then that a search shows snippets cut
// from the texts (the cables' text files, search.TextScript).
func TestBrowserSearchTexts(t *testing.T) {
	ctx := browser.Start(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	importRealCorpus(t, content)
	// And a body edited by hand, with markdown that import does not
	// write: a table, a hard line break, emphasis, a heading, a quote, an
	// image, code, raw HTML and entities.
	hand := `---
title: "A CABLE EDITED BY HAND"
date: 2011-01-05T10:00:00Z
id: "11HANDMADE1"
origin: "Embassy Paris"
classification: "UNCLASSIFIED"
tags: ["PREL"]
subject: "A CABLE EDITED BY HAND"
---

¶1. (U) A paragraph with *emphasis* and **strong** words,\
then a hard break.

| Name | Post |
|---|---|
| SMITH | Paris |
| JONES | Rome |

### A HEADING

> A quoted line.

See ![a picture](x.png) and ` + "`code`" + `, <b>raw</b> markup, fish &amp; chips &#65;.

` + "```\nA CODE BLOCK\n```" + `

<!-- cablesite:notes -->
An editor's note on the **zanzibarite** affair; see [the request](cable:07STATE126086).

## Sources

- An interview.
`
	if err := os.WriteFile(filepath.Join(content, "cables", "11HANDMADE1.md"), []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	// A collection of that cable and two others, for in:.
	collection := "---\ntitle: Hand-picked\ncables: [11HANDMADE1, 06BELGRADE1681, 99NOWHERE1]\n---\nA collection.\n"
	if err := os.WriteFile(filepath.Join(content, "hand-picked.md"), []byte(collection), 0o644); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "public")
	if _, err := Build(t.Context(), BuildConfig{Content: os.DirFS(content), Templates: templates.FS, Out: pub}); err != nil {
		t.Fatal(err)
	}

	// What the index reads of each cable's body, as terms.
	want := map[string][]string{}
	var tok search.Tokenizer
	err := filepath.WalkDir(filepath.Join(content, "cables"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := annotate.Read(p, data)
		if err != nil {
			return err
		}
		sd := search.FromDocument(doc)
		want[sd.URL] = tok.Terms(sd.Body)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	tctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	urls, _ := json.Marshal(slices.Sorted(maps.Keys(want)))
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(pub)+"/search.html"),
		void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "ready"`, chromedp.WithPollingTimeout(10*time.Second)))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tctx,
		chromedp.Evaluate[map[string][]string](`(async () => {
			const s = window.cablesiteSearch, texts = new s.Texts(""), out = {};
			await Promise.all(`+string(urls)+`.map(async u => {
				const text = await texts.get(u);
				out[u] = text === null ? ["(no text)"] : s.terms(text);
			}));
			return out;
		})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for u, w := range want {
		if g := got[u]; !slices.Equal(g, w) {
			if bad++; bad <= 3 {
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				t.Errorf("%s: the page's text reads %d words, the index %d; they part at word %d: page %q, index %q",
					u, len(g), len(w), i, g[i:min(i+8, len(g))], w[i:min(i+8, len(w))])
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d pages give other words than the index read", bad, len(want))
	}
	t.Logf("%d pages give the words the index read", len(want))

	// A search: each hit's snippet comes from its text and marks the word
	// (on a screen tall enough for every hit: the page reads the texts of
	// the hits on screen and a screen ahead).
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1000, 4000), chromedp.Navigate("file://"+filepath.ToSlash(pub)+"/search.html?q=referendum"),
		void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "done"`, chromedp.WithPollingTimeout(30*time.Second)))); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(tctx,
		chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li.hit")].map(li => {
			const p = li.querySelector(".hit-snippet");
			return (p && p.dataset.from === "text" && p.querySelector("mark") ? "ok: " : "no text snippet: ") + (p ? p.textContent : "");
		})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Fatal("no hits for referendum")
	}
	for _, r := range res {
		if !strings.HasPrefix(r, "ok: ") {
			t.Errorf("hit %s", r)
		}
	}

	// An editor's notes are searched, their words snippeted; in: finds
	// a collection's cables.
	hits := func(q string) []string {
		t.Helper()
		if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(pub)+"/search.html?q="+url.QueryEscape(q)),
			void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "done"`, chromedp.WithPollingTimeout(30*time.Second)))); err != nil {
			t.Fatal(err)
		}
		out, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li.hit")].map(li => {
			const a = li.querySelector("a"), p = li.querySelector(".hit-snippet");
			return a.getAttribute("href").replace(/[?#].*/, "") + " " + (p ? p.textContent : "");
		})`))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if h := hits("zanzibarite"); len(h) != 1 || !strings.Contains(h[0], "11HANDMADE1.html") || !strings.Contains(h[0], "zanzibarite affair") {
		t.Errorf("a word of the notes: hits %q, want the cable, its snippet from the notes", h)
	}
	if h := hits("in:hand-picked"); len(h) != 2 {
		t.Errorf("in:hand-picked: hits %q, want the collection's two cables", h)
	}

	// Each hit's link opens its page with the word marked, at the mark
	// that the snippet showed; with an address into the page (#...), the
	// page stays there.
	type marked struct {
		Href    string   `json:"href"`
		Marks   []string `json:"marks"`
		InView  bool     `json:"inView"`
		Below   bool     `json:"below"` // the first mark lies more than a screen below the top of main
		ScrollY float64  `json:"scrollY"`
	}
	follow := func(href string) marked {
		t.Helper()
		if err := chromedp.Do(tctx, chromedp.Navigate(href),
			void(chromedp.Poll[bool](`!!document.querySelector("[data-search-text][data-marked]")`, chromedp.WithPollingTimeout(10*time.Second)))); err != nil {
			t.Fatalf("%s: %v", href, err)
		}
		v, err := chromedp.Run(tctx, chromedp.Evaluate[marked](`(() => {
				const root = document.querySelector("[data-search-text]"), marks = [];
				root.querySelectorAll("mark.hit").forEach(m => { marks[+m.dataset.hit] = (marks[+m.dataset.hit] || "") + m.textContent; });
				const first = root.querySelector("mark.hit-current"), r = first.getBoundingClientRect();
				return {href: location.href, marks, inView: r.top >= 0 && r.bottom <= innerHeight,
					below: r.top - document.getElementById("main").getBoundingClientRect().top > innerHeight, scrollY};
			})()`))
		if err != nil {
			t.Fatalf("%s: %v", href, err)
		}
		return v
	}
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(pub)+"/search.html?q=referendum"),
		void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "done"`, chromedp.WithPollingTimeout(30*time.Second)))); err != nil {
		t.Fatal(err)
	}
	hrefs, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results .hit-title")].map(a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	var far string
	for _, href := range hrefs {
		m := follow(href)
		if len(m.Marks) == 0 || !m.InView {
			t.Errorf("%s: marks %q, the first in view: %v", href, m.Marks, m.InView)
		}
		for _, w := range m.Marks {
			if !strings.EqualFold(w, "referendum") {
				t.Errorf("%s: %q marked", href, w)
			}
		}
		if m.Below && far == "" {
			far = href
		}
	}
	if far == "" {
		t.Fatal("no hit with its mark past the first screen: the test does not check the scrolling")
	}
	if m := follow(far + "#main"); m.InView {
		t.Errorf("%s#main: the page scrolled to the mark (%v), not to the address", far, m.ScrollY)
	}

	// The bar atop the text moves through the marks, and takes them away.
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(pub)+"/search.html?q=government"),
		void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "done"`, chromedp.WithPollingTimeout(30*time.Second)))); err != nil {
		t.Fatal(err)
	}
	// A hit whose page marks three words or more (a word's other forms,
	// governments, governance, count as it does).
	govHits, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results .hit-title")].map(a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	several := ""
	for _, h := range govHits {
		if m := follow(h + "#main"); len(m.Marks) >= 3 {
			several = h
			break
		}
	}
	if several == "" {
		t.Fatalf("no hit of government has three marks or more: the test needs one")
	}
	follow(several + "#main")
	bar, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`(() => {
		const root = document.querySelector("[data-search-text]"), out = [];
		const inView = m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
		const next = root.querySelector('.hit-bar button[aria-label="Next mark"]');
		const n = root.querySelectorAll("mark.hit").length;
		for (let i = 0; i <= n && next; i++) {
			const cur = root.querySelector("mark.hit-current");
			out.push(root.querySelector(".hit-count").textContent + (inView(cur) ? "" : " (out of view)"));
			next.click();
		}
		root.querySelector('.hit-bar button[aria-label="Take the marks away"]').click();
		out.push(root.querySelectorAll("mark.hit, .hit-bar").length + " left");
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	// The first, with the address at #main, is not scrolled to (it may be
	// in view anyway: the text starts on the first screen).
	if len(bar) < 4 || bar[len(bar)-1] != "0 left" || !strings.HasPrefix(bar[0], "Mark 1 of ") || strings.TrimSuffix(bar[0], " (out of view)") != bar[len(bar)-2] {
		t.Fatalf("the bar: %q; want every mark in turn, back to the first, then none", bar)
	}
	for i, b := range bar[1 : len(bar)-2] {
		if !strings.HasPrefix(b, "Mark "+strconv.Itoa(i+2)+" of ") || strings.HasSuffix(b, "(out of view)") {
			t.Errorf("the bar, after %d clicks: %q", i+1, b)
		}
	}
	// A phrase across elements (**strong** words) is marked in pieces.
	if err := chromedp.Do(tctx, chromedp.Navigate("file://"+filepath.ToSlash(pub)+"/search.html?q="+url.QueryEscape(`"strong words"`)),
		void(chromedp.Poll[bool](`document.getElementById("search-app").dataset.state === "done"`, chromedp.WithPollingTimeout(30*time.Second)))); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector("#search-results .hit-title").href`))
	if err != nil {
		t.Fatal(err)
	}
	if m := follow(href); !slices.Equal(m.Marks, []string{"strong words"}) {
		t.Errorf("%s: marks %q, want the phrase across <strong> whole", href, m.Marks)
	}
}
