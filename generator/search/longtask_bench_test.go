package search

import (
	"flag"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	chromebin "github.com/cablesite/cablesite/internal/browser"
)

var taskThrottle = flag.Float64("search.throttle", 1, "BenchmarkSearchTasks: CPU slowdown (Lighthouse's mobile is 4)")

// taskProbe, run before the page's scripts, records the main thread's
// long tasks (over 50 ms, as PerformanceObserver "longtask" reports them)
// from the page's start until its search is done, and when the page first
// painted content (the first contentful paint, fcp).
const taskProbe = `(() => {
	if (window.parent !== window) return;
	const p = window.taskProbe = { tasks: [], starts: [], done: false, first: 0, total: 0, fcp: 0 };
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) { p.tasks.push(e.duration); p.starts.push(e.startTime); }
	}).observe({ type: "longtask", buffered: true });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (e.name === "first-contentful-paint") p.fcp = e.startTime;
	}).observe({ type: "paint", buffered: true });
	document.addEventListener("cablesite:search", (e) => {
		p.first = e.detail.firstResultsMs || 0;
		p.total = e.detail.total || 0;
		// A frame on, so that the last task is reported.
		requestAnimationFrame(() => setTimeout(() => { p.done = true; }, 0));
	});
})()`

// BenchmarkSearchTasks opens a built site's search page from file:// in
// headless Chromium, once per iteration for each query of -search.queries,
// and reports the longest main-thread task (ms; 0 when none was over
// 50 ms, the least PerformanceObserver reports), the longest that started
// after the page first painted content (as Lighthouse's Total Blocking
// Time counts them: the first paint's own task, the page's parsing,
// styles and first layout, is left out), how many tasks were over
// 50 ms, their blocking time (each one's time past 50 ms, summed, as
// Lighthouse's Total Blocking Time), and when the first results showed
// (the page's own figure): medians over the iterations. The page loads
// with it (parsing, the scripts), as it does for a reader. A measurement,
// not a test: it skips without -search.out.
//
//	go test ./generator/search -run '^$' -bench BenchmarkSearchTasks -benchtime 3x -search.out PUBLIC [-search.throttle 4]
func BenchmarkSearchTasks(b *testing.B) {
	if *scaleOut == "" {
		b.Skip("measurement: give -search.out PUBLIC, a built site")
	}
	ctx := chromebin.Start(b)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: taskProbe}); err != nil {
		b.Fatal(err)
	}
	if *taskThrottle > 1 {
		if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: *taskThrottle}); err != nil {
			b.Fatal(err)
		}
	}
	dir, err := filepath.Abs(*scaleOut)
	if err != nil {
		b.Fatal(err)
	}
	base := "file://" + filepath.ToSlash(dir) + "/search.html"
	type probe struct {
		Tasks  []float64 `json:"tasks"`
		Starts []float64 `json:"starts"`
		FCP    float64   `json:"fcp"`
		First  float64   `json:"first"`
		Total  int       `json:"total"`
	}
	for _, q := range strings.Split(*scaleQueries, ",") {
		b.Run(q, func(b *testing.B) {
			var longest, painted, count, blocking, first []float64
			total := 0
			for b.Loop() {
				if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"?q="+url.QueryEscape(q))); err != nil {
					b.Fatal(err)
				}
				// The poll may start in the blank page's context, which the
				// navigation then destroys: it is asked again in the new one.
				for try := 0; ; try++ {
					_, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!(window.taskProbe && window.taskProbe.done)`, chromedp.WithPollingTimeout(120*time.Second)))
					if err == nil {
						break
					}
					if try == 3 || !strings.Contains(err.Error(), "Cannot find context") {
						b.Fatalf("%q: %v", q, err)
					}
				}
				p, err := chromedp.Run(ctx, chromedp.Evaluate[probe](`window.taskProbe`))
				if err != nil {
					b.Fatal(err)
				}
				max, after, tbt := 0.0, 0.0, 0.0
				for i, d := range p.Tasks {
					max = maxf(max, d)
					if p.FCP > 0 && i < len(p.Starts) && p.Starts[i] >= p.FCP {
						after = maxf(after, d)
					}
					tbt += d - 50
				}
				longest = append(longest, max)
				painted = append(painted, after)
				count = append(count, float64(len(p.Tasks)))
				blocking = append(blocking, tbt)
				first = append(first, p.First)
				total = p.Total
			}
			b.ReportMetric(median(longest), "longest-task-ms")
			b.ReportMetric(median(painted), "longest-after-fcp-ms")
			b.ReportMetric(median(count), "tasks>50ms")
			b.ReportMetric(median(blocking), "blocking-ms")
			b.ReportMetric(median(first), "first-results-ms")
			b.ReportMetric(float64(total), "hits")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func maxf(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}

// median returns the middle of xs (the mean of the two middle ones when
// there is an even number).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
