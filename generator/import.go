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
	"sync/atomic"

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
	// Force replaces files edited since they were imported (their
	// source's parts; the editor's title and notes are kept all the same).
	Force bool
	// Progress, when set, is called as each record is accounted for, from
	// one goroutine: for a progress line.
	Progress func(ImportProgress)
}

// ImportProgress says how far an import is.
type ImportProgress struct {
	// Summary is the records accounted for so far.
	Summary Summary
	// Sources is how many sources were read whole, of Total.
	Sources, Total int
	// Fraction is the part of the input read, from 0 to 1: the sources
	// read whole and the bytes read of the current one when its size is
	// known (a file named on the command line; not a pipe, not the files
	// of a folder, which count whole).
	Fraction float64
}

// readProgress counts what the reader of Import has read.
type readProgress struct {
	sources   atomic.Int64 // read whole
	size, pos atomic.Int64 // of the current source; size 0: unknown
}

func (p *readProgress) fraction(total int) float64 {
	if total == 0 {
		return 1
	}
	done := float64(p.sources.Load())
	if size := p.size.Load(); size > 0 {
		done += min(1, float64(p.pos.Load())/float64(size))
	}
	return min(1, done/float64(total))
}

// countingReader counts the bytes read into n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// Summary accounts for every record and file import met: each record was
// written, found unchanged, kept (its file was edited since import),
// rejected, or skipped as an exact duplicate; each file that held no
// record was rejected (it could not be read) or skipped (not a cable, a
// symbolic link). So
//
//	Read = Wrote + Unchanged + Kept + Rejected + Duplicates + Skipped
//
// Warned counts the records written or unchanged that carry warnings.
type Summary struct {
	Read, Wrote, Unchanged, Kept, Warned, Rejected, Duplicates, Skipped int
}

func (s Summary) String() string {
	msg := fmt.Sprintf("read %d, wrote %d, with warnings %d, rejected %d", s.Read, s.Wrote, s.Warned, s.Rejected)
	for _, n := range []struct {
		n    int
		what string
	}{
		{s.Unchanged, "unchanged"},
		{s.Kept, "kept (edited since import)"},
		{s.Duplicates, "duplicates skipped"},
		{s.Skipped, "skipped"},
	} {
		if n.n > 0 {
			msg += fmt.Sprintf(", %s %d", n.what, n.n)
		}
	}
	return msg
}

// Import reads every cable of the sources, in order, and writes each as an
// annotated markdown file into dest (see package annotate for the format
// and the paths). It streams: memory holds a few records at a time, plus the
// id and a hash of each cable written, to keep ids unique.
//
// A file that exists already is written again only when it is the same
// cable (the same original text, or the same record of the same source:
// a corrected source) and was not edited since import, as its digest
// tells (package annotate, Editorial layer); the editor's title and notes
// are kept. An edited file is left as it is and reported, unless
// cfg.Force. A file of another cable with the same id is left too, and
// the cable gets the id with a suffix -2, -3, ...
//
// Problems with the input are written to problems as "file:line: message",
// one a line, and never stop the import. The returned error is for what
// stops it: cancellation (Import returns promptly, whatever the sources
// are blocked on, with the summary so far; every file is whole), or a
// failure to write dest.
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

	var read readProgress
	go readSources(ctx, sources, cfg.Format, &read, jobs, tokens)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if j.err == nil && j.skip == "" {
					j.render(dest)
				}
				select {
				case done <- j:
				case <-ctx.Done():
					return
				}
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

	w := &importWriter{dest: dest, force: cfg.Force, problems: problems, writes: writes, seen: map[uint64]seenFile{}, seed: maphash.MakeSeed()}
	pending := map[int]importJob{}
	next := 0
	var werr error
records:
	for werr == nil {
		var j importJob
		select {
		case d, ok := <-done:
			if !ok {
				break records
			}
			j = d
		case <-ctx.Done():
			// A cable being parsed may take seconds (a 50 MB one):
			// nothing waits for it.
			break records
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
			if cfg.Progress != nil {
				cfg.Progress(ImportProgress{Summary: w.sum, Sources: int(read.sources.Load()), Total: len(sources), Fraction: read.fraction(len(sources))})
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

// readSources reads the records of the sources into jobs, numbered in
// input order, each taking a token first, and keeps read up to date; it
// closes jobs when done or when ctx is done.
func readSources(ctx context.Context, sources []Source, format cable.Format, read *readProgress, jobs chan<- importJob, tokens chan<- struct{}) {
	defer close(jobs)
	seq := 0
	for _, src := range sources {
		read.size.Store(src.Size)
		read.pos.Store(0)
		if !readSource(ctx, src, format, &read.pos, func(j importJob) bool {
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
		read.size.Store(0)
		read.sources.Add(1)
	}
}

// fileWrite is one file for the writer pool.
type fileWrite struct {
	name string
	data []byte
}

// importJob is one record on its way through import, or a source that
// gave none (skip or err set).
type importJob struct {
	seq   int
	pos   cable.Pos
	rec   cable.Record
	err   error  // a problem with the record or the source: it is rejected
	skip  string // why the source is skipped
	cable *cable.Cable
	md    []byte
	// prior is the file at the cable's path as the worker found it, for
	// the writer, which uses it unless the path turns out to be another.
	prior existing
}

func (j *importJob) render(dest Dest) {
	j.cable = cable.Parse(j.rec)
	if j.cable.ID == "" {
		j.err = noID(j.cable.Warnings)
		return
	}
	md, err := annotate.Append(nil, j.cable, j.rec)
	if err != nil {
		j.err = err
		return
	}
	j.md = md
	j.prior = examine(dest, annotate.Path(j.cable), j.rec)
}

// existing is a file found where import would write a cable.
type existing struct {
	name string
	data []byte             // nil when there is no file
	err  error              // it cannot be read: never replaced
	doc  *annotate.Document // nil when it does not read
	bad  error              // why it does not read (broken front matter)
	same bool               // it is the cable of rec: the same original, or the same record of the same source
	// edited, for the same cable: the source's parts were changed since
	// import wrote them; line is where, when it can be told.
	edited bool
	line   int
}

// examine reads the file name of dest and tells whether it holds the
// cable of rec and was edited. Files carrying a digest are judged by it;
// older files by writing the cable again from their own original, which
// costs a parse, paid only once per file (the file is then written with a
// digest, or is edited for good).
func examine(dest Dest, name string, rec cable.Record) existing {
	e := existing{name: name}
	data, err := dest.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return e
	}
	if err != nil {
		e.err = err
		return e
	}
	e.data = data
	e.doc, e.bad = annotate.Read(dest.Name(name), data)
	if e.bad != nil {
		e.doc = nil
		return e
	}
	e.same = bytes.Equal(e.doc.Original, rec.Text) || sameRecord(e.doc.Source, rec)
	if !e.same {
		return e
	}
	has, ok := annotate.Unedited(data, e.doc)
	if has && ok {
		return e
	}
	again, err := writeAgain(e.doc)
	switch {
	case err != nil:
		e.edited = true
	case has:
		e.edited = true
		e.line = annotate.EditedLine(data, e.doc, again)
	default:
		e.edited = annotate.Digest(data) != annotate.Digest(again)
	}
	return e
}

// sameRecord reports whether rec is the record that the file's source
// names: the same source file, format and record (for cables.csv, the
// same row, or line when a row is missing). It is the same cable with a
// corrected text.
func sameRecord(s annotate.Source, rec cable.Record) bool {
	if s.File != cable.ToUTF8(rec.Pos.File) || s.Format != rec.Format {
		return false
	}
	if rec.Format != cable.FormatCSV {
		return true // one record a file
	}
	if s.Meta.Row != "" && rec.Meta.Row != "" {
		return s.Meta.Row == cable.ToUTF8(rec.Meta.Row)
	}
	return s.Line == rec.Pos.Line
}

// writeAgain writes the cable of a file as import would from the file's
// own original and source, the id's suffix included.
func writeAgain(d *annotate.Document) ([]byte, error) {
	rec := d.Record()
	c := cable.Parse(rec)
	if id := d.Cable.ID; id != c.ID && strings.HasPrefix(id, c.ID+"-") {
		renamed(c, id)
	}
	return annotate.Append(nil, c, rec)
}

// renamed gives c the id that import chose for it, a suffixed one, and
// says so among its warnings.
func renamed(c *cable.Cable, id string) {
	c.Warnings = append(c.Warnings, fmt.Sprintf("duplicate id %s (a different cable already has it): kept as %s", c.ID, id))
	c.ID = id
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

// readSource sends each record of src to send, and a source that is not
// read, or that holds no cable at all, as one job; it adds the bytes it
// reads to read. It returns false when
// send asks to stop, or when ctx is done.
func readSource(ctx context.Context, src Source, f cable.Format, read *atomic.Int64, send func(importJob) bool) bool {
	pos := cable.Pos{File: src.Name}
	switch {
	case src.Skip != "":
		return send(importJob{pos: pos, skip: src.Skip})
	case src.Err != nil:
		return send(importJob{pos: pos, err: src.Err})
	}
	rc, err := openSource(ctx, src)
	if ctx.Err() != nil {
		return false
	}
	if err != nil {
		return send(importJob{pos: pos, err: err})
	}
	defer rc.Close()
	for rec, err := range cable.Records(src.Name, countingReader{rc, read}, f) {
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
		if errors.Is(j.err, cable.ErrNotCable) {
			j.skip, j.err = j.err.Error(), nil
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
	force    bool
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
// when a different cable already holds it, in this import or an earlier one.
// A file that does not read, or cannot be read, is taken to be c's (it may
// be an edit of it): it is c's path, and it is kept unless forced. It sets
// c.ID to the id chosen. dup, when set, is the cable of this import that c
// exactly duplicates.
func (w *importWriter) claim(j *importJob, sum uint64) (found existing, dup *seenFile) {
	c := j.cable
	id := c.ID
	for k := 1; ; k++ {
		c.ID = id
		if k > 1 {
			c.ID = fmt.Sprintf("%s-%d", id, k)
		}
		// Ids, not paths, must be unique: one id in two month folders
		// would give two pages one URL.
		if f, ok := w.seen[w.hash64([]byte(annotate.SafeID(c.ID)))]; ok {
			if f.text == sum {
				return existing{}, &f
			}
			continue
		}
		e := j.prior
		if name := annotate.Path(c); k > 1 || e.name != name {
			e = examine(w.dest, name, j.rec)
		}
		if e.data == nil || e.bad != nil || e.same {
			return e, nil // no file, an unknown one, or c's
		}
	}
}

func (w *importWriter) report(pos cable.Pos, format string, args ...any) {
	fmt.Fprintf(w.problems, "%s: %s\n", pos, fmt.Sprintf(format, args...))
}

func (w *importWriter) reportFile(name string, line int, format string, args ...any) {
	w.report(cable.Pos{File: w.dest.Name(name), Line: line}, format, args...)
}

func (w *importWriter) write(j importJob) error {
	w.sum.Read++
	switch {
	case j.skip != "":
		w.sum.Skipped++
		w.report(j.pos, "skipped: %s", j.skip)
		return nil
	case j.err != nil:
		w.sum.Rejected++
		var u *unreadable
		if errors.As(j.err, &u) {
			w.report(j.pos, "%v", u)
		} else {
			w.report(j.pos, "rejected: %v", j.err)
		}
		return nil
	}
	c := j.cable
	sum := w.hash64(j.rec.Text)
	id := c.ID
	e, dup := w.claim(&j, sum)
	if dup != nil {
		w.sum.Duplicates++
		w.report(j.pos, "skipped: %s is the same cable as %s", c.ID, w.at(*dup))
		return nil
	}
	if chosen := c.ID; chosen != id {
		c.ID = id
		renamed(c, chosen)
		md, err := annotate.Append(nil, c, j.rec)
		if err != nil {
			w.sum.Rejected++
			w.report(j.pos, "rejected: %v", err)
			return nil
		}
		j.md = md
	}
	if n := len(w.sources); n == 0 || w.sources[n-1] != j.pos.File {
		w.sources = append(w.sources, j.pos.File)
	}
	w.seen[w.hash64([]byte(annotate.SafeID(c.ID)))] = seenFile{text: sum, src: int32(len(w.sources) - 1), line: int32(j.pos.Line)}

	md, written := j.md, true
	switch {
	case e.err != nil && !errors.Is(e.err, fs.ErrPermission):
		// Not the file's fault (a path leaving the folder, a disk
		// error): the import stops, as it would writing the file.
		return fmt.Errorf("%s: %w", e.name, e.err)
	case e.err != nil:
		// Not even -force replaces what cannot be read: its notes would
		// be lost.
		w.sum.Kept++
		w.reportFile(e.name, 0, "cannot be read (%v), kept", unwrapPath(e.err))
		return nil
	case e.bad != nil && !w.force:
		w.sum.Kept++
		line, msg := 0, e.bad.Error()
		var re *annotate.ReadError
		if errors.As(e.bad, &re) {
			line, msg = re.Line, re.Msg
		}
		w.reportFile(e.name, line, "edited since import, kept (use -force to replace): %s", msg)
		return nil
	case e.edited && !w.force:
		w.sum.Kept++
		w.reportFile(e.name, e.line, "edited since import, kept (use -force to replace)")
		return nil
	case e.data != nil:
		var kept annotate.Kept
		md, kept = annotate.Merge(j.md, e.data, e.doc)
		if e.bad != nil || e.edited {
			msg := "edited since import, replaced (-force)"
			switch {
			case kept.Title && kept.Notes:
				msg += "; its title and notes kept"
			case kept.Title:
				msg += "; its title kept"
			case kept.Notes:
				msg += "; its notes kept"
			}
			w.reportFile(e.name, 0, "%s", msg)
		}
		if kept.TitleLost {
			w.reportFile(e.name, 0, "its title does not read: replaced by the default")
		}
		written = !bytes.Equal(md, e.data)
	}
	if written {
		w.writes <- fileWrite{e.name, md}
		w.sum.Wrote++
	} else {
		w.sum.Unchanged++
	}
	if len(c.Warnings) > 0 {
		w.sum.Warned++
		for _, msg := range c.Warnings {
			w.report(j.pos, "warning: %s", msg)
		}
	}
	return nil
}
