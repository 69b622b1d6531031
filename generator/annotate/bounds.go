package annotate

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits on the work of decoding a hand-edited front matter. goccy/go-yaml
// has none for aliases (github.com/goccy/go-yaml/issues/803): a 600-byte
// "billion laughs" of nine levels of nine aliases took minutes and
// gigabytes to decode. Front matter as Write writes it has no alias and
// takes the fast path; a person may anchor an addressee and refer to it a
// few times.
const (
	// MaxAliasExpansions is how many times a front matter's aliases may
	// be expanded, counting those inside the anchors they expand.
	MaxAliasExpansions = 1000
	// MaxExpansion is how much larger than its own bytes a front matter
	// may decode through aliases (a node counts for at least one byte).
	MaxExpansion = 64 << 10
	// MaxFlowDepth is how deep flow lists and maps ([...], {...}) may
	// nest; Write's front matter nests two deep.
	MaxFlowDepth = 64
)

// checkBounds refuses front matter whose decoding would cost far more
// than its size, before it is decoded: flow collections nested more than
// MaxFlowDepth deep (goccy/go-yaml's parser takes time quadratic in the
// depth: 100,000 brackets took three minutes), and aliases that would
// expand it past MaxAliasExpansions or MaxExpansion. It reads the YAML's
// tokens, then its syntax tree, which holds each alias once, and adds up
// what each alias would expand to, an anchor's size computed once: the
// work is linear in the front matter's bytes. Front matter that does not
// lex or parse is left to the decoder, which reports it.
func checkBounds(fm []byte) error {
	if bytes.Count(fm, []byte("["))+bytes.Count(fm, []byte("{")) > MaxFlowDepth {
		depth := 0
		for _, tk := range lexer.Tokenize(string(fm)) {
			switch tk.Type {
			case token.SequenceStartType, token.MappingStartType:
				if depth++; depth > MaxFlowDepth {
					return &lineError{line: tk.Position.Line, msg: fmt.Sprintf("front matter: lists or maps nested more than %d deep: refused", MaxFlowDepth)}
				}
			case token.SequenceEndType, token.MappingEndType:
				depth--
			}
		}
	}
	if bytes.IndexByte(fm, '*') < 0 {
		return nil // no alias
	}
	f, err := parser.ParseBytes(fm, 0)
	if err != nil {
		return nil
	}
	c := aliasCounter{anchors: map[string]expansion{}, budget: int64(len(fm)) + MaxExpansion}
	for _, doc := range f.Docs {
		if _, err := c.size(doc); err != nil {
			return err
		}
	}
	return nil
}

// expansion is what a node decodes to: its size in bytes (at least one
// per node) and the aliases expanded in it.
type expansion struct{ size, aliases int64 }

func (e *expansion) add(o expansion) {
	e.size += o.size
	e.aliases += o.aliases
}

type aliasCounter struct {
	anchors map[string]expansion
	// total is the whole front matter's expansion so far, in document
	// order: each node once, and each alias as its anchor again.
	total  expansion
	budget int64
}

func (c *aliasCounter) size(n ast.Node) (expansion, error) {
	var e expansion
	if n == nil {
		return e, nil
	}
	own := func(v string) {
		e.size += max(1, int64(len(v)))
		c.total.size += max(1, int64(len(v)))
	}
	var children []ast.Node
	switch n := n.(type) {
	case *ast.AliasNode:
		a := c.anchors[tokenValue(n.Value)]
		a.aliases++
		e.add(a)
		c.total.add(a)
		line := n.GetToken().Position.Line
		if c.total.aliases > MaxAliasExpansions {
			return e, &lineError{line: line, msg: fmt.Sprintf("front matter: aliases expanded more than %d times (a YAML alias bomb?): refused", MaxAliasExpansions)}
		}
		if c.total.size > c.budget {
			return e, &lineError{line: line, msg: fmt.Sprintf("front matter: aliases make its %d bytes decode to more than %d (a YAML alias bomb?): refused", c.budget-MaxExpansion, c.budget)}
		}
		return e, nil
	case *ast.AnchorNode:
		v, err := c.size(n.Value)
		if err != nil {
			return e, err
		}
		c.anchors[tokenValue(n.Name)] = v
		return v, nil
	case *ast.DocumentNode:
		children = []ast.Node{n.Body}
	case *ast.MappingNode:
		own("")
		for _, v := range n.Values {
			children = append(children, v)
		}
	case *ast.MappingValueNode:
		children = []ast.Node{n.Key, n.Value}
	case *ast.MappingKeyNode:
		children = []ast.Node{n.Value}
	case *ast.SequenceNode:
		own("")
		children = n.Values
	case *ast.TagNode:
		children = []ast.Node{n.Value}
	case *ast.LiteralNode:
		own(n.Value.Value)
	case *ast.StringNode:
		own(n.Value)
	default:
		if tk := n.GetToken(); tk != nil {
			own(tk.Value)
		} else {
			own("")
		}
	}
	for _, child := range children {
		ce, err := c.size(child)
		if err != nil {
			return e, err
		}
		e.add(ce)
	}
	return e, nil
}

func tokenValue(n ast.Node) string {
	if n == nil || n.GetToken() == nil {
		return ""
	}
	return n.GetToken().Value
}

// CheckYAMLBounds refuses YAML front matter whose decoding would cost far
// more than its size (see checkBounds), for front matter decoded by
// another reader: package editorial's pages, which Hugo's page parser
// decodes without a limit. It returns the line of the front matter (1 is
// its first) and what is wrong, or 0 and nil.
func CheckYAMLBounds(fm []byte) (line int, err error) {
	if err := checkBounds(fm); err != nil {
		if le, ok := err.(*lineError); ok {
			return le.line, errors.New(le.msg)
		}
		return 1, err
	}
	return 0, nil
}
