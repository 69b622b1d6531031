package render

import (
	"html/template"
	"testing"

	"github.com/cablesite/cablesite/templates"
)

// stockSet parses the stock templates the pages of kind k execute, as
// Load does, but leaves them as they are written.
func stockSet(t *testing.T, k Kind) *template.Template {
	t.Helper()
	set, err := template.New("").Funcs((&Templates{}).funcs()).ParseFS(templates.FS, LayoutFile, k.File())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Every stock template that Go code stands for has the hash its Go code
// was checked against, and every template a page written in Go executes
// has Go code standing for it. When a template changes, the build goes
// through html/template until its hash is updated: this test says where.
func TestGoTemplatesVerified(t *testing.T) {
	sets := map[Kind]*template.Template{}
	for _, k := range pagesInGo {
		sets[k] = stockSet(t, k)
	}
	for _, g := range goTemplates {
		kinds := pagesInGo
		if g.kind != "" {
			kinds = []Kind{g.kind}
		}
		found := false
		for _, k := range kinds {
			tmpl := sets[k].Lookup(g.name)
			if tmpl == nil || found {
				continue
			}
			found = true
			if got := treeSum(tmpl); got != g.sum {
				t.Errorf("templates/%s: the template %q is not the one %s (generator/render/%s) was checked against.\n"+
					"Until the two agree, %s pages go through html/template, slower. Make %s write what the template now gives,\n"+
					"run go test ./generator/render ./generator/site -run 'HTML|InGo|Minified|Stock' (see MAINTAINING.md), then set\n"+
					"\t%s = %q\nin generator/render/%s.",
					tmpl.Tree.ParseName, g.name, g.goCode, g.file, k, g.goCode, g.constant, got, g.file)
			}
		}
		if !found {
			t.Errorf("goTemplates lists %q, which no stock template defines", g.name)
		}
	}
	for _, k := range pagesInGo {
		walkTemplates(sets[k], "base", func(name string) bool {
			if goTemplateOf(k, name) == nil {
				t.Errorf("%s pages execute the template %q, which no Go code stands for: add it to goTemplates, with the code that writes it", k, name)
			}
			return true
		})
	}
}
