package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// resolverKey holds the Resolver of one Render call in its parser.Context,
// so that one Renderer serves concurrent calls with different resolvers.
// Goldmark hands out context keys from a global counter: taking one at
// package initialisation, as goldmark's own extensions do, is the only way
// to take it once.
var resolverKey = parser.NewContextKey()

// transformer rewrites the tree goldmark parsed into the cable extension's
// nodes, and removes what the site must never show: raw HTML, images, links
// to unsafe URLs.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	res, _ := pc.Get(resolverKey).(Resolver)

	// Collect first, rewrite after: the tree must not change under Walk.
	var (
		paragraphs []*ast.Paragraph
		headings   []*ast.Heading
		links      []ast.Node
		raw        []ast.Node
		deep       []ast.Node // nesting past maxNesting, to unwrap
		depth      int
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if nests(n) {
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			if depth++; depth > maxNesting {
				deep = append(deep, n)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			paragraphs = append(paragraphs, n)
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link, *ast.Image, *ast.AutoLink:
			links = append(links, n)
		case *ast.RawHTML, *ast.HTMLBlock:
			raw = append(raw, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})

	for _, n := range raw {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, n := range deep {
		unwrap(n)
	}
	if notes, _ := pc.Get(notesKey).(bool); !notes {
		anchorParagraphs(paragraphs, headings, source, pc)
	} else {
		// The notes are a section of their page, under its heading.
		for _, h := range headings {
			h.Level = min(h.Level+1, 6)
		}
	}
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Image:
			if pr, ok := res.(PageResolver); ok && localURL(string(util.URLEscape(n.Destination, true))) {
				if RelativePath(string(util.URLEscape(n.Destination, true))) {
					n.Destination = []byte(pr.RelativeURL(string(n.Destination)))
				}
				continue
			}
			rewriteLink(imageLink(n), res)
		case *ast.Link:
			rewriteLink(n, res)
			if pr, ok := res.(PageResolver); ok && n.Parent() != nil && RelativePath(string(util.URLEscape(n.Destination, true))) {
				n.Destination = []byte(pr.RelativeURL(string(n.Destination)))
			}
		case *ast.AutoLink:
			rewriteAutoLink(n, source)
		}
	}
}

// maxNesting is how deep emphasis, block quotes and lists may nest; the
// ones deeper are unwrapped, their content kept. A body of 600 underscores
// around a word parsed as 600 nested <strong>, deeper than HTML parsers
// build trees (512 open elements for golang.org/x/net/html and Chromium).
const maxNesting = 32

// nests reports whether n is a kind of node that can nest without limit.
func nests(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindEmphasis, ast.KindBlockquote, ast.KindList, ast.KindListItem, east.KindStrikethrough:
		return true
	}
	return false
}

// anchorParagraphs gives every paragraph that opens with `¶N.` the id parN
// (parN-2, parN-3... for later paragraphs with the same number), a
// ParagraphNumber and, when one follows, a Marking. Paragraph ids win over
// heading ids: a heading whose automatic id is taken gets another one.
func anchorParagraphs(paragraphs []*ast.Paragraph, headings []*ast.Heading, source []byte, pc parser.Context) {
	var (
		seen paragraphIDs
		ids  map[string]bool
	)
	for _, p := range paragraphs {
		t, ok := p.FirstChild().(*ast.Text)
		if !ok || t.IsRaw() {
			continue
		}
		start, ok := parseParagraphStart(t.Segment.Value(source))
		if !ok {
			continue
		}
		if ids == nil {
			ids = map[string]bool{}
		}
		id := seen.next(start.n)
		ids[id] = true
		p.SetAttributeString("id", []byte(id))
		p.SetAttributeString("class", []byte("par"))
		p.InsertBefore(p, t, &ParagraphNumber{N: start.n, ID: id})
		if start.marking != "" {
			class, title := classifyMarking(start.marking)
			p.InsertBefore(p, t, &Marking{Value: start.marking, Class: class, Title: title})
		}
		t.Segment = t.Segment.WithStart(t.Segment.Start + start.consumed)
	}
	if len(ids) == 0 {
		return
	}
	for id := range ids {
		pc.IDs().Put([]byte(id))
	}
	for _, h := range headings {
		v, ok := h.AttributeString("id")
		if id, isBytes := v.([]byte); ok && isBytes && ids[string(id)] {
			h.SetAttributeString("id", pc.IDs().Generate(id, ast.KindHeading))
		}
	}
}

// paragraphIDs gives paragraph ids: parN for the first paragraph numbered
// N, then parN-2, parN-3...
type paragraphIDs map[string]int

func (seen *paragraphIDs) next(n string) string {
	if *seen == nil {
		*seen = paragraphIDs{}
	}
	(*seen)[n]++
	id := "par" + n
	if k := (*seen)[n]; k > 1 {
		id += "-" + strconv.Itoa(k)
	}
	return id
}

// resolve returns the URL of the page of the cable id, "" when it is not
// in the collection or its URL is not safe.
func resolve(res Resolver, id string) string {
	var url string
	if res != nil {
		url = res.CableURL(id)
	}
	if !safeURL(url) {
		return ""
	}
	return url
}

// paragraphStart is what parseParagraphStart reads.
type paragraphStart struct {
	n        string // the paragraph number without leading zeros
	marking  string // without parentheses and backslash escapes; "" if none
	consumed int    // bytes of the text taken by the number and marking
}

// maxMarking bounds the length of a marking, so that a parenthesised
// phrase opening a paragraph is not taken for one.
const maxMarking = 24

// parseParagraphStart reads `¶N.` and an optional ` (MARKING)` at the
// start of the raw text of a paragraph, as annotate writes them. Backslash
// escapes are allowed before the punctuation, since a hand-edited body may
// have them.
func parseParagraphStart[S ~string | ~[]byte](raw S) (paragraphStart, bool) {
	const pilcrow = "¶"
	if len(raw) < len(pilcrow) || string(raw[:len(pilcrow)]) != pilcrow {
		return paragraphStart{}, false
	}
	i := len(pilcrow)
	digits := i
	for i < len(raw) && '0' <= raw[i] && raw[i] <= '9' {
		i++
	}
	if i == digits || i-digits > 9 {
		return paragraphStart{}, false
	}
	n := string(raw[digits:i])
	for len(n) > 1 && n[0] == '0' {
		n = n[1:]
	}
	i = skipEscape(raw, i, '.')
	if i >= len(raw) || raw[i] != '.' {
		return paragraphStart{}, false
	}
	i++
	if i < len(raw) && raw[i] != ' ' && raw[i] != '\t' {
		return paragraphStart{}, false
	}
	start := paragraphStart{n: n, consumed: i}
	if marking, end, ok := parseMarking(raw, i); ok {
		start.marking, start.consumed = marking, end
	}
	return start, true
}

// parseMarking reads ` (MARKING)` at raw[i:], returning the marking and
// the offset after its closing parenthesis.
func parseMarking[S ~string | ~[]byte](raw S, i int) (marking string, end int, ok bool) {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t') {
		i++
	}
	i = skipEscape(raw, i, '(')
	if i >= len(raw) || raw[i] != '(' {
		return "", 0, false
	}
	i++
	var buf [maxMarking]byte
	m := buf[:0]
	for {
		i = skipEscape(raw, i, '/', '-', ')')
		if i >= len(raw) {
			return "", 0, false
		}
		c := raw[i]
		i++
		if c == ')' {
			break
		}
		if !isLetter(c) && c != '/' && c != ' ' && c != '-' || len(m) == maxMarking {
			return "", 0, false
		}
		m = append(m, c)
	}
	if len(m) == 0 || !isLetter(m[0]) || m[len(m)-1] == ' ' {
		return "", 0, false
	}
	// A lone letter other than U, C or S is a list letter, "(A)", not a marking.
	if len(m) == 1 && !strings.ContainsRune("UCSucs", rune(m[0])) {
		return "", 0, false
	}
	return string(m), i, true
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }

// skipEscape steps over a backslash at raw[i] when one of the given
// characters follows it.
func skipEscape[S ~string | ~[]byte](raw S, i int, escaped ...byte) int {
	if i+1 < len(raw) && raw[i] == '\\' {
		for _, c := range escaped {
			if raw[i+1] == c {
				return i + 1
			}
		}
	}
	return i
}

// imageLink replaces an image by a link to its URL: a cable has no images,
// and one in hostile input must not load anything. The link text is the
// image's description, or its URL when it has none.
func imageLink(img *ast.Image) *ast.Link {
	link := ast.NewLink()
	link.Destination = img.Destination
	link.Title = img.Title
	for c := img.FirstChild(); c != nil; {
		next := c.NextSibling()
		link.AppendChild(link, c)
		c = next
	}
	if !link.HasChildren() {
		link.AppendChild(link, rawString(img.Destination))
	}
	img.Parent().ReplaceChild(img.Parent(), img, link)
	return link
}

// rewriteLink turns a cable: link into a CableRef, a link to #redacted
// into a Redaction, and a link to an unsafe URL into its text.
func rewriteLink(link *ast.Link, res Resolver) {
	if insideLink(link) {
		// Only an image description can hold a link, and the image is a link now.
		unwrap(link)
		return
	}
	// Judge the URL the browser will get: entities and backslash escapes
	// resolved, as goldmark's renderer does, so that `javascript&#58;` or
	// `java&#9;script:` cannot hide a scheme.
	dest := string(util.URLEscape(link.Destination, true))
	if id, ok := cableID(dest); ok {
		if !validID(id) {
			unwrap(link)
			return
		}
		replace(link, &CableRef{ID: id, URL: resolve(res, id)})
		return
	}
	if dest == redactedDestination {
		replace(link, &Redaction{})
		return
	}
	if !safeURL(dest) {
		unwrap(link)
	}
}

// rewriteAutoLink turns an autolink to an unsafe URL, such as
// <javascript:alert(1)>, into its text.
func rewriteAutoLink(n *ast.AutoLink, source []byte) {
	unsafe := n.AutoLinkType == ast.AutoLinkURL && !safeURL(string(util.URLEscape(n.URL(source), false)))
	if unsafe || insideLink(n) {
		n.Parent().ReplaceChild(n.Parent(), n, rawString(n.Label(source)))
	}
}

// rawString is a text node shown as it is: HTML-escaped, without the
// backslash escapes and entities of markdown text being interpreted.
func rawString(v []byte) *ast.String {
	s := ast.NewString(v)
	s.SetRaw(true)
	return s
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *CableRef, *Redaction:
			return true
		}
	}
	return false
}

// replace puts with in the place of n, and n's children under with.
func replace(n, with ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		with.AppendChild(with, c)
		c = next
	}
	n.Parent().ReplaceChild(n.Parent(), n, with)
}

// unwrap puts n's children in its place.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// AnnotationLen returns how many bytes at the start of a paragraph's text
// are its annotation, `¶N.` and an optional ` (MARKING)`, as the renderer
// reads and shows them apart from the text (0 when there is none), so that
// a reader of the text elsewhere (the search index) leaves out what the
// page leaves out of it.
func AnnotationLen(text string) int {
	start, ok := parseParagraphStart(text)
	if !ok {
		return 0
	}
	return start.consumed
}
