package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
)

// The node kinds of the cable extension. The transformer creates them from
// the nodes goldmark parses; they never come from the parser itself.
var (
	KindParagraphNumber = ast.NewNodeKind("ParagraphNumber")
	KindMarking         = ast.NewNodeKind("Marking")
	KindCableRef        = ast.NewNodeKind("CableRef")
	KindRedaction       = ast.NewNodeKind("Redaction")
)

// ParagraphNumber is the `¶N.` that opens a numbered paragraph of a cable.
// It renders as a self-link to the paragraph, whose element gets ID.
type ParagraphNumber struct {
	ast.BaseInline
	N  string // the number without leading zeros
	ID string // "parN", or "parN-2" for the second paragraph numbered N
}

// Kind implements ast.Node.Kind.
func (n *ParagraphNumber) Kind() ast.NodeKind { return KindParagraphNumber }

// Dump implements ast.Node.Dump.
func (n *ParagraphNumber) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"N": n.N, "ID": n.ID}, nil)
}

// Marking is the classification marking of a paragraph, such as `(S//NF)`.
type Marking struct {
	ast.BaseInline
	Value string // as written, without the parentheses: "S//NF"
	Class string // "marking-s"
	Title string // "Secret//NOFORN"
}

// Kind implements ast.Node.Kind.
func (n *Marking) Kind() ast.NodeKind { return KindMarking }

// Dump implements ast.Node.Dump.
func (n *Marking) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Value": n.Value, "Class": n.Class, "Title": n.Title}, nil)
}

// CableRef is a link to another cable, written [TEXT](cable:ID). Its
// children are the link text. URL is what the Resolver gave for ID; empty
// when the cable is not in the collection.
type CableRef struct {
	ast.BaseInline
	ID  string
	URL string
}

// Kind implements ast.Node.Kind.
func (n *CableRef) Kind() ast.NodeKind { return KindCableRef }

// Dump implements ast.Node.Dump.
func (n *CableRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "URL": strconv.Quote(n.URL)}, nil)
}

// Redaction is text the publisher removed, written [XXXXXXXXXXXX][redacted].
// Its children are the placeholder as published.
type Redaction struct {
	ast.BaseInline
}

// Kind implements ast.Node.Kind.
func (n *Redaction) Kind() ast.NodeKind { return KindRedaction }

// Dump implements ast.Node.Dump.
func (n *Redaction) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}
