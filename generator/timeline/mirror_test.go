package timeline

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// The inline chart is written as the minifier would leave it: when the
// minifier changes, it is checked again before inlineVerified follows.
func TestMirrorsVerified(t *testing.T) {
	mirror.Module(t, "github.com/tdewolff/minify/v2", mirror.Mirror{
		What: "the charts spliced into pages", Const: "inlineVerified", File: "generator/timeline/format.go", Verified: inlineVerified,
		Run: []string{
			"go test ./generator/timeline -count=1",
			"go test ./generator -run 'TestBuildMinified' -count=1",
		},
	})
}
