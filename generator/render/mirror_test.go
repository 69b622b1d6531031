package render

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// The pages, lists and escapers written in Go give html/template's and
// the minifier's bytes: when either changes, they are checked again
// before the constants follow.
func TestMirrorsVerified(t *testing.T) {
	run := []string{
		"go test ./generator/render ./generator/site -count=1   # with ../shared: TestCablePageInGoCorpus",
		"go test ./generator/render -run '^$' -fuzz '^FuzzEscapeAsMinified$' -fuzztime 5m",
		"go test ./generator -run 'TestBuildMinified|TestHostileText' -count=1",
	}
	mirror.Module(t, "github.com/tdewolff/minify/v2", mirror.Mirror{
		What: "the pages and lists written in Go", Const: "minifyVerified", File: "generator/render/ingo.go", Verified: minifyVerified, Run: run,
	})
	mirror.Go(t, mirror.Mirror{
		What: "the pages and lists written in Go", Const: "goVerified", File: "generator/render/ingo.go", Verified: goVerified, Run: run,
	})
}
