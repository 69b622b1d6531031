package publish

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// TrimBlockSpace removes what the HTML minifier removes: when the
// minifier changes, it is checked again before trimVerified follows.
func TestMirrorsVerified(t *testing.T) {
	mirror.Module(t, "github.com/tdewolff/minify/v2", mirror.Mirror{
		What: "TrimBlockSpace and the pages spliced past the minifier", Const: "trimVerified", File: "generator/publish/splice.go", Verified: trimVerified,
		Run: []string{
			"go test ./generator/publish -count=1",
			"go test ./generator -run 'TestBuildMinified' -count=1",
		},
	})
}
