// Package static copies into a site the files of the content folder that
// are no pages: images, PDFs, CSV downloads, every file outside cables/
// that is neither markdown nor hidden (its name, or a folder's on its
// path, starting with '.' or '_'). Each is copied byte for byte to the
// same path from the site's root (content/img/map.png is img/map.png),
// as Hugo copies its static files and page bundles, so that an editorial
// page links it relatively and the link works served and from disk.
//
// A file never takes the place of the site's own: one under the site's
// own addresses (cable/, tag/, search/, index.html ...; see
// editorial.Reserved) or at, above or below an editorial page or feed is
// refused (Check). Files are streamed (Copy), never read whole, and a
// symbolic link is not followed.
package static

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/cablesite/cablesite/generator/editorial"
	"github.com/cablesite/cablesite/generator/publish"
)

// Check returns the files (slash-separated paths in the content folder)
// that may be copied beside the editorial pages, in their order, and a
// problem ("content/x:1: clashes with ...: skipped", the file named by
// name) for each of the others.
func Check(files []string, pages []*editorial.Page, name func(string) string) (ok, problems []string) {
	at := map[string]string{}    // a generated file, by its path folded
	under := map[string]string{} // a folder of generated files, by its path folded
	add := func(p, what string) {
		what += " (" + p + ")"
		at[strings.ToLower(p)] = what
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if _, ok := under[strings.ToLower(dir)]; !ok {
				under[strings.ToLower(dir)] = "the folder " + dir + "/ of " + what
			}
		}
	}
	for _, p := range pages {
		add(p.Path, "the page of "+name(p.File))
		if p.IsCollection() {
			add(p.FeedPath(), "the feed of "+name(p.File))
		}
	}
	for _, f := range files {
		if msg := clash(f, at, under); msg != "" {
			problems = append(problems, fmt.Sprintf("%s:1: clashes with %s: skipped", name(f), msg))
			continue
		}
		ok = append(ok, f)
	}
	return ok, problems
}

// clash returns what file f would clash with in the site, or "".
func clash(f string, at, under map[string]string) string {
	if err := publish.CheckName(f); err != nil {
		return "no file of a site: its name cannot be part of an address"
	}
	first, _, inFolder := strings.Cut(f, "/")
	if editorial.Reserved(first) {
		if inFolder {
			return "the site's own folder " + first + "/"
		}
		return "the site's own file " + first
	}
	lower := strings.ToLower(f)
	if what, ok := at[lower]; ok {
		return what
	}
	if what, ok := under[lower]; ok {
		return what
	}
	for dir := path.Dir(lower); dir != "."; dir = path.Dir(dir) {
		if what, ok := at[dir]; ok {
			return what + ", a file where it needs a folder"
		}
	}
	return ""
}

// Copy copies file from fsys through w, streamed (see publish.Copy),
// the file named by name in messages. A file that cannot be read (removed
// since it was listed, unreadable, no longer a regular file) is skipped
// with a problem, "content/x: ...: skipped"; the error is the writer's.
func Copy(fsys fs.FS, file, name string, w publish.Writer) (problem string, err error) {
	skip := func(err error) (string, error) {
		return fmt.Sprintf("%s: %v: skipped", name, unwrapPath(err)), nil
	}
	if l, ok := fsys.(fs.ReadLinkFS); ok {
		// Walking the folder skipped symbolic links; one put in the
		// file's place since is not followed either.
		fi, err := l.Lstat(file)
		if err != nil {
			return skip(err)
		}
		if !fi.Mode().IsRegular() {
			return skip(errors.New("not a regular file (a symbolic link?)"))
		}
	}
	f, err := fsys.Open(file)
	if err != nil {
		return skip(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return skip(errors.New("not a regular file"))
	}
	r := &reader{r: f}
	if err := publish.Copy(w, file, r); err != nil {
		if r.err != nil {
			return skip(r.err)
		}
		return "", err
	}
	return "", nil
}

// reader records the error of its reader, to tell the file's errors
// from the writer's.
type reader struct {
	r   io.Reader
	err error
}

func (r *reader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

// unwrapPath returns the error of a *fs.PathError, whose path the
// message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
