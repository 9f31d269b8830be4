package explore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cogov/internal/browsertest"
	"cogov/scenarios"
)

// TestExplorerInBrowser drives the page in headless Chromium: the start
// is drawn, switching a mechanism on redraws the figure, and an invalid
// value shows the command line's message next to its input. With
// COGOV_SCREENSHOTS=DIR it saves DIR/explore.png.
func TestExplorerInBrowser(t *testing.T) {
	_, ts := newTestServer(t, Config{Ref: "baseline", Reps: 3})
	b := browsertest.Start(t, 1400, 1000)
	ctx := b.Timeout(t, 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="ready"][data-runs="1"]`))); err != nil {
		t.Fatalf("the page did not draw the start: %v", err)
	}
	figure := func() string {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("figure").innerHTML`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := figure()
	if !strings.Contains(before, "<svg") {
		t.Fatalf("no figure drawn: %.200s", before)
	}
	start, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#params .param").length`))
	if want := len(scenarios.Settings(start)); err != nil || n != want {
		t.Errorf("%d parameter inputs (%v), want one for each of the start's %d parameters", n, err, want)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[id="p-mechanisms.risk.enabled"]`)),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="ready"][data-runs="2"]`))); err != nil {
		t.Fatalf("switching the risk mechanism on did not rerun: %v", err)
	}
	if after := figure(); after == before {
		t.Error("the figure did not change with the risk mechanism on")
	}
	changes, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#changes tbody`)))
	if !strings.Contains(changes, "mechanisms.risk.enabled") {
		t.Errorf("the changes table lacks the change: %q", changes)
	}
	b.NoErrors(t)
	if dir := os.Getenv("COGOV_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "explore.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	set := `(() => { const i = document.getElementById("p-calendar.festival_capacity");
		i.value = "1.5"; i.dispatchEvent(new Event("change", {bubbles: true})); })()`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](set),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="invalid"]`))); err != nil {
		t.Fatalf("an invalid value was not reported: %v", err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.param[data-path="calendar.festival_capacity"] .msg`)))
	if want := "--set: calendar.festival_capacity: 1.5 is out of range (allowed 0-1)"; err != nil || msg != want {
		t.Errorf("message next to the input = %q (%v), want %q", msg, err, want)
	}
	for _, e := range b.Errors() {
		if !strings.Contains(e, "status of 422") { // the rejected request itself
			t.Errorf("console error: %s", e)
		}
	}
}
