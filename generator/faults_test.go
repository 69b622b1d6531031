package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cablesite/cablesite/generator/annotate"
)

// Faults: a build or import stopped midway by a signal, an output folder
// that cannot be written. (TestBuildInterrupted and TestBuildWriteError
// cover a cancelled context and a failing writer.)

// cablesiteBinary builds the command into a temporary folder.
func cablesiteBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cablesite")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/cablesite/cablesite/cmd/cablesite").CombinedOutput()
	if err != nil {
		t.Fatalf("building cablesite: %v\n%s", err, out)
	}
	return bin
}

// startUntil starts cmd and waits until ready reports true, polling; it
// fails the test if the process ends first. It returns the function that
// waits for the process to end.
func startUntil(t *testing.T, cmd *exec.Cmd, ready func() bool) (wait func() error) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	giveUp := time.After(2 * time.Minute)
	for !ready() {
		select {
		case err := <-done:
			t.Fatalf("%s ended (%v) before the signal:\n%s", cmd.Args, err, stderr.String())
		case <-giveUp:
			cmd.Process.Kill()
			t.Fatalf("%s never got ready:\n%s", cmd.Args, stderr.String())
		case <-time.After(2 * time.Millisecond):
		}
	}
	return func() error { return <-done }
}

// besides lists the folder dir holds, by name.
func besides(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// A build process killed or interrupted midway leaves the previous site
// as it was. Killed, it leaves its staging folder, hidden, which the next
// build removes; interrupted, it removes the staging folder itself.
func TestBuildSignalled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a site of 3,000 cables")
	}
	bin := cablesiteBinary(t)
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "public")
	writeContent(t, content, 2000)
	if _, err := Build(context.Background(), buildConfig(content, out)); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	writeContent(t, content, 3000) // the next build would change the site
	staging := filepath.Join(dir, ".public.staging")

	for _, tt := range []struct {
		name string
		sig  os.Signal
	}{
		// Interrupted first: the killed build leaves its staging folder,
		// which the next build must not take for its own progress.
		{"SIGINT", os.Interrupt},
		{"SIGKILL", os.Kill},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, "build", "-base-url", "https://example.org/", "-content", content, "-o", out)
			cmd.Dir = dir
			// Midway: the staging folder holds cable pages already.
			wait := startUntil(t, cmd, func() bool {
				entries, err := os.ReadDir(filepath.Join(staging, "cable"))
				return err == nil && len(entries) > 0
			})
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			err := wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("the build ended with %v, want an error", err)
			}
			if tt.sig == os.Interrupt && ee.ExitCode() != 1 {
				t.Errorf("interrupted: exit status %d, want 1 (%v)", ee.ExitCode(), err)
			}
			sameTree(t, before, readTree(t, out))
			for _, name := range besides(t, dir) {
				switch {
				case name == "content" || name == "public":
				case name == ".public.staging" && tt.sig == os.Kill:
				default:
					t.Errorf("%s left beside the site", name)
				}
			}
		})
	}
	// The next build removes what the killed one left, and succeeds.
	sum, err := Build(context.Background(), buildConfig(content, out))
	if err != nil || sum.Cables != 3000 {
		t.Fatalf("next build: %v, %v", sum, err)
	}
	if names := besides(t, dir); len(names) != 2 {
		t.Errorf("beside the site after the next build: %v", names)
	}
}

// Import killed at random moments over an existing content folder, with
// corrected sources, new cables, notes and edited files: afterwards every
// file is its old version or its new one, never half-written (the files
// being written are hidden, which the build skips), the edited files are
// untouched, and the next import completes the content.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and imports a dozen times")
	}
	bin := cablesiteBinary(t)
	dir := t.TempDir()
	const n, added, trials = 600, 150, 6
	row := func(i int, text string) string {
		// Numbers past 100,000: a number such as 1991 in a text without
		// a date would be taken for its year.
		id := itoa(100000 + i)
		return csvRecord(itoa(i), "9/7/2007 21:47", "07STATE"+id, "Secretary of State", "CONFIDENTIAL", "",
			"FM SECSTATE WASHDC", "C O N F I D E N T I A L STATE "+id+"\n\n1. (C) "+text+" "+id+".")
	}
	var first, corrected strings.Builder
	for i := 1; i <= n+added; i++ {
		if i <= n {
			first.WriteString(row(i, "FIRST TEXT"))
		}
		corrected.WriteString(row(i, "CORRECTED TEXT"))
	}
	// One source file, corrected in place: its records are the same
	// cables.
	csv := filepath.Join(dir, "cables.csv")
	os.WriteFile(csv, []byte(first.String()), 0o644)

	// The old content: the first import, notes on some files, edits on
	// others.
	old := filepath.Join(dir, "old")
	if sum, problems := runImport(t, old, FileSources([]string{csv}, nil)...); sum.Wrote != n {
		t.Fatalf("first import: %+v\n%s", sum, problems)
	}
	os.WriteFile(csv, []byte(corrected.String()), 0o644)
	month := filepath.Join("cables", "2007", "09")
	edited := map[string]bool{}
	for i := 1; i <= n; i += 7 {
		name := filepath.Join(month, "07STATE"+itoa(100000+i)+".md")
		data, err := os.ReadFile(filepath.Join(old, name))
		if err != nil {
			t.Fatal(err)
		}
		text := addNotes(string(data))
		if i%5 == 1 {
			text = strings.Replace(text, "FIRST TEXT", "FIRST, EDITED TEXT", 1)
			edited[filepath.ToSlash(name)] = true
		}
		os.WriteFile(filepath.Join(old, name), []byte(text), 0o644)
	}
	oldTree := readTree(t, old)

	// The new content: the corrected import run whole, by the command.
	copyTree := func(to string) {
		for name, data := range oldTree {
			p := filepath.Join(to, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	newDir := filepath.Join(dir, "new")
	copyTree(newDir)
	began := time.Now()
	want := fmt.Sprintf("read %d, wrote %d, with warnings 0, rejected 0, kept (edited since import) %d\n", n+added, n+added-len(edited), len(edited))
	if out, err := exec.Command(bin, "import", "-o", newDir, csv).Output(); err != nil || string(out) != want {
		t.Fatalf("the corrected import: %v\n%s", err, out)
	}
	whole := time.Since(began)
	newTree := readTree(t, newDir)
	for name := range edited {
		if !bytes.Equal(newTree[name], oldTree[name]) {
			t.Fatalf("%s: an edited file was replaced", name)
		}
	}

	rng := rand.New(rand.NewPCG(13, 13))
	for trial := range trials {
		work := filepath.Join(dir, "trial"+itoa(trial))
		copyTree(work)
		cmd := exec.Command(bin, "import", "-o", work, csv)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Within the time the whole import took: most trials kill it
		// midway, some before it wrote anything or after it ended.
		delay := time.Duration(rng.Int64N(int64(whole)))
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()

		olds, news, hidden := 0, 0, 0
		got := readTree(t, work)
		for name, data := range got {
			base := name[strings.LastIndexByte(name, '/')+1:]
			switch {
			case strings.HasPrefix(base, "."):
				hidden++
			case bytes.Equal(data, newTree[name]):
				news++
			case bytes.Equal(data, oldTree[name]):
				olds++
			default:
				t.Errorf("trial %d: %s is neither the old version nor the new one", trial, name)
			}
		}
		if olds+news != len(got)-hidden || len(got)-hidden < len(oldTree) {
			t.Errorf("trial %d: %d files, %d old and %d new, %d hidden", trial, len(got), olds, news, hidden)
		}
		t.Logf("trial %d, killed after %v of %v: %d files new, %d old, %d being written", trial, delay, whole, news, olds, hidden)

		// The next import completes the content.
		var problems bytes.Buffer
		sum, err := Import(context.Background(), ImportConfig{}, FileSources([]string{csv}, nil), NewDirDest(work), &problems)
		if err != nil || sum.Wrote+sum.Unchanged+sum.Kept != n+added || sum.Kept != len(edited) {
			t.Fatalf("trial %d: import again: %+v, %v\n%s", trial, sum, err, problems.String())
		}
		for name, data := range readTree(t, work) {
			if base := name[strings.LastIndexByte(name, '/')+1:]; !strings.HasPrefix(base, ".") && !bytes.Equal(data, newTree[name]) {
				t.Errorf("trial %d: %s is not the new version after the next import", trial, name)
			}
		}
	}
}

// waitsIn reports whether a thread of process pid sleeps in the kernel
// function fn (Linux's /proc/PID/task/*/wchan); ok is false where that
// cannot be told.
func waitsIn(pid int, fn string) (waits, ok bool) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/wchan", pid))
	if err != nil || len(tasks) == 0 {
		return false, false
	}
	for _, task := range tasks {
		if w, err := os.ReadFile(task); err == nil && strings.Contains(string(w), fn) {
			return true, true
		}
	}
	return false, true
}

// An import stopped by a signal ends at once whatever it waits on (the
// open of a named pipe no one writes, a read from a pipe), prints its
// summary so far and exits with 128 and the signal's number; every file
// it wrote is whole, and none is left half-written beside them.
func TestImportSignalled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if _, ok := waitsIn(os.Getpid(), "x"); !ok {
		t.Skip("no /proc/PID/task/*/wchan to tell where the import waits")
	}
	bin := cablesiteBinary(t)
	run := func(t *testing.T, cmd *exec.Cmd, ready func() bool, sig os.Signal, code int, stdout string) {
		t.Helper()
		var out bytes.Buffer
		cmd.Stdout = &out
		wait := startUntil(t, cmd, ready)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- wait() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("the import did not end after %v", sig)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != code {
			t.Errorf("ended with %v, want exit status %d", err, code)
		}
		if out.String() != stdout {
			t.Errorf("stdout %q, want %q", out.String(), stdout)
		}
	}
	t.Run("SIGTERM opening a named pipe", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip("no named pipes:", err)
		}
		cmd := exec.Command(bin, "import", "-o", filepath.Join(dir, "content"), fifo)
		run(t, cmd, func() bool {
			w, _ := waitsIn(cmd.Process.Pid, "wait_for_partner")
			return w
		}, syscall.SIGTERM, 128+int(syscall.SIGTERM), "read 0, wrote 0, with warnings 0, rejected 0; interrupted\n")
	})
	t.Run("SIGINT reading a pipe", func(t *testing.T) {
		dir := t.TempDir()
		content := filepath.Join(dir, "content")
		// -format: detection would wait for 64 KiB or the end.
		cmd := exec.Command(bin, "import", "-o", content, "-format", "csv", "-")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		defer stdin.Close()
		// One whole record, and the start of the next, which never
		// comes: the first is written, and import waits for the rest.
		if _, err := io.WriteString(stdin, goodRow(1)+`"2","9/7/2007 21:47","07STATE2","`); err != nil {
			t.Fatal(err)
		}
		md := filepath.Join(content, "cables", "2007", "09", "07STATE1.md")
		run(t, cmd, func() bool {
			_, err := os.Stat(md)
			return err == nil
		}, os.Interrupt, 130, "read 1, wrote 1, with warnings 0, rejected 0; interrupted\n")
		data, err := os.ReadFile(md)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := annotate.Read(md, data); err != nil {
			t.Errorf("the file written is not whole: %v", err)
		}
		if names := besides(t, filepath.Dir(md)); len(names) != 1 {
			t.Errorf("beside the file: %v", names)
		}
	})
}

// An output folder that cannot be written fails the build with an error
// naming it, and leaves the previous site, if any, as it was.
func TestBuildUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 20)

	t.Run("read-only parent", func(t *testing.T) {
		parent := filepath.Join(dir, "ro")
		out := filepath.Join(parent, "public")
		if _, err := Build(context.Background(), buildConfig(content, out)); err != nil {
			t.Fatal(err)
		}
		before := readTree(t, out)
		if err := os.Chmod(parent, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(parent, 0o755)
		if f, err := os.Create(filepath.Join(parent, "probe")); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("permissions are not enforced for this user (root)")
		}
		_, err := Build(context.Background(), buildConfig(content, out))
		if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), parent) {
			t.Errorf("Build: %v, want a permission error naming %s", err, parent)
		}
		sameTree(t, before, readTree(t, out))
		if names := besides(t, parent); len(names) != 1 {
			t.Errorf("beside the site: %v", names)
		}
	})
	t.Run("parent is a file", func(t *testing.T) {
		file := filepath.Join(dir, "file")
		if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Build(context.Background(), buildConfig(content, filepath.Join(file, "public")))
		if err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("Build: %v, want an error naming %s", err, file)
		}
		if data, _ := os.ReadFile(file); string(data) != "x" {
			t.Errorf("the file changed")
		}
	})
	t.Run("output is a file", func(t *testing.T) {
		file := filepath.Join(dir, "public.txt")
		if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Build(context.Background(), buildConfig(content, file))
		if err == nil || !strings.Contains(err.Error(), "not a folder") {
			t.Errorf("Build: %v, want an error", err)
		}
		if data, _ := os.ReadFile(file); string(data) != "x" {
			t.Errorf("the file changed")
		}
	})
}
