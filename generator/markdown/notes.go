package markdown

import (
	"bufio"
	"fmt"
	"io"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// notesKey marks the parser.Context of an editor's notes: their
// paragraphs get no `¶N.` anchors, which belong to the cable's text.
var notesKey = parser.NewContextKey()

// NotesIDPrefix starts the id of every heading of an editor's notes, so
// that they never take an id of the cable's text on the same page.
const NotesIDPrefix = "note-"

// RenderNotes writes the HTML of an editor's notes (markdown, see package
// annotate) to w: goldmark, as for a body, with cable: links resolved by
// res and the same safety (no raw HTML, no unsafe link), but without
// paragraph anchors, with heading ids that start with NotesIDPrefix, and
// each heading one level down (## is <h3>): the notes are a section of
// the cable's page, under its own <h2>.
// The only errors are w's.
func (r *Renderer) RenderNotes(w io.Writer, notes []byte, res Resolver) error {
	bw := bufio.NewWriter(w)
	ids := &prefixedIDs{inner: parser.NewContext().IDs(), prefix: NotesIDPrefix}
	ctx := parser.NewContext(parser.WithIDs(ids))
	ctx.Set(resolverKey, res)
	ctx.Set(notesKey, true)
	ctx.AddReference(parser.NewReference([]byte(redactedLabel), []byte(redactedDestination), nil))
	if err := r.md.Convert(notes, bw, parser.WithContext(ctx)); err != nil {
		return fmt.Errorf("render markdown: %w", err)
	}
	return nil
}

// prefixedIDs gives the ids of inner with a prefix.
type prefixedIDs struct {
	inner  parser.IDs
	prefix string
}

func (p *prefixedIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return append([]byte(p.prefix), p.inner.Generate(value, kind)...)
}

func (p *prefixedIDs) Put(value []byte) { p.inner.Put(value) }
