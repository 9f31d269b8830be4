// Package validate states the paper's calibration targets and patterns
// P1-P7 (Targets) and checks a scenario against them over replications
// (Evaluate), each pattern also with its cause removed.
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

// Target is one statement of the pattern report: a calibration target from
// the paper's figures (Kind "target": pass when the model's mean is within
// Tolerance of Observed) or a pattern P1-P7 (Kind "pattern": pass when the
// mean is on the right side of Threshold and the statement weakens when its
// cause is removed). docs/ODD.md section 7.11 defines each.
type Target struct {
	ID        string
	Kind      string
	Statement string
	// Observed and Tolerance for targets; Threshold and Above (true: the
	// mean must be at least Threshold) for patterns.
	Observed, Tolerance, Threshold float64
	Above                          bool
	// Stat computes the statistic of one run (NaN when undefined).
	Stat func(r *sim.Result) float64
	// Cause names the cause removed, and Removed the overrides that remove
	// it from the scenario (patterns only).
	Cause   string
	Removed []string
}

// Check is a Target evaluated on a scenario.
type Check struct {
	Target
	Model stats.Summary
	Pass  bool
	// RemovedModel is the statistic with the cause removed; Weakened says
	// whether it moved against the pattern by more than two standard errors
	// of the difference.
	RemovedModel stats.Summary
	Weakened     bool
}

// Targets are the default scenario's calibration targets (B city's
// awards in 2017 and 2018, Table 2; half of B city's community-social-work
// winners professional agencies) and its patterns P1-P7.
func Targets() []Target {
	var ts []Target
	table2 := []struct {
		cat       string
		year      int
		projects  float64
		bcity     float64
		shortName string
	}{
		{"elder_home_care", 2017, 60, 12, "elder care"},
		{"elder_home_care", 2018, 60, 15, "elder care"},
		{"community_social_work", 2017, 30, 11, "community social work"},
		{"community_social_work", 2018, 30, 12, "community social work"},
		{"incubation_base_operation", 2017, 23, 3, "incubation"},
		{"incubation_base_operation", 2018, 21, 2, "incubation"},
	}
	for _, t := range table2 {
		ts = append(ts, Target{
			ID: fmt.Sprintf("T2 %s %d", t.shortName, t.year), Kind: "target",
			Statement: fmt.Sprintf("B city's share of %s awards in %d (Table 2: %.0f of %.0f)", t.shortName, t.year, t.bcity, t.projects),
			Observed:  t.bcity / t.projects, Tolerance: 0.05,
			Stat: func(r *sim.Result) float64 {
				return awardShare(r, []int{t.year}, t.cat, "", func(a sim.Award) bool { return a.City == "B city" })
			},
		})
	}
	ts = append(ts, Target{
		ID: "T3 professional", Kind: "target",
		Statement: "share of professional social-work agencies among B city's community-social-work winners, 2017-2018 (about half)",
		Observed:  0.5, Tolerance: 0.10,
		Stat: func(r *sim.Result) float64 {
			return awardShare(r, []int{2017, 2018}, "community_social_work", "B city", func(a sim.Award) bool { return a.Professional })
		},
	})
	ts = append(ts,
		Target{ID: "P1", Kind: "pattern", Threshold: 0.6, Above: true,
			Statement: "government procurement is at least 60 % of agencies' revenue (mean of 2017 on)",
			Stat:      meanFrom("gov_revenue_share", 2017),
			Cause:     "no revenue beyond procurement: communities buy half their service fund and charity is five-fold",
			Removed: []string{"mechanisms.dynamics.enabled=true", "mechanisms.dynamics.intensity=1",
				"mechanisms.dynamics.training_gain=0", "mechanisms.dynamics.incubated_entries=0"}},
		Target{ID: "P2", Kind: "pattern", Threshold: 0.3, Above: false,
			Statement: "most services stop within three months of project end: continuity at most 0.3 (mean of all years)",
			Stat:      meanFrom("service_continuity", 0),
			Cause:     "yearly contracts: three-year contracts instead",
			Removed:   []string{"calendar.contract_years=3"}},
		Target{ID: "P3", Kind: "pattern", Threshold: 0.02, Above: true,
			Statement: "the show share of effort rises over the first five years by at least 0.02",
			Stat:      riseFrom("show_effort_share", 0, 4),
			Cause:     "indicator-based acceptance: every acceptance audits substance",
			Removed:   []string{"supervision.audit_probability=1"}},
		Target{ID: "P4", Kind: "pattern", Threshold: 0.5, Above: true,
			Statement: "elder-care funds are mostly won by suppliers other than professional agencies (2017 on)",
			Stat: func(r *sim.Result) float64 {
				return awardFundsShare(r, 2017, "elder_home_care", func(a sim.Award) bool { return !a.Professional })
			},
			Cause: "no supplier-type matching: award scores weigh the match of product and supplier",
			Removed: []string{"mechanisms.risk.enabled=true", "mechanisms.risk.intensity=1",
				"mechanisms.risk.detection_probability=0", "mechanisms.risk.tie_discount=0",
				"mechanisms.risk.participation_requirement=0"}},
		Target{ID: "P5a", Kind: "pattern", Threshold: 0.5, Above: true,
			Statement: "winners repeat: at least half of each round's contracts go to the previous round's winners (2017 on)",
			Stat:      meanFrom("incumbency_rate", 2017),
			Cause:     "relational purchasing: awards weigh neither reputation nor ties",
			Removed:   []string{"government.weight_reputation=0", "government.weight_ties=0"}},
		Target{ID: "P5b", Kind: "pattern", Threshold: 1.2, Above: true,
			Statement: "multi-role agencies (三位一体) win at least 1.2 times their share of agencies (2017 on)",
			Stat:      roleAdvantage(2017),
			Cause:     "symbolic capital: ties carry no weight and directors' agencies get no tie bonus",
			Removed:   []string{"government.weight_ties=0", "agencies.multi_role_tie=0"}},
		Target{ID: "P6", Kind: "pattern", Threshold: 0.02, Above: false,
			Statement: "professional capacity does not rise: final year minus 2017 at most 0.02",
			Stat:      riseFrom("professional_capacity", 2, -1),
			Cause:     "no training or university supervision: monthly training of 0.01",
			Removed: []string{"mechanisms.dynamics.enabled=true", "mechanisms.dynamics.intensity=1",
				"mechanisms.dynamics.purchase_share_boost=0", "mechanisms.dynamics.charity_multiplier=0",
				"mechanisms.dynamics.incubated_entries=0"}},
		Target{ID: "P7", Kind: "pattern", Threshold: 0.3, Above: false,
			Statement: "residents' participation stays low: at most 0.3 (mean of 2017 on)",
			Stat:      meanFrom("resident_participation", 2017),
			Cause:     "services for show: every acceptance audits substance",
			Removed:   []string{"supervision.audit_probability=1"}},
	)
	return ts
}

// Options configure Evaluate.
type Options struct {
	Reps, Workers int
	Seed          uint64
	// Sets are overrides applied to the scenario (and to its cause-removed
	// variants) before anything else.
	Sets []string
}

// Evaluate runs scenario ref and, for each pattern, ref with the
// pattern's cause removed, Reps replications each, and checks every target.
func Evaluate(ctx context.Context, ref string, o Options) ([]Check, error) {
	run := func(sets []string) ([]*sim.Result, *scenarios.Scenario, error) {
		s, err := scenarios.Load(ref, append(append([]string(nil), o.Sets...), sets...))
		if err != nil {
			return nil, nil, err
		}
		rs, err := experiments.Replicate(ctx, s, o.Seed, o.Reps, s.Years, o.Workers)
		return rs, s, err
	}
	base, _, err := run(nil)
	if err != nil {
		return nil, err
	}
	var out []Check
	for _, t := range Targets() {
		c := Check{Target: t, Model: stats.Summarize(PerRun(base, t.Stat))}
		switch t.Kind {
		case "target":
			c.Pass = math.Abs(c.Model.Mean-t.Observed) <= t.Tolerance
		default:
			removed, _, err := run(t.Removed)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", t.ID, err)
			}
			rv := PerRun(removed, t.Stat)
			c.RemovedModel = stats.Summarize(rv)
			d := stats.DiffCI(PerRun(base, t.Stat), rv) // removed minus base
			if t.Above {
				c.Pass = c.Model.Mean >= t.Threshold
				c.Weakened = d.CIHigh < 0
			} else {
				c.Pass = c.Model.Mean <= t.Threshold
				c.Weakened = d.CILow > 0
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// PerRun is f of each result, in order.
func PerRun(rs []*sim.Result, f func(*sim.Result) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

// awardShare is the share of awards of category cat in years (restricted to
// city when given) for which keep is true.
func awardShare(r *sim.Result, years []int, cat, city string, keep func(sim.Award) bool) float64 {
	n, k := 0, 0
	for _, a := range r.Awards {
		if a.Category != cat || (city != "" && a.City != city) || !inYears(a.Year, years) {
			continue
		}
		n++
		if keep(a) {
			k++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(k) / float64(n)
}

// awardFundsShare is the share of category cat's funds awarded from year
// from on to awards for which keep is true.
func awardFundsShare(r *sim.Result, from int, cat string, keep func(sim.Award) bool) float64 {
	var all, k float64
	for _, a := range r.Awards {
		if a.Category != cat || a.Year < from {
			continue
		}
		all += a.Amount
		if keep(a) {
			k += a.Amount
		}
	}
	if all == 0 {
		return math.NaN()
	}
	return k / all
}

func inYears(y int, years []int) bool {
	for _, x := range years {
		if x == y {
			return true
		}
	}
	return false
}

// meanFrom is the mean of a metric over the years from year from on (0:
// all years), skipping NaN.
func meanFrom(metric string, from int) func(*sim.Result) float64 {
	return func(r *sim.Result) float64 {
		col := r.Column(metric)
		var a stats.Accumulator
		for i, y := range r.Years {
			if y >= from {
				a.Add(col[i])
			}
		}
		return a.Summary().Mean
	}
}

// riseFrom is a metric's value at year index j minus its value at year
// index i (negative indices count from the end).
func riseFrom(metric string, i, j int) func(*sim.Result) float64 {
	return func(r *sim.Result) float64 {
		col := r.Column(metric)
		a, b := i, j
		if a < 0 {
			a += len(col)
		}
		if b < 0 {
			b += len(col)
		}
		if a < 0 || b < 0 || a >= len(col) || b >= len(col) {
			return math.NaN()
		}
		return col[b] - col[a]
	}
}

// roleAdvantage is the mean over years from on of role_overlap_share over
// multi_role_agency_share.
func roleAdvantage(from int) func(*sim.Result) float64 {
	return func(r *sim.Result) float64 {
		won, share := r.Column("role_overlap_share"), r.Column("multi_role_agency_share")
		var a stats.Accumulator
		for i, y := range r.Years {
			if y >= from && share[i] > 0 {
				a.Add(won[i] / share[i])
			}
		}
		return a.Summary().Mean
	}
}
