package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/generator/serve"
	"github.com/cablesite/cablesite/generator/site"
	"github.com/cablesite/cablesite/templates"
)

// cableMD returns the annotated markdown of a small cable.
func cableMD(id, date, subject string, tags ...string) string {
	q := make([]string, len(tags))
	for i, t := range tags {
		q[i] = fmt.Sprintf("%q", t)
	}
	return fmt.Sprintf(`---
title: %[3]q
date: %[2]s
id: %[1]q
origin: "Embassy Belgrade"
classification: "CONFIDENTIAL"
tags: [%[4]s]
subject: %[3]q
source:
  format: "text"
  file: "t.txt"
  line: 1
---

¶1. (C) THE TEXT OF %[1]s.
`, id, date, subject, strings.Join(q, ", "))
}

// writeFile writes a file of a test folder, creating its folders.
func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testContent writes a content folder of a few cables and returns it.
func testContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeFile(t, filepath.Join(dir, "cables/2007/09/07BELGRADE1.md"), cableMD("07BELGRADE1", "2007-09-01T10:00:00Z", "FIRST SUBJECT", "PGOV"))
	writeFile(t, filepath.Join(dir, "cables/2007/09/07BELGRADE2.md"), cableMD("07BELGRADE2", "2007-09-02T10:00:00Z", "SECOND SUBJECT", "PGOV", "SR"))
	writeFile(t, filepath.Join(dir, "cables/2007/10/07BELGRADE3.md"), cableMD("07BELGRADE3", "2007-10-02T10:00:00Z", "THIRD SUBJECT", "KV"))
	return dir
}

// testServer is a server started for a test, and a page's event stream.
type testServer struct {
	url, out string
	events   chan sse
	log      *syncBuffer
	// stop stops the server and returns Run's error.
	stop func() error
}

type sse struct {
	name string
	data map[string]any
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start starts a server on a free port for content and tmplDir ("" for
// none), and listens to its events as the page named page would.
func start(t testing.TB, content, tmplDir, out, page string) *testServer {
	t.Helper()
	return startFS(t, content, os.DirFS(content), tmplDir, out, page)
}

// startFS is start with the content folder read through fsys.
func startFS(t testing.TB, content string, fsys fs.FS, tmplDir, out, page string) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{out: out, events: make(chan sse, 100), log: &syncBuffer{}}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	cfg := serve.Config{
		Site:        site.Config{Content: fsys, Workers: 2},
		ContentDir:  content,
		TemplateDir: tmplDir,
		LoadTemplates: func() (*render.Templates, error) {
			if tmplDir == "" {
				return render.Load(templates.FS, nil)
			}
			return render.Load(templates.FS, os.DirFS(tmplDir))
		},
		Search:   true,
		Out:      out,
		Listener: ln,
		Log:      ts.log,
		Ready:    func(url string) { ready <- url },
	}
	go func() { done <- serve.Run(ctx, cfg) }()
	var once sync.Once
	var runErr error
	ts.stop = func() error {
		once.Do(func() {
			cancel()
			runErr = <-done
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := ts.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case ts.url = <-ready:
	case err := <-done:
		once.Do(func() { runErr = err })
		t.Fatalf("Run: %v", err)
	case <-time.After(startTimeout(t)):
		t.Fatal("the server did not start")
	}
	resp, err := http.Get(ts.url + "_cablesite/events?page=" + page)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(line[len("data: "):]), &ev.data)
			case line == "" && ev.name != "":
				ts.events <- ev
				ev = sse{}
			}
		}
		close(ts.events)
	}()
	if ev := ts.next(t, "hello"); ev.data["gen"] == nil {
		t.Fatalf("hello: %v", ev.data)
	}
	return ts
}

// startTimeout is how long a first build may take: a benchmark's site is
// large.
func startTimeout(t testing.TB) time.Duration {
	if _, ok := t.(*testing.B); ok {
		return time.Hour
	}
	return 30 * time.Second
}

// next returns the next event named name, failing after 10 s.
func (ts *testServer) next(t testing.TB, name string) sse {
	t.Helper()
	return ts.since(t, name, 0)
}

// since returns the next event named name of generation gen or later.
func (ts *testServer) since(t testing.TB, name string, gen float64) sse {
	t.Helper()
	return ts.untilAny(t, gen, name)
}

// untilAny returns the next event of generation gen or later named one
// of names.
func (ts *testServer) untilAny(t testing.TB, gen float64, names ...string) sse {
	t.Helper()
	wait := 10 * time.Second
	if _, ok := t.(*testing.B); ok {
		wait = 10 * time.Minute
	}
	deadline := time.After(wait)
	for {
		select {
		case ev, ok := <-ts.events:
			if !ok {
				t.Fatalf("the event stream ended before %q", names)
			}
			if g, _ := ev.data["gen"].(float64); slices.Contains(names, ev.name) && g >= gen {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %q event in %v; log:\n%s", names, wait, ts.log)
		}
	}
}

// get returns the status and body of a path of the site.
func (ts *testServer) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, body := ts.fetch(t, path, nil)
	return resp.StatusCode, body
}

// fetch GETs a path of the site with the request headers hdr, and
// returns the response and its body.
func (ts *testServer) fetch(t *testing.T, path string, hdr http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", ts.url+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if hdr != nil {
		req.Header = hdr
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func paths(ev sse) []string { return list(ev, "paths") }

// list returns the list of strings ev holds under key.
func list(ev sse, key string) []string {
	var out []string
	list, _ := ev.data[key].([]any)
	for _, p := range list {
		out = append(out, p.(string))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestServeLiveReload edits content and templates under a running
// server and checks the events a page receives and the pages served.
func TestServeLiveReload(t *testing.T) {
	content := testContent(t)
	tmplDir := filepath.Join(t.TempDir(), "templates")
	if err := os.Mkdir(tmplDir, 0o755); err != nil {
		t.Fatal(err)
	}
	const page = "cable/2007/09/07BELGRADE1.html"
	ts := start(t, content, tmplDir, "", page)
	file := filepath.Join(content, "cables/2007/09/07BELGRADE1.md")

	code, body := ts.get(t, page)
	if code != 200 || !strings.Contains(body, "FIRST SUBJECT") {
		t.Fatalf("GET %s: %d\n%.300s", page, code, body)
	}
	if !strings.Contains(body, `<script src="/_cablesite/live.js" data-gen="0"></script></body>`) {
		t.Errorf("the page has no live-reload script before </body>:\n%s", body[max(0, len(body)-300):])
	}

	t.Run("subject", func(t *testing.T) {
		writeFile(t, file, cableMD("07BELGRADE1", "2007-09-01T10:00:00Z", "A NEW SUBJECT", "PGOV"))
		ev := ts.next(t, "reload")
		if got := paths(ev); !contains(got, page) || !contains(got, "cable/2007/09/07BELGRADE2.html") || !contains(got, "date/2007/09/index.html") {
			t.Errorf("reload %v: want the page, its neighbour and its month", got)
		}
		if ev.data["background"] != false {
			t.Errorf("reload %v: want a foreground event", ev.data)
		}
		if _, body := ts.get(t, page); !strings.Contains(body, "A NEW SUBJECT") {
			t.Error("the page served has the old subject")
		}
		ts.since(t, "settled", ev.data["gen"].(float64))
	})

	t.Run("broken front matter", func(t *testing.T) {
		writeFile(t, file, "---\ntitle: \"BROKEN\nid: [unclosed\n---\n")
		ev := ts.next(t, "error")
		problems, _ := ev.data["problems"].([]any)
		if len(problems) != 1 || !strings.Contains(problems[0].(string), "cables/2007/09/07BELGRADE1.md:2: ") {
			t.Errorf("error %v: want the file and line", ev.data)
		}
		if !strings.Contains(ts.log.String(), "cables/2007/09/07BELGRADE1.md:2: ") {
			t.Errorf("the problem is not in the log:\n%s", ts.log)
		}
		if code, body := ts.get(t, page); code != 200 || !strings.Contains(body, "A NEW SUBJECT") {
			t.Errorf("the last good page is not served: %d", code)
		}
		writeFile(t, file, cableMD("07BELGRADE1", "2007-09-01T10:00:00Z", "FIXED SUBJECT", "PGOV"))
		ts.next(t, "ok")
		if _, body := ts.get(t, page); !strings.Contains(body, "FIXED SUBJECT") {
			t.Error("the fixed page is not served")
		}
	})

	t.Run("add and delete", func(t *testing.T) {
		added := filepath.Join(content, "cables/2008/01/08BELGRADE9.md")
		writeFile(t, added, cableMD("08BELGRADE9", "2008-01-05T10:00:00Z", "A NEW CABLE", "PGOV"))
		ev := ts.next(t, "reload")
		if got := paths(ev); !contains(got, "cable/2008/01/08BELGRADE9.html") || !contains(got, "index.html") {
			t.Errorf("reload %v: want the new page and the home page", got)
		}
		if code, _ := ts.get(t, "cable/2008/01/08BELGRADE9.html"); code != 200 {
			t.Errorf("the new page: %d", code)
		}
		if err := os.RemoveAll(filepath.Join(content, "cables/2008")); err != nil {
			t.Fatal(err)
		}
		for ev = ts.next(t, "reload"); !contains(paths(ev), "cable/2008/01/08BELGRADE9.html"); ev = ts.next(t, "reload") {
		}
		if code, body := ts.get(t, "cable/2008/01/08BELGRADE9.html"); code != 404 || !strings.Contains(body, "live.js") {
			t.Errorf("the deleted page: %d, want the 404 page with the script", code)
		}
	})

	t.Run("stylesheet", func(t *testing.T) {
		css, err := templates.FS.ReadFile("style.css")
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(tmplDir, "style.css"), string(css)+"\nbody{outline:1px solid red}\n")
		ev := ts.next(t, "css")
		swap, _ := ev.data["swap"].(map[string]any)
		if len(swap) != 1 {
			t.Fatalf("css %v: want one stylesheet swapped", ev.data)
		}
		for _, to := range swap {
			if code, _ := ts.get(t, to.(string)); code != 200 {
				t.Errorf("the new stylesheet %s: %d", to, code)
			}
		}
		ts.since(t, "settled", ev.data["gen"].(float64))
		if _, body := ts.get(t, page); !strings.Contains(body, swap[firstKey(swap)].(string)) {
			t.Error("the page does not name the new stylesheet once settled")
		}
	})

	t.Run("template error", func(t *testing.T) {
		name := filepath.Join(tmplDir, "list.html")
		writeFile(t, name, `{{define "main"}}{{if}}{{end}}`)
		ev := ts.next(t, "error")
		problems, _ := ev.data["problems"].([]any)
		if len(problems) != 1 || !strings.HasPrefix(problems[0].(string), "templates/list.html:1: ") {
			t.Errorf("error %v: want templates/list.html:1: ...", ev.data)
		}
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
		ts.next(t, "ok")
	})
}

func firstKey(m map[string]any) string {
	for k := range m {
		return k
	}
	return ""
}

// TestServeChangedImage changes an image of the content folder twice
// within a second, keeping its size: the reload event names it, and a
// browser's conditional request for it gets the new bytes, not "not
// modified" (Last-Modified counts whole seconds; the ETag does not).
func TestServeChangedImage(t *testing.T) {
	content := testContent(t)
	img := filepath.Join(content, "img/map.svg")
	writeFile(t, img, `<svg xmlns="http://www.w3.org/2000/svg" width="10"/>`)
	ts := start(t, content, "", "", "index.html")
	resp, _ := ts.fetch(t, "img/map.svg", nil)
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag == "" || modified == "" {
		t.Fatalf("img/map.svg served with ETag %q, Last-Modified %q", etag, modified)
	}
	writeFile(t, img, `<svg xmlns="http://www.w3.org/2000/svg" width="20"/>`)
	ev := ts.next(t, "reload")
	for !contains(list(ev, "media"), "img/map.svg") {
		ev = ts.next(t, "reload")
	}
	if len(paths(ev)) != 0 {
		t.Errorf("reload %v: no page changed", ev.data)
	}
	resp, body := ts.fetch(t, "img/map.svg", http.Header{"If-None-Match": {etag}, "If-Modified-Since": {modified}})
	if resp.StatusCode != 200 || !strings.Contains(body, `width="20"`) {
		t.Errorf("conditional GET after the change: %d %q", resp.StatusCode, body)
	}
}

// TestServeOnlyTheSite asks for what lies outside the output folder, or
// is not a file of the site: every such request gets the 404 page.
func TestServeOnlyTheSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.html"), "<p>SECRET</p>")
	ts := start(t, testContent(t), "", out, "index.html")
	if err := os.Symlink(filepath.Join(outside, "secret.html"), filepath.Join(out, "link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "linkdir")); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(strings.TrimSuffix(ts.url, "/"), "http://")
	for _, path := range []string{
		"/../" + filepath.Base(outside) + "/secret.html",
		"/%2e%2e/" + filepath.Base(outside) + "/secret.html",
		"/cable%2f..%2f..%2fsecret.html",
		"/.%2e/secret.html",
		"/cable/..%5c..%5csecret.html",
		"/link.html",
		"/linkdir/secret.html",
		"/cable/",
		"/assets/",
		"/index.html%00",
		"//etc/passwd",
		"/.staging/x.html",
		"/no/such/page.html",
	} {
		t.Run(path, func(t *testing.T) {
			conn, err := net.Dial("tcp", host)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// Sent as written: an HTTP client would clean the path.
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s: %d, want 404\n%.200s", path, resp.StatusCode, body)
			}
			if strings.Contains(string(body), "SECRET") || strings.Contains(string(body), "root:") {
				t.Errorf("%s: served what lies outside the site", path)
			}
		})
	}

	if _, body := ts.get(t, "index.html"); !strings.Contains(body, "live.js") {
		t.Error("the home page is served without the live-reload script")
	}
	if data, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || strings.Contains(string(data), "live.js") {
		t.Errorf("the home page on disk: %v, or it holds the script", err)
	}
	if code, _ := ts.get(t, "date/"); code != 200 {
		t.Errorf("a folder's address: %d, want its index.html", code)
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(ts.url + "date")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/date/" {
		t.Errorf("a folder without its slash: %d to %q, want 301 to /date/", resp.StatusCode, resp.Header.Get("Location"))
	}

	req, _ := http.NewRequest("GET", ts.url, nil)
	req.Host = "attacker.example"
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a request for another host: %d, want 403", resp.StatusCode)
	}
	resp, err = http.Post(ts.url, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
}
