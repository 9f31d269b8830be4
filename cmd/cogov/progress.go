package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws a sweep's progress bar: runs done, rate and time left.
// Runs found on resume are not counted in the rate.
type progress struct {
	w       io.Writer
	bar     *progressbar.ProgressBar
	resumed int
}

// update is a SweepOptions.Progress callback.
func (p *progress) update(done, total int) {
	if p.bar == nil {
		p.resumed = done
		desc := "sweep"
		if done > 0 {
			desc = fmt.Sprintf("sweep (%d of %d resumed)", done, total)
		}
		p.bar = progressbar.NewOptions(total-done,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("runs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set(done - p.resumed)
}

// finish clears the bar; p may be nil.
func (p *progress) finish() {
	if p == nil || p.bar == nil {
		return
	}
	p.bar.Exit()
	fmt.Fprintln(p.w)
}
