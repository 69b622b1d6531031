package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Link is a link of a markdown body as its author wrote it, found by
// Links.
type Link struct {
	// Dest is the destination as written, its backslash escapes,
	// entities and percent-escapes kept (util.URLEscape with
	// resolveReference resolves them, as the renderer does).
	Dest string
	// Line is the line of the body the link starts on, from 1.
	Line int
	// Cable is the id of the cable a cable: link names, as the renderer
	// reads it; "" for other links, and for a cable: link whose id is not
	// one (the renderer shows it as text).
	Cable string
}

// Links returns the links of body (not its images or autolinks, nor a
// link inside an image's description, which the renderer shows as text),
// in order, read by goldmark's own CommonMark parser before anything of
// the cable extension rewrites them: a site checks with it that the
// pages a body links to exist.
func Links(body []byte) []Link {
	doc := goldmark.DefaultParser().Parse(text.NewReader(body))
	var out []Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Image); ok {
			return ast.WalkSkipChildren, nil
		}
		l, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		link := Link{Dest: string(l.Destination), Line: 1 + bytes.Count(body[:linkStart(l)], []byte("\n"))}
		if id, ok := cableID(string(util.URLEscape(l.Destination, true))); ok && validID(id) {
			link.Cable = id
		}
		out = append(out, link)
		return ast.WalkContinue, nil
	})
	return out
}

// linkStart returns the offset in the source of l's first text, or of its
// block's first line when it has none.
func linkStart(l *ast.Link) int {
	start := -1
	_ = ast.Walk(l, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start >= 0 {
		return start
	}
	for p := l.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
