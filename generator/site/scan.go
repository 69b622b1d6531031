package site

import (
	"bytes"
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
)

// cablesDir is the folder of the content folder that holds the cables.
const cablesDir = "cables"

// listFiles returns the markdown files under content's cables/ folder in
// lexical order, skipping hidden names and names starting with '_' (a
// Hugo _index.md). What is not a regular file (a symbolic link, a device)
// or cannot be listed is returned with its problem, to be reported in
// its place and skipped: the build reads only what lies in the folder.
// A symbolic link to a folder, cables/ itself included, is reported and
// not followed.
func (b *builder) listFiles() ([]string, []error, error) {
	var files []string
	var problems []error
	if fi, err := fs.Lstat(b.cfg.Content, cablesDir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		b.warn(fmt.Sprintf("%s: a symbolic link: not followed, the site has no cables", b.name(cablesDir)))
		return nil, nil, nil
	}
	err := fs.WalkDir(b.cfg.Content, cablesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == cablesDir {
				if errors.Is(err, fs.ErrNotExist) {
					b.warn(fmt.Sprintf("%s: no %s/ folder: the site has no cables", b.cfg.contentName(), cablesDir))
					return fs.SkipAll
				}
				return fmt.Errorf("reading %s: %w", b.name(p), err)
			}
			files = append(files, p)
			problems = append(problems, fmt.Errorf("%s: %w", b.name(p), unwrapPath(err)))
			return nil
		}
		name := d.Name()
		if p != cablesDir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && !strings.HasSuffix(name, ".md") {
			// A link to a folder (WalkDir does not follow it) would
			// otherwise vanish from the site without a word.
			b.warn(fmt.Sprintf("%s: a symbolic link: not followed", b.name(p)))
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		files = append(files, p)
		if !d.Type().IsRegular() {
			problems = append(problems, fmt.Errorf("%s: not a regular file (a symbolic link?): skipped", b.name(p)))
		} else {
			problems = append(problems, nil)
		}
		return nil
	})
	return files, problems, err
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// scanned is what pass 1 reads of one file, before its terms are interned.
type scanned struct {
	id, subject   string
	idLine        int // the line of the file that gives the id
	date          time.Time
	origin, class string
	tags, refs    []string
	err           error
}

// scan reads the front matter of every file, on all workers, keeping only
// what the index needs (see entry); each file's result lands in its own
// slot, so the outcome does not depend on the workers' timing.
func (b *builder) scan(ctx context.Context, files []string, problems []error) ([]scanned, error) {
	out := make([]scanned, len(files))
	for i, err := range problems {
		out[i].err = err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 4 * b.workers {
		wg.Go(func() {
			buf := make([]byte, 0, 8<<10)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				if out[i].err != nil {
					continue
				}
				var fm []byte
				fm, buf, out[i].err = readFrontMatter(b.cfg.Content, files[i], buf)
				if out[i].err != nil {
					out[i].err = fmt.Errorf("%s: %w", b.name(files[i]), unwrapPath(out[i].err))
					continue
				}
				out[i] = b.decode(files[i], fm)
			}
		})
	}
	wg.Wait()
	return out, ctx.Err()
}

// decode reads one file's front matter. Strings are cloned: the decoder's
// strings share the front matter's memory, which must not stay alive. A
// panic reading it (a bug) is the file's problem: the rest builds.
func (b *builder) decode(file string, fm []byte) (s scanned) {
	defer func() {
		if r := recover(); r != nil {
			s = scanned{err: fmt.Errorf("%s: %w", b.name(file), newPanicError(r))}
		}
	}()
	doc, err := annotate.Read(b.name(file), fm)
	if err != nil {
		return scanned{err: err}
	}
	c := &doc.Cable
	if strings.TrimSpace(c.ID) == "" {
		return scanned{err: fmt.Errorf("%s:%d: the front matter has no id", b.name(file), keyLine(fm, "id"))}
	}
	s = scanned{
		idLine:  keyLine(fm, "id"),
		id:      strings.Clone(c.ID),
		subject: strings.Clone(annotate.Apostrophes(cleanText(c.Subject))),
		date:    c.Date.UTC(),
		origin:  strings.Clone(strings.TrimSpace(cleanText(c.Origin))),
		class:   strings.Clone(strings.TrimSpace(cleanText(c.Classification))),
	}
	if title := strings.TrimSpace(cleanText(doc.Title)); title != "" {
		s.subject = strings.Clone(title) // an editor's display title stands for the subject on every page
	}
	for _, t := range c.Tags {
		if t = strings.TrimSpace(cleanText(t)); t != "" {
			s.tags = append(s.tags, strings.Clone(strings.ToUpper(t)))
		}
	}
	for _, r := range c.References {
		if r.ID != "" {
			s.refs = append(s.refs, strings.Clone(r.ID))
		}
	}
	return s
}

// originalMarker opens a file's original section (see package annotate).
const originalMarker = "<!-- cablesite:original -->"

// withoutOriginal reads a file whose front matter pass 1 read but whose
// original is broken (a fence never closed, say): its page is built with
// the fields and the body, and problem is reported. A file broken
// elsewhere changed during the build: problem is returned.
func (b *builder) withoutOriginal(file string, data []byte, problem error) (*annotate.Document, error) {
	i := bytes.Index(data, []byte("\n"+originalMarker))
	if i < 0 {
		return nil, problem
	}
	doc, err := annotate.Read(b.name(file), data[:i+1])
	if err != nil {
		return nil, problem
	}
	b.warnLate(fmt.Sprintf("%v: the page is built without the original", problem))
	return doc, nil
}

// keyLine returns the line of the file (the front matter starts at line 2)
// on which a top-level key is, or 1 when it is absent.
func keyLine(fm []byte, key string) int {
	line := 1
	for rest := fm; len(rest) > 0; line++ {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.HasPrefix(l, []byte(key+":")) {
			return line
		}
		rest = after
	}
	return 1
}

// readFrontMatter reads the start of a file, up to the end of its front
// matter (the line "---" that closes it), into buf, which it may grow and
// returns for reuse. Reading only the front matter keeps pass 1 cheap
// whatever the size of the text. A file that does not start with "---" is
// returned as far as read: annotate.Read reports it.
func readFrontMatter(fsys fs.FS, name string, buf []byte) (fm, grown []byte, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, buf, err
	}
	defer f.Close()
	buf = buf[:0]
	scanned := 0    // bytes of buf already searched for the closing line
	opened := false // the opening line has been seen
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, cap(buf)+4096)...)[:len(buf)]
		}
		n, rerr := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		for {
			i := bytes.IndexByte(buf[scanned:], '\n')
			if i < 0 {
				break
			}
			line := buf[scanned : scanned+i]
			scanned += i + 1
			if !opened {
				line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
				if string(bytes.TrimRight(line, " \t\r")) != "---" {
					return buf[:scanned], buf, nil
				}
				opened = true
				continue
			}
			if string(bytes.TrimRight(line, " \t\r")) == "---" {
				return buf[:scanned], buf, nil
			}
		}
		if rerr == io.EOF {
			return buf, buf, nil
		}
		if rerr != nil {
			return nil, buf, rerr
		}
	}
}

// name returns how messages name a file of the content folder.
func (b *builder) name(file string) string { return path.Join(b.cfg.contentName(), file) }
