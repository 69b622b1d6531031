package search

import (
	"fmt"
	"net/url"
	"sort"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

func TestZZProbe(t *testing.T) {
	dir := "/dev/shm/s250"
	ctx, _ := browser(t, chromium(t))
	base := "file://" + dir + "/search.html"
	profiles := make(chan *profiler.Profile, 10)
	go func() {
		for ev, err := range chromedp.Events(ctx, profiler.ConsoleProfileFinished) {
			if err != nil {
				return
			}
			profiles <- ev.Profile
		}
	}()
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200})
	chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
		if (!/[?&]q=/.test(location.search)) return;
		console.profile("q");
		const obs = new MutationObserver(() => {
			if (document.querySelector("#search-results li.hit")) { console.profileEnd("q"); obs.disconnect(); }
		});
		obs.observe(document, { childList: true, subtree: true });
	})()`})
	run(t, ctx, chromedp.Navigate(base), waitDone(ctx))
	for _, q := range []string{"nuclear weapons", "prime minister", "nuclear weapons"} {
		run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"?q="+url.QueryEscape(q)), waitDone(ctx))
		st := state(t, ctx)
		p := <-profiles
		self := map[string]float64{}
		byID := map[int64]*profiler.ProfileNode{}
		for _, n := range p.Nodes {
			byID[n.ID] = n
		}
		total := 0.0
		for i, id := range p.Samples {
			n := byID[id]
			u := n.CallFrame.URL
			if len(u) > 20 {
				u = u[len(u)-20:]
			}
			d := float64(p.TimeDeltas[i]) / 1000
			self[fmt.Sprintf("%s %s:%d:%d", n.CallFrame.FunctionName, u, n.CallFrame.LineNumber, n.CallFrame.ColumnNumber)] += d
			total += d
		}
		keys := make([]string, 0, len(self))
		for k := range self {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return self[keys[i]] > self[keys[j]] })
		t.Logf("%q: %.0f ms; profile %.0f ms (%.0f ms from start to end)", q, st.Ms, total, (p.EndTime-p.StartTime)/1000)
		for _, k := range keys[:min(14, len(keys))] {
			t.Logf("  %6.1f ms %s", self[k], k)
		}
	}
}
