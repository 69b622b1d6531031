package generator

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// failing is the file system with permissions denied on chosen paths,
// which tests need since root reads a folder at mode 000.
type failing struct {
	osFiles
	denied map[string]bool
}

func (f failing) ReadDir(name string) ([]fs.DirEntry, error) {
	if f.denied[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.osFiles.ReadDir(name)
}

func (f failing) Open(name string) (io.ReadCloser, error) {
	if f.denied[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.osFiles.Open(name)
}

// folderOfEverything makes a folder holding two cables, a README, a
// folder and a file that cannot be read, a symbolic link, a named pipe
// and a hidden file, and returns its path and the paths denied.
func folderOfEverything(t *testing.T) (in string, denied map[string]bool) {
	t.Helper()
	in = filepath.Join(t.TempDir(), "in")
	files := map[string]string{
		"a.txt":          textCable("STATE", 1, "072147Z SEP 07", "CABLE A."),
		"c.txt":          textCable("STATE", 3, "072147Z SEP 07", "UNREADABLE."),
		"d/e.txt":        textCable("STATE", 5, "072147Z SEP 07", "CABLE E."),
		"sub/b.txt":      textCable("STATE", 2, "072147Z SEP 07", "IN AN UNREADABLE FOLDER."),
		"README.md":      "# The cables\n\nFrom the archive.\n",
		".hidden.txt":    textCable("STATE", 4, "072147Z SEP 07", "HIDDEN."),
		"manifest.tsv":   "id\tdate\n07STATE1\t2007-09-07\n07STATE5\t2007-09-07\n",
		"d/picture.png":  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"d/notes/.x.txt": "hidden",
	}
	for name, data := range files {
		p := filepath.Join(in, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.txt", filepath.Join(in, "link.txt")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(in, "fifo"), 0o600); err != nil {
		t.Skip("no named pipes:", err)
	}
	return in, map[string]bool{filepath.Join(in, "sub"): true, filepath.Join(in, "c.txt"): true}
}

// One entry that cannot be read never stops the rest: it is reported and
// counted, and so are the links and pipes, which are not followed, and
// the files that are no cables.
func TestImportFolderProblems(t *testing.T) {
	in, denied := folderOfEverything(t)
	sources := listSources(failing{denied: denied}, []string{filepath.Join(in, "a.txt"), in, filepath.Join(in, "missing.txt")}, nil)
	dir := t.TempDir()
	var problems bytes.Buffer
	sum, err := Import(context.Background(), ImportConfig{}, sources, NewDirDest(dir), &problems)
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{Read: 11, Wrote: 2, Duplicates: 1, Rejected: 3, Skipped: 5}
	if sum != want {
		t.Errorf("summary %+v, want %+v", sum, want)
	}
	if sum.Read != sum.Wrote+sum.Unchanged+sum.Kept+sum.Rejected+sum.Duplicates+sum.Skipped {
		t.Errorf("the summary does not add up: %+v", sum)
	}
	wantProblems := strings.NewReplacer("IN", in).Replace(`IN/README.md:1: skipped: not a cable (markdown: it starts with a heading)
IN/a.txt:1: skipped: 07STATE1 is the same cable as IN/a.txt:1
IN/c.txt: unreadable file: permission denied
IN/d/picture.png:1: skipped: not a cable (a PNG image)
IN/fifo: skipped: a named pipe (not a regular file)
IN/link.txt: skipped: a symbolic link (not followed)
IN/manifest.tsv:1: skipped: not a cable (a table of tab-separated values)
IN/sub: unreadable folder: permission denied
IN/missing.txt: unreadable file: no such file or directory
`)
	if problems.String() != wantProblems {
		t.Errorf("problems:\n%s\nwant:\n%s", problems.String(), wantProblems)
	}
	for _, name := range []string{"07STATE1.md", "07STATE5.md"} {
		if _, err := os.Stat(filepath.Join(dir, "cables/2007/09", name)); err != nil {
			t.Error(err)
		}
	}
}

// The same with the permissions of the file system, for a user they bind.
func TestImportFolderUnreadable(t *testing.T) {
	in, denied := folderOfEverything(t)
	for p := range denied {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(p, 0o755)
	}
	if f, err := os.Open(filepath.Join(in, "c.txt")); err == nil {
		f.Close()
		t.Skip("permissions are not enforced for this user (root); TestImportFolderProblems covers it")
	}
	var problems bytes.Buffer
	sum, err := Import(context.Background(), ImportConfig{}, FileSources([]string{in}, nil), NewDirDest(t.TempDir()), &problems)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Wrote != 2 || sum.Rejected != 2 || !strings.Contains(problems.String(), filepath.Join(in, "sub")+": unreadable folder: permission denied\n") {
		t.Errorf("summary %+v; problems:\n%s", sum, problems.String())
	}
}
