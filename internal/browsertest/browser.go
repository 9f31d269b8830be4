// Package browsertest starts a headless Chromium for tests, through the
// DevTools protocol client github.com/chromedp/chromedp, and collects the
// page's console errors.
//
// A test that needs the browser calls Start. When no browser can start,
// the test is skipped, except under CI=true, where it fails: the CI gate
// installs Debian's chromium package, and a browser that does not start
// there is a fault, not a reason to skip.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium tab.
type Browser struct {
	// Ctx is the tab's chromedp context: pass it to chromedp.Run and Do.
	Ctx context.Context

	mu   sync.Mutex
	errs []string
}

// ExecPath returns the Chromium to run: $COGOV_CHROMIUM, else the first
// of chromium, chromium-browser, google-chrome on the PATH, else "".
func ExecPath() string {
	if p := os.Getenv("COGOV_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// unavailable skips the test, or fails it under CI=true.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("headless Chromium is required under CI=true: "+format, args...)
	}
	t.Skipf("no headless Chromium: "+format, args...)
}

// Start starts a headless Chromium with a window of width x height
// pixels and opens a blank tab; the browser stops when the test ends.
func Start(t testing.TB, width, height int) *Browser {
	t.Helper()
	path := ExecPath()
	if path == "" {
		unavailable(t, "none of chromium, chromium-browser, google-chrome on the PATH (set COGOV_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.WindowSize(width, height), chromedp.Flag("lang", "en-GB"),
		chromedp.Flag("hide-scrollbars", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	// The first action starts the browser: no timeout on it, a timeout
	// there would stop the browser with the context.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		unavailable(t, "%s did not start: %v", path, err)
	}
	b := &Browser{Ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.mu.Lock()
				b.errs = append(b.errs, string(m.Type)+": "+m.Text)
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// Errors returns the console errors and uncaught exceptions seen so far.
func (b *Browser) Errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// Timeout returns the tab's context with a deadline, for the actions
// after Start.
func (b *Browser) Timeout(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(b.Ctx, d)
	t.Cleanup(cancel)
	return ctx
}

// NoErrors fails the test if the page logged console errors.
func (b *Browser) NoErrors(t testing.TB) {
	t.Helper()
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}
