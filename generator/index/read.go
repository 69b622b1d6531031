package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
	"github.com/cablesite/cablesite/generator/cable"
	"github.com/cablesite/cablesite/internal/panicerr"
)

// CablesDir is the folder of the content folder that holds the cables.
const CablesDir = "cables"

// A Reader reads the front matter of the cables of a content folder.
type Reader struct {
	FS fs.FS
	// Folder is how messages name the content folder: "content" gives
	// "content/cables/2007/09/X.md:3: ...".
	Folder string
	// Workers is how many files are read at once.
	Workers int
}

// Name returns how messages name a file of the content folder.
func (r *Reader) Name(file string) string { return path.Join(r.Folder, file) }

// List returns the markdown files under content's cables/ folder in
// lexical order, skipping hidden names and names starting with '_' (a
// Hugo _index.md). What is not a regular file (a symbolic link, a device)
// or cannot be listed is returned with its problem, to be reported in
// its place and skipped: the build reads only what lies in the folder.
// A symbolic link to a folder, cables/ itself included, is reported and
// not followed.
func (r *Reader) List(warn func(string)) ([]string, []error, error) {
	var files []string
	var problems []error
	if fi, err := fs.Lstat(r.FS, CablesDir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		warn(fmt.Sprintf("%s: a symbolic link: not followed, the site has no cables", r.Name(CablesDir)))
		return nil, nil, nil
	}
	err := fs.WalkDir(r.FS, CablesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == CablesDir {
				if errors.Is(err, fs.ErrNotExist) {
					warn(fmt.Sprintf("%s: no %s/ folder: the site has no cables", r.Folder, CablesDir))
					return fs.SkipAll
				}
				return fmt.Errorf("reading %s: %w", r.Name(p), err)
			}
			files = append(files, p)
			problems = append(problems, fmt.Errorf("%s: %w", r.Name(p), UnwrapPath(err)))
			return nil
		}
		name := d.Name()
		if p != CablesDir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !strings.HasSuffix(name, ".md") {
			// A link to a folder (WalkDir does not follow it) would
			// otherwise vanish from the site without a word.
			warn(fmt.Sprintf("%s: a symbolic link: not followed", r.Name(p)))
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		files = append(files, p)
		if !d.Type().IsRegular() {
			problems = append(problems, fmt.Errorf("%s: not a regular file (a symbolic link?): skipped", r.Name(p)))
		} else {
			problems = append(problems, nil)
		}
		return nil
	})
	return files, problems, err
}

// UnwrapPath returns the error a *fs.PathError wraps, or err: for messages
// that name the file themselves.
func UnwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// A Scan is what pass 1 reads of one file, before its terms are
// interned, or its problem.
type Scan struct {
	ID, Subject   string
	IDLine        int // the line of the file that gives the id
	Date          time.Time
	Origin, Class string
	Tags, Refs    []string
	Err           error
}

// ScanAll reads the front matter of every file, on all workers, keeping only
// what the index needs (see Entry); each file's result lands in its own
// slot, so the outcome does not depend on the workers' timing. problems
// are those List found, each the problem of its file's scan.
func (r *Reader) ScanAll(ctx context.Context, files []string, problems []error) ([]Scan, error) {
	out := make([]Scan, len(files))
	for i, err := range problems {
		out[i].Err = err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, r.Workers) {
		wg.Go(func() {
			buf := make([]byte, 0, 8<<10)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				if out[i].Err != nil {
					continue
				}
				var fm []byte
				fm, buf, out[i].Err = annotate.ReadFrontMatter(r.FS, files[i], buf)
				if out[i].Err != nil {
					out[i].Err = fmt.Errorf("%s: %w", r.Name(files[i]), UnwrapPath(out[i].Err))
					continue
				}
				out[i] = r.decode(files[i], fm)
			}
		})
	}
	wg.Wait()
	return out, ctx.Err()
}

// decode reads one file's front matter. Strings are cloned: the decoder's
// strings share the front matter's memory, which must not stay alive. A
// panic reading it (a bug) is the file's problem: the rest builds.
func (r *Reader) decode(file string, fm []byte) (s Scan) {
	defer func() {
		if v := recover(); v != nil {
			s = Scan{Err: fmt.Errorf("%s: %w", r.Name(file), panicerr.New(v))}
		}
	}()
	doc, err := annotate.Read(r.Name(file), fm)
	if err != nil {
		return Scan{Err: err}
	}
	c := &doc.Cable
	if strings.TrimSpace(c.ID) == "" {
		return Scan{Err: fmt.Errorf("%s:%d: the front matter has no id", r.Name(file), annotate.KeyLine(fm, "id"))}
	}
	s = Scan{
		IDLine:  annotate.KeyLine(fm, "id"),
		ID:      strings.Clone(c.ID),
		Subject: strings.Clone(annotate.Apostrophes(cable.CleanText(c.Subject))),
		Date:    c.Date.UTC(),
		Origin:  strings.Clone(strings.TrimSpace(cable.CleanText(c.Origin))),
		Class:   strings.Clone(strings.TrimSpace(cable.CleanText(c.Classification))),
	}
	if title := strings.TrimSpace(cable.CleanText(doc.Title)); title != "" {
		s.Subject = strings.Clone(title) // an editor's display title stands for the subject on every page
	}
	for _, t := range c.Tags {
		if t = strings.TrimSpace(cable.CleanText(t)); t != "" {
			s.Tags = append(s.Tags, strings.Clone(strings.ToUpper(t)))
		}
	}
	for _, r := range c.References {
		if r.ID != "" {
			s.Refs = append(s.Refs, strings.Clone(r.ID))
		}
	}
	return s
}

// ReadFile reads content file name whole into buf, reusing its memory;
// its error names the file.
func (r *Reader) ReadFile(name string, buf []byte) ([]byte, error) {
	buf, err := readAll(r.FS, name, buf)
	if err != nil {
		return buf, fmt.Errorf("%s: %w", r.Name(name), UnwrapPath(err))
	}
	return buf, nil
}

func readAll(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	buf = buf[:0]
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && int64(cap(buf)) < fi.Size()+1 {
		buf = make([]byte, 0, fi.Size()+512)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// ErrGone is the problem of a file Rescan finds gone.
var ErrGone = errors.New("gone")

// Rescan reads content file f again, as pass 1 does (into buf, returned
// for reuse): its scan, ErrGone when it is gone, or the walk of a build
// would not reach it. A panic reading it is the file's problem.
func (r *Reader) Rescan(f string, buf []byte) (sc Scan, _ []byte) {
	defer func() {
		if v := recover(); v != nil {
			sc = Scan{Err: fmt.Errorf("%s: %w", r.Name(f), panicerr.New(v))}
		}
	}()
	fsys := r.FS
	// The walk does not follow a linked folder: a file under one is
	// gone for the build.
	for dir := path.Dir(f); dir != "."; dir = path.Dir(dir) {
		if fi, err := fs.Lstat(fsys, dir); err != nil || !fi.IsDir() {
			return Scan{Err: ErrGone}, buf
		}
	}
	fi, err := fs.Lstat(fsys, f)
	if err != nil || fi.IsDir() {
		return Scan{Err: ErrGone}, buf
	}
	if !fi.Mode().IsRegular() {
		return Scan{Err: fmt.Errorf("%s: not a regular file (a symbolic link?): skipped", r.Name(f))}, buf
	}
	fm, buf, err := annotate.ReadFrontMatter(fsys, f, buf)
	if errors.Is(err, fs.ErrNotExist) {
		return Scan{Err: ErrGone}, buf
	}
	if err != nil {
		return Scan{Err: fmt.Errorf("%s: %w", r.Name(f), UnwrapPath(err))}, buf
	}
	return r.decode(f, fm), buf
}
