package atom

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// Feeds written in Go give encoding/xml's and the XML minifier's bytes:
// when either changes, they are checked again before the constants
// follow.
func TestMirrorsVerified(t *testing.T) {
	run := []string{
		"go test ./generator/atom ./generator/site -run 'Atom|Feed' -count=1",
		"go test ./generator/atom -run '^$' -fuzz '^FuzzAtomAsMinified$' -fuzztime 5m",
	}
	mirror.Module(t, "github.com/tdewolff/minify/v2", mirror.Mirror{
		What: "the Atom feeds written in Go", Const: "minifyVerified", File: "generator/atom/atom.go", Verified: minifyVerified, Run: run,
	})
	mirror.Go(t, mirror.Mirror{
		What: "the Atom feeds written in Go", Const: "goVerified", File: "generator/atom/atom.go", Verified: goVerified, Run: run,
	})
}
