package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"github.com/cablesite/cablesite/generator/publish"
)

// folder is the output folder: the session writes the site into it and
// the server serves it. Every access goes through an os.Root, so no name
// and no symbolic link leads outside it. A file is written only when its
// bytes change, aside and renamed into place, so that a request never
// reads half a file.
type folder struct {
	root *os.Root
	// changed is called with each file written with new bytes, or
	// removed; it may be called from several goroutines at once.
	changed func(name string)
}

func openFolder(dir string) (*folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &folder{root: root, changed: func(string) {}}, nil
}

// WriteFile implements publish.Writer.
func (f *folder) WriteFile(name string, data []byte) error {
	if err := publish.CheckName(name); err != nil {
		return err
	}
	if fi, err := f.root.Lstat(name); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(data)) {
		if old, err := f.root.ReadFile(name); err == nil && bytes.Equal(old, data) {
			return nil
		}
	}
	dir := path.Dir(name)
	tmp := path.Join(dir, ".tmp-"+randomName())
	err := f.root.WriteFile(tmp, data, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err = f.root.MkdirAll(dir, 0o755); err == nil {
			err = f.root.WriteFile(tmp, data, 0o644)
		}
	}
	if err == nil {
		if err = f.root.Rename(tmp, name); err != nil {
			_ = f.root.Remove(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	f.changed(name)
	return nil
}

// CopyFile implements publish.Copier: the file is streamed aside, then
// renamed into place.
func (f *folder) CopyFile(name string, r io.Reader) error {
	if err := publish.CheckName(name); err != nil {
		return err
	}
	dir := path.Dir(name)
	tmp := path.Join(dir, ".tmp-"+randomName())
	out, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err = f.root.MkdirAll(dir, 0o755); err == nil {
			out, err = f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	_, err = io.Copy(out, r)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.root.Rename(tmp, name)
	}
	if err != nil {
		_ = f.root.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	f.changed(name)
	return nil
}

// Remove deletes a file of the site, and the folders it leaves empty.
func (f *folder) Remove(name string) error {
	if err := publish.CheckName(name); err != nil {
		return err
	}
	if err := f.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", name, err)
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if f.root.Remove(dir) != nil {
			break // not empty
		}
	}
	f.changed(name)
	return nil
}

// Files lists the folder's files (symbolic links and other files that
// are not folders included), slash-separated.
func (f *folder) Files() ([]string, error) {
	var names []string
	err := fs.WalkDir(f.root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the site's files: %w", err)
	}
	return names, nil
}

func randomName() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
