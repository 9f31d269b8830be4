package validate

import (
	"context"
	"math"
	"reflect"
	"testing"

	"cogov/experiments/stats"
	"cogov/scenarios"
)

// Each null a pattern names is a built-in scenario equal to the baseline
// with the pattern's NullSets, and nothing else (but its name and
// description).
func TestNullScenariosMatchSets(t *testing.T) {
	for name, sets := range NullSets() {
		built, err := scenarios.Load(name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := scenarios.Load("baseline", sets)
		if err != nil {
			t.Fatalf("%s: baseline with %v: %v", name, sets, err)
		}
		built.Name, built.Description = want.Name, want.Description
		if !reflect.DeepEqual(built, want) {
			t.Errorf("built-in %s is not the baseline with %v alone", name, sets)
		}
	}
}

func summary(mean, lo, hi float64) stats.Summary {
	return stats.Summary{N: 10, Mean: mean, CILow: lo, CIHigh: hi}
}

// The verdict rule of docs/ODD.md 7.11.
func TestVerdict(t *testing.T) {
	cases := []struct {
		name   string
		pass   bool
		paired stats.Summary
		want   string
	}{
		{"threshold not met", false, summary(0.5, 0.4, 0.6), Absent},
		{"beats the margin", true, summary(0.15, 0.05, 0.25), Produced},
		{"below the margin", true, summary(0.08, 0.05, 0.11), Explained},
		{"interval reaches zero", true, summary(0.12, -0.01, 0.25), Explained},
		{"exactly the margin", true, summary(0.10, 0.02, 0.18), Produced},
		{"zero-width zero", true, summary(0, 0, 0), Explained},
	}
	for _, c := range cases {
		ch := Check{Target: Target{Margin: 0.10}, Pass: c.pass, Paired: c.paired}
		if got := verdict(ch); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestOrient(t *testing.T) {
	s := orient(summary(0.2, 0.1, 0.3), -1)
	if s.Mean != -0.2 || s.CILow != -0.3 || s.CIHigh != -0.1 {
		t.Errorf("orient(-1) = %+v", s)
	}
}

// produced lists the patterns docs/VALIDATION.md reports as produced by
// the mechanism in the baseline. The test fails when one of them is no
// longer produced, or when its statistic is undefined; the others are
// reported, whatever their verdict, and assert nothing.
var produced = []string{"P2", "P3", "P4", "P5b"}

// The baseline over 10 replications: every pattern is evaluated against its
// null on paired seeds, and the listed ones are produced by the mechanism.
// This runs about 90 simulations: it fails when a rule change loses a
// produced pattern.
func TestBaselinePatterns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs about 90 simulations")
	}
	checks, err := Evaluate(context.Background(), "baseline", Options{Reps: 10, Workers: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Check{}
	for _, c := range checks {
		byID[c.ID] = c
		if c.Kind != "pattern" {
			continue
		}
		t.Logf("%s: %.3f vs %s %.3f, paired %.3f [%.3f, %.3f] (margin %.2f): %s", c.ID, c.Model.Mean, c.Null,
			c.NullModel.Mean, c.Paired.Mean, c.Paired.CILow, c.Paired.CIHigh, c.Margin, c.Verdict)
		if math.IsNaN(c.Model.Mean) || c.Paired.N < 8 {
			t.Errorf("%s: statistic undefined in too many runs (%d pairs)", c.ID, c.Paired.N)
		}
	}
	for _, id := range produced {
		if c := byID[id]; c.Verdict != Produced {
			t.Errorf("%s is no longer produced by the mechanism: %s (update docs/VALIDATION.md)", id, c.Verdict)
		}
	}
}
