package search

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/cablesite/cablesite/generator/annotate"
)

// The scale run is a measurement, not a test: it indexes a content folder
// imported by `cablesite import` and reports time, memory and sizes.
//
//	go test ./generator/search -run TestScale -search.content /tmp/site250k/content -search.out /tmp/s250/public -v
var (
	scaleContent = flag.String("search.content", "", "content folder to index in TestScale")
	scaleOut     = flag.String("search.out", "", "site folder to write TestScale's index into (default: a temporary folder)")
	scaleQueries = flag.String("search.queries", "nuclear weapons,prime minister,kosovo independence,oil exports,human rights,election fraud,visa fraud,military assistance,tag:pgov iran,\"prime minister\"", "comma-separated queries whose loaded bytes TestScale reports")
)

func TestScale(t *testing.T) {
	if *scaleContent == "" {
		t.Skip("measurement: give -search.content DIR (a content folder) to run it")
	}
	out := *scaleOut
	if out == "" {
		out = t.TempDir()
	}
	var files []string
	err := filepath.WalkDir(filepath.Join(*scaleContent, "cables"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)

	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if rss := readRSS(); rss > peak.Load() {
					peak.Store(rss)
				}
			}
		}
	})

	start := time.Now()
	b := NewBuilder(Config{})
	var raw, read atomic.Int64
	var addTime atomic.Int64
	next := make(chan string, 64)
	var readers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		readers.Go(func() {
			for p := range next {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Error(err)
					continue
				}
				doc, err := annotate.Read(p, data)
				if err != nil {
					t.Log(err)
					continue
				}
				raw.Add(int64(len(doc.Original)))
				read.Add(1)
				d := FromDocument(doc)
				t0 := time.Now()
				b.Add(d)
				addTime.Add(int64(time.Since(t0)))
			}
		})
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	readers.Wait()
	added := time.Now()
	w := WriterFunc(func(name string, data []byte) error {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
	stats, err := b.Write(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	done := time.Now()
	close(stop)
	sampler.Wait()
	if rss := readRSS(); rss > peak.Load() {
		peak.Store(rss)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	t.Logf("%d files read, %d indexed; read+add %s, write %s, total %s", len(files), read.Load(), added.Sub(start).Round(time.Millisecond), done.Sub(added).Round(time.Millisecond), done.Sub(start).Round(time.Millisecond))
	t.Logf("peak RSS %d MB (GOMEMLIMIT %d MB), heap sys %d MB", peak.Load()>>20, debug.SetMemoryLimit(-1)>>20, ms.HeapSys>>20)
	t.Logf("%s; postings took %d MB while building", stats, stats.PostingBytes>>20)
	t.Logf("raw text %d bytes; index %d bytes = %.1f%%", raw.Load(), stats.Bytes, 100*float64(stats.Bytes)/float64(raw.Load()))
	kinds := make([]string, 0, len(stats.Kinds))
	for k := range stats.Kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		ks := stats.Kinds[k]
		t.Logf("  %-10s %7d files %11d bytes (%.1f%% of raw)", k, ks.Files, ks.Bytes, 100*float64(ks.Bytes)/float64(raw.Load()))
	}
	if *scaleQueries != "" {
		s, err := Open(os.DirFS(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range strings.Split(*scaleQueries, ",") {
			res, err := s.Search(q, SearchOptions{})
			if err != nil {
				t.Errorf("%s: %v", q, err)
				continue
			}
			t.Logf("query %-28q %7d hits, loads %4d KB in %3d files (page 1 of hits included)", q, res.Total, res.Bytes>>10, len(res.Files))
		}
	}
}

// readRSS returns the resident set size of this process.
func readRSS() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				var kb uint64
				for _, c := range f[0] {
					kb = kb*10 + uint64(c-'0')
				}
				return kb << 10
			}
		}
	}
	return 0
}

var scaleBrowser = flag.Bool("search.browser", false, "TestScaleBrowser: open the index written by TestScale in -search.out with Chromium")

// TestScaleBrowser measures queries in headless Chromium, from file://,
// against the index that TestScale wrote into -search.out: the time until
// the first results show, and the bytes of index loaded (the root
// included; the page and its script excluded).
//
//	go test ./generator/search -run TestScaleBrowser -search.browser -search.out /tmp/s250/public -v
func TestScaleBrowser(t *testing.T) {
	if !*scaleBrowser || *scaleOut == "" {
		t.Skip("measurement: give -search.browser and -search.out DIR (written by TestScale)")
	}
	exe := chromium(t)
	dir := *scaleOut
	// A built site (it has assets/) is used as it is: its search page,
	// and its cable pages for snippets and phrases. An index alone gets
	// the test's search page.
	if _, err := os.Stat(filepath.Join(dir, "assets")); err != nil {
		page, err := os.ReadFile(filepath.Join("testdata", "search.html"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "search.html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{coreJS, pageJS} {
			data, err := os.ReadFile(templateFile(name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	size := func(key string) int64 {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(shardPath(key))))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	ctx, _ := browser(t, exe)
	base := "file://" + dir + "/search.html"
	if *scaleHTTP {
		srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
		defer srv.Close()
		base = srv.URL + "/search.html"
	}
	run(t, ctx, chromedp.Navigate(base), waitDone(ctx))
	for _, q := range strings.Split(*scaleQueries, ",") {
		// A fresh page for each query: nothing cached but what the page loads.
		run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"?q="+url.QueryEscape(q)), waitDone(ctx))
		st := state(t, ctx)
		last := evalTo[struct {
			FacetsMs, SnippetsMs float64
			Exact                bool
			Pages                []string
		}](t, ctx, `window.cablesiteProbe.last`)
		bytes := size("index")
		for _, k := range st.Keys {
			bytes += size(k)
		}
		var pageBytes int64
		for _, u := range last.Pages {
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(u))); err == nil {
				pageBytes += fi.Size()
			}
		}
		count := fmt.Sprint(st.Total)
		if !last.Exact {
			count = "~" + count
		}
		t.Logf("query %-28q %7s hits: first results in %4.0f ms, facets by %4.0f ms, snippets by %4.0f ms; index: %4d KB in %2d files; pages read: %d, %d KB",
			q, count, st.Ms, last.FacetsMs, last.SnippetsMs, bytes>>10, len(st.Keys)+1, len(last.Pages), pageBytes>>10)
	}
}

var scaleHTTP = flag.Bool("search.http", false, "TestScaleBrowser: serve the folder over http instead of opening it from disk")

var scalePagefind = flag.String("search.pagefind", "", "TestPagefindBrowser: a site folder indexed by Pagefind (holding pagefind/)")

// TestPagefindBrowser measures Pagefind on the same queries, for the side
// by side comparison: Pagefind does not work from file://, so the site is
// served over http, without caching. Each query runs in a fresh page:
// pagefind.js loads, searches, and loads the data of the first 20 results.
// Pagefind fetches from a Web Worker, so the server counts the bytes it
// sends under /pagefind/: all of them, and the index alone (not the
// scripts and WebAssembly, which a browser would cache).
//
//	npx pagefind --site SITE
//	go test ./generator/search -run TestPagefindBrowser -search.pagefind SITE -v
func TestPagefindBrowser(t *testing.T) {
	if *scalePagefind == "" {
		t.Skip("measurement: give -search.pagefind SITE (a site indexed by Pagefind)")
	}
	exe := chromium(t)
	var mu sync.Mutex
	var all, index, files int64
	fsrv := http.FileServer(http.Dir(*scalePagefind))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		cw := &countingWriter{ResponseWriter: w}
		fsrv.ServeHTTP(cw, r)
		if strings.HasPrefix(r.URL.Path, "/pagefind/") {
			mu.Lock()
			all += cw.n
			files++
			if !strings.HasSuffix(r.URL.Path, ".js") && !strings.Contains(r.URL.Path, "wasm") {
				index += cw.n
			}
			mu.Unlock()
		}
	}))
	defer srv.Close()
	ctx, _ := browser(t, exe)
	type result struct {
		Ms    float64 `json:"ms"`
		Count int     `json:"count"`
	}
	for _, q := range strings.Split(*scaleQueries, ",") {
		if strings.Contains(q, ":") {
			continue // Pagefind's filters have another syntax
		}
		run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/404.html"))
		mu.Lock()
		all, index, files = 0, 0, 0
		mu.Unlock()
		expr := `(async () => {
			const t0 = performance.now();
			const pf = await import('/pagefind/pagefind.js');
			await pf.init();
			const r = await pf.search(` + strconvQuote(q) + `);
			await Promise.all(r.results.slice(0, 20).map(x => x.data()));
			return {ms: performance.now() - t0, count: r.results.length};
		})()`
		res, err := chromedp.Run(ctx, chromedp.Evaluate[result](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		mu.Lock()
		t.Logf("pagefind %-28q %7d hits: 20 results with data in %4.0f ms; loaded %4d KB in %2d files (index alone %4d KB)", q, res.Count, res.Ms, all>>10, files, index>>10)
		mu.Unlock()
	}
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
