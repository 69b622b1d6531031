package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// No progress line where no one watches it: a file, a pipe, -q.
func TestProgressOnlyOnATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range []*progress{newProgress(f, false, "import"), newProgress(&bytes.Buffer{}, false, "import")} {
		if p != nil {
			t.Fatal("a progress line on a file or a buffer")
		}
		if p.importProgress() != nil || p.buildProgress() != nil {
			t.Error("nil's progress functions are not nil")
		}
		p.done() // no panic
	}
	var b bytes.Buffer
	if p := newProgress(&b, true, "import"); p != nil {
		t.Error("-q, yet a progress line")
	}
	if newProgress(&b, false, "x").messages(&b) != &b {
		t.Error("messages do not go straight to the writer without a line")
	}
}

// On a terminal the line shows the count, the rate and the bar; a message
// clears it first and is written whole; done clears it.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := drawProgress(&b, "build")
	p.every = 0
	build := p.buildProgress()
	for i := 1; i <= 200; i++ {
		build(i, 1000)
	}
	if got := b.String(); !strings.Contains(got, "build: 200 cable pages") || !strings.Contains(got, "/s") || !strings.Contains(got, "20%") {
		t.Errorf("the line: %q", got)
	}
	b.Reset()
	p.messages(&b).Write([]byte("content/cables/x.md:3: date: bad\n"))
	if got := b.String(); !strings.HasSuffix(got, "content/cables/x.md:3: date: bad\n") || !strings.Contains(got, "\r") {
		t.Errorf("a message: %q; want the line cleared, then the message whole", got)
	}
	b.Reset()
	p.done()
	if got := b.String(); strings.Contains(got, "cable pages") {
		t.Errorf("done draws the line again: %q", got)
	}
	if count(251287) != "251,287" || count(999) != "999" || count(1000) != "1,000" {
		t.Errorf("count: %s %s %s", count(251287), count(999), count(1000))
	}
}
