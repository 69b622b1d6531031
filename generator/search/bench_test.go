package search

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/corpus"
)

// synthDocs returns n synthcables cables as Docs, through the project's
// own pipeline: cables.csv, the parser, annotated markdown, read back.
func synthDocs(b testing.TB, n int) []Doc {
	b.Helper()
	root := corpus.Dir(b, ".")
	tool := filepath.Join(filepath.Dir(root), "tools", "synthcables")
	csv := filepath.Join(b.TempDir(), "cables.csv")
	cmd := exec.Command("go", "run", ".", "-n", itoa(n), "-format", "csv", "-o", csv)
	cmd.Dir = tool
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Skipf("synthcables: %v\n%s", err, out)
	}
	return docsOf(b, csv, cable.FormatCSV)
}

// docsOf returns the cables of the file name as Docs, through the
// project's own pipeline: the parser, annotated markdown, read back.
func docsOf(b testing.TB, name string, format cable.Format) []Doc {
	b.Helper()
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var docs []Doc
	for rec, err := range cable.Records(name, f, format) {
		if err != nil {
			b.Fatal(err)
		}
		c := cable.Parse(rec)
		md, err := annotate.Append(nil, c, rec)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := annotate.Read(rec.Pos.String(), md)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, FromDocument(doc))
	}
	return docs
}

func itoa(n int) string { return string(appendInt(nil, n)) }

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

// BenchmarkBuild indexes 2,000 synthcables cables: Add and Write, the
// files discarded. It reports the index's size per cable.
func BenchmarkBuild(b *testing.B) {
	docs := synthDocs(b, 2000)
	var raw int
	for _, d := range docs {
		raw += len(d.Body)
	}
	b.SetBytes(int64(raw))
	b.ResetTimer()
	var stats Stats
	for b.Loop() {
		bld := NewBuilder(Config{Workers: runtime.GOMAXPROCS(0)})
		for _, d := range docs {
			bld.Add(d)
		}
		var err error
		stats, err = bld.Write(context.Background(), WriterFunc(func(string, []byte) error { return nil }))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(stats.Bytes)/float64(len(docs)), "index-bytes/cable")
	b.ReportMetric(float64(stats.Bytes)/float64(raw), "index/body")
}

// BenchmarkTokenizer tokenizes synthcables bodies.
func BenchmarkTokenizer(b *testing.B) {
	docs := synthDocs(b, 200)
	var size int64
	for _, d := range docs {
		size += int64(len(d.Body))
	}
	b.SetBytes(size)
	var tok Tokenizer
	n := 0
	for b.Loop() {
		for _, d := range docs {
			tok.Tokens(d.Body, func([]byte, int) { n++ })
		}
	}
}

// BenchmarkSearch runs two-word queries against an index of 2,000 cables
// with the Go Searcher.
func BenchmarkSearch(b *testing.B) {
	docs := synthDocs(b, 2000)
	files, _ := buildIndex(b, docs, Config{})
	s, err := Open(files)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Search("prime minister", SearchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
