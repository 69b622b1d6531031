package cable

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// BenchmarkReadCSV reads 2000 synthetic cables in the cables.csv dialect,
// written by ../shared/tools/synthcables.
func BenchmarkReadCSV(b *testing.B) {
	root, ok := corpus.Root()
	tool := filepath.Join(filepath.Dir(root), "tools", "synthcables")
	if _, err := os.Stat(tool); !ok || err != nil {
		b.Skip("no synthcables tool next to the shared corpus")
	}
	file := filepath.Join(b.TempDir(), "cables.csv")
	if out, err := exec.Command("go", "run", "-C", tool, ".", "-n", "2000", "-format", "csv", "-o", file).CombinedOutput(); err != nil {
		b.Fatalf("synthcables: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		for _, err := range Records("cables.csv", bytes.NewReader(data), FormatCSV) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 2000 {
			b.Fatalf("%d records, want 2000", n)
		}
	}
}

// BenchmarkReadHTML reads the real Cablegate pages.
func BenchmarkReadHTML(b *testing.B) {
	var pages [][]byte
	size := 0
	for _, p := range corpus.Files(b, "real/cablegate-html", ".html") {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		size += len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, data := range pages {
			for _, err := range Records("p.html", bytes.NewReader(data), FormatHTML) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
