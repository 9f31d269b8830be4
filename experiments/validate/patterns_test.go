package validate

import (
	"context"
	"testing"
)

// notReproduced lists the patterns the calibrated baseline does not
// reproduce at their stated thresholds: findings, documented in
// docs/CALIBRATION.md. The test fails if one of them starts to pass, so
// the list and the documents stay true.
var notReproduced = map[string]string{
	"P5b": "multi-role agencies win about 1.17 times their share of agencies, below 1.2",
	"P6":  "professional capacity rises by about 0.03 from 2017, above 0.02",
}

// The baseline reproduces the other patterns over 10 replications, and
// every pattern weakens when its cause is removed. This runs the model: it
// fails when a rule change loses (or gains) a pattern.
func TestBaselinePatterns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 100 simulations")
	}
	checks, err := Evaluate(context.Background(), "baseline", Options{Reps: 10, Workers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if c.Kind != "pattern" {
			continue
		}
		t.Logf("%s: %.3f [%.3f, %.3f]; cause removed %.3f", c.ID, c.Model.Mean, c.Model.CILow, c.Model.CIHigh, c.RemovedModel.Mean)
		why, known := notReproduced[c.ID]
		switch {
		case !c.Pass && !known:
			t.Errorf("%s fails: mean %.3f against threshold %.2f (%s)", c.ID, c.Model.Mean, c.Threshold, c.Statement)
		case c.Pass && known:
			t.Errorf("%s now passes (%.3f): drop it from notReproduced (%s) and update docs/CALIBRATION.md", c.ID, c.Model.Mean, why)
		}
		if !c.Weakened {
			t.Errorf("%s does not weaken when its cause is removed (%s): %.3f -> %.3f", c.ID, c.Cause, c.Model.Mean, c.RemovedModel.Mean)
		}
	}
}
