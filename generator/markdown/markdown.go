package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Resolver maps a cable id to the URL of its page relative to the page
// being rendered, or "" when the cable is not in the collection (then the
// reference is shown, unlinked, with a class).
type Resolver interface {
	CableURL(id string) string
}

// A PageResolver is the Resolver of a page an editor wrote (an editorial
// page), trusted further than a cable: an image from the site itself (a
// path, relative or from the root) is shown (a cable's images, and an
// editorial page's from elsewhere, are links), and each relative path a link or an image
// names, written from the markdown file's folder, is passed through
// RelativeURL, which returns it as the rendered page reaches it.
type PageResolver interface {
	Resolver
	RelativeURL(dest string) string
}

// ResolverFunc adapts a function to a Resolver.
type ResolverFunc func(id string) string

// CableURL implements Resolver.
func (f ResolverFunc) CableURL(id string) string { return f(id) }

// Renderer renders annotated cable bodies to HTML. Build it once with New:
// it is safe for concurrent use by many goroutines.
type Renderer struct {
	md goldmark.Markdown
	// bufs holds *bufio.Writer: goldmark would allocate one per call
	// otherwise, 4 KB each, 250,000 times in a build.
	bufs sync.Pool
	// plain holds *bytes.Buffer for the plain path (renderPlain).
	plain sync.Pool
	// noPlain sends every body through goldmark, for tests.
	noPlain bool
}

// New returns the Renderer of the site: CommonMark with GFM tables and
// strikethrough, heading ids, and the cable Extension. Linkify is off,
// since turning the text of a hostile cable into links is a risk for
// little gain, and raw HTML is never rendered.
func New() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(
			// Alignment as an attribute, not a style, so that the pages
			// satisfy a Content-Security-Policy without 'unsafe-inline'.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			Extension{},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)}
}

// Render writes the HTML of the annotated markdown body to w, resolving
// references to cables with res (nil: no cable is in the collection). The
// only errors are w's.
func (r *Renderer) Render(w io.Writer, body []byte, res Resolver) error {
	if !r.noPlain {
		out, _ := r.plain.Get().(*bytes.Buffer)
		if out == nil {
			out = new(bytes.Buffer)
		}
		defer r.plain.Put(out)
		out.Reset()
		if renderPlain(out, body, res) {
			if _, err := w.Write(out.Bytes()); err != nil {
				return fmt.Errorf("render markdown: %w", err)
			}
			return nil
		}
	}
	bw, _ := r.bufs.Get().(*bufio.Writer)
	if bw == nil {
		bw = bufio.NewWriter(w)
	} else {
		bw.Reset(w)
	}
	defer func() {
		bw.Reset(nil) // do not keep w alive from the pool
		r.bufs.Put(bw)
	}()
	// goldmark flushes bw when it is done.
	if err := r.md.Convert(body, bw, parser.WithContext(NewContext(res))); err != nil {
		return fmt.Errorf("render markdown: %w", err)
	}
	return nil
}
