package search

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	chromebin "github.com/cablesite/cablesite/internal/browser"
)

// The browser tests open a small site in headless Chromium, from file://
// and from a web server, and use the search page as a reader would. They
// skip when Chromium is absent, but fail under CI=true.

func chromium(t *testing.T) string { return chromebin.Path(t) }

// testSite writes a site: the index of docs, the search page, the client's
// scripts (minified as the site's build publishes them, when minify is
// set) and a page per cable. It returns the folder.
func testSite(t *testing.T, docs []Doc, minify bool) string {
	t.Helper()
	return testSiteConfig(t, docs, minify, Config{TagMeaning: func(code string) string { return "meaning of " + code }})
}

// cmpLevel ranks a classification as the page orders them.
func cmpLevel(c string) int {
	n := 0
	switch {
	case strings.Contains(c, "SECRET"):
		n = 8
	case strings.Contains(c, "CONFIDENTIAL"):
		n = 6
	case strings.Contains(c, "OFFICIAL USE"):
		n = 4
	case strings.Contains(c, "UNCLASSIFIED"):
		n = 2
	}
	if strings.Contains(c, "NOFORN") {
		n++
	}
	return n
}

// testSiteConfig is testSite with the index built by cfg.
func testSiteConfig(t *testing.T, docs []Doc, minify bool, cfg Config) string {
	t.Helper()
	files, _ := buildIndex(t, docs, cfg)
	dir := writeDir(t, files)
	page, err := os.ReadFile(filepath.Join("testdata", "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "search.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{coreJS, pageJS, "search.css", "site.js"} {
		src := templateFile(name)
		if minify && (name == coreJS || name == pageJS) {
			src = minified(t, name)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs {
		u := DefaultURL(d.ID, d.Date)
		p := filepath.Join(dir, filepath.FromSlash(u))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, cablePage(d, strings.Repeat("../", strings.Count(u, "/"))), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(TextPath(u))), TextScript(u, d.Body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// phraseCheck returns the search page's PHRASE_CHECK: how many candidates
// of a phrase it checks at least.
func phraseCheck(t *testing.T) int {
	js, err := os.ReadFile(templateFile(pageJS))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const PHRASE_CHECK = (\d+)[,;]`).FindSubmatch(js)
	if m == nil {
		t.Fatal("search.js: no PHRASE_CHECK")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// cablePage is a cable's page as the search needs it: the site's script
// (site.js, at root) and the body, a paragraph a line, in the element
// marked data-search-text, after a paragraph number and a marking that
// the text leaves out.
func cablePage(d Doc, root string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><title>%s</title><script src=\"%ssite.js\" defer></script><meta name=cablesite-search content=\"%[2]ssearch-core.js\"><h1 id=cable>%[1]s</h1><section data-search-text>",
		html.EscapeString(d.ID), root)
	for i, line := range strings.Split(d.Body, "\n") {
		fmt.Fprintf(&b, "<p><a class=pilcrow>¶%d.</a> <span class=\"marking marking-u\">(U)</span> %s</p>", i+1, html.EscapeString(line))
	}
	b.WriteString("</section>")
	return []byte(b.String())
}

// browser starts a headless Chromium and returns its context, and a
// counter of the JavaScript dialogs (alert) it saw. Every page it opens
// gets the test's probe (testdata/probe.js) before its own scripts.
func browser(t *testing.T, exe string) (context.Context, *atomic.Int32) {
	t.Helper()
	ctx := chromebin.Start(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probeScript(t)}); err != nil {
		t.Fatal(err)
	}
	var dialogs atomic.Int32
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return ctx, &dialogs
}

// probeScript returns the test's probe of the search page: it sets
// window.cablesiteProbe.last when a search is done, from the page's event
// and what the probe saw the page load.
func probeScript(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "probe.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pageHit is a hit as the page shows it.
type pageHit struct {
	Doc     int      `json:"doc"`
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Href    string   `json:"href"`
	Date    string   `json:"date"`
	Meta    string   `json:"meta"`
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"`
	Tags    []string `json:"tags"` // element names inside the hit
}

type pageState struct {
	Status string    `json:"status"`
	Search string    `json:"search"`
	Query  string    `json:"query"`
	Hits   []pageHit `json:"hits"`
	Pages  []string  `json:"pages"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count string `json:"count"`
		On    bool   `json:"on"`
	} `json:"facets"`
	Ms    float64  `json:"ms"`
	Keys  []string `json:"keys"`  // the files of the index the search loaded
	Read  []string `json:"read"`  // the cable pages it read
	Total int      `json:"total"` // its results
}

const readState = `(() => {
  const hits = Array.from(document.querySelectorAll('#search-results li.hit[data-doc]')).map(li => ({
    doc: +li.dataset.doc,
    id: li.querySelector('.hit-meta .hit-id').textContent,
    title: li.querySelector('.hit-title').textContent,
    href: li.querySelector('.hit-title').href,
    date: (li.querySelector('time') || {}).textContent || '',
    meta: li.querySelector('.hit-meta').textContent,
    snippet: (li.querySelector('.hit-snippet') || {}).textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
    tags: Array.from(li.querySelectorAll('*')).map(e => e.tagName.toLowerCase()),
  }));
  const facets = {};
  document.querySelectorAll('#search-facets section[data-facet]').forEach(s => {
    facets[s.dataset.facet] = Array.from(s.querySelectorAll('button.facet-value')).map(b => ({
      value: b.dataset.value, count: b.querySelector('.facet-count').textContent, on: b.getAttribute('aria-pressed') === 'true'}));
  });
  const last = window.cablesiteProbe.last || {};
  return {status: document.getElementById('search-status').textContent, search: location.search,
    query: document.getElementById('search-q').value, hits, facets,
    pages: Array.from(document.querySelectorAll('#search-pager a, #search-pager [aria-current]')).map(a => a.textContent),
    ms: last.ms || 0, keys: last.keys || [], read: last.pages || [], total: last.total || 0};
})()`

type action = chromedp.Action[chromedp.Void]

// waitDone waits until the page has finished a search. A phrase's search
// by date reads a hundred pages or more in frames, near 20 s on a loaded
// 2-core machine: the wait only guards against a hang.
func waitDone(context.Context) action {
	return void(chromedp.Poll[bool](`(() => { const a = document.getElementById('search-app'); return !!a && ['done', 'error', 'ready'].includes(a.dataset.state); })()`, chromedp.WithPollingTimeout(90*time.Second)))
}

// waitQuery waits until the page has shown the results of q: typing
// may start searches for the letters typed so far.
func waitQuery(q string) action {
	b, _ := json.Marshal(q)
	return void(chromedp.Poll[bool](`(() => { const a = document.getElementById('search-app'), l = window.cablesiteProbe.last;
		return !!a && a.dataset.state === 'done' && !!l && l.q === `+string(b)+`; })()`, chromedp.WithPollingTimeout(20*time.Second)))
}

// void drops an action's value.
func void[T any](a chromedp.Action[T]) action {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// script runs a script for its effect.
func script(expr string) action { return void(chromedp.Evaluate[bool]("(" + expr + ", true)")) }

// pressSlash presses "/" as a keyboard does, where the character is typed
// only if the page lets the key down through. (chromedp.KeyEvent sends
// the character as an event of its own, which the page cannot stop.)
func pressSlash(t *testing.T, ctx context.Context) {
	t.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
		p := input.DispatchKeyEventParams{Type: typ, Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		if typ == input.DispatchKeyEventTypeKeyDown {
			p.Text, p.UnmodifiedText = "/", "/"
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, p); err != nil {
			t.Fatal(err)
		}
	}
}

// resetState forgets the last search's state, so that waitDone waits for
// the next one.
var resetState = script(`document.getElementById('search-app').dataset.state = ''`)

// evalTo evaluates an expression in the page.
func evalTo[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func state(t *testing.T, ctx context.Context) pageState {
	t.Helper()
	return evalTo[pageState](t, ctx, readState)
}

func run(t *testing.T, ctx context.Context, actions ...action) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// pageMarks is what a cable's page marked of a search (site.js, markHits).
type pageMarks struct {
	Marks       []string `json:"marks"`       // the text of each mark, its pieces joined
	FirstInView bool     `json:"firstInView"` // the first mark of the snippet's passage is in the window
	Elements    int      `json:"elements"`    // img and script elements in the body
	Bar         string   `json:"bar"`         // what the bar atop the text says
}

// marksAt opens a cable's page at href and waits until it has marked
// what the address asks for.
func marksAt(t *testing.T, ctx context.Context, href string) pageMarks {
	t.Helper()
	run(t, ctx, chromedp.Navigate(href),
		void(chromedp.Poll[bool](`!!document.querySelector('[data-search-text][data-marked]')`, chromedp.WithPollingTimeout(10*time.Second))))
	return evalTo[pageMarks](t, ctx, `(() => {
		const root = document.querySelector('[data-search-text]'), marks = [];
		root.querySelectorAll('mark.hit').forEach(m => { marks[+m.dataset.hit] = (marks[+m.dataset.hit] || '') + m.textContent; });
		const first = root.querySelector('mark.hit-current'), r = first && first.getBoundingClientRect();
		const bar = root.querySelector('.hit-bar .hit-count');
		return {marks, firstInView: !!r && r.top >= 0 && r.bottom <= innerHeight, elements: root.querySelectorAll('img, script').length,
			bar: bar ? bar.textContent : ''};
	})()`)
}

// open loads the search page with a query string and waits for its search.
func open(t *testing.T, ctx context.Context, base, query string) pageState {
	t.Helper()
	run(t, ctx, chromedp.Navigate(base+"search.html"+query), waitDone(ctx))
	return state(t, ctx)
}

func TestBrowser(t *testing.T) {
	exe := chromium(t)
	docs := testDocs(300)
	dir := testSite(t, docs, false)
	s, err := Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	// Over http, the client as the site publishes it: minified.
	minDir := testSite(t, docs, true)
	srv := httptest.NewServer(http.FileServer(http.Dir(minDir)))
	defer srv.Close()
	fileBase := (&url.URL{Scheme: "file", Path: dir + "/"}).String()

	expect := func(t *testing.T, query string, sort string) *Result {
		t.Helper()
		res, err := s.Search(query, SearchOptions{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	sameHits := func(t *testing.T, st pageState, want *Result) {
		t.Helper()
		if st.Total != want.Total {
			t.Fatalf("%d results, want %d (status %q)", st.Total, want.Total, st.Status)
		}
		var got, wantIDs []string
		for _, h := range st.Hits {
			got = append(got, h.ID)
		}
		for _, h := range want.Hits {
			wantIDs = append(wantIDs, h.ID)
		}
		if !slices.Equal(got, wantIDs) {
			t.Fatalf("hits %v\nwant %v", got, wantIDs)
		}
	}

	for _, base := range []struct{ name, url string }{{"file", fileBase}, {"http", srv.URL + "/"}} {
		t.Run(base.name, func(t *testing.T) {
			ctx, dialogs := browser(t, exe)

			t.Run("words", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q=kosovo")
				sameHits(t, st, expect(t, "kosovo", ""))
				ids := map[string]bool{}
				for _, h := range st.Hits {
					ids[h.ID] = true
				}
				if !ids["07STATE126086"] || !ids["08BELGRADE55"] {
					t.Errorf("KOSOVO,S and Kosovo's not both found: %v", st.Hits)
				}
				for _, h := range st.Hits {
					if h.ID == "08BELGRADE55" && !slices.Contains(h.Marks, "Kosovo's") {
						t.Errorf("marks %q: want Kosovo's highlighted", h.Marks)
					}
					if h.Date == "" || !strings.Contains(h.Meta, "·") {
						t.Errorf("hit without date or origin: %+v", h)
					}
				}
				if !strings.Contains(st.Status, "match") {
					t.Errorf("status %q", st.Status)
				}
				t.Logf("first results in %.1f ms, loading %v", st.Ms, st.Keys)
			})

			t.Run("query language", func(t *testing.T) {
				ref := ""
				for _, d := range docs {
					if len(d.References) > 0 {
						ref = d.References[0]
						break
					}
				}
				for _, q := range []string{
					"nuclear OR serbia", "nuclear -serbia", "nuclear NOT tag:KV", "tag:KV OR tag:PGOV -election", "election -gov*",
					`to:"AMEMBASSY BOGOTA"`, "to:ruehb*", "to:madrid NOT to:bogota", "from:secstate nuclear", `from:"AMEMBASSY MADRID"`,
					"subject:election", "subject:elec* OR signer:rice", "signer:o'neill", `signer:"<b>ESC</b>"`, "ref:" + ref,
					"date:2006-03..2006-06", "date:2006-03-01..2006-03-15 OR date:2007-01",
				} {
					st := open(t, ctx, base.url, "?q="+url.QueryEscape(q))
					want := expect(t, q, "")
					if want.Total == 0 {
						t.Errorf("%s: the test query finds nothing", q)
					}
					sameHits(t, st, want)
					for _, h := range st.Hits {
						if slices.Contains(h.Tags, "b") {
							t.Errorf("%s: markup from a signer's name: %v", q, h.Tags)
						}
					}
				}
				// What cannot run is explained, not searched as words.
				for q, code := range map[string]string{"note:x nuclear": "field", "-serbia": "onlynot", "nuclear OR -serbia": "ornot", "date:2006-13": "value"} {
					st := open(t, ctx, base.url, "?q="+url.QueryEscape(q))
					got := evalTo[string](t, ctx, `Array.from(document.querySelectorAll('#search-notices li.search-notice-fatal')).map(li => li.dataset.code).join(' ')`)
					if got != code || st.Total != 0 || !strings.HasPrefix(st.Status, "No search:") {
						t.Errorf("%s: notices %q (want %s), %d results, status %q", q, got, code, st.Total, st.Status)
					}
				}
				open(t, ctx, base.url, "?q="+url.QueryEscape(`nuclear "weapons`))
				if got := evalTo[string](t, ctx, `Array.from(document.querySelectorAll('#search-notices li')).map(li => li.dataset.code).join(' ')`); got != "quote" {
					t.Errorf("unclosed quote: notices %q", got)
				}
				open(t, ctx, base.url, "?q=nuclear")
				if hidden := evalTo[bool](t, ctx, `document.getElementById('search-notices').hidden`); !hidden {
					t.Error("the notices of an earlier query stay shown")
				}
			})

			t.Run("facets combine", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q="+url.QueryEscape("election tag:KV"))
				// A second TAG joins the first with OR.
				var second string
				for _, v := range st.Facets["tag"] {
					if v.Value != "KV" && !v.On {
						second = v.Value
						break
					}
				}
				if second == "" {
					t.Fatalf("no other TAG to choose: %+v", st.Facets["tag"])
				}
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-facets section[data-facet=tag] button[data-value="`+second+`"]`), chromedp.NodeVisible), waitDone(ctx))
				st = state(t, ctx)
				if want := "election tag:KV OR tag:" + second; st.Query != want {
					t.Fatalf("query %q, want %q", st.Query, want)
				}
				sameHits(t, st, expect(t, st.Query, ""))
				// Each field's counts: the query without its own selection,
				// with the other fields' (a class chosen as well).
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-facets section[data-facet=class] button`), chromedp.NodeVisible), waitDone(ctx))
				st = state(t, ctx)
				cls := ""
				for _, v := range st.Facets["class"] {
					if v.On {
						cls = v.Value
					}
				}
				if cls == "" || !strings.Contains(st.Search, "class%3A") {
					t.Fatalf("no class chosen: %q %+v", st.Query, st.Facets["class"])
				}
				sameHits(t, st, expect(t, st.Query, ""))
				on := 0
				for _, v := range st.Facets["tag"] {
					var n int
					fmt.Sscan(strings.ReplaceAll(v.Count, ",", ""), &n)
					fq := fmt.Sprintf("election class:%q tag:%s", cls, v.Value)
					if got := expect(t, fq, "").Total; got != n {
						t.Errorf("tag %s: count %d, but %q gives %d", v.Value, n, fq, got)
					}
					if v.On {
						on++
					}
				}
				if on != 2 {
					t.Errorf("%d TAGS shown as chosen, want 2", on)
				}
				for _, v := range st.Facets["class"] {
					var n int
					fmt.Sscan(strings.ReplaceAll(v.Count, ",", ""), &n)
					fq := fmt.Sprintf("election (tag:KV OR tag:%s) class:%q", second, v.Value)
					if got := expect(t, fq, "").Total; got != n {
						t.Errorf("class %s: count %d, but %q gives %d", v.Value, n, fq, got)
					}
				}
				// Classifications in order of level.
				var levels []string
				for _, v := range st.Facets["class"] {
					levels = append(levels, v.Value)
				}
				if !slices.IsSortedFunc(levels, func(a, b string) int { return cmpLevel(b) - cmpLevel(a) }) {
					t.Errorf("classifications not by level: %q", levels)
				}
				// Clicking the KV again takes it away.
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-facets section[data-facet=tag] button[data-value="KV"]`), chromedp.NodeVisible), waitDone(ctx))
				if st = state(t, ctx); strings.Contains(st.Query, "tag:KV") || !strings.Contains(st.Query, "tag:"+second) {
					t.Errorf("after KV again: %q", st.Query)
				}
				// The TAG meanings of the index are shown.
				if m := evalTo[string](t, ctx, `(document.querySelector('#search-facets section[data-facet=tag] .facet-meaning') || {}).textContent || ''`); !strings.HasPrefix(m, "meaning of ") {
					t.Errorf("TAG meaning %q", m)
				}
			})

			t.Run("time chart", func(t *testing.T) {
				type bar struct{ Value, Title string }
				bars := func() []bar {
					return evalTo[[]bar](t, ctx, `Array.from(document.querySelectorAll('#search-chart svg.timeline a')).map(a => ({value: a.dataset.value, title: a.querySelector('title').textContent}))`)
				}
				st := open(t, ctx, base.url, "?q=election")
				want := expect(t, "election", "")
				got := bars()
				if len(got) < 4 {
					t.Fatalf("%d bars per year: %+v", len(got), got)
				}
				for _, y := range want.Facets.Year {
					if y.Name == "undated" {
						continue
					}
					i := slices.IndexFunc(got, func(b bar) bool { return b.Value == y.Name })
					if i < 0 || !strings.HasPrefix(got[i].Title, fmt.Sprintf("%s: %s cable", y.Name, strings.ReplaceAll(fmt.Sprint(y.Count), " ", ""))) {
						t.Errorf("year %s (%d): bars %+v", y.Name, y.Count, got)
					}
				}
				// A bar is a link reached from the keyboard: Enter narrows the search.
				year := got[1].Value
				run(t, ctx, resetState, script(`document.querySelector('#search-chart a[data-value="`+year+`"]').focus()`),
					chromedp.KeyEvent("\r"), waitDone(ctx))
				st = state(t, ctx)
				if st.Query != "election year:"+year {
					t.Fatalf("after Enter on %s: query %q", year, st.Query)
				}
				sameHits(t, st, expect(t, st.Query, ""))
				// One year: a bar per month, narrowing to the month.
				months := bars()
				sum := 0
				for _, b := range months {
					var n int
					_, rest, _ := strings.Cut(b.Title, ": ")
					fmt.Sscan(strings.ReplaceAll(rest, ",", ""), &n)
					sum += n
					if !strings.HasPrefix(b.Value, year+"-") {
						t.Errorf("month bar %+v", b)
					}
				}
				if len(months) < 2 || sum != st.Total {
					t.Fatalf("%d month bars adding up to %d, results %d", len(months), sum, st.Total)
				}
				m := months[len(months)-1].Value
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-chart a[data-value="`+m+`"] rect.hit`), chromedp.NodeVisible), waitDone(ctx))
				st = state(t, ctx)
				if st.Query != "election date:"+m {
					t.Fatalf("after a click on %s: query %q", m, st.Query)
				}
				sameHits(t, st, expect(t, st.Query, ""))
			})

			t.Run("suggestions", func(t *testing.T) {
				suggestions := func() []string {
					return evalTo[[]string](t, ctx, `Array.from(document.querySelectorAll('#search-suggest a')).map(a => a.textContent)`)
				}
				open(t, ctx, base.url, "?q="+url.QueryEscape("nuclaer weapns"))
				if got := suggestions(); len(got) == 0 || got[0] != "nuclear weapons" {
					t.Fatalf("nuclaer weapns: suggestions %q", got)
				}
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-suggest a`), chromedp.NodeVisible), waitDone(ctx))
				st := state(t, ctx)
				if st.Query != "nuclear weapons" {
					t.Fatalf("after the suggestion: %q", st.Query)
				}
				sameHits(t, st, expect(t, "nuclear weapons", ""))
				// Several words that find nothing together: the query
				// without the one that empties it.
				open(t, ctx, base.url, "?q="+url.QueryEscape("nuclear weapons zzzxqj"))
				if got := suggestions(); !slices.Contains(got, "nuclear weapons") {
					t.Errorf("nuclear weapons zzzxqj: suggestions %q", got)
				}
				// A query that finds enough has none.
				open(t, ctx, base.url, "?q=nuclear")
				if got := suggestions(); len(got) != 0 {
					t.Errorf("nuclear: suggestions %q", got)
				}
			})

			t.Run("typing", func(t *testing.T) {
				open(t, ctx, base.url, "")
				run(t, ctx, resetState, chromedp.SendKeys(chromedp.CSS("#search-q"), "nuclear weap"), waitQuery("nuclear weap"))
				st := state(t, ctx)
				if st.Total == 0 {
					t.Fatalf("no results while typing: %q", st.Status)
				}
				want := expect(t, "nuclear weap*", "")
				if st.Total != want.Total {
					t.Errorf("typing 'nuclear weap': %d results, want those of 'nuclear weap*': %d", st.Total, want.Total)
				}
				if !strings.Contains(st.Search, "q=nuclear+weap") {
					t.Errorf("address %q does not hold the query", st.Search)
				}
				marked := false
				for _, h := range st.Hits {
					for _, m := range h.Marks {
						marked = marked || strings.HasPrefix(strings.ToLower(m), "weap")
					}
				}
				if !marked {
					t.Error("no prefix match highlighted")
				}
			})

			t.Run("phrase", func(t *testing.T) {
				// The index lets through a few cables that hold the words
				// but not the phrase; the page checks their texts.
				const q = `"nuclear weapons"`
				all, err := s.Search(q, SearchOptions{PerPage: 1000})
				if err != nil {
					t.Fatal(err)
				}
				byID := map[string]Doc{}
				for _, d := range docs {
					byID[d.ID] = d
				}
				var want []string
				for _, h := range all.Hits {
					if holdsPhrase(byID[h.ID], q) {
						want = append(want, h.ID)
					}
				}
				if len(want) == len(all.Hits) || len(all.Hits) > phraseCheck(t) {
					t.Fatalf("the index gives %d candidates, %d of them with the phrase: the test needs a few without, and at most %d",
						len(all.Hits), len(want), phraseCheck(t))
				}
				st := open(t, ctx, base.url, "?q="+url.QueryEscape(q))
				var got []string
				for _, h := range st.Hits {
					got = append(got, h.ID)
				}
				if st.Total != len(want) || !slices.Equal(got, want[:min(20, len(want))]) {
					t.Fatalf("%d results %v (status %q)\nwant %d: %v", st.Total, got, st.Status, len(want), want)
				}
				if strings.Contains(st.Status, "About") {
					t.Errorf("status %q: every candidate was checked, the count is exact", st.Status)
				}
				for _, h := range st.Hits {
					if !slices.ContainsFunc(h.Marks, func(m string) bool { return strings.EqualFold(m, "nuclear weapons") }) {
						t.Errorf("%s: marks %q, want the phrase marked whole; snippet %q", h.ID, h.Marks, h.Snippet)
					}
				}
				words := open(t, ctx, base.url, "?q="+url.QueryEscape(`nuclear weapons`))
				if st.Total >= words.Total {
					t.Errorf("the phrase matches %d, the words %d", st.Total, words.Total)
				}
				if slices.Contains(got, "09PARIS77") {
					t.Error("09PARIS77 has both words apart, not the phrase")
				}
			})

			t.Run("snippet", func(t *testing.T) {
				// The word is far past the excerpt the index holds: the
				// snippet comes from the cable's text, around it.
				st := open(t, ctx, base.url, "?q=zeppelin")
				if len(st.Hits) != 1 || st.Hits[0].ID != "10ANKARA5" {
					t.Fatalf("hits %+v", st.Hits)
				}
				h := st.Hits[0]
				if !strings.HasPrefix(h.Snippet, "… ") || !strings.Contains(h.Snippet, "a zeppelin flew over the harbour of Izmir.") ||
					!slices.Equal(h.Marks, []string{"zeppelin"}) || len(h.Snippet) > 400 {
					t.Errorf("snippet %q, marks %q", h.Snippet, h.Marks)
				}
			})

			t.Run("marks on the cable's page", func(t *testing.T) {
				// A hit's link carries the query's words and phrases to the
				// cable's page, which marks them all and shows the first
				// mark of the snippet's passage.
				follow := func(t *testing.T, query string, hit int) pageMarks {
					t.Helper()
					st := open(t, ctx, base.url, "?q="+url.QueryEscape(query))
					if len(st.Hits) <= hit {
						t.Fatalf("%s: hits %+v", query, st.Hits)
					}
					if !strings.Contains(st.Hits[hit].Href, "?highlight=") {
						t.Fatalf("%s: the link %s carries no words", query, st.Hits[hit].Href)
					}
					return marksAt(t, ctx, st.Hits[hit].Href)
				}
				m := follow(t, "zeppelin", 0)
				if !slices.Equal(m.Marks, []string{"zeppelin"}) || !m.FirstInView || m.Bar != "Mark 1 of 1: zeppelin" {
					t.Errorf("zeppelin: %+v", m)
				}
				m = follow(t, `"nuclear weapons"`, 0)
				if len(m.Marks) == 0 || !m.FirstInView {
					t.Errorf("nuclear weapons: %+v", m)
				}
				for _, mark := range m.Marks {
					if !strings.EqualFold(mark, "nuclear weapons") {
						t.Errorf("the phrase: %q marked, want the phrase whole: %q", mark, m.Marks)
					}
				}
				m = follow(t, "script bold", 0)
				if len(m.Marks) < 2 || m.Elements != 0 {
					t.Errorf("hostile text: %+v", m)
				}
				// A query string of the reader's own, with markup in it,
				// is text too.
				st := open(t, ctx, base.url, "?q=zeppelin")
				href := strings.Replace(st.Hits[0].Href, "?highlight=zeppelin", "?highlight="+url.QueryEscape("<img src=x onerror=alert(3)> zeppelin"), 1)
				if m = marksAt(t, ctx, href); !slices.Equal(m.Marks, []string{"zeppelin"}) || m.Elements != 0 {
					t.Errorf("markup in the address: %+v", m)
				}
				if n := dialogs.Load(); n > 0 {
					t.Errorf("%d dialogs opened: script ran", n)
				}
				// Filters alone mark nothing.
				st = open(t, ctx, base.url, "?q="+url.QueryEscape("tag:KV"))
				for _, h := range st.Hits {
					if strings.Contains(h.Href, "?") {
						t.Errorf("tag:KV: link %s", h.Href)
					}
				}
			})

			t.Run("filters", func(t *testing.T) {
				for _, q := range []string{"tag:KV", `origin:"Embassy Madrid"`, "class:secret", "year:2006..2008", "tag:PGOV election", "date:2007-01-01..2007-06-30"} {
					st := open(t, ctx, base.url, "?q="+url.QueryEscape(q))
					if q == "date:2007-01-01..2007-06-30" {
						for _, h := range st.Hits {
							if h.Date < "2007-01-01" || h.Date > "2007-06-30" {
								t.Errorf("%s: hit of %s", q, h.Date)
							}
						}
						if st.Total == 0 {
							t.Errorf("%s: nothing", q)
						}
						continue
					}
					sameHits(t, st, expect(t, q, ""))
				}
			})

			t.Run("facet counts", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q=election")
				want := expect(t, "election", "")
				for _, facet := range []string{"year", "class", "origin", "tag"} {
					if len(st.Facets[facet]) == 0 {
						t.Errorf("no %s facet shown", facet)
					}
					sum := 0
					for _, v := range st.Facets[facet] {
						var n int
						fmt.Sscan(strings.ReplaceAll(v.Count, ",", ""), &n)
						sum += n
						// Each count is the count of the query with the facet's filter.
						field := facet
						fq := fmt.Sprintf("election %s:%q", field, v.Value)
						if facet == "year" {
							fq = "election year:" + v.Value
						}
						if got := expect(t, fq, "").Total; got != n {
							t.Errorf("%s %s: count %d, but %q gives %d", facet, v.Value, n, fq, got)
						}
					}
					// A cable has one year and one classification, but
					// no origin at times, several TAGS, and the lists
					// show the busiest values only.
					if (facet == "year" || facet == "class") && sum != want.Total {
						t.Errorf("%s counts add up to %d, results %d", facet, sum, want.Total)
					}
				}
				// Click a facet: the filter joins the query and the address.
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-facets section[data-facet=class] button`), chromedp.NodeVisible), waitDone(ctx))
				st2 := state(t, ctx)
				if !strings.Contains(st2.Query, `class:"`) || !strings.Contains(st2.Search, "class%3A") {
					t.Fatalf("after the click: query %q, address %q", st2.Query, st2.Search)
				}
				sameHits(t, st2, expect(t, st2.Query, ""))
				on := false
				for _, v := range st2.Facets["class"] {
					on = on || v.On
				}
				if !on {
					t.Error("the chosen facet is not shown as chosen")
				}
				// Back: the previous query again.
				run(t, ctx, resetState, chromedp.NavigateBack(), waitDone(ctx))
				if st3 := state(t, ctx); st3.Query != "election" {
					t.Errorf("back: query %q", st3.Query)
				}
			})

			t.Run("sort", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q=tag%3AKV&sort=date")
				sameHits(t, st, expect(t, "tag:KV", "date"))
				for i := 1; i < len(st.Hits); i++ {
					if st.Hits[i].Date > st.Hits[i-1].Date && st.Hits[i].Date != "" && st.Hits[i-1].Date != "" {
						t.Fatalf("not newest first: %s then %s", st.Hits[i-1].Date, st.Hits[i].Date)
					}
				}
				run(t, ctx, resetState, chromedp.SetValue(chromedp.CSS("#search-sort"), "oldest"), script(`document.getElementById('search-sort').dispatchEvent(new Event('change'))`), waitDone(ctx))
				st = state(t, ctx)
				sameHits(t, st, expect(t, "tag:KV", "oldest"))
				if !strings.Contains(st.Search, "sort=oldest") {
					t.Errorf("address %q", st.Search)
				}
			})

			t.Run("pages and address", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q=government")
				if len(st.Pages) < 3 {
					t.Fatalf("pager %v for %d results", st.Pages, st.Total)
				}
				run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-pager a[data-page="1"]`), chromedp.NodeVisible), waitDone(ctx))
				st2 := state(t, ctx)
				if !strings.Contains(st2.Search, "page=2") {
					t.Errorf("address %q", st2.Search)
				}
				want, _ := s.Search("government", SearchOptions{Page: 1})
				sameHits(t, st2, want)
				// The address alone brings the same page back.
				href := evalTo[string](t, ctx, `location.href`)
				run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(href), waitDone(ctx))
				if st3 := state(t, ctx); st3.Hits[0].ID != st2.Hits[0].ID || st3.Query != "government" {
					t.Errorf("reloaded: %q %v, want %v", st3.Query, st3.Hits[0].ID, st2.Hits[0].ID)
				}
			})

			t.Run("id", func(t *testing.T) {
				for _, q := range []string{"07STATE126086", "07 STATE 126086", "STATE 126086 2007", "state 00126086"} {
					run(t, ctx, chromedp.Navigate(base.url+"search.html?q="+url.QueryEscape(q)), chromedp.WaitVisible(chromedp.ID("cable")))
					loc := evalTo[string](t, ctx, `location.href`)
					if !strings.HasSuffix(loc, "cable/2007/09/07STATE126086.html") {
						t.Errorf("%q went to %s", q, loc)
					}
				}
				// Typed and entered in the box.
				open(t, ctx, base.url, "")
				run(t, ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "08 BELGRADE 55\r"), chromedp.WaitVisible(chromedp.ID("cable")))
				loc := evalTo[string](t, ctx, `location.href`)
				if !strings.HasSuffix(loc, "cable/2008/02/08BELGRADE55.html") {
					t.Errorf("went to %s", loc)
				}
			})

			t.Run("hostile text", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q=onerror")
				if len(st.Hits) == 0 {
					t.Fatal("the hostile cable is not found")
				}
				h := st.Hits[0]
				if h.Title != "<img src=x onerror=alert(1)> hostile subject" {
					t.Errorf("title shown as %q", h.Title)
				}
				for _, tag := range h.Tags {
					if tag == "img" || tag == "script" || tag == "b" {
						t.Errorf("a <%s> element in the hit: cable text was read as HTML", tag)
					}
				}
				st = open(t, ctx, base.url, "?q=script+bold")
				if len(st.Hits) == 0 || !strings.Contains(st.Hits[0].Snippet, "<script>alert(2)</script>") {
					t.Errorf("snippet %+v", st.Hits)
				}
				if n := dialogs.Load(); n > 0 {
					t.Errorf("%d dialogs opened: script ran", n)
				}
			})

			t.Run("filters read no pages", func(t *testing.T) {
				st := open(t, ctx, base.url, "?q="+url.QueryEscape("tag:KV year:2007"))
				if st.Total == 0 {
					t.Fatalf("no hits: %q", st.Status)
				}
				if len(st.Read) != 0 {
					t.Errorf("a query of filters read %d pages: %v", len(st.Read), st.Read)
				}
			})

			t.Run("texts dropped for a newer search", func(t *testing.T) {
				// Pages asked for by a search and not opened yet are
				// dropped when the search is abandoned (the next one
				// starts): the next comes first.
				open(t, ctx, base.url, "")
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
					const s = window.cablesiteSearch, ix = await s.open("search/"), texts = new s.Texts("");
					const hits = await ix.hits(Array.from({length: 30}, (_, i) => i));
					const search = new AbortController();
					const asked = hits.map(h => texts.get(h.url, search.signal));
					search.abort();
					const read = await Promise.all(asked);
					const again = await texts.get(hits[29].url);
					return read.map(t => t === undefined ? "dropped" : typeof t === "string" ? "read" : "none")
						.concat([typeof again === "string" ? "read again" : "not read again"]);
				})()`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				read, dropped := 0, 0
				for _, g := range got[:30] {
					switch g {
					case "read":
						read++
					case "dropped":
						dropped++
					}
				}
				if read != 6 || dropped != 24 || got[30] != "read again" {
					t.Errorf("%d read, %d dropped of 30, then %s; want the 6 opened read, the rest dropped, and read when asked again", read, dropped, got[30])
				}
			})

			t.Run("keyboard", func(t *testing.T) {
				open(t, ctx, base.url, "?q=kosovo")
				run(t, ctx, script(`document.activeElement.blur()`))
				pressSlash(t, ctx)
				// The box has the focus, its query selected (typing replaces
				// it), and "/" was not typed into it.
				if got := evalTo[string](t, ctx, `(() => { const e = document.activeElement; return e.id + " " + e.value.slice(e.selectionStart, e.selectionEnd) + " " + e.value; })()`); got != "search-q kosovo kosovo" {
					t.Fatalf("after /: focused, selected, value: %q", got)
				}
				run(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
				href := evalTo[string](t, ctx, `document.activeElement.className + ' ' + document.activeElement.getAttribute('href')`)
				if !strings.HasPrefix(href, "hit-title ") {
					t.Fatalf("arrow down focused %q", href)
				}
				run(t, ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("cable")))
				if loc := evalTo[string](t, ctx, `location.href`); !strings.HasSuffix(loc, strings.TrimPrefix(href, "hit-title ")) {
					t.Errorf("Enter opened %s, want %s", loc, href)
				}
			})
		})
	}
}

// TestBrowserPhrasePages checks a phrase with more candidates than the
// page checks at once, from file://: each page of results holds the
// candidates that hold the phrase, in order, and the count is an estimate
// until every candidate is checked, or the reader checks them all. Also
// the sort by date, the marks in the snippets, and, with small facet
// blocks, facets estimated from a sample until the reader counts them
// all.
func TestBrowserPhrasePages(t *testing.T) {
	exe := chromium(t)
	docs := testDocs(3000)
	dir := testSiteConfig(t, docs, false, Config{facetBlock: 64})
	s, err := Open(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Doc{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	// The phrase of two test words with the most candidates, some of
	// them without it.
	var q string
	var cands int
	for _, a := range testWords[:12] {
		for _, b := range testWords[:12] {
			if a == b {
				continue
			}
			p := `"` + a + " " + b + `"`
			res, err := s.Search(p, SearchOptions{PerPage: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total > cands {
				q, cands = p, res.Total
			}
		}
	}
	if cands <= phraseCheck(t)+2*20 {
		t.Fatalf("the most candidates of a phrase: %d (%s); the test needs more than %d", cands, q, phraseCheck(t)+40)
	}
	ctx, _ := browser(t, exe)
	// A screen tall enough for a page of hits: the page reads the texts of
	// the hits on screen (and a screen ahead) only.
	run(t, ctx, chromedp.EmulateViewport(1000, 4000))
	base := (&url.URL{Scheme: "file", Path: dir + "/"}).String()
	for _, sort := range []string{"", "date"} {
		all, err := s.Search(q, SearchOptions{PerPage: cands, Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range all.Hits {
			if holdsPhrase(byID[h.ID], q) {
				want = append(want, h.ID)
			}
		}
		if len(want) < 40 || len(want) == len(all.Hits) {
			t.Fatalf("%s: %d candidates, %d with the phrase", q, len(all.Hits), len(want))
		}
		for page := range 2 {
			query := "?q=" + url.QueryEscape(q) + "&page=" + fmt.Sprint(page+1)
			if sort != "" {
				query += "&sort=" + sort
			}
			st := open(t, ctx, base, query)
			var got []string
			var tok Tokenizer
			for _, h := range st.Hits {
				got = append(got, h.ID)
				if !slices.ContainsFunc(h.Marks, func(m string) bool { return slices.Equal(tok.Terms(m), tok.Terms(q)) }) {
					t.Errorf("%s: marks %q in %q", h.ID, h.Marks, h.Snippet)
				}
			}
			if w := want[page*20 : page*20+20]; !slices.Equal(got, w) {
				t.Errorf("%s sort %q page %d: hits %v\nwant %v", q, sort, page+1, got, w)
			}
			if !strings.HasPrefix(st.Status, "About ") {
				t.Errorf("status %q: want an estimate, %d candidates of %d are not checked", st.Status, len(all.Hits)-40, len(all.Hits))
			}
			if st.Total < len(want)/2 || st.Total > len(all.Hits) {
				t.Errorf("estimated %d results: %d candidates, %d with the phrase", st.Total, len(all.Hits), len(want))
			}
			t.Logf("%s sort %q page %d: %s (%d candidates, %d with the phrase)", q, sort, page+1, st.Status, len(all.Hits), len(want))
		}
		if sort != "" {
			continue
		}
		// Check them all: the count is exact, and so is the first page.
		run(t, ctx, resetState, chromedp.Click(chromedp.CSS(`#search-status button.check-all`), chromedp.NodeVisible),
			void(chromedp.Poll[bool](`document.getElementById('search-app').dataset.state === 'done'`, chromedp.WithPollingTimeout(2*time.Minute))))
		st := state(t, ctx)
		if st.Total != len(want) || strings.Contains(st.Status, "About") || len(st.Hits) != 20 || st.Hits[0].ID != want[20] {
			t.Errorf("after checking all: %d results (status %q), first %v; want %d, first %s", st.Total, st.Status, st.Hits[:min(1, len(st.Hits))], len(want), want[20])
		}
	}

	// Facets of results in many blocks: estimated (≈), then counted.
	const words = "government"
	res, err := s.Search(words, SearchOptions{AllFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	st := open(t, ctx, base, "?q="+words)
	if res.Total < 1000 || !strings.HasPrefix(st.Status, commas(res.Total)+" ") {
		t.Errorf("status %q: want the %d results counted, thousands apart", st.Status, res.Total)
	}
	if !strings.HasPrefix(st.Facets["tag"][0].Count, "≈") {
		t.Fatalf("tag counts %+v: want estimates for %d results in %d-cable blocks", st.Facets["tag"], st.Total, 64)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`#search-facets button.facet-all`), chromedp.NodeVisible),
		void(chromedp.Poll[bool](`!document.querySelector("#search-facets button.facet-all")`, chromedp.WithPollingTimeout(20*time.Second))))
	st = state(t, ctx)
	// The page lists classifications by level, the rest by count.
	byLevel := slices.Clone(res.Facets.Class)
	slices.SortStableFunc(byLevel, func(a, b FacetCount) int {
		return cmp.Or(cmpLevel(b.Name)-cmpLevel(a.Name), strings.Compare(a.Name, b.Name))
	})
	for field, want := range map[string][]FacetCount{"tag": res.Facets.Tag, "origin": res.Facets.Origin, "class": byLevel} {
		got := st.Facets[field]
		if len(got) == 0 {
			t.Errorf("%s: no counts after counting them all", field)
		}
		for i, v := range got {
			if i >= len(want) || v.Value != want[i].Name || v.Count != commas(want[i].Count) {
				t.Errorf("%s: counted %s %s, want %+v", field, v.Value, v.Count, want[min(i, len(want)-1)])
			}
		}
	}
}

// commas writes n as the page does, with commas between thousands.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
