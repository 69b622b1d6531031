// Package browser starts headless Chromium for the browser tests.
//
// Tests skip when Chromium is not installed, but fail under CI=true, so
// that CI cannot pass by skipping them (.ci/run installs Debian's
// chromium package).
package browser

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Path returns the Chromium executable, or skips the test (failing it
// under CI=true) when there is none. Under -short, browser tests skip
// unless CI=true: they are the slow part of the edit-test loop.
func Path(t testing.TB) string {
	t.Helper()
	SkipShort(t)
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed; CI must have it (apt-get install chromium)")
	}
	t.Skip("Chromium is not installed: skipping the browser tests")
	return ""
}

// SkipShort skips a browser test under -short, unless CI=true (CI runs
// everything, whatever flags it is given).
func SkipShort(t testing.TB) {
	t.Helper()
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("a browser test: skipped under -short (CI=true runs it)")
	}
}

// Start starts a headless Chromium with a fresh profile and returns a
// browsing context; it is closed when the test ends. The flags keep it
// off the network: this machine's only network is loopback.
func Start(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}
