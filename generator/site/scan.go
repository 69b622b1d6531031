package site

import (
	"context"
	"errors"
	"fmt"
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
				fm, buf, out[i].err = annotate.ReadFrontMatter(b.cfg.Content, files[i], buf)
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
		return scanned{err: fmt.Errorf("%s:%d: the front matter has no id", b.name(file), annotate.KeyLine(fm, "id"))}
	}
	s = scanned{
		idLine:  annotate.KeyLine(fm, "id"),
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

// withoutOriginal reads a file whose front matter pass 1 read but whose
// original is broken (a fence never closed, say): its page is built with
// the fields and the body, and problem is reported. A file broken
// elsewhere changed during the build: problem is returned.
func (b *builder) withoutOriginal(file string, data []byte, problem error) (*annotate.Document, error) {
	doc, ok := annotate.ReadWithoutOriginal(b.name(file), data)
	if !ok {
		return nil, problem
	}
	b.warnLate(fmt.Sprintf("%v: the page is built without the original", problem))
	return doc, nil
}

// name returns how messages name a file of the content folder.
func (b *builder) name(file string) string { return path.Join(b.cfg.contentName(), file) }
