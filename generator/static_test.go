package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildCopiesContentFiles builds from disk a content folder holding
// an SVG, a file of several megabytes and a symbolic link to a file
// outside it: the first two reach the output folder byte for byte, past
// the minifier and through the staging folder; the link is not followed.
func TestBuildCopiesContentFiles(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	writeContent(t, content, 3)
	svg := []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <!-- a comment the minifier would drop -->\n  <rect width=\"1\" height=\"1\"/>\n</svg>\n")
	big := bytes.Repeat([]byte("0123456789abcdef\x00\xff"), 300_000) // 5.4 MB
	secret := filepath.Join(dir, "secret.txt")
	for name, data := range map[string][]byte{"img/map.svg": svg, "files/big.bin": big, "../secret.txt": []byte("outside")} {
		p := filepath.Join(content, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(secret, filepath.Join(content, "img", "secret.txt")); err != nil {
		t.Fatal(err)
	}
	var warnings strings.Builder
	cfg := buildConfig(content, filepath.Join(dir, "public"))
	cfg.Warnings = &warnings
	sum, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	site := readTree(t, filepath.Join(dir, "public"))
	if !bytes.Equal(site["img/map.svg"], svg) {
		t.Errorf("img/map.svg is %q, want the content file's bytes", site["img/map.svg"])
	}
	if !bytes.Equal(site["files/big.bin"], big) {
		t.Errorf("files/big.bin: %d bytes, not the content file's %d", len(site["files/big.bin"]), len(big))
	}
	if _, ok := site["img/secret.txt"]; ok {
		t.Error("a symbolic link out of the content folder was followed")
	}
	if !strings.Contains(warnings.String(), "img/secret.txt: a symbolic link: not followed") {
		t.Errorf("warnings %q: want the link's", warnings.String())
	}
	if sum.Copied != 2 {
		t.Errorf("copied %d files, want 2", sum.Copied)
	}
}
