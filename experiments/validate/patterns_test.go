package validate

import (
	"context"
	"math"
	"reflect"
	"testing"

	"cogov/experiments"
	"cogov/experiments/stats"
	"cogov/scenarios"
	"cogov/sim"
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
		{"no defined pair", true, stats.Summary{Mean: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN()}, Undefined},
	}
	for _, c := range cases {
		ch := Check{Target: Target{Margin: 0.10}, Model: summary(0.5, 0.4, 0.6), Pass: c.pass, Paired: c.paired}
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
// the mechanism in the baseline with the whole 95 % interval of the paired
// difference above the margin (30 replications), so that 10 replications
// decide the same way. P4 is produced at 30 replications, but its interval
// straddles the margin, and it is reported, not asserted. The test fails
// when one of the listed patterns is no longer produced, or when a
// statistic is undefined; the others assert nothing.
var produced = []string{"P5b"}

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

// The award regression's rows: intercept, quality, trust, multi-role,
// the multi-role × year term, then a dummy for every type and city entry
// but the last; the outcome is winning at least one project; only the
// years kept, and agencies that bid, enter.
func TestAwardDesign(t *testing.T) {
	f := Frame{Start: 2015, Full: 2017, Last: 2020, Types: 3, CityEntries: 2}
	r := &sim.Result{Bids: []sim.Bid{
		{Year: 2016, Type: 0, CityEntry: 0, Quality: 0.1, Trust: 0.2, Bids: 1, Wins: 1},
		{Year: 2018, Type: 1, CityEntry: 1, Quality: 0.3, Trust: 0.4, MultiRole: true, Bids: 3, Wins: 2},
		{Year: 2019, Type: 1, CityEntry: 1, Quality: 0.9, Trust: 0.9}, // did not bid
		{Year: 2019, Type: 2, CityEntry: 0, Quality: 0.5, Trust: 0.6, Bids: 2},
	}}
	x, y, cols := awardDesign([]*sim.Result{r}, f, fromFull(f), true)
	want := [][]float64{
		{1, 0.3, 0.4, 1, 1, 0, 1, 0},
		{1, 0.5, 0.6, 0, 0, 0, 0, 1},
	}
	if cols != 8 || len(y) != 2 || y[0] != 1 || y[1] != 0 {
		t.Fatalf("cols %d, outcomes %v", cols, y)
	}
	for i, row := range want {
		if got := x[i*cols : (i+1)*cols]; !reflect.DeepEqual(got, row) {
			t.Errorf("row %d = %v, want %v", i, got, row)
		}
	}
	kept, idx := dropConstant(x, cols)
	// Type 0 never occurs in the kept rows: its dummy is dropped.
	if !reflect.DeepEqual(idx, []int{0, 1, 2, 3, 4, 6, 7}) || len(kept) != 2*7 {
		t.Errorf("kept columns %v", idx)
	}
}

// Under the lottery rule winning does not depend on quality: the award
// regression's quality coefficient is within four standard errors of 0,
// while with scoring it is clearly positive.
func TestLotteryIgnoresScores(t *testing.T) {
	quality := func(sets ...string) (coef, se float64) {
		s, err := scenarios.Load("baseline", append([]string{"years=6"}, sets...))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := experiments.Replicate(context.Background(), s, 1, 10, s.Years, 2)
		if err != nil {
			t.Fatal(err)
		}
		f := FrameOf(s)
		x, y, cols := awardDesign(rs, f, fromFull(f), false)
		x, kept := dropConstant(x, cols)
		l, err := stats.FitLogistic(x, len(kept), y, awardPenalty)
		if err != nil {
			t.Fatal(err)
		}
		return l.Coef[colQuality], l.SE[colQuality]
	}
	if c, se := quality("government.award_rule=lottery"); math.Abs(c) > 4*se {
		t.Errorf("lottery: quality coefficient %.3f (SE %.3f)", c, se)
	}
	if c, se := quality("government.weight_capacity=1"); c < 4*se {
		t.Errorf("scoring with weight_capacity 1: quality coefficient %.3f (SE %.3f), want clearly positive", c, se)
	}
}
