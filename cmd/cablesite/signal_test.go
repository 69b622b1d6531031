package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"
)

// TestMain runs the command itself when a test starts this binary as it
// (CABLESITE_TEST_MAIN=1): a signal needs a process of its own.
func TestMain(m *testing.M) {
	if os.Getenv("CABLESITE_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestServeSignals stops `cablesite serve` with Ctrl-C, a process
// manager's SIGTERM and a closed terminal's SIGHUP: each time it exits
// with status 0 and removes its temporary folder.
func TestServeSignals(t *testing.T) {
	content := t.TempDir()
	cable := filepath.Join(content, "cables", "2007", "09", "07TEST1.md")
	if err := os.MkdirAll(filepath.Dir(cable), 0o755); err != nil {
		t.Fatal(err)
	}
	md := "---\ntitle: \"A SUBJECT\"\ndate: 2007-09-07T21:47:00Z\nid: \"07TEST1\"\nsubject: \"A SUBJECT\"\n---\n\n¶1. (U) TEXT.\n"
	if err := os.WriteFile(cable, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "serve", "-content", content, "-addr", "127.0.0.1:0", "-no-search")
			cmd.Env = append(os.Environ(), "CABLESITE_TEST_MAIN=1")
			pr, pw := io.Pipe()
			cmd.Stderr = pw
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			sites := make(chan string, 1)
			go func() {
				serving := regexp.MustCompile(`^serving (\S+) at `)
				sc := bufio.NewScanner(pr)
				for sc.Scan() {
					if m := serving.FindStringSubmatch(sc.Text()); m != nil {
						sites <- m[1]
					}
				}
				close(sites)
			}()
			site := <-sites
			if site == "" {
				t.Fatal("serve did not say where it serves from")
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				pw.Close()
				if err != nil {
					t.Errorf("serve stopped by %v: %v, want exit status 0", sig, err)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("serve did not stop on %v", sig)
			}
			if _, err := os.Stat(filepath.Dir(site)); !os.IsNotExist(err) {
				t.Errorf("%v: the temporary folder %s is left (%v)", sig, filepath.Dir(site), err)
			}
		})
	}
}
