package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/cablesite/cablesite/generator"
)

// progress draws a progress line on a terminal: what is done, the rate
// and the time left, redrawn at most ten times a second. Messages written
// through it (the problems import and build report) clear the line first,
// so that each stays whole; the line comes back with the next update.
// The zero of *progress (nil) draws nothing and passes messages on.
type progress struct {
	w     io.Writer
	mu    sync.Mutex // serialises messages and updates
	bar   *progressbar.ProgressBar
	start time.Time
	every time.Duration // the least time between two updates of the line
	last  time.Time     // of the last update
	what  string        // the command: "import"
}

// newProgress returns a progress line on w, or nil when w is not a
// terminal or quiet is set: a log or a pipe gets no progress line.
func newProgress(w io.Writer, quiet bool, what string) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return drawProgress(w, what)
}

// drawProgress returns a progress line on w, a terminal.
func drawProgress(w io.Writer, what string) *progress {
	bar := progressbar.NewOptions64(1000,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionUseANSICodes(true),
	)
	return &progress{w: w, bar: bar, start: time.Now(), every: 100 * time.Millisecond, what: what}
}

// Write writes a message above the progress line.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Clear()
	return p.w.Write(b)
}

// messages is where problems go while the line is drawn: through it, or
// straight to w when there is none.
func (p *progress) messages(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return p
}

// set shows done of total things (what, "cables"), with the part done,
// fraction, from 0 to 1, for the bar and the time left.
func (p *progress) set(done int, what string, fraction float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < p.every && fraction < 1 {
		return
	}
	p.last = now
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-3)
	_ = p.bar.Set64(int64(fraction * 1000))
	p.bar.Describe(fmt.Sprintf("%s: %s %s, %s/s", p.what, count(done), what, count(int(rate))))
}

// done removes the line, before the summary is printed.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Clear()
}

// importProgress is ImportConfig.Progress for the line, or nil.
func (p *progress) importProgress() func(generator.ImportProgress) {
	if p == nil {
		return nil
	}
	return func(ip generator.ImportProgress) { p.set(ip.Summary.Read, "records", ip.Fraction) }
}

// buildProgress is BuildConfig.Progress for the line, or nil.
func (p *progress) buildProgress() func(done, total int) {
	if p == nil {
		return nil
	}
	return func(done, total int) {
		p.set(done, "cable pages", float64(done)/float64(max(total, 1)))
	}
}

// count writes n with thousands separators: 251,287.
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
