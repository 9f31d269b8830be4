package experiments

import (
	"context"
	"testing"
)

// The baseline reproduces patterns P1-P7 over 10 replications, and each
// weakens when its cause is removed. This runs the model: it can fail when
// a rule change loses a pattern.
func TestBaselinePatterns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 100 simulations")
	}
	checks, err := EvaluatePatterns(context.Background(), "baseline", PatternOptions{Reps: 10, Workers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if c.Kind != "pattern" {
			continue
		}
		t.Logf("%s: %.3f [%.3f, %.3f]; cause removed %.3f", c.ID, c.Model.Mean, c.Model.CILow, c.Model.CIHigh, c.RemovedModel.Mean)
		if !c.Pass {
			t.Errorf("%s fails: mean %.3f against threshold %.2f (%s)", c.ID, c.Model.Mean, c.Threshold, c.Statement)
		}
		if !c.Weakened {
			t.Errorf("%s does not weaken when its cause is removed (%s): %.3f -> %.3f", c.ID, c.Cause, c.Model.Mean, c.RemovedModel.Mean)
		}
	}
}
