package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed live.js
var liveScript []byte

// handler serves the output folder, the live-reload script and the
// events.
//
// It serves only files of the folder: a path with an encoded dot, slash,
// backslash or NUL, a ".." or hidden element, or a symbolic link leading
// outside the folder gets the 404 page; a folder is served as its
// index.html, never listed. HTML pages get the live-reload script, added
// as they are served (the files stay as a build writes them).
type handler struct {
	root *os.Root
	hub  *hub
	// loopback, when true, refuses requests naming a host other than a
	// loopback address or localhost: a page of another site cannot reach
	// the server through a DNS name rebound to 127.0.0.1.
	loopback bool
	started  time.Time
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if h.loopback && !loopbackHost(r.Host) {
		http.Error(w, "forbidden host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case EventsPath:
		h.hub.ServeHTTP(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		http.ServeContent(w, r, "live.js", h.started, bytes.NewReader(liveScript))
		return
	}
	name, ok := sitePath(r)
	if !ok {
		h.notFound(w, r)
		return
	}
	f, err := h.root.Open(name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		h.notFound(w, r)
		return
	}
	if fi.IsDir() {
		// A folder's address without its slash: the folder's page, if it
		// has one, at the address its relative links expect.
		if fi, err := h.root.Stat(path.Join(name, "index.html")); err == nil && fi.Mode().IsRegular() {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
		h.notFound(w, r)
		return
	}
	if !fi.Mode().IsRegular() {
		h.notFound(w, r)
		return
	}
	if strings.HasSuffix(name, ".html") {
		data, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "reading the page failed", http.StatusInternalServerError)
			return
		}
		h.page(w, r, http.StatusOK, data)
		return
	}
	if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	// Search shards and copied images change under the same name: the
	// browser asks again, and the tag tells it whether the file changed
	// (Last-Modified alone counts whole seconds: an image saved twice in
	// one second would stay stale).
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", fmt.Sprintf(`"%x-%x"`, fi.ModTime().UnixNano(), fi.Size()))
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// page writes an HTML page with the live-reload script before its </body>.
func (h *handler) page(w http.ResponseWriter, r *http.Request, status int, data []byte) {
	tag := []byte(`<script src="` + ScriptPath + `" data-gen="` + strconv.Itoa(h.hub.generation()) + `"></script>`)
	i := bytes.LastIndex(bytes.ToLower(data), []byte("</body>"))
	if i < 0 {
		i = len(data)
	}
	out := make([]byte, 0, len(data)+len(tag))
	out = append(append(append(out, data[:i]...), tag...), data[i:]...)
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(out)
	}
}

// notFound serves the site's 404 page with the status 404.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	data, err := h.root.ReadFile("404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	h.page(w, r, http.StatusNotFound, data)
}

// sitePath returns the name in the folder of the file a request asks for,
// and false for any path that is not a plain path inside the site.
func sitePath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	for _, bad := range []string{"%2e", "%2f", "%5c", "%00"} {
		if strings.Contains(raw, bad) {
			return "", false
		}
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	for _, elem := range strings.Split(name, "/") {
		if elem == "" || strings.HasPrefix(elem, ".") {
			return "", false // "..", ".", hidden, or "//"
		}
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// loopbackHost reports whether the Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// contentType returns the media type of a site file by its extension.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".css":
		return "text/css; charset=utf-8"
	}
	return mime.TypeByExtension(path.Ext(name))
}
