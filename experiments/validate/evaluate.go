package validate

import (
	"context"
	"fmt"
	"math"

	"cogov/experiments"
	"cogov/experiments/stats"
	"cogov/scenarios"
	"cogov/sim"
)

// Verdicts of a pattern against its null (docs/ODD.md 7.11).
const (
	Produced  = "produced by the mechanism"
	Explained = "explained by the null"
	Absent    = "absent"
	Undefined = "undefined"
)

// Check is a Target evaluated on a scenario.
type Check struct {
	Target
	// Model is the statistic over the scenario's replications; Pass says
	// whether a target is met or a pattern shown (its threshold met).
	Model stats.Summary
	Pass  bool
	// Values are the statistic's values run by run.
	Values []float64
	// NullModel is the statistic of the null on the same seeds; Paired the
	// paired difference Sign × (scenario − null), run by run; Verdict the
	// pattern's verdict.
	NullModel stats.Summary
	Paired    stats.Summary
	Verdict   string
	// RemovedModel is the statistic with the cause removed; Weakened says
	// whether it moved against the pattern beyond its 95 % paired interval.
	RemovedModel stats.Summary
	Weakened     bool
	// Yearly and NullYearly hold β_MR year by year, replications pooled
	// (P5b and P5c only).
	Yearly, NullYearly []MultiRoleFit
}

// Options configure Evaluate.
type Options struct {
	Reps, Workers int
	Seed          uint64
	// Sets are overrides applied to the scenario (and to its nulls and
	// cause-removed variants) before anything else.
	Sets []string
	// Draws, if set, gives each replication overrides of its own (such as
	// parameters drawn from a posterior), applied after Sets and before a
	// null's or cause-removed variant's overrides.
	Draws experiments.Draws
}

// Evaluate runs scenario ref and, for each pattern, its null and its
// cause-removed variant on the same seeds (Reps replications each), and
// checks every target and pattern.
func Evaluate(ctx context.Context, ref string, o Options) ([]Check, error) {
	cache := map[string][]*sim.Result{}
	var frame Frame
	run := func(sets []string) ([]*sim.Result, error) {
		all := append(append([]string(nil), o.Sets...), sets...)
		key := fmt.Sprint(all)
		if rs, ok := cache[key]; ok {
			return rs, nil
		}
		s, err := scenarios.Load(ref, all)
		if err != nil {
			return nil, err
		}
		build := func(seed, run uint64) (*scenarios.Scenario, error) {
			if o.Draws == nil {
				return s, nil
			}
			return scenarios.Load(ref, append(append(append([]string(nil), o.Sets...), o.Draws(seed, run)...), sets...))
		}
		rs, err := experiments.ReplicateBuild(ctx, build, o.Seed, o.Reps, s.Years, o.Workers)
		if err != nil {
			return nil, err
		}
		if len(sets) == 0 {
			frame = FrameOf(s)
		}
		cache[key] = rs
		return rs, nil
	}
	base, err := run(nil)
	if err != nil {
		return nil, err
	}
	var out []Check
	for _, t := range Targets() {
		bv := PerRun(base, frame, t.Stat)
		c := Check{Target: t, Model: stats.Summarize(bv), Values: bv}
		if t.Kind == "target" {
			c.Pass = t.Passes(c.Model.Mean)
			out = append(out, c)
			continue
		}
		c.Pass = t.Shows(c.Model.Mean)
		null, err := run(t.NullSets)
		if err != nil {
			return nil, fmt.Errorf("%s: null %s: %w", t.ID, t.Null, err)
		}
		nv := PerRun(null, frame, t.Stat)
		c.NullModel = stats.Summarize(nv)
		c.Paired = orient(stats.PairedDiff(nv, bv), t.Sign)
		c.Verdict = verdict(c)
		removed, err := run(t.Removed)
		if err != nil {
			return nil, fmt.Errorf("%s: cause removed: %w", t.ID, err)
		}
		rv := PerRun(removed, frame, t.Stat)
		c.RemovedModel = stats.Summarize(rv)
		d := stats.PairedDiff(bv, rv) // removed minus scenario
		if t.Above {
			c.Weakened = d.CIHigh < 0
		} else {
			c.Weakened = d.CILow > 0
		}
		if t.ID == "P5b" || t.ID == "P5c" {
			c.Yearly, c.NullYearly = YearlyMultiRole(base, frame), YearlyMultiRole(null, frame)
		}
		out = append(out, c)
	}
	return out, nil
}

// orient multiplies a summary of differences by sign (±1).
func orient(s stats.Summary, sign float64) stats.Summary {
	if sign < 0 {
		s.Mean, s.CILow, s.CIHigh = -s.Mean, -s.CIHigh, -s.CILow
	}
	return s
}

// verdict applies the rule of docs/ODD.md 7.11 to a pattern's check.
func verdict(c Check) string {
	switch {
	case c.Paired.N == 0 || math.IsNaN(c.Model.Mean):
		return Undefined
	case !c.Pass:
		return Absent
	case c.Paired.Mean >= c.Margin && c.Paired.CILow > 0:
		return Produced
	}
	return Explained
}

// AllHold reports whether every target passes and every pattern is
// produced by the mechanism: the exit status of cogov patterns.
func AllHold(checks []Check) bool {
	for _, c := range checks {
		if !c.Pass || (c.Kind == "pattern" && c.Verdict != Produced) {
			return false
		}
	}
	return true
}
