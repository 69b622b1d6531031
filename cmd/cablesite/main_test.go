package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablesite/cablesite/internal/corpus"
)

func seed(t *testing.T) string {
	t.Helper()
	root := corpus.Dir(t, ".")
	p := filepath.Join(root, "..", "seeds", "07STATE126086.txt")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("seed cable missing: %v", err)
	}
	return p
}

func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runCmd(t, ""); code != 2 || !strings.Contains(stderr, "usage") {
		t.Errorf("no args: code %d, stderr %q", code, stderr)
	}
	if code, _, _ := runCmd(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: code %d", code)
	}
	if code, _, _ := runCmd(t, "", "import"); code != 2 {
		t.Errorf("import without sources: code %d", code)
	}
	if code, _, _ := runCmd(t, "", "inspect", "-format", "pdf", "x"); code != 2 {
		t.Errorf("bad -format: code %d", code)
	}
}

func TestInspectJSON(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "inspect", "--json", seed(t))
	if code != 0 {
		t.Fatalf("code %d, stderr %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON line, got %d", len(lines))
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{
		"id":             "07STATE126086",
		"date":           "2007-09-07T21:47:00Z",
		"origin":         "Secretary of State",
		"from":           "SECSTATE WASHDC",
		"classification": "CONFIDENTIAL",
	} {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
}

func TestInspectStdinAndText(t *testing.T) {
	data, err := os.ReadFile(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, string(data), "inspect", "-")
	if code != 0 {
		t.Fatalf("code %d, stderr %s", code, stderr)
	}
	for _, want := range []string{"id:", "07STATE126086", "tags:", "PGOV, PREL, SR, YI, KV"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestImportExitStatus(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCmd(t, "", "import", "-o", dir, seed(t))
	if code != 0 || !strings.Contains(stdout, "read 1, wrote 1, with warnings") {
		t.Errorf("good import: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "cables/2007/09/07STATE126086.md")); err != nil {
		t.Error(err)
	}
	code, stdout, stderr = runCmd(t, "\x00\x01\x02 junk", "import", "-o", dir, "-")
	if code != 1 || !strings.Contains(stdout, "rejected 1") || !strings.Contains(stderr, "-:") {
		t.Errorf("bad import: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
