package session_test

import (
	"testing"

	"github.com/cablesite/cablesite/generator/render"
	"github.com/cablesite/cablesite/templates"
)

func loadTemplates(t testing.TB) *render.Templates {
	t.Helper()
	tmpl, err := render.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}
