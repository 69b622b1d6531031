package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// The events the server sends to the open pages, as server-sent events
// (text/event-stream) on EventsPath. Each carries JSON.
//
//	hello   {"gen":3,"problems":[...]}     on connecting: the current state
//	reload  {"gen":4,"paths":[...],"media":[...],"background":false}
//	        pages written again; a page reloads when its own path is
//	        listed ("all":true: every page), or when it shows one of the
//	        images, videos, sounds or documents copied from the content
//	        folder that media lists (an <img>, <video>, <object> ...;
//	        "allMedia":true: any of the site's). A background event (from
//	        the work an update left for later) reloads only pages loaded
//	        at its generation or later: those loaded before were
//	        reloaded by the update itself, or swapped their stylesheet.
//	css     {"gen":4,"swap":{"assets/style.1.css":"assets/style.2.css"}}
//	        a stylesheet changed: pages swap their link, without reloading
//	error   {"gen":4,"problems":["content/cables/...:3: ..."]}
//	        shown over the page as text, until the next "ok"
//	ok      {"gen":4}                       no problem left
//	settled {"gen":4}                       the background work is done
//
// A generation counts the updates since the server started; every page
// served carries the generation it was served at.
const (
	EventsPath = "/_cablesite/events"
	ScriptPath = "/_cablesite/live.js"
)

// maxPaths is how many paths a reload event lists; past it, it says all.
const maxPaths = 2000

// hub sends events to the connected pages.
type hub struct {
	mu       sync.Mutex
	clients  map[*client]bool
	gen      int
	problems []string
}

type client struct {
	page string // the site path of the page ("index.html")
	ch   chan event
}

type event struct {
	name string
	data []byte
}

func newHub() *hub { return &hub{clients: map[*client]bool{}} }

// generation returns the current generation.
func (h *hub) generation() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

// next starts a new generation and returns it.
func (h *hub) next() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	return h.gen
}

// open returns the pages connected clients show.
func (h *hub) open() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var pages []string
	for c := range h.clients {
		if !slices.Contains(pages, c.page) {
			pages = append(pages, c.page)
		}
	}
	slices.Sort(pages)
	return pages
}

// send sends an event to every client. A client too slow to take it is
// disconnected (its page reconnects and gets the current state).
func (h *hub) send(name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // the values sent are plain
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- event{name, data}:
		default:
			close(c.ch)
			delete(h.clients, c)
		}
	}
}

// reload tells the pages that the files of paths changed.
func (h *hub) reload(gen int, paths []string, background bool) {
	var pages, media []string
	for _, p := range paths {
		switch {
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, p)
		case mediaExt[strings.ToLower(path.Ext(p))]:
			media = append(media, p)
		}
	}
	if len(pages) == 0 && len(media) == 0 {
		return
	}
	msg := map[string]any{"gen": gen, "background": background}
	for _, l := range []struct {
		key, all string
		paths    []string
	}{{"paths", "all", pages}, {"media", "allMedia", media}} {
		if len(l.paths) > maxPaths {
			msg[l.all] = true
		} else if len(l.paths) > 0 {
			slices.Sort(l.paths)
			msg[l.key] = l.paths
		}
	}
	h.send("reload", msg)
}

// mediaExt are the extensions of the files a page may show from the
// content folder (images, videos, sounds, subtitles, PDFs), whose change
// reloads the pages that show them.
var mediaExt = map[string]bool{
	".apng": true, ".avif": true, ".gif": true, ".ico": true, ".jpeg": true, ".jpg": true, ".png": true,
	".svg": true, ".webp": true, ".mp4": true, ".webm": true, ".ogg": true, ".ogv": true, ".mp3": true,
	".m4a": true, ".wav": true, ".flac": true, ".vtt": true, ".pdf": true,
}

// setProblems records the current problems and tells the pages, when they
// changed.
func (h *hub) setProblems(gen int, problems []string) {
	h.mu.Lock()
	same := slices.Equal(h.problems, problems)
	h.problems = slices.Clone(problems)
	h.mu.Unlock()
	if same {
		return
	}
	if len(problems) == 0 {
		h.send("ok", map[string]any{"gen": gen})
		return
	}
	h.send("error", map[string]any{"gen": gen, "problems": problems})
}

// keepAlive is how often an idle stream gets a comment, so that proxies
// and browsers keep it open.
const keepAlive = 20 * time.Second

// ServeHTTP streams the events to one page.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	page := path.Clean("/" + r.URL.Query().Get("page"))[1:]
	if page == "" {
		page = "index.html"
	}
	c := &client{page: page, ch: make(chan event, 64)}
	h.mu.Lock()
	h.clients[c] = true
	hello, _ := json.Marshal(map[string]any{"gen": h.gen, "problems": h.problems})
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	write := func(ev event) bool {
		_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		fl.Flush()
		return err == nil
	}
	if !write(event{"hello", hello}) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case ev, ok := <-c.ch:
			if !ok || !write(ev) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		case <-r.Context().Done():
			return
		}
	}
}
