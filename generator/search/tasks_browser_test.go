package search

import (
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// taskWatch, run before the page's scripts, tells whether the page gave
// the browser a frame between showing a search's hits and showing its
// facets: when the hits come, it asks for an animation frame, whose
// callback runs only once the task that showed them (and its microtasks)
// has ended. So the facets find it run only if they came in a later
// task, whatever the machine's speed.
const taskWatch = `(() => {
	if (window.parent !== window) return;
	const w = window.taskWatch = { framed: false, facets: [] };
	let frame = false;
	document.addEventListener("DOMContentLoaded", () => {
		const results = document.getElementById("search-results"), facets = document.getElementById("search-facets");
		new MutationObserver(() => {
			if (!results.querySelector("li.hit")) return;
			frame = false;
			requestAnimationFrame(() => { frame = true; });
		}).observe(results, { childList: true });
		new MutationObserver(() => {
			if (facets.childElementCount) w.facets.push(frame);
		}).observe(facets, { childList: true });
	});
})()`

// TestBrowserSearchTasks checks that one search's work is not done in a
// single task of the main thread: the page paints its hits, then counts
// and shows the facets in a later task (and draws the chart later still),
// so that a slow phone can answer the reader in between (issue 16). It
// runs each query from file:// on a small site, twice (the second time
// with every file it needs loaded already), and fails when the facets of
// the second search came in the task that showed its hits.
func TestBrowserSearchTasks(t *testing.T) {
	exe := chromium(t)
	dir := testSite(t, testDocs(300), true)
	ctx, _ := browser(t, exe)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: taskWatch}); err != nil {
		t.Fatal(err)
	}
	base := (&url.URL{Scheme: "file", Path: dir + "/"}).String() + "search.html"
	for _, q := range []string{"nuclear", "nuclear weapons", `"prime minister"`, "tag:pgov"} {
		// The second time, every file it needs is loaded: nothing but the
		// page itself makes it wait.
		run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"?q="+url.QueryEscape(q)), waitDone(ctx),
			script(`window.taskWatch.facets = []`), resetState, script(`document.getElementById('search-form').requestSubmit()`), waitDone(ctx))
		type watch struct {
			Facets []bool `json:"facets"`
		}
		w := evalTo[watch](t, ctx, `window.taskWatch`)
		if len(w.Facets) == 0 {
			t.Errorf("%q: no facets shown", q)
			continue
		}
		for i, framed := range w.Facets {
			if !framed {
				t.Errorf("%q: facets shown (%d of %d) in the task that showed the hits: the search ran in one task", q, i+1, len(w.Facets))
			}
		}
	}
}
