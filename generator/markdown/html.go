package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders the cable extension's nodes. Every value that comes
// from the input is HTML-escaped; ids and numbers are built from digits and
// checked characters only.
type htmlRenderer struct{}

// RegisterFuncs implements renderer.NodeRendererFuncRegisterer.
func (r htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindParagraphNumber, r.renderParagraphNumber)
	reg.Register(KindMarking, r.renderMarking)
	reg.Register(KindCableRef, r.renderCableRef)
	reg.Register(KindRedaction, r.renderRedaction)
}

func (htmlRenderer) renderParagraphNumber(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ParagraphNumber)
		writeParagraphNumber(w, n.ID, n.N)
	}
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderMarking(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*Marking)
		writeMarking(w, n.Value, n.Class, n.Title)
	}
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderCableRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*CableRef)
	if entering {
		writeCableRefStart(w, n.ID, n.URL)
	} else {
		writeCableRefEnd(w, n.URL)
	}
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderRedaction(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(redactionStart)
	} else {
		_, _ = w.WriteString(redactionEnd)
	}
	return ast.WalkContinue, nil
}

// htmlWriter is what the extension's HTML is written to: goldmark's
// writer, or the plain path's buffer (see renderPlain).
type htmlWriter interface {
	Write(p []byte) (int, error)
	WriteString(s string) (int, error)
}

const (
	redactionStart = `<mark class="redacted" title="Redacted by the publisher">`
	redactionEnd   = `</mark>`
)

func writeParagraphNumber(w htmlWriter, id, n string) {
	_, _ = w.WriteString(`<a class="pilcrow" href="#`)
	_, _ = w.WriteString(id)
	_, _ = w.WriteString(`" aria-label="Paragraph `)
	_, _ = w.WriteString(n)
	_, _ = w.WriteString(`">¶`)
	_, _ = w.WriteString(n)
	_, _ = w.WriteString(`.</a>`)
}

func writeMarking(w htmlWriter, value, class, title string) {
	_, _ = w.WriteString(` <span class="marking `)
	_, _ = w.WriteString(class)
	_, _ = w.WriteString(`" title="`)
	_, _ = w.Write(util.EscapeHTML([]byte(title)))
	_, _ = w.WriteString(`">(`)
	_, _ = w.Write(util.EscapeHTML([]byte(value)))
	_, _ = w.WriteString(`)</span>`)
}

// writeCableRefStart opens a reference to the cable id: a link to url, or
// a span marking it missing when url is "".
func writeCableRefStart(w htmlWriter, id, url string) {
	if url == "" {
		_, _ = w.WriteString(`<span class="cable-ref missing" title="not in this collection">`)
		return
	}
	_, _ = w.WriteString(`<a class="cable-ref" href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(url), false)))
	_, _ = w.WriteString(`" data-id="`)
	_, _ = w.Write(util.EscapeHTML([]byte(id)))
	_, _ = w.WriteString(`">`)
}

func writeCableRefEnd(w htmlWriter, url string) {
	if url == "" {
		_, _ = w.WriteString(`</span>`)
	} else {
		_, _ = w.WriteString(`</a>`)
	}
}
