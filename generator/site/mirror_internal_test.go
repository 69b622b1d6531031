package site

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// Feeds written in Go give encoding/xml's and the XML minifier's bytes:
// when either changes, they are checked again before the constants
// follow.
func TestMirrorsVerified(t *testing.T) {
	run := []string{
		"go test ./generator/site -run 'Atom|Feed' -count=1",
		"go test ./generator/site -run '^$' -fuzz '^FuzzAtomAsMinified$' -fuzztime 5m",
	}
	mirror.Module(t, "github.com/tdewolff/minify/v2", mirror.Mirror{
		What: "the Atom feeds written in Go", Const: "atomMinifyVerified", File: "generator/site/feed.go", Verified: atomMinifyVerified, Run: run,
	})
	mirror.Go(t, mirror.Mirror{
		What: "the Atom feeds written in Go", Const: "atomGoVerified", File: "generator/site/feed.go", Verified: atomGoVerified, Run: run,
	})
}
