package publish_test

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/cablesite/cablesite/generator/publish"
)

// Folders that cannot be written or emptied, as an unprivileged user
// meets them (a folder made read-only) and as root does (a read-only
// mount: root writes through permissions).

// readOnly makes dir, an empty folder under root, read-only: a read-only
// file system mounted on it for root, its permissions for another user.
// It skips when neither can be done.
func readOnly(t *testing.T, root, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_RDONLY, "size=64k"); err != nil {
		t.Skipf("root, but cannot mount a read-only file system (%v): no way to make a folder read-only", err)
	}
	unmountUnder(t, root)
}

// unmountUnder unmounts, when the test ends, whatever is mounted under
// root, wherever in it the folders were moved since.
func unmountUnder(t *testing.T, root string) {
	t.Cleanup(func() {
		f, err := os.Open("/proc/self/mounts")
		if err != nil {
			return
		}
		defer f.Close()
		var points []string
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if fields := strings.Fields(sc.Text()); len(fields) > 1 && strings.HasPrefix(fields[1], root+"/") {
				points = append(points, fields[1])
			}
		}
		slices.Reverse(points)
		for _, p := range points {
			syscall.Unmount(p, syscall.MNT_DETACH)
		}
	})
}

// A build into a read-only folder fails saying why: the staging folder
// cannot be created. It said "removing an earlier build's staging
// folder", when there was none.
func TestStageReadOnlyFolder(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	readOnly(t, filepath.Dir(parent), parent)
	_, err := publish.Stage(filepath.Join(parent, "public"))
	if err == nil || !strings.Contains(err.Error(), "publish: creating the staging folder: mkdir "+filepath.Join(parent, ".public.staging")+": ") ||
		strings.Contains(err.Error(), "earlier build") {
		t.Errorf("Stage: %v, want the reason the staging folder cannot be created", err)
	}
}

// A previous site that cannot be removed (a folder in it read-only) is
// left beside the new one with a warning naming it, not a failure; the
// next build moves it aside, with a warning, and goes on. Before, the
// first build failed after the swap, and every later one failed until a
// person removed the folder.
func TestCommitUnremovablePreviousSite(t *testing.T) {
	parent, out := previousSite(t)
	stuck := filepath.Join(out, "stuck")
	if err := os.Mkdir(stuck, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		// A file in a folder without write permission cannot be removed.
		if err := os.WriteFile(filepath.Join(stuck, "f"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	readOnly(t, parent, stuck)
	if os.Geteuid() != 0 {
		// The folder moves: its permissions go back wherever it is.
		t.Cleanup(func() {
			filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					os.Chmod(p, 0o755)
				}
				return nil
			})
		})
	}
	// Left as .public.old, or as .public.staging where the folders are
	// exchanged in one step.
	for i, want := range []string{
		"publish: the previous site could not be removed (",
		"publish: " + filepath.Join(parent, ".public.") + "",
		"",
	} {
		d, err := publish.Stage(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("index.html", []byte{byte('0' + i)}); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatalf("build %d: Commit: %v", i+1, err)
		}
		if got := tree(t, out); len(got) != 1 || got["index.html"] != string(rune('0'+i)) {
			t.Errorf("build %d: the site is %v", i+1, got)
		}
		w := d.Warnings()
		switch {
		case want == "" && len(w) > 0:
			t.Errorf("build %d: warnings %q", i+1, w)
		case want != "" && (len(w) != 1 || !strings.HasPrefix(w[0], want) || !strings.HasSuffix(w[0], "remove it by hand") ||
			i == 1 && !strings.Contains(w[0], ", left by an earlier build, could not be removed (")):
			t.Errorf("build %d: warnings %q, want one starting %q", i+1, w, want)
		}
	}
	if names := entries(t, parent); !slices.Equal(names, []string{".public.old-2", "public"}) {
		t.Errorf("beside the site: %v, want the stuck previous site moved aside", names)
	}
}
