package calibrate

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"cogov/experiments/abc"
	"cogov/experiments/internal/tomltable"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
)

// Recovery files.
const (
	RecoveryFile        = "recovery.csv"
	RecoverySummaryFile = "recovery_summary.csv"
)

// Recover runs a parameter-recovery study (abc.Recover) of c's ABC-SMC
// calibration with truths truths drawn from its priors.
func Recover(ctx context.Context, c *Calibration, truths, workers int, progress func(*abc.Recovery) error) (*abc.Recovery, error) {
	return abc.Recover(ctx, c.ABCConfig(workers), c.Simulator(), truths, progress)
}

// WriteRecovery writes recovery.csv (truth, parameter, true value,
// posterior mean, median, 95 % interval, covered, width ratio) and
// recovery_summary.csv (parameter, truths, coverage, mean width ratio,
// verdict) into dir.
func WriteRecovery(dir string, c *Calibration, r *abc.Recovery) error {
	var b strings.Builder
	b.WriteString(csvfmt.Line("truth", "parameter", "true", "mean", "median", "ci_low", "ci_high", "covered", "width_ratio"))
	for k, row := range r.Rows {
		s := row.Summary
		b.WriteString(csvfmt.Line(strconv.Itoa(row.Truth), c.Params[k%len(c.Params)].Path, tomltable.FormatFloat(row.Value), tomltable.FormatFloat(s.Mean), tomltable.FormatFloat(s.Median),
			tomltable.FormatFloat(s.Low), tomltable.FormatFloat(s.High), strconv.FormatBool(row.Covered), tomltable.FormatFloat(s.WidthRatio)))
	}
	if err := fsutil.WriteFile(filepath.Join(dir, RecoveryFile), []byte(b.String())); err != nil {
		return err
	}
	b.Reset()
	b.WriteString(csvfmt.Line("parameter", "truths", "coverage", "width_ratio", "verdict"))
	truths := len(r.Rows) / len(c.Params)
	for i, p := range c.Params {
		cov, wr := r.Coverage(i)
		b.WriteString(csvfmt.Line(p.Path, strconv.Itoa(truths), tomltable.FormatFloat(cov), tomltable.FormatFloat(wr), abc.Identified(wr)))
	}
	return fsutil.WriteFile(filepath.Join(dir, RecoverySummaryFile), []byte(b.String()))
}
