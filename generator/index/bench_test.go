package index

import (
	"context"
	"os"
	"slices"
	"testing"
)

// BenchmarkIndex measures the index of a content folder built again from
// its scans, as a session does after a change of a cable's date, TAGS,
// origin or references, against the patch of the index for that change
// (Patch). It reads the front matter of the folder named by
// $CABLESITE_BENCH_CONTENT once:
//
//	CABLESITE_BENCH_CONTENT=/tmp/content250k go test ./generator/index \
//	    -run '^$' -bench Index -benchtime 10x
func BenchmarkIndex(b *testing.B) {
	content := os.Getenv("CABLESITE_BENCH_CONTENT")
	if content == "" {
		b.Skip("set CABLESITE_BENCH_CONTENT to a content folder")
	}
	r := &Reader{FS: os.DirFS(content), Folder: "content", Workers: 8}
	files, problems, err := r.List(func(string) {})
	if err != nil {
		b.Fatal(err)
	}
	scans, err := r.ScanAll(context.Background(), files, problems)
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Name: r.Name, Meaning: func(string) string { return "" }}
	idx0, _ := Build(files, slices.Clone(scans), opt)
	// A dated cable in the middle of the collection moves a day later.
	ei := idx0.Order[len(idx0.Order)/2]
	j := slices.Index(files, idx0.Entries[ei].File)
	old := scans[j]
	moved := old
	moved.Date = old.Date.AddDate(0, 0, 1)
	scans[j] = moved
	b.Logf("%d cables, %d TAGS, %d origins", len(idx0.Entries), len(idx0.Tags.Terms), len(idx0.Origins.Terms))
	b.Run("reindex", func(b *testing.B) {
		for b.Loop() {
			Build(files, slices.Clone(scans), opt)
		}
	})
	b.Run("patch", func(b *testing.B) {
		for b.Loop() {
			if Patch(idx0, []Edit{{Entry: ei, Old: &old, New: &moved}}) == nil {
				b.Fatal("no patch")
			}
		}
	})
}
