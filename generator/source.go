package generator

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Source is one input of import or inspect: a file, or standard input, or
// an entry of a folder that is not read (a symbolic link, a folder that
// cannot be listed), which import reports and counts.
type Source struct {
	// Name is how problems name the source: the path as given, or "-".
	Name string
	// Open opens the source for reading. It is called once, when the
	// source's turn comes, so that a long list of files keeps one open.
	// Import calls it from a goroutine of its own and gives up waiting
	// when cancelled (opening a named pipe waits for a writer).
	Open func() (io.ReadCloser, error)
	// Skip, when set, says why the source is not read: import reports
	// "NAME: skipped: SKIP" and counts it as skipped. Open is nil then.
	Skip string
	// Err, when set, is why the source cannot be read ("unreadable folder:
	// permission denied"): import reports "NAME: ERR" and counts it as
	// rejected. Open is nil then.
	Err error
	// Size is the source's size in bytes when known (a file named as an
	// argument), for the progress of an import; 0 when not.
	Size int64
}

// FileSources expands command-line arguments into sources: a file is
// itself, a folder is every regular file below it (walked recursively, in
// lexical order, skipping hidden files and folders), and "-" is stdin.
//
// Nothing stops the expansion: an argument that does not exist and a
// folder or file that cannot be read become sources with Err; a symbolic
// link, a named pipe, a socket or a device inside a folder becomes a
// source with Skip (links are not followed; an argument naming one is
// followed, as the user named it).
func FileSources(args []string, stdin io.Reader) []Source {
	return listSources(osFiles{}, args, stdin)
}

// files is what FileSources needs of the file system; tests substitute
// one that fails where permissions do not fail for root.
type files interface {
	Stat(name string) (fs.FileInfo, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	Open(name string) (io.ReadCloser, error)
}

type osFiles struct{}

func (osFiles) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFiles) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFiles) Open(name string) (io.ReadCloser, error)    { return os.Open(name) }

// unreadable is the error of a source that cannot be read: its message is
// reported as it is, "unreadable folder: permission denied".
type unreadable struct {
	what string // "file" or "folder"
	err  error
}

func (u *unreadable) Error() string { return "unreadable " + u.what + ": " + u.err.Error() }

func (u *unreadable) Unwrap() error { return u.err }

// unwrapPath drops the path an fs.PathError repeats: the source's name
// comes first in the report already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func listSources(fsys files, args []string, stdin io.Reader) []Source {
	var out []Source
	for _, arg := range args {
		if arg == "-" {
			out = append(out, Source{Name: "-", Open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		fi, err := fsys.Stat(arg)
		if err != nil {
			out = append(out, Source{Name: arg, Err: &unreadable{"file", unwrapPath(err)}})
			continue
		}
		if !fi.IsDir() {
			src := fileSource(fsys, arg)
			if fi.Mode().IsRegular() {
				src.Size = fi.Size()
			}
			out = append(out, src)
			continue
		}
		var found []Source
		walkSources(fsys, arg, &found)
		// Each folder is listed in lexical order already; sorting the
		// whole list makes the order independent of how folders nest.
		slices.SortFunc(found, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
		out = append(out, found...)
	}
	return out
}

// walkSources adds the sources below the folder dir to out.
func walkSources(fsys files, dir string, out *[]Source) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		// What was listed before the error is still read.
		*out = append(*out, Source{Name: dir, Err: &unreadable{"folder", unwrapPath(err)}})
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch t := e.Type(); {
		case t.IsDir():
			walkSources(fsys, p, out)
		case t.IsRegular():
			*out = append(*out, fileSource(fsys, p))
		default:
			*out = append(*out, Source{Name: p, Skip: notRegular(t)})
		}
	}
}

// notRegular names what a folder entry is instead of a file.
func notRegular(t fs.FileMode) string {
	switch {
	case t&fs.ModeSymlink != 0:
		return "a symbolic link (not followed)"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (not a regular file)"
	case t&fs.ModeSocket != 0:
		return "a socket (not a regular file)"
	case t&fs.ModeDevice != 0:
		return "a device (not a regular file)"
	}
	return "not a regular file"
}

func fileSource(fsys files, path string) Source {
	return Source{Name: path, Open: func() (io.ReadCloser, error) { return fsys.Open(path) }}
}

// openSource opens src, giving up when ctx is done: opening a named pipe
// blocks until a writer opens it, in a system call nothing interrupts. The
// open left behind closes its file when it returns.
func openSource(ctx context.Context, src Source) (io.ReadCloser, error) {
	type opened struct {
		rc  io.ReadCloser
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		rc, err := src.Open()
		ch <- opened{rc, err}
	}()
	select {
	case o := <-ch:
		if o.err != nil {
			return nil, &unreadable{"file", unwrapPath(o.err)}
		}
		return readUntilDone(ctx, o.rc), nil
	case <-ctx.Done():
		go func() {
			if o := <-ch; o.rc != nil {
				o.rc.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// readUntilDone returns rc, or, unless rc is a regular file (whose reads
// end promptly), rc with reads that end when ctx is done: a pipe, a
// terminal or a named pipe may block a read for good.
func readUntilDone(ctx context.Context, rc io.ReadCloser) io.ReadCloser {
	if f, ok := rc.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return rc
		}
	}
	return &ctxReader{ctx: ctx, rc: rc, done: make(chan readResult, 1)}
}

// ctxReader reads in a goroutine, into a buffer of its own, so that a
// read it stops waiting for never writes into the caller's buffer.
type ctxReader struct {
	ctx     context.Context
	rc      io.ReadCloser
	buf     []byte
	done    chan readResult
	waiting bool // a read is under way: buf is the goroutine's
}

type readResult struct {
	n   int
	err error
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	if !r.waiting {
		if cap(r.buf) < len(p) {
			r.buf = make([]byte, len(p))
		}
		buf := r.buf[:len(p)]
		r.waiting = true
		go func() {
			n, err := r.rc.Read(buf)
			r.done <- readResult{n, err}
		}()
	}
	select {
	case res := <-r.done:
		r.waiting = false
		n := copy(p, r.buf[:res.n])
		return n, res.err
	case <-r.ctx.Done():
		return 0, r.ctx.Err()
	}
}

// Close closes the source; a read still under way ends with it or, for
// standard input, with the process.
func (r *ctxReader) Close() error { return r.rc.Close() }
