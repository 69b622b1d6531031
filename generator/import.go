package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
)

// ImportConfig configures Import. The zero value detects each source's
// format and uses every core.
type ImportConfig struct {
	// Format forces a source format; FormatAuto detects it from content.
	Format cable.Format
	// Workers is how many cables are parsed and rendered at once; 0 means
	// GOMAXPROCS.
	Workers int
}

// Summary accounts for every record import read: each one was written,
// skipped as an exact duplicate, or rejected. Warned counts written records
// that carry warnings.
type Summary struct {
	Read, Wrote, Warned, Rejected, Duplicates int
}

func (s Summary) String() string {
	msg := fmt.Sprintf("read %d, wrote %d, with warnings %d, rejected %d", s.Read, s.Wrote, s.Warned, s.Rejected)
	if s.Duplicates > 0 {
		msg += fmt.Sprintf(", duplicates skipped %d", s.Duplicates)
	}
	return msg
}

// Import reads every cable of the sources, in order, and writes each as an
// annotated markdown file into dest (see package annotate for the format
// and the paths). It streams: memory holds a few records at a time, plus the
// id and a hash of each cable written, to keep ids unique.
//
// Problems with the input are written to problems as "file:line: message",
// one a line, and never stop the import. The returned error is for what
// stops it: cancellation, or a failure to write dest.
func Import(ctx context.Context, cfg ImportConfig, sources []Source, dest Dest, problems io.Writer) (Summary, error) {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan importJob, 4*workers)
	done := make(chan importJob, 4*workers)
	// Tokens bound the records between reading and writing: without them a
	// slow record (a 50 MB cable) would let the others pile up, waiting
	// for their turn to be written.
	tokens := make(chan struct{}, 16*workers)

	go func() {
		defer close(jobs)
		seq := 0
		for _, src := range sources {
			if !readSource(ctx, src, cfg.Format, func(j importJob) bool {
				j.seq = seq
				seq++
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					return false
				}
				select {
				case jobs <- j:
					return true
				case <-ctx.Done():
					return false
				}
			}) {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if j.err == nil {
					j.render()
				}
				done <- j
			}
		})
	}
	go func() { wg.Wait(); close(done) }()

	// Names are decided in input order (so which of two cables with one id
	// gets the suffix never depends on scheduling); the files themselves
	// are written by a pool, since writing is most of the syscalls.
	writes := make(chan fileWrite, 4*workers)
	var (
		writers  sync.WaitGroup
		errMu    sync.Mutex
		writeErr error
	)
	for range workers {
		writers.Go(func() {
			for fw := range writes {
				if err := dest.WriteFile(fw.name, fw.data); err != nil {
					errMu.Lock()
					if writeErr == nil {
						writeErr = err
					}
					errMu.Unlock()
					cancel()
				}
			}
		})
	}

	w := &importWriter{dest: dest, problems: problems, writes: writes, seen: map[uint64]seenFile{}, seed: maphash.MakeSeed()}
	pending := map[int]importJob{}
	next := 0
	var werr error
	for j := range done {
		if werr != nil {
			continue // drain, so the workers can finish
		}
		pending[j.seq] = j
		for {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if werr = w.write(j); werr != nil {
				cancel()
				break
			}
		}
	}
	close(writes)
	writers.Wait()
	if werr == nil {
		werr = writeErr
	}
	if werr != nil {
		return w.sum, werr
	}
	if err := ctx.Err(); err != nil {
		return w.sum, err
	}
	return w.sum, nil
}

// fileWrite is one file for the writer pool.
type fileWrite struct {
	name string
	data []byte
}

// importJob is one record on its way through import.
type importJob struct {
	seq   int
	pos   cable.Pos
	rec   cable.Record
	err   error // a problem with the record: it is rejected
	cable *cable.Cable
	md    []byte
}

func (j *importJob) render() {
	j.cable = cable.Parse(j.rec)
	if j.cable.ID == "" {
		j.err = noID(j.cable.Warnings)
		return
	}
	var buf bytes.Buffer
	if err := annotate.Write(&buf, j.cable, j.rec); err != nil {
		j.err = err
		return
	}
	j.md = buf.Bytes()
}

// noID explains why a cable has no id, from the parser's warnings: an
// undated cable's classification line gives no year, say.
func noID(warnings []string) error {
	var why []string
	for _, w := range warnings {
		if r, ok := strings.CutPrefix(w, "no id: "); ok {
			why = append(why, r)
		} else if strings.HasPrefix(w, "the source's id ") {
			why = append(why, w)
		}
	}
	if len(why) == 0 {
		return errors.New("no cable id could be read (no classification line, continuation line or source id)")
	}
	return fmt.Errorf("no cable id could be read: %s", strings.Join(why, "; "))
}

// readSource sends each record of src to send, and reports a source that
// cannot be opened as one rejected record. It returns false when send asks
// to stop.
func readSource(ctx context.Context, src Source, f cable.Format, send func(importJob) bool) bool {
	rc, err := src.Open()
	if err != nil {
		return send(importJob{pos: cable.Pos{File: src.Name}, err: err})
	}
	defer rc.Close()
	for rec, err := range cable.Records(src.Name, rc, f) {
		if ctx.Err() != nil {
			return false
		}
		j := importJob{pos: rec.Pos, rec: rec, err: err}
		var re *cable.RecordError
		if errors.As(err, &re) {
			j.pos = re.Pos
			j.err = re.Err
		}
		if j.pos.File == "" {
			j.pos.File = src.Name
		}
		if !send(j) {
			return false
		}
	}
	return true
}

// importWriter writes records in input order, so that which of two cables
// with one id gets the suffix does not depend on scheduling.
type importWriter struct {
	dest     Dest
	problems io.Writer
	writes   chan<- fileWrite
	sum      Summary
	// seen holds, for each cable written, a hash of its id and of its
	// cable's original text: 24 bytes a cable, the only memory import
	// keeps per record.
	seen    map[uint64]seenFile
	seed    maphash.Seed
	sources []string // names of the sources seen, indexed by seenFile.src
}

type seenFile struct {
	text uint64 // hash of the original text
	src  int32  // index into importWriter.sources
	line int32
}

func (w *importWriter) hash64(b []byte) uint64 { return maphash.Bytes(w.seed, b) }

func (w *importWriter) at(f seenFile) cable.Pos {
	return cable.Pos{File: w.sources[f.src], Line: int(f.line)}
}

// claim finds the file for c: its own id, or the id with a suffix -2, -3, …
// when a different cable already holds it, in this import or an earlier one
// (an earlier file holding the same original text is this cable again). It
// sets c.ID to the id chosen. dup, when set, is the cable of this import
// that c exactly duplicates.
func (w *importWriter) claim(c *cable.Cable, sum uint64, text []byte) (name string, old []byte, dup *seenFile, err error) {
	id := c.ID
	for k := 1; ; k++ {
		c.ID = id
		if k > 1 {
			c.ID = fmt.Sprintf("%s-%d", id, k)
		}
		name = annotate.Path(c)
		// Ids, not paths, must be unique: one id in two month folders
		// would give two pages one URL.
		if f, ok := w.seen[w.hash64([]byte(annotate.SafeID(c.ID)))]; ok {
			if f.text == sum {
				return name, nil, &f, nil
			}
			continue
		}
		old, err := w.dest.ReadFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			return name, nil, nil, nil
		}
		if err != nil {
			return "", nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		doc, err := annotate.Read(name, old)
		if err != nil || bytes.Equal(doc.Original, text) {
			// Ours from an earlier import, or a file broken beyond
			// reading: this import's cable takes its place.
			return name, old, nil, nil
		}
	}
}

func (w *importWriter) report(pos cable.Pos, format string, args ...any) {
	fmt.Fprintf(w.problems, "%s: %s\n", pos, fmt.Sprintf(format, args...))
}

func (w *importWriter) write(j importJob) error {
	w.sum.Read++
	if j.err != nil {
		w.sum.Rejected++
		w.report(j.pos, "rejected: %v", j.err)
		return nil
	}
	c := j.cable
	sum := w.hash64(j.rec.Text)
	id := c.ID
	name, old, dup, err := w.claim(c, sum, j.rec.Text)
	if err != nil {
		return err
	}
	if dup != nil {
		w.sum.Duplicates++
		w.report(j.pos, "skipped: %s is the same cable as %s", c.ID, w.at(*dup))
		return nil
	}
	if c.ID != id {
		c.Warnings = append(c.Warnings, fmt.Sprintf("duplicate id %s (a different cable already has it): kept as %s", id, c.ID))
		var buf bytes.Buffer
		if err := annotate.Write(&buf, c, j.rec); err != nil {
			w.sum.Rejected++
			w.report(j.pos, "rejected: %v", err)
			return nil
		}
		j.md = buf.Bytes()
	}
	if !bytes.Equal(old, j.md) {
		w.writes <- fileWrite{name, j.md}
	}
	if n := len(w.sources); n == 0 || w.sources[n-1] != j.pos.File {
		w.sources = append(w.sources, j.pos.File)
	}
	w.seen[w.hash64([]byte(annotate.SafeID(c.ID)))] = seenFile{text: sum, src: int32(len(w.sources) - 1), line: int32(j.pos.Line)}
	w.sum.Wrote++
	if len(c.Warnings) > 0 {
		w.sum.Warned++
		for _, msg := range c.Warnings {
			w.report(j.pos, "warning: %s", msg)
		}
	}
	return nil
}
