package publish

import (
	"bytes"
	"fmt"
	"path"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// The media types files are minified as, by extension.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
}

// MediaType returns the media type a file named name is minified as, or ""
// when it is published as it is.
func MediaType(name string) string { return mediaTypes[path.Ext(name)] }

// NewMinifier returns a minify registry for every media type a site holds:
// HTML (keeping <html>, <head> and <body>, whose attributes and landmarks
// matter to assistive technology), CSS, JavaScript, JSON, SVG and XML.
// Inline SVG in HTML is minified by the SVG minifier. The registry is safe
// for concurrent use once built.
func NewMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	return m
}

// Minify returns a Writer that minifies each file by its extension (see
// MediaType) before passing it to w. Files of other types pass unchanged.
// A nil m passes every file unchanged.
func Minify(m *minify.M, w Writer) Writer {
	if m == nil {
		return w
	}
	return &minifier{m: m, w: w}
}

type minifier struct {
	m    *minify.M
	w    Writer
	bufs sync.Pool
}

// WriteSpliced minifies data, with its holes left as they are, and fills
// them afterwards, so that the fills are written as they are. When a fill
// holds a hole itself (hostile text could), or minifying loses one, it
// minifies the joined file instead.
func (mw *minifier) WriteSpliced(name string, data []byte, fills ...[]byte) error {
	mt := MediaType(name)
	if mt == "" {
		return mw.spliceThenMinify(name, data, fills)
	}
	n := 0
	for _, f := range fills {
		if bytes.Contains(f, []byte(Hole)) {
			return mw.spliceThenMinify(name, data, fills)
		}
		n += len(f)
	}
	buf := mw.buffer()
	defer mw.bufs.Put(buf)
	buf.Grow(len(data))
	if err := mw.m.Minify(mt, buf, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("publish: minifying %s: %w", name, err)
	}
	out := mw.buffer()
	defer mw.bufs.Put(out)
	out.Grow(buf.Len() + n)
	joined, err := splice(out.AvailableBuffer(), buf.Bytes(), fills)
	if err != nil {
		return mw.spliceThenMinify(name, data, fills)
	}
	return mw.w.WriteFile(name, joined)
}

func (mw *minifier) spliceThenMinify(name string, data []byte, fills [][]byte) error {
	joined, err := splice(nil, data, fills)
	if err != nil {
		return fmt.Errorf("publish: writing %s: %w", name, err)
	}
	return mw.WriteFile(name, joined)
}

func (mw *minifier) buffer() *bytes.Buffer {
	buf, _ := mw.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

func (mw *minifier) WriteFile(name string, data []byte) error {
	mt := MediaType(name)
	if mt == "" {
		return mw.w.WriteFile(name, data)
	}
	buf, _ := mw.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer mw.bufs.Put(buf)
	buf.Grow(len(data))
	if err := mw.m.Minify(mt, buf, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("publish: minifying %s: %w", name, err)
	}
	return mw.w.WriteFile(name, buf.Bytes())
}
