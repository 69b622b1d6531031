package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// A Copier is a Writer that also writes a file from a reader as it is:
// never minified, and streamed, never held whole in memory (a content
// folder's images and PDFs, copied into the site).
type Copier interface {
	CopyFile(name string, r io.Reader) error
}

// Copy writes the file name from r through w as it is: by w's CopyFile
// when w is a Copier, or read whole and written by WriteFile otherwise.
func Copy(w Writer, name string, r io.Reader) error {
	if c, ok := w.(Copier); ok {
		return c.CopyFile(name, r)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return w.WriteFile(name, data)
}

// CopyFile implements Copier: the file passes the minifier unchanged.
func (mw *minifier) CopyFile(name string, r io.Reader) error { return Copy(mw.w, name, r) }

// CopyFile implements Copier, writing the file into the staging folder.
func (d *Dir) CopyFile(name string, r io.Reader) error {
	if err := CheckName(name); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := d.reserve(name); err != nil {
		return err
	}
	file := filepath.Join(d.staging, filepath.FromSlash(name))
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(file), 0o755); err == nil {
			f, err = os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	if err != nil {
		return fmt.Errorf("publish: writing %s: %w", name, err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("publish: writing %s: %w", name, err)
	}
	return nil
}
