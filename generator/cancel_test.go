package generator

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
)

// importUntil runs Import with a context that is cancelled once blocked
// reports that import waits on its source, and returns what Import
// returned. It fails the test if Import has not returned 10 s after the
// cancellation (it would hang for good without the fix).
func importUntil(t *testing.T, dir string, blocked <-chan struct{}, sources ...Source) (Summary, string, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		sum Summary
		err error
	}
	done := make(chan result, 1)
	var problems bytes.Buffer
	go func() {
		sum, err := Import(ctx, ImportConfig{}, sources, NewDirDest(dir), &problems)
		done <- result{sum, err}
	}()
	select {
	case <-blocked:
	case r := <-done:
		t.Fatalf("Import returned before blocking: %+v, %v\n%s", r.sum, r.err, problems.String())
	}
	cancel()
	select {
	case r := <-done:
		return r.sum, problems.String(), r.err
	case <-time.After(10 * time.Second):
		t.Fatal("Import did not return after the cancellation")
	}
	panic("unreachable")
}

// blockingReader blocks every Read until its context ends, telling
// reading when it starts to wait.
type blockingReader struct {
	reading chan struct{}
	release chan struct{}
	once    sync.Once
}

func (r *blockingReader) Read(p []byte) (int, error) {
	r.once.Do(func() { close(r.reading) })
	<-r.release
	return 0, io.EOF
}

func (r *blockingReader) Close() error { return nil }

// Cancelled, import returns at once whatever its source blocks on: an
// open that waits for a writer (a named pipe), a read that waits for data
// (a pipe, a terminal). What was written is whole, and the summary counts
// it.
func TestImportCancelled(t *testing.T) {
	first := stringSource("a.txt", textCable("STATE", 1, "072147Z SEP 07", "WRITTEN BEFORE."))
	// written waits until the first cable's file is in place, so that
	// the summary has it.
	written := func(dir string) {
		for range 1000 {
			if _, err := os.Stat(filepath.Join(dir, "cables/2007/09/07STATE1.md")); err == nil {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	check := func(t *testing.T, dir string, sum Summary, err error, problems string) {
		t.Helper()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Import: %v, want context.Canceled", err)
		}
		if sum != (Summary{Read: 1, Wrote: 1}) {
			t.Errorf("summary %+v; problems:\n%s", sum, problems)
		}
		data, rerr := os.ReadFile(filepath.Join(dir, "cables/2007/09/07STATE1.md"))
		if rerr != nil {
			t.Fatal(rerr)
		}
		if _, rerr := annotate.Read("07STATE1.md", data); rerr != nil {
			t.Errorf("the file written is not whole: %v", rerr)
		}
	}

	t.Run("an open that blocks", func(t *testing.T) {
		dir := t.TempDir()
		opening, release := make(chan struct{}), make(chan struct{})
		defer close(release)
		src := Source{Name: "pipe", Open: func() (io.ReadCloser, error) {
			written(dir)
			close(opening)
			<-release
			return nil, errors.New("released")
		}}
		sum, problems, err := importUntil(t, dir, opening, first, src)
		check(t, dir, sum, err, problems)
	})
	t.Run("a read that blocks", func(t *testing.T) {
		dir := t.TempDir()
		r := &blockingReader{reading: make(chan struct{}), release: make(chan struct{})}
		defer close(r.release)
		src := Source{Name: "-", Open: func() (io.ReadCloser, error) { written(dir); return r, nil }}
		sum, problems, err := importUntil(t, dir, r.reading, first, src)
		check(t, dir, sum, err, problems)
	})
	t.Run("a named pipe without a writer", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(t.TempDir(), "fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip("no named pipes:", err)
		}
		// A real open(2) that blocks: FileSources' own.
		sources := append([]Source{first}, FileSources([]string{fifo}, nil)...)
		opening := make(chan struct{})
		open := sources[1].Open
		sources[1].Open = func() (io.ReadCloser, error) { written(dir); close(opening); return open() }
		sum, problems, err := importUntil(t, dir, opening, sources...)
		check(t, dir, sum, err, problems)
		// Release the open left behind, which closes its file (opening
		// the writing end fails until it waits).
		for range 100 {
			if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}
