package markdown

import (
	"testing"

	"github.com/cablesite/cablesite/internal/mirror"
)

// The plain path writes goldmark's HTML: when goldmark changes, it is
// checked again before goldmarkVerified follows.
func TestMirrorsVerified(t *testing.T) {
	mirror.Module(t, "github.com/yuin/goldmark", mirror.Mirror{
		What: "the plain markdown path", Const: "goldmarkVerified", File: "generator/markdown/plain.go", Verified: goldmarkVerified,
		Run: []string{
			"go test ./generator/markdown ./generator/annotate ./generator/search -count=1   # with ../shared: TestPlainCorpus",
			"go test ./generator/markdown -run '^$' -fuzz '^FuzzPlainAsGoldmark$' -fuzztime 10m",
			"go test ./generator -run 'TestBrowserSearchTexts|TestHostileText' -count=1",
		},
	})
}
