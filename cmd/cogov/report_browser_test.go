package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cogov/internal/browsertest"
)

// TestReportInBrowser opens reports in headless Chromium: no console
// error, every inline figure drawn with a size, and print-to-PDF gives a
// PDF. With COGOV_SCREENSHOTS=DIR it saves DIR/report.png of the
// comparison's report.
func TestReportInBrowser(t *testing.T) {
	run, cmp, sweep := reportFolders(t)
	b := browsertest.Start(t, 1200, 1600)
	ctx := b.Timeout(t, 90*time.Second)
	for _, dir := range []string{run, cmp, sweep} {
		abs, _ := filepath.Abs(filepath.Join(dir, reportFile))
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+abs)); err != nil {
			t.Fatal(err)
		}
		broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("figure")]
			.filter(f => { const s = f.querySelector("svg"); if (!s) return true;
				const r = s.getBoundingClientRect(); return r.width < 100 || r.height < 100; })
			.map(f => f.id)
			.concat([...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(broken) > 0 {
			t.Errorf("%s: broken figures or images: %v", dir, broken)
		}
		n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure svg").length`))
		if n == 0 {
			t.Errorf("%s: no figure in the report", dir)
		}
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{})
		if err != nil || !bytes.HasPrefix(pdf.Data, []byte("%PDF")) {
			t.Errorf("%s: print to PDF: %v", dir, err)
		}
		if out := os.Getenv("COGOV_SCREENSHOTS"); out != "" && dir == cmp {
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(out, "report.png"), png, 0o644)
			os.WriteFile(filepath.Join(out, "report.pdf"), pdf.Data, 0o644)
		}
	}
	b.NoErrors(t)
}
