package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Bad input through the command: the problems on standard error, one a
// line with file and line, the accounting on standard output, exit
// status 1 when a record was rejected; an interrupted build says the
// previous site was left as it was.
func TestBadInputCommand(t *testing.T) {
	dir := t.TempDir()
	good := func(n string) string {
		return `"` + n + `","9/7/2007 21:47","07STATE` + n + `","Secretary of State","CONFIDENTIAL","","FM SECSTATE WASHDC","C O N F I D E N T I A L STATE ` + n + "\n\n1. (C) TEXT " + n + `."` + "\n"
	}
	csv := good("1") + `"2","9/8/2007 10:00","07STATE2","Secretary of State"` + "\n" + good("3") + `"4","9/7/2007 21:47","07STATE4","X","Y","","Z","NEVER CLOSED`
	in := filepath.Join(dir, "cables.csv")
	empty := filepath.Join(dir, "empty.txt")
	for name, data := range map[string]string{in: csv, empty: ""} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	content := filepath.Join(dir, "content")
	code, stdout, stderr := runCmd(t, "", "import", "-o", content, in, empty)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if stdout != "read 5, wrote 2, with warnings 0, rejected 3\n" {
		t.Errorf("stdout %q", stdout)
	}
	want := in + ":4: rejected: malformed cables.csv record: only 4 of 8 fields\n" +
		in + ":8: rejected: malformed cables.csv record: the file ends inside field 8 (unterminated quote)\n" +
		empty + ":1: rejected: empty input\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}

	out := filepath.Join(dir, "public")
	if code, _, stderr := runCmd(t, "", "build", "-content", content, "-o", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C before the build starts
	var o, e bytes.Buffer
	code = run(ctx, []string{"build", "-content", content, "-o", out}, strings.NewReader(""), &o, &e)
	if code != 1 || !strings.Contains(e.String(), "context canceled ("+out+" left as it was)") {
		t.Errorf("interrupted build: exit %d, stderr %q", code, e.String())
	}
	if _, err := os.Stat(filepath.Join(out, "cable", "2007", "09", "07STATE3.html")); err != nil {
		t.Errorf("the previous site is gone: %v", err)
	}
}

// Files that are no cables are skipped with a line each, and the exit
// status stays 0; an edited file is kept unless -force; an interrupted
// import prints its summary so far and exits with 130.
func TestImportCommandSkipsKeepsInterrupts(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	cable, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"README.md": "# Cables\n", "list.tsv": "a\tb\nc\td\n", "07STATE126086.txt": string(cable)} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	content := filepath.Join(dir, "content")
	code, stdout, stderr := runCmd(t, "", "import", "-o", content, in)
	if code != 0 || stdout != "read 3, wrote 1, with warnings 0, rejected 0, skipped 2\n" {
		t.Errorf("exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	if want := filepath.Join(in, "README.md") + ":1: skipped: not a cable (markdown: it starts with a heading)\n" +
		filepath.Join(in, "list.tsv") + ":1: skipped: not a cable (a table of tab-separated values)\n"; stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}

	md := filepath.Join(content, "cables", "2007", "09", "07STATE126086.md")
	data, _ := os.ReadFile(md)
	edited := strings.Replace(string(data), "THIS IS AN ACTION REQUEST", "THIS IS AN EDITED REQUEST", 1)
	os.WriteFile(md, []byte(edited), 0o644)
	code, stdout, stderr = runCmd(t, "", "import", "-o", content, filepath.Join(in, "07STATE126086.txt"))
	if code != 0 || stdout != "read 1, wrote 0, with warnings 0, rejected 0, kept (edited since import) 1\n" || !strings.HasPrefix(stderr, md+":") || !strings.HasSuffix(stderr, ": edited since import, kept (use -force to replace)\n") {
		t.Errorf("edited: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = runCmd(t, "", "import", "-o", content, "-force", filepath.Join(in, "07STATE126086.txt"))
	if code != 0 || stdout != "read 1, wrote 1, with warnings 0, rejected 0\n" || stderr != md+": edited since import, replaced (-force)\n" {
		t.Errorf("-force: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C before the import starts
	var o, e bytes.Buffer
	code = run(ctx, []string{"import", "-o", content, in}, strings.NewReader(""), &o, &e)
	if code != 130 || o.String() != "read 0, wrote 0, with warnings 0, rejected 0; interrupted\n" || !strings.Contains(e.String(), "interrupted") {
		t.Errorf("interrupted: exit %d, stdout %q, stderr %q", code, o.String(), e.String())
	}
}
