package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dest is a folder that import writes into. Names are slash-separated and
// relative to the folder. Its methods are called from several goroutines
// at once.
type Dest interface {
	// ReadFile returns the current content of name, or an error
	// satisfying errors.Is(err, fs.ErrNotExist).
	ReadFile(name string) ([]byte, error)
	// WriteFile replaces name with data, whole or not at all.
	WriteFile(name string, data []byte) error
	// Name returns how problems name the file name: its path.
	Name(name string) string
}

// DirDest writes below a folder of the operating system. A file is written
// aside and renamed into place, so an interrupted import never leaves a
// half-written file. It never writes outside the folder: names with ".."
// and folders that are symlinks are refused.
type DirDest struct {
	root    string
	checked sync.Map // folder path -> struct{}: known to be no symlink
}

// NewDirDest returns a Dest writing below the folder dir.
func NewDirDest(dir string) *DirDest { return &DirDest{root: dir} }

// Name implements Dest: the path of the file below the folder.
func (d *DirDest) Name(name string) string { return filepath.Join(d.root, filepath.FromSlash(name)) }

// ReadFile implements Dest.
func (d *DirDest) ReadFile(name string) ([]byte, error) {
	p, err := d.path(name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(p)
}

// WriteFile implements Dest.
func (d *DirDest) WriteFile(name string, data []byte) error {
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
// anything that could leave it: absolute names, "..", and symlinked folders
// on the way (a symlink in content/ must not redirect import elsewhere). A
// symlink as the file itself is harmless: rename replaces the link.
func (d *DirDest) path(name string) (string, error) {
	if !fs.ValidPath(name) || strings.Contains(name, `\`) {
		return "", fmt.Errorf("%s: %w", name, errOutside)
	}
	dir := d.root
	parts := strings.Split(name, "/")
	for _, part := range parts[:len(parts)-1] {
		dir = filepath.Join(dir, part)
		if _, ok := d.checked.Load(dir); ok {
			continue
		}
		fi, err := os.Lstat(dir)
		if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return "", fmt.Errorf("%s: %w (symlink at %s)", name, errOutside, dir)
		}
		if err == nil {
			d.checked.Store(dir, struct{}{})
		}
	}
	return filepath.Join(d.root, filepath.FromSlash(name)), nil
}
