package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Extension is the goldmark extension for annotated cable bodies:
// paragraph anchors and markings, references to cables, redactions, and
// the removal of raw HTML, images and unsafe links. New uses it; it is
// exported for callers that build their own goldmark.Markdown, who set the
// Resolver of each conversion with NewContext.
type Extension struct{}

// Extend implements goldmark.Extender.
func (Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(transformer{}, 100),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(htmlRenderer{}, 500),
	))
}

// redactedLabel and redactedDestination make the reference definition
// `[redacted]: #redacted` that annotate writes at the end of a body.
const (
	redactedLabel       = "redacted"
	redactedDestination = "#redacted"
)

// NewContext returns a parser context for one conversion by a
// goldmark.Markdown extended with Extension: cable references are resolved
// with res (nil: no cable is in the collection), and `[X][redacted]` is a
// redaction even when the body lacks the `[redacted]: #redacted` line.
func NewContext(res Resolver) parser.Context {
	pc := parser.NewContext()
	pc.Set(resolverKey, res)
	pc.AddReference(parser.NewReference([]byte(redactedLabel), []byte(redactedDestination), nil))
	return pc
}
