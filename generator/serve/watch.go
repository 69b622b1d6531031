package serve

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// A batch is the paths that changed in a burst of events, slash-separated
// and relative to their folder.
type batch struct {
	content   []string // under the content folder
	templates []string // in the templates folder
}

// watcher watches the content folder (recursively: a folder created is
// watched as it appears) and the templates folder (its top only, as
// render.Load reads it), and gathers events into batches: a batch is
// sent when no event came for the debounce delay, or a second after its
// first event while they keep coming.
type watcher struct {
	fsw       *fsnotify.Watcher
	content   string
	templates string // "" when there is none
	debounce  time.Duration
	batches   chan batch
	errs      func(error)
}

// maxWait bounds how long a batch waits while events keep coming.
const maxWait = time.Second

func newWatcher(content, templates string, debounce time.Duration, errs func(error)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fsw: fsw, content: content, templates: templates, debounce: debounce, batches: make(chan batch), errs: errs}
	if err := w.addTree(content); err != nil {
		fsw.Close()
		return nil, err
	}
	if templates != "" {
		if err := fsw.Add(templates); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it but hidden ones, which
// the build skips.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone since: its removal is an event of its own
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
}

// run sends batches until ctx is done, then closes the watcher.
func (w *watcher) run(ctx context.Context) {
	defer w.fsw.Close()
	pending := map[string]bool{} // "c:" or "t:" and the relative path
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			key := w.key(ev)
			if key == "" {
				continue
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[key] = true
			wait := w.debounce
			if left := maxWait - time.Since(first); left < wait {
				wait = max(left, 0)
			}
			timer = time.After(wait)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: every file may have changed.
				pending["c:cables"] = true
				pending["t:."] = true
				timer = time.After(w.debounce)
			}
			w.errs(err)
		case <-timer:
			timer = nil
			var b batch
			for _, k := range slices.Sorted(maps.Keys(pending)) {
				if rest, ok := strings.CutPrefix(k, "c:"); ok {
					b.content = append(b.content, rest)
				} else {
					b.templates = append(b.templates, k[2:])
				}
			}
			clear(pending)
			select {
			case w.batches <- b:
			case <-ctx.Done():
				return
			}
		}
	}
}

// key returns the pending key of an event, watching a folder created
// under the content folder; "" for an event of no interest.
func (w *watcher) key(ev fsnotify.Event) string {
	if rel, ok := within(w.content, ev.Name); ok {
		if ev.Has(fsnotify.Create) {
			// A folder created (or moved in) is watched, and the files
			// already in it are found by the update's walk of it.
			if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() && !strings.HasPrefix(filepath.Base(ev.Name), ".") {
				if err := w.addTree(ev.Name); err != nil {
					w.errs(err)
				}
			}
		}
		return "c:" + rel
	}
	if w.templates != "" {
		if rel, ok := within(w.templates, ev.Name); ok && !strings.Contains(rel, "/") {
			return "t:" + rel
		}
	}
	return ""
}

// within returns p relative to dir, slash-separated, when p is under dir.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
