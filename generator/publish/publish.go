package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Writer receives the files of a site. name is the file's slash-separated
// path from the site's root ("cable/2007/09/07STATE126086.html"). A Writer
// may be called from many goroutines at once, and must not keep data
// after WriteFile returns.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// WriterFunc adapts a function to a Writer.
type WriterFunc func(name string, data []byte) error

// WriteFile implements Writer.
func (f WriterFunc) WriteFile(name string, data []byte) error { return f(name, data) }

// ErrName is wrapped by the errors of CheckName.
var ErrName = errors.New("invalid output file name")

// CheckName reports whether name may name a file of a site: a valid
// fs.FS path (slash-separated, relative, no "." or ".." element, no empty
// element), with no backslash, NUL or control character, none of whose
// elements is hidden (starts with a dot).
func CheckName(name string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("%w: %q", ErrName, name)
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c == 0x7f || c == '\\' || c == ':' {
			return fmt.Errorf("%w: %q", ErrName, name)
		}
	}
	for _, elem := range strings.Split(name, "/") {
		if strings.HasPrefix(elem, ".") {
			return fmt.Errorf("%w: %q", ErrName, name)
		}
	}
	return nil
}

// DefaultMaxFilesPerDir is the most files and folders a folder of the
// site may hold, under Netlify's limit of about 54,000.
const DefaultMaxFilesPerDir = 50_000

// Dir is a site being written into a staging folder next to its output
// folder. Commit swaps it in; Abort removes it.
type Dir struct {
	// MaxFilesPerDir bounds the entries of each folder; 0 means
	// DefaultMaxFilesPerDir. A write beyond it fails.
	MaxFilesPerDir int

	out, staging, old string

	mu        sync.Mutex
	warnings  []string
	entries   map[string]int      // folder -> entries written in it
	dirs      map[string]struct{} // folders created
	written   map[string]struct{} // every file written, to refuse a second write
	closed    bool                // committed or aborted: no more writes
	committed bool
}

// Stage starts a site whose output folder is out. It creates the staging
// folder ".<out>.staging" beside out (removing one an earlier, killed build
// left), and leaves out itself untouched.
func Stage(out string) (*Dir, error) {
	if out == "" {
		return nil, errors.New("publish: no output folder")
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	parent, base := filepath.Split(abs)
	if base == "" || parent == "" {
		return nil, fmt.Errorf("publish: %s cannot be an output folder", out)
	}
	if fi, err := os.Lstat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("publish: %s exists and is not a folder", out)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	d := &Dir{
		out:     abs,
		staging: filepath.Join(parent, "."+base+".staging"),
		old:     filepath.Join(parent, "."+base+".old"),
		entries: map[string]int{},
		dirs:    map[string]struct{}{},
		written: map[string]struct{}{},
	}
	if err := d.clear(d.staging); err != nil {
		return nil, err
	}
	if err := os.Mkdir(d.staging, 0o755); err != nil {
		return nil, fmt.Errorf("publish: creating the staging folder: %w", err)
	}
	return d, nil
}

// clear removes the folder an earlier build left at path (its staging
// folder, or the site it replaced), if any. One that cannot be removed (a
// folder in it that its owner made read-only, a mount point) is moved
// aside, to ".<out>.old-2" or the next free number, so that this build
// and the next go on; a warning names it, for a person to remove. Only
// when it cannot be moved either does clear fail, saying what to remove.
func (d *Dir) clear(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	rerr := removeTree(path)
	if rerr == nil {
		return nil
	}
	aside := ""
	for n := 2; aside == "" && n < 1000; n++ {
		if _, err := os.Lstat(fmt.Sprintf("%s-%d", d.old, n)); errors.Is(err, fs.ErrNotExist) {
			aside = fmt.Sprintf("%s-%d", d.old, n)
		}
	}
	if aside == "" {
		return fmt.Errorf("publish: %s, left by an earlier build, cannot be removed (%v): remove it, and %s-2 and the like, by hand, then build again", path, rerr, d.old)
	}
	if err := os.Rename(path, aside); err != nil {
		return fmt.Errorf("publish: %s, left by an earlier build, cannot be removed (%v) nor moved aside (%v): remove it by hand, then build again", path, rerr, err)
	}
	d.warn(fmt.Sprintf("publish: %s, left by an earlier build, could not be removed (%v): moved to %s; remove it by hand", path, rerr, aside))
	return nil
}

func (d *Dir) warn(msg string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.warnings = append(d.warnings, msg)
}

// Warnings returns what Stage and Commit could not tidy up, and did
// without: earlier builds' folders beside the output folder that could
// not be removed, each moved aside and named for a person to remove.
func (d *Dir) Warnings() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.warnings)
}

// Staging returns the staging folder's path.
func (d *Dir) Staging() string { return d.staging }

// Out returns the output folder's absolute path.
func (d *Dir) Out() string { return d.out }

// WriteFile writes one file of the site into the staging folder.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := d.reserve(name); err != nil {
		return err
	}
	file := filepath.Join(d.staging, filepath.FromSlash(name))
	err := os.WriteFile(file, data, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		// The first file of its folder: create the folder. Another
		// goroutine may be creating it too, which MkdirAll allows.
		if err = os.MkdirAll(filepath.Dir(file), 0o755); err == nil {
			err = os.WriteFile(file, data, 0o644)
		}
	}
	if err != nil {
		return fmt.Errorf("publish: writing %s: %w", name, err)
	}
	return nil
}

// reserve records name and counts it, and each folder it is the first
// file of, in its folder.
func (d *Dir) reserve(name string) error {
	limit := d.MaxFilesPerDir
	if limit <= 0 {
		limit = DefaultMaxFilesPerDir
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return fmt.Errorf("publish: writing %s: the site is already committed or aborted", name)
	}
	if _, dup := d.written[name]; dup {
		return fmt.Errorf("publish: %s written twice", name)
	}
	if _, isDir := d.dirs[name]; isDir {
		return fmt.Errorf("publish: %s is a folder", name)
	}
	for p := name; ; {
		dir := path.Dir(p)
		if dir == "." {
			dir = ""
		}
		if d.entries[dir] >= limit {
			return fmt.Errorf("publish: writing %s: folder /%s would hold more than %d files", name, dir, limit)
		}
		if _, isFile := d.written[dir]; isFile {
			return fmt.Errorf("publish: writing %s: %s is a file", name, dir)
		}
		d.entries[dir]++
		if _, known := d.dirs[dir]; known || dir == "" {
			break
		}
		d.dirs[dir] = struct{}{}
		p = dir
	}
	d.written[name] = struct{}{}
	return nil
}

// Files returns the number of files written so far.
func (d *Dir) Files() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.written)
}

// Commit swaps the staging folder in as the output folder, and removes the
// previous site. On Linux the two folders are exchanged in one step, so
// that the output folder always holds a whole site. Elsewhere (or on a
// file system that cannot exchange) two renames swap them, between which
// (a few microseconds) the output folder does not exist: a build killed
// exactly then leaves the previous site in ".<out>.old". A previous site
// that cannot be removed is left with a warning (see Warnings), not an
// error: the new site is in place.
func (d *Dir) Commit() error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return errors.New("publish: commit: the site is already committed or aborted")
	}
	d.closed = true
	d.mu.Unlock()
	if err := d.clear(d.old); err != nil {
		return err
	}
	if _, err := os.Lstat(d.out); err == nil && exchange(d.staging, d.out) {
		// One step: the output folder holds the previous site, then the
		// new one. The staging folder now holds the previous site.
		d.mu.Lock()
		d.committed = true
		d.mu.Unlock()
		if err := removeTree(d.staging); err != nil {
			d.warn(fmt.Sprintf("publish: the previous site could not be removed (%v): it is left in %s; remove it by hand", err, d.staging))
		}
		return nil
	}
	hadOld := false
	if _, err := os.Lstat(d.out); err == nil {
		if err := os.Rename(d.out, d.old); err != nil {
			return fmt.Errorf("publish: moving the previous site aside: %w", err)
		}
		hadOld = true
	}
	if err := os.Rename(d.staging, d.out); err != nil {
		if hadOld {
			// Put the previous site back: a failed build changes nothing.
			_ = os.Rename(d.old, d.out)
		}
		return fmt.Errorf("publish: %w", err)
	}
	d.mu.Lock()
	d.committed = true
	d.mu.Unlock()
	if hadOld {
		// The new site is in place: a previous one that cannot be
		// removed is left, not a failure. The next build moves it aside.
		if err := removeTree(d.old); err != nil {
			d.warn(fmt.Sprintf("publish: the previous site could not be removed (%v): it is left in %s; remove it by hand", err, d.old))
		}
	}
	return nil
}

// Abort removes the staging folder, leaving the output folder as it was.
// It may be called after Commit, and then does nothing.
func (d *Dir) Abort() error {
	d.mu.Lock()
	committed := d.committed
	d.closed = true
	d.mu.Unlock()
	if committed {
		return nil
	}
	if err := os.RemoveAll(d.staging); err != nil {
		return fmt.Errorf("publish: removing the staging folder: %w", err)
	}
	return nil
}

// Fingerprint returns the name under which an asset is published, with the
// first 8 hex digits of the SHA-256 of its content before the extension:
// "assets/style.css" becomes "assets/style.1a2b3c4d.css". A changed asset
// gets a new name, so hosts may cache assets for ever.
func Fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:4])
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + h + ext
}

// removeTree removes the folder dir and everything in it, like
// os.RemoveAll, with several goroutines: a large site's hundreds of
// thousands of unlinks wait on the file system's journal far more than on
// the processor, so removing folders side by side takes a fraction of the
// time of one walk.
func removeTree(dir string) error {
	// A symbolic link in the folder's place (".public.old" made a link to
	// elsewhere) is removed as a link: reading through it would delete
	// what lies outside the site.
	if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
		return os.Remove(dir)
	}
	var folders []string
	// The folders two levels down (cable/2007, tag/PGOV) split a site
	// into hundreds of similar parts.
	top, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		entries, err := os.ReadDir(sub)
		if err != nil {
			folders = append(folders, sub)
			continue
		}
		for _, e := range entries {
			if e.IsDir() {
				folders = append(folders, filepath.Join(sub, e.Name()))
			}
		}
	}
	work := make(chan string)
	errs := make(chan error, removeWorkers)
	for range removeWorkers {
		go func() {
			var first error
			for f := range work {
				if err := os.RemoveAll(f); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for _, f := range folders {
		work <- f
	}
	close(work)
	var all []error
	for range removeWorkers {
		all = append(all, <-errs)
	}
	if err := errors.Join(all...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// removeWorkers is how many folders removeTree removes at once: enough to
// keep the disk's queue full, measured on a 2-core machine.
const removeWorkers = 8
