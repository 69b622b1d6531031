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

// RegisterFuncs implements renderer.NodeRenderer.
func (r htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindParagraphNumber, r.renderParagraphNumber)
	reg.Register(KindMarking, r.renderMarking)
	reg.Register(KindCableRef, r.renderCableRef)
	reg.Register(KindRedaction, r.renderRedaction)
}

func (htmlRenderer) renderParagraphNumber(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ParagraphNumber)
	_, _ = w.WriteString(`<a class="pilcrow" href="#`)
	_, _ = w.WriteString(n.ID)
	_, _ = w.WriteString(`" aria-label="Paragraph `)
	_, _ = w.WriteString(n.N)
	_, _ = w.WriteString(`">¶`)
	_, _ = w.WriteString(n.N)
	_, _ = w.WriteString(`.</a>`)
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderMarking(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Marking)
	_, _ = w.WriteString(` <span class="marking `)
	_, _ = w.WriteString(n.Class)
	_, _ = w.WriteString(`" title="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Title)))
	_, _ = w.WriteString(`">(`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Value)))
	_, _ = w.WriteString(`)</span>`)
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderCableRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*CableRef)
	if n.URL == "" {
		if entering {
			_, _ = w.WriteString(`<span class="cable-ref missing" title="not in this collection">`)
		} else {
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString(`</a>`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a class="cable-ref" href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(n.URL), false)))
	_, _ = w.WriteString(`" data-id="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.ID)))
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

func (htmlRenderer) renderRedaction(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<mark class="redacted" title="Redacted by the publisher">`)
	} else {
		_, _ = w.WriteString(`</mark>`)
	}
	return ast.WalkContinue, nil
}
