package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Dest is a folder that import writes into. Names are slash-separated and
// relative to the folder.
type Dest interface {
	// ReadFile returns the current content of name, or an error
	// satisfying errors.Is(err, fs.ErrNotExist).
	ReadFile(name string) ([]byte, error)
	// WriteFile replaces name with data, whole or not at all.
	WriteFile(name string, data []byte) error
}

// DirDest writes below a folder of the operating system. A file is written
// aside and renamed into place, so an interrupted import never leaves a
// half-written file.
type DirDest string

// ReadFile implements Dest.
func (d DirDest) ReadFile(name string) ([]byte, error) {
	p, err := d.path(name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

// WriteFile implements Dest.
func (d DirDest) WriteFile(name string, data []byte) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	tmp, err := createAside(p)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		tmp, err = createAside(p)
	}
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), p)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", p, werr)
	}
	return nil
}

// createAside creates a new file next to p, to be renamed over it. Its
// name starts with a dot, so a folder walk skips leftovers of a crash.
func createAside(p string) (*os.File, error) {
	dir, base := filepath.Split(p)
	for {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", base, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
}

// errOutside is returned for a name that would leave the folder.
var errOutside = errors.New("path leaves the output folder")

// path maps a slash-separated name to a path inside the folder, refusing
// anything that could leave it: absolute names, "..", and symlinks on the
// way (a symlink in content/ must not redirect import elsewhere).
func (d DirDest) path(name string) (string, error) {
	if !fs.ValidPath(name) || strings.Contains(name, `\`) {
		return "", fmt.Errorf("%s: %w", name, errOutside)
	}
	root := string(d)
	cur := root
	parts := strings.Split(name, "/")
	for _, part := range parts[:len(parts)-1] {
		cur = filepath.Join(cur, part)
		fi, err := os.Lstat(cur)
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return "", fmt.Errorf("%s: %w (symlink at %s)", name, errOutside, cur)
		}
	}
	p := filepath.Join(root, filepath.FromSlash(name))
	if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return "", fmt.Errorf("%s: %w (symlink)", name, errOutside)
	}
	return p, nil
}
