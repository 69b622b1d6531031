package escape

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// The escapers write text/template's, encoding/xml's and the XML
// minifier's bytes: when Go or the minifier changes, they are checked
// again before the constants follow.
func TestMirrorsVerified(t *testing.T) {
	run := []string{
		"go test ./internal/escape -count=1",
		"go test ./internal/escape -run '^$' -fuzz '^FuzzHTML$' -fuzztime 2m   # and FuzzXML, FuzzXMLMinified",
	}
	mirror.Go(t, mirror.Mirror{What: "the escapers", Const: "goVerified", File: "internal/escape/escape.go", Verified: goVerified, Run: run})
	mirror.Module(t, "github.com/tdewolff/minify/v2", mirror.Mirror{
		What: "AppendXMLMinified", Const: "minifyVerified", File: "internal/escape/escape.go", Verified: minifyVerified, Run: run,
	})
}
