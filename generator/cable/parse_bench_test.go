package cable

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

// BenchmarkParse parses 1,000 synthetic cables written by the shared
// synthcables tool (the seed cable, when the tool is absent).
func BenchmarkParse(b *testing.B) {
	texts := synthTexts(b, 1000)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Parse(Record{Text: t})
		}
	}
}

// BenchmarkParseLarge parses one 8 MB cable: the seed's body repeated, so
// that a pass that is not linear in the text shows.
func BenchmarkParseLarge(b *testing.B) {
	seed := seedCable(b)
	i := bytes.Index(seed, []byte("¶5."))
	j := bytes.LastIndex(seed, []byte("RICE"))
	var buf bytes.Buffer
	buf.Write(seed[:i])
	for buf.Len() < 8<<20 {
		buf.Write(seed[i:j])
	}
	buf.Write(seed[j:])
	text := buf.Bytes()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(Record{Text: text})
	}
}

// synthTexts returns n cables in the raw text format from the shared
// synthcables tool, or the seed cable n times when the tool is absent.
func synthTexts(b *testing.B, n int) [][]byte {
	b.Helper()
	root, _ := corpus.Root()
	tool := filepath.Join(filepath.Dir(root), "tools", "synthcables")
	if _, err := os.Stat(filepath.Join(tool, "main.go")); err != nil {
		seed := seedCable(b)
		texts := make([][]byte, n)
		for i := range texts {
			texts[i] = seed
		}
		return texts
	}
	dir := b.TempDir()
	cmd := exec.Command("go", "run", "-C", tool, ".", "-n", "1000", "-format", "text", "-o", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("synthcables: %v\n%s", err, out)
	}
	var texts [][]byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		t, err := os.ReadFile(p)
		texts = append(texts, t)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return texts
}
