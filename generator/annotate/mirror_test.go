package annotate

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// The fast front-matter decoder reads as goccy/go-yaml does, and Hugo
// reads what Write writes: when either library changes, they are checked
// again before the constants follow.
func TestMirrorsVerified(t *testing.T) {
	mirror.Module(t, "github.com/goccy/go-yaml", mirror.Mirror{
		What: "the fast front-matter decoder", Const: "goccyVerified", File: "generator/annotate/decode.go", Verified: goccyVerified,
		Run: []string{
			"go test ./generator/annotate -count=1   # with ../shared: TestRealCorpus",
			"go test ./generator/annotate -run '^$' -fuzz '^FuzzDecoders$' -fuzztime 5m",
			"go test ./generator/annotate -run '^$' -fuzz '^FuzzRoundTrip$' -fuzztime 2m",
		},
	})
	mirror.Module(t, "github.com/gohugoio/hugo", mirror.Mirror{
		What: "the annotated markdown as Hugo front matter", Const: "hugoVerified", File: "generator/annotate/decode.go", Verified: hugoVerified,
		Run: []string{
			"go test ./generator/annotate -run 'TestHugoReads' -count=1",
			"bench/run.sh -n 2000 -r 1   # Hugo builds the same content/ (hugo on PATH at the same release)",
		},
	})
}
