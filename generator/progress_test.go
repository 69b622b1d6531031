package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cablesite/cablesite/templates"
)

// Import reports its progress after each record: counts that only grow,
// a fraction of the input that only grows and ends at 1 (from the bytes
// read of a file of known size, and from the sources read whole), and a
// last report that is the summary.
func TestImportProgress(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "cables.csv")
	var text strings.Builder
	for i := range 3000 {
		text.WriteString(goodRow(1000 + i))
	}
	if err := os.WriteFile(big, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := append(FileSources([]string{big}, nil), stringSource("pipe", textCable("STATE", 9, "072147Z SEP 07", "FROM A PIPE.")))
	if sources[0].Size != int64(text.Len()) || sources[1].Size != 0 {
		t.Fatalf("sizes %d %d, want %d and 0 (unknown)", sources[0].Size, sources[1].Size, text.Len())
	}
	var (
		mu      sync.Mutex
		reports []ImportProgress
	)
	cfg := ImportConfig{Progress: func(p ImportProgress) {
		mu.Lock()
		reports = append(reports, p)
		mu.Unlock()
	}}
	sum, err := Import(context.Background(), cfg, sources, NewDirDest(filepath.Join(dir, "content")), os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != sum.Read {
		t.Fatalf("%d reports for %d records", len(reports), sum.Read)
	}
	seenPartial := false
	for i, p := range reports {
		s := p.Summary
		if n := s.Wrote + s.Unchanged + s.Kept + s.Rejected + s.Duplicates + s.Skipped; n != i+1 {
			t.Errorf("report %d accounts for %d records", i, n)
		}
		if i > 0 && p.Fraction < reports[i-1].Fraction {
			t.Errorf("report %d: fraction %.3f after %.3f", i, p.Fraction, reports[i-1].Fraction)
		}
		if p.Fraction > 0 && p.Fraction < 0.5 {
			seenPartial = true // within the first source, from its bytes
		}
		if p.Total != 2 {
			t.Errorf("report %d: %d sources in all, want 2", i, p.Total)
		}
	}
	if !seenPartial {
		t.Error("no report within the first source: its bytes are not counted")
	}
	if last := reports[len(reports)-1]; last.Summary != sum {
		t.Errorf("the last report %+v is not the summary %+v", last.Summary, sum)
	}
}

// Build reports each cable page as it is written, with the site's total.
func TestBuildProgress(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	var sources []Source
	for i := range 30 {
		sources = append(sources, stringSource("c"+itoa(i), textCable("STATE", 100+i, "072147Z SEP 07", "TEXT.")))
	}
	if sum, problems := runImport(t, content, sources...); sum.Wrote != 30 {
		t.Fatalf("import: %+v %s", sum, problems)
	}
	var (
		mu   sync.Mutex
		seen = map[int]bool{}
	)
	_, err := Build(context.Background(), BuildConfig{
		Content: os.DirFS(content), Templates: templates.FS, Out: filepath.Join(dir, "public"), NoSearch: true,
		Progress: func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if total != 30 || seen[done] {
				t.Errorf("progress %d of %d", done, total)
			}
			seen[done] = true
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 30 || !seen[30] {
		t.Errorf("%d reports, want one for each of the 30 pages", len(seen))
	}
}
