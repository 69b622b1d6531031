package render

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"text/template/parse"
)

// A goTemplate is a stock template that Go code stands for: the code
// writes what the template gives, and was checked against it (see
// Templates.Stock). sum is the SHA-256 of the template's parse tree as
// text (treeSum) when the Go code was last checked; any other text of the
// template, embedded or on disk, is executed by html/template instead.
type goTemplate struct {
	name string // the template's name: "cable-details"
	kind Kind   // the page kind whose "main" it is; "" for any other template
	sum  string
	// goCode, file and constant name the Go code and the constant holding
	// sum, for the message of TestGoTemplatesVerified.
	goCode, file, constant string
	// call, when not "", is the template text that replaces the template
	// while it is verified, calling the Go code: pages that go through
	// html/template (an override of another template) still have it
	// rendered in Go.
	call string
}

// goTemplates lists every stock template Go code stands for. A page kind
// in pagesInGo is written whole in Go while every template its pages
// execute is among them and verified.
var goTemplates = []goTemplate{
	{name: "base", sum: baseSHA256, goCode: "Page.writeLayout", file: "cablepage.go", constant: "baseSHA256"},
	{name: "head", sum: headSHA256, goCode: "Page.writeLayout", file: "cablepage.go", constant: "headSHA256"},
	{name: "crumbs", sum: crumbsSHA256, goCode: "Crumbs.write", file: "list.go", constant: "crumbsSHA256", call: `{{.HTML}}`},
	{name: "main", kind: KindCable, sum: cableMainSHA256, goCode: "CablePage.writeMain", file: "cablepage.go", constant: "cableMainSHA256"},
	{name: "cable-details", sum: detailsSHA256, goCode: "CablePage.DetailsHTML", file: "details.go", constant: "detailsSHA256",
		call: `{{with .Details}}{{.}}{{else}}{{.DetailsHTML}}{{end}}`},
	{name: "tags", sum: tagsSHA256, goCode: "TagList.write", file: "list.go", constant: "tagsSHA256", call: `{{.HTML}}`},
	{name: "thread", sum: threadSHA256, goCode: "Thread.write", file: "list.go", constant: "threadSHA256", call: `{{.HTML}}`},
	{name: "main", kind: KindList, sum: listMainSHA256, goCode: "ListPage.WriteMinified", file: "listpage.go", constant: "listMainSHA256"},
	{name: "chart", sum: chartSHA256, goCode: "ListPage.WriteMinified", file: "listpage.go", constant: "chartSHA256"},
	{name: "pager", sum: pagerSHA256, goCode: "Pager.write", file: "listpage.go", constant: "pagerSHA256"},
	{name: "cablelist", sum: cableListSHA256, goCode: "CableList.write", file: "list.go", constant: "cableListSHA256",
		call: `{{with .CablesHTML}}{{.}}{{else}}{{.Cables.HTML}}{{end}}`},
}

// The releases the Go code of this package (the pages and lists written
// in Go, and writeText, writeAttr and writeURL) was last checked against:
// it writes html/template's and tdewolff/minify's bytes.
// TestMirrorsVerified fails when either changes, and says what to run.
const (
	minifyVerified = "v2.24.25"
	goVerified     = "go1.26"
)

// pagesInGo are the page kinds a build may write whole in Go.
var pagesInGo = []Kind{KindCable, KindList}

// goTemplateOf returns the entry of goTemplates for the template name as
// the pages of kind k execute it, or nil.
func goTemplateOf(k Kind, name string) *goTemplate {
	for i := range goTemplates {
		g := &goTemplates[i]
		if g.name == name && (g.kind == "" || g.kind == k) {
			return g
		}
	}
	return nil
}

// treeSum returns the SHA-256, in hex, of t's parse tree written out as
// text: the template's text as parsed, without its comments or the space
// its trim markers remove. It is computed before the template is first
// executed, which rewrites the tree with html/template's escapers.
func treeSum(t *template.Template) string {
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return ""
	}
	sum := sha256.Sum256([]byte(t.Tree.Root.String()))
	return hex.EncodeToString(sum[:])
}

// inGo reports whether Go code may stand for page's template name, for
// the pages of kind k: name and every template it executes are the text
// their Go code was checked against. From "base", it tells whether the
// pages may be written whole in Go. The partials "base" renders with
// partialCached (the header, say) are not among them: the Go writer gets
// them from html/template too (Templates.Chrome).
func inGo(page *template.Template, k Kind, name string) bool {
	ok := true
	walkTemplates(page, name, func(name string) bool {
		g := goTemplateOf(k, name)
		ok = g != nil && treeSum(page.Lookup(name)) == g.sum
		return ok
	})
	return ok
}

// callGo replaces each template of page that Go code may stand for (see
// inGo) and that has a call by that call, before page is first executed.
func callGo(page *template.Template, k Kind) error {
	var calls []*goTemplate
	for i := range goTemplates {
		if g := &goTemplates[i]; g.call != "" && inGo(page, k, g.name) {
			calls = append(calls, g)
		}
	}
	// Replaced only once all are known: a replaced template executes no
	// other, which would hide its callees from inGo.
	for _, g := range calls {
		if _, err := page.New(g.name).Parse(g.call); err != nil {
			return err
		}
	}
	return nil
}

// walkTemplates calls visit with name and then with every template name
// executes, directly or through others, once each, until visit returns
// false. A template that is not defined is visited too.
func walkTemplates(set *template.Template, name string, visit func(name string) bool) {
	seen := map[string]bool{}
	var walk func(name string) bool
	var node func(n parse.Node) bool
	walk = func(name string) bool {
		if seen[name] {
			return true
		}
		seen[name] = true
		if !visit(name) {
			return false
		}
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			return node(t.Tree.Root)
		}
		return true
	}
	node = func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return true
			}
			for _, c := range n.Nodes {
				if !node(c) {
					return false
				}
			}
		case *parse.TemplateNode:
			return walk(n.Name)
		case *parse.IfNode:
			return node(n.List) && node(n.ElseList)
		case *parse.RangeNode:
			return node(n.List) && node(n.ElseList)
		case *parse.WithNode:
			return node(n.List) && node(n.ElseList)
		}
		return true
	}
	walk(name)
}
