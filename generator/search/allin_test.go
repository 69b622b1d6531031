package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var (
	allinSite     = flag.String("allin.site", "", "TestAllInBytes: a site built by cablesite build")
	allinPagefind = flag.String("allin.pagefind", "", "TestAllInBytes: a site indexed by Pagefind (bench/run.sh's Hugo site)")
	allinPageSize = flag.Int("allin.pagesize", 20, "TestAllInBytes: results Pagefind's UI shows with their excerpts (cablesite shows 20)")
	allinViewport = flag.String("allin.viewport", "1366x6000", "TestAllInBytes: the window, WIDTHxHEIGHT (cablesite reads the texts of the hits on screen: 6000 px shows all 20)")
)

// TestAllInBytes is a measurement, not a test: in headless Chromium, for
// each query of -search.queries, the bytes a first search loads until its
// snippets are in, everything counted: the search page, its stylesheets
// and scripts, the index files, the cables' texts (cablesite) or
// Pagefind's scripts, WebAssembly, index and fragments (Pagefind's own
// search page, PagefindUI, showing -allin.pagesize results with their
// excerpts). Both sites are served over http by a server that counts what
// it sends (no caching: each query is a first search, in a new tab), so
// that both are measured the same way; cablesite's bytes from file:// are
// the same files. Each response is counted as sent (uncompressed: the
// test's server does not compress) and gzipped, as a web host would send
// it (Pagefind's index, fragments and WebAssembly are gzip files already
// and count as they are).
//
//	go test ./generator/search -run TestAllInBytes -v -allin.site SITE -allin.pagefind HUGOSITE
//
// or bench/allin.sh SITE [HUGOSITE].
func TestAllInBytes(t *testing.T) {
	if *allinSite == "" && *allinPagefind == "" {
		t.Skip("measurement: give -allin.site SITE (cablesite) and/or -allin.pagefind SITE (Hugo + Pagefind)")
	}
	exe := chromium(t)
	ctx, _ := browser(t, exe)
	queries := strings.Split(*scaleQueries, ",")
	type row struct{ ours, theirs allIn }
	rows := map[string]*row{}
	for _, q := range queries {
		rows[q] = &row{}
	}
	if *allinSite != "" {
		srv := newCountingServer(*allinSite, nil)
		defer srv.Close()
		for _, q := range queries {
			rows[q].ours = srv.measure(t, ctx, "/search.html?q="+url.QueryEscape(q), ourDone)
			t.Logf("cablesite %-24q %s", q, rows[q].ours)
		}
	}
	if *allinPagefind != "" {
		srv := newCountingServer(*allinPagefind, map[string][]byte{"/cablesite-pagefind-search.html": pagefindPage(*allinPageSize)})
		defer srv.Close()
		for _, q := range queries {
			if strings.Contains(q, ":") {
				continue // no filter syntax in Pagefind's box
			}
			rows[q].theirs = srv.measure(t, ctx, "/cablesite-pagefind-search.html?q="+url.QueryEscape(q), pagefindDone)
			t.Logf("pagefind  %-24q %s", q, rows[q].theirs)
		}
	}
	t.Logf("| query | cablesite hits | cablesite, all in | gzipped | files | Pagefind hits | Pagefind, all in | gzipped | files |")
	t.Logf("|---|---|---|---|---|---|---|---|---|")
	cell := func(a allIn) string {
		if a.Files == 0 {
			return " | | | "
		}
		return fmt.Sprintf("%s | %d KB | %d KB | %d", a.Hits, a.Bytes>>10, a.Gzip>>10, a.Files)
	}
	for _, q := range queries {
		t.Logf("| `%s` | %s | %s |", q, cell(rows[q].ours), cell(rows[q].theirs))
	}
}

// allIn is what a first search loaded until its snippets were in.
type allIn struct {
	Hits       string // as the page counts them
	Bytes      int64  // as sent
	Gzip       int64  // gzipped (files gzipped already as they are)
	Files      int
	Ms         float64 // until the snippets were in
	ByKind     map[string]int64
	FilesKinds map[string]int
}

func (a allIn) String() string {
	kinds := make([]string, 0, len(a.ByKind))
	for k := range a.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	for _, k := range kinds {
		fmt.Fprintf(&b, " %s %d KB/%d", k, a.ByKind[k]>>10, a.FilesKinds[k])
	}
	return fmt.Sprintf("%8s hits, snippets in at %5.0f ms: %5d KB (gzipped %5d KB) in %3d files;%s", a.Hits, a.Ms, a.Bytes>>10, a.Gzip>>10, a.Files, b.String())
}

// countingServer serves a folder (and extra pages from memory) without
// caching and records every response.
type countingServer struct {
	*httptest.Server
	mu   sync.Mutex
	sent []sentFile
}

type sentFile struct {
	path        string
	bytes, gzip int64
}

func newCountingServer(dir string, extra map[string][]byte) *countingServer {
	c := &countingServer{}
	files := http.FileServer(http.Dir(dir))
	c.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		rec := &recordingWriter{ResponseWriter: w}
		if page, ok := extra[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			rec.Write(page)
		} else {
			files.ServeHTTP(rec, r)
		}
		if rec.status >= 400 {
			return
		}
		c.mu.Lock()
		c.sent = append(c.sent, sentFile{r.URL.Path, int64(rec.buf.Len()), gzipSize(rec.buf.Bytes())})
		c.mu.Unlock()
	}))
	return c
}

type recordingWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recordingWriter) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recordingWriter) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

// gzipSize is the size of data gzipped (at the default level), or of data
// itself when it is a gzip file already.
func gzipSize(data []byte) int64 {
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		return int64(len(data))
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return int64(b.Len())
}

// ourDone waits for cablesite's search page to be done (the event
// "cablesite:search", after the snippets) and returns the count it shows.
const ourDone = `new Promise((resolve) => {
	const check = () => {
		const d = window.__allinDone;
		if (d) resolve({hits: (d.exact === false ? "~" : "") + d.total, ms: d.snippetsMs || d.firstResultsMs || 0});
		else setTimeout(check, 20);
	};
	check();
})`

// pagefindDone waits for PagefindUI to show its results, each with its
// excerpt, and returns the count its message gives.
const pagefindDone = `new Promise((resolve) => {
	const check = () => {
		const msg = document.querySelector(".pagefind-ui__message");
		const m = msg && /([\d,]+) result/.exec(msg.textContent);
		const zero = msg && /^No results/.test(msg.textContent);
		const shown = document.querySelectorAll(".pagefind-ui__result").length;
		// Results still loading are placeholders (.pagefind-ui__loading).
		const loading = document.querySelectorAll(".pagefind-ui__results .pagefind-ui__loading").length;
		const excerpts = Array.from(document.querySelectorAll(".pagefind-ui__result-excerpt")).filter((e) => !e.classList.contains("pagefind-ui__loading") && e.textContent.trim() !== "").length;
		if (zero) return resolve({hits: "0", ms: performance.now()});
		if (m) {
			const n = +m[1].replace(/,/g, "");
			const want = Math.min(n, window.__allinPageSize);
			if (shown >= want && loading === 0 && excerpts >= want) return resolve({hits: String(n), ms: performance.now() - window.__allinStart});
		}
		setTimeout(check, 20);
	};
	check();
})`

// pagefindPage is a search page of Pagefind's own UI, as its
// documentation gives it, searching for the address's q.
func pagefindPage(pageSize int) []byte {
	return []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><main><div id="search"></div></main><script>
window.__allinPageSize = ` + fmt.Sprint(pageSize) + `;
window.__allinStart = performance.now();
const ui = new PagefindUI({element: "#search", showSubResults: false, showImages: false, pageSize: ` + fmt.Sprint(pageSize) + `});
const q = new URLSearchParams(location.search).get("q");
if (q) ui.triggerSearch(q);
</script></body></html>`)
}

// measure opens path in a new tab with the cache off, waits for done and
// returns what the server sent until then.
func (c *countingServer) measure(t *testing.T, parent context.Context, path, done string) allIn {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // the tab
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `document.addEventListener("cablesite:search", (e) => { window.__allinDone = e.detail; });`,
	}); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.sent = nil
	c.mu.Unlock()
	tctx, tcancel := context.WithTimeout(ctx, 2*time.Minute)
	defer tcancel()
	type result struct {
		Hits string  `json:"hits"`
		Ms   float64 `json:"ms"`
	}
	var width, height int64
	if _, err := fmt.Sscanf(*allinViewport, "%dx%d", &width, &height); err != nil {
		t.Fatalf("-allin.viewport %q: want WIDTHxHEIGHT", *allinViewport)
	}
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(width, height), chromedp.Navigate(c.URL+path)); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	res, err := chromedp.Run(tctx, chromedp.Evaluate[result](done, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	a := allIn{Hits: res.Hits, Ms: res.Ms, ByKind: map[string]int64{}, FilesKinds: map[string]int{}}
	for _, f := range c.sent {
		a.Bytes += f.bytes
		a.Gzip += f.gzip
		a.Files++
		k := fileKind(f.path)
		a.ByKind[k] += f.bytes
		a.FilesKinds[k]++
	}
	return a
}

// fileKind sorts the files a search loads for the report.
func fileKind(p string) string {
	switch {
	case strings.HasSuffix(p, ".txt.js"):
		return "texts"
	case strings.HasPrefix(p, "/search/"):
		return "index"
	case strings.Contains(p, "/pagefind/fragment/"):
		return "fragments"
	case strings.Contains(p, "/pagefind/") && (strings.Contains(p, ".pf_") || strings.HasSuffix(p, ".pagefind") || strings.HasSuffix(p, ".json")):
		if strings.Contains(p, "wasm") {
			return "wasm"
		}
		return "index"
	case strings.HasSuffix(p, ".js"):
		return "scripts"
	case strings.HasSuffix(p, ".css"):
		return "styles"
	case strings.HasSuffix(p, ".html"), p == "/":
		return "page"
	}
	return "other"
}
