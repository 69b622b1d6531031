package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablesite/cablesite/templates"
)

// BenchmarkBuild builds the content folder named by $CABLESITE_BENCH_CONTENT
// (a synthcables import, say) into a temporary folder:
//
//	CABLESITE_BENCH_CONTENT=/tmp/site20k/content go test -run XXX -bench Build -benchtime 1x -cpuprofile cpu.prof ./generator/
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("CABLESITE_BENCH_CONTENT")
	if dir == "" {
		b.Skip("set CABLESITE_BENCH_CONTENT to a content folder")
	}
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		sum, err := Build(context.Background(), BuildConfig{Content: os.DirFS(dir), Templates: templates.FS, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(sum.Cables), "cables")
	}
}
