// Package validate states the paper's calibration targets and patterns
// P1-P7 as statistics of model runs, and judges each pattern against its
// null model: the same scenario with the pattern's cause switched off, run
// on the same seeds (docs/ODD.md 7.11, docs/VALIDATION.md).
package validate

import (
	"fmt"
	"math"
	"slices"

	"cogov/experiments/stats"
	"cogov/scenarios"
	"cogov/sim"
)

// Frame holds what a statistic needs to know of its scenario: the start
// year, the first year at the full budget (after the pilot years), the
// last simulated year, and the numbers of agency types and city entries.
type Frame struct {
	Start, Full, Last  int
	Types, CityEntries int
}

// FrameOf derives the frame of scenario s.
func FrameOf(s *scenarios.Scenario) Frame {
	return Frame{
		Start: s.StartYear, Full: s.StartYear + len(s.Government.PilotBudgetShares),
		Last: s.StartYear + s.Years - 1, Types: len(s.AgencyTypes), CityEntries: len(s.Cities),
	}
}

// Target is one statement of the pattern report: a calibration target from
// the paper's figures (Kind "target") or a pattern (Kind "pattern").
type Target struct {
	ID        string
	Kind      string
	Statement string
	// Observed and Tolerance for targets: pass when the mean is within
	// Tolerance of Observed; with Bound, pass when the mean is at least
	// Observed (Tolerance then scales the calibration loss).
	Observed, Tolerance float64
	Bound               bool
	// Threshold and Above for patterns: the baseline shows the pattern when
	// its mean is at least (Above) or at most Threshold.
	Threshold float64
	Above     bool
	// Stat computes the statistic of one run (NaN when undefined).
	Stat func(r *sim.Result, f Frame) float64
	// Null names the built-in null scenario and NullSets the overrides that
	// make it from the evaluated scenario; Sign orients the paired
	// difference (+1: the baseline's statistic is higher when the pattern
	// is produced); Margin is the difference the verdict requires.
	Null     string
	NullSets []string
	Sign     float64
	Margin   float64
	// Cause names the cause removed, and Removed the overrides that remove
	// it (the older "cause removed" column).
	Cause   string
	Removed []string
}

// Passes reports whether a target's mean meets it.
func (t Target) Passes(mean float64) bool {
	if math.IsNaN(mean) {
		return false
	}
	if t.Bound {
		return mean >= t.Observed
	}
	return math.Abs(mean-t.Observed) <= t.Tolerance
}

// Shows reports whether a pattern's mean is on the stated side of its
// threshold.
func (t Target) Shows(mean float64) bool {
	if math.IsNaN(mean) {
		return false
	}
	if t.Above {
		return mean >= t.Threshold
	}
	return mean <= t.Threshold
}

// Nulls shared by several patterns (docs/ODD.md 7.11).
var (
	lotterySets = []string{"government.award_rule=lottery"}
	noTiesSets  = []string{"government.weight_ties=0", "agencies.multi_role_tie=0"}
	auditedSets = []string{"supervision.audit_probability=1"}
)

// NullSets returns the overrides of each null scenario named by a pattern,
// to check that they are what the built-in null files hold.
func NullSets() map[string][]string {
	out := map[string][]string{}
	for _, t := range Targets() {
		if t.Null != "" {
			out[t.Null] = t.NullSets
		}
	}
	return out
}

// Targets are the default scenario's calibration targets (B city's awards
// in 2017 and 2018, Table 2; half of B city's community-social-work winners
// professional agencies; elder-care winners mostly convenience centres) and
// its patterns P1-P7, each with its null.
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
			Stat: func(r *sim.Result, _ Frame) float64 {
				return awardShare(r, []int{t.year}, t.cat, "", func(a sim.Award) bool { return a.City == "B city" })
			},
		})
	}
	ts = append(ts,
		Target{
			ID: "T3 professional", Kind: "target",
			Statement: "share of professional social-work agencies among B city's community-social-work winners, 2017-2018 (about half)",
			Observed:  0.5, Tolerance: 0.10,
			Stat: func(r *sim.Result, _ Frame) float64 {
				return awardShare(r, []int{2017, 2018}, "community_social_work", "B city", func(a sim.Award) bool { return a.Professional })
			},
		},
		Target{
			ID: "T4 convenience", Kind: "target", Bound: true,
			Statement: "share of convenience-service or housekeeping centres among B city's elder-care winners, 2017-2018 (mostly: at least half)",
			Observed:  0.5, Tolerance: 0.05,
			Stat: func(r *sim.Result, _ Frame) float64 {
				return awardShare(r, []int{2017, 2018}, "elder_home_care", "B city", func(a sim.Award) bool { return a.Type == "convenience" })
			},
		},
		Target{
			ID: "T5 first-year exit", Kind: "target",
			Statement: "share of professional social workers who leave within a year of being hired, hires of 2015-2017 (Shenzhen: 28.7 %)",
			Observed:  0.287, Tolerance: 0.05,
			Stat: func(r *sim.Result, f Frame) float64 {
				// Hires of year y are final in year y+1's row.
				return meanYears(r, "professional_first_year_exit", f.Start+1, min(f.Last, 2018))
			},
		},
	)
	ts = append(ts, patterns()...)
	return ts
}

func patterns() []Target {
	return []Target{
		{ID: "P1", Kind: "pattern", Threshold: 0.6, Above: true,
			Statement: "agencies live on procurement: government is at least 60 % of their revenue (mean from the first full-budget year)",
			Stat:      meanFrom("gov_revenue_share"),
			Null:      "null-diversified", Sign: 1, Margin: 0.10,
			NullSets: []string{"community.purchase_share=0.3", "agencies.charity_pool_10k_yuan=300"},
			Cause:    "no revenue beyond procurement: communities buy half their service fund and charity is five-fold",
			Removed: []string{"mechanisms.dynamics.enabled=true", "mechanisms.dynamics.intensity=1",
				"mechanisms.dynamics.training_gain=0", "mechanisms.dynamics.incubated_entries=0"}},
		{ID: "P2", Kind: "pattern", Threshold: 0.3, Above: false,
			Statement: "most services stop within three months of project end: continuity at most 0.3 (mean of all years)",
			Stat: func(r *sim.Result, f Frame) float64 {
				return meanYears(r, "service_continuity", f.Start, f.Last)
			},
			Null: "multi-year", Sign: -1, Margin: 0.10, NullSets: []string{"calendar.contract_years=3"},
			Cause: "yearly contracts: three-year contracts instead", Removed: []string{"calendar.contract_years=3"}},
		{ID: "P3", Kind: "pattern", Threshold: 0.02, Above: true,
			Statement: "the show share of effort rises over the first five years by at least 0.02",
			Stat: func(r *sim.Result, f Frame) float64 {
				return valueAt(r, "show_effort_share", f.Start+4) - valueAt(r, "show_effort_share", f.Start)
			},
			Null: "null-no-learning", Sign: 1, Margin: 0.01, NullSets: []string{"agencies.learning=false"},
			Cause: "indicator-based acceptance: every acceptance audits substance", Removed: auditedSets},
		{ID: "P4", Kind: "pattern", Threshold: 0.5, Above: true,
			Statement: "elder-care funds are mostly won by suppliers other than professional agencies (from the first full-budget year)",
			Stat: func(r *sim.Result, f Frame) float64 {
				return awardFundsShare(r, f.Full, f.Last, "elder_home_care", func(a sim.Award) bool { return !a.Professional })
			},
			Null: "null-lottery", Sign: 1, Margin: 0.05, NullSets: lotterySets,
			Cause: "no supplier-type matching: award scores weigh the match of product and supplier",
			Removed: []string{"mechanisms.risk.enabled=true", "mechanisms.risk.intensity=1",
				"mechanisms.risk.detection_probability=0", "mechanisms.risk.tie_discount=0",
				"mechanisms.risk.process_control=0"}},
		{ID: "P5a", Kind: "pattern", Threshold: 0.5, Above: true,
			Statement: "winners repeat: at least half of each round's contracts go to the previous round's winners (from the first full-budget year)",
			Stat:      meanFrom("incumbency_rate"),
			Null:      "null-lottery", Sign: 1, Margin: 0.10, NullSets: lotterySets,
			Cause:   "relational purchasing: awards weigh neither reputation nor ties",
			Removed: []string{"government.weight_reputation=0", "government.weight_ties=0"}},
		{ID: "P5b", Kind: "pattern", Threshold: math.Log(1.2), Above: true,
			Statement: "multi-role agencies (三位一体) win more than their capacity, trust, type and city explain: award-regression coefficient β_MR at least log 1.2 (rounds from the first full-budget year)",
			Stat:      multiRoleFrom,
			Null:      "null-no-ties", Sign: 1, Margin: 0.20, NullSets: noTiesSets,
			Cause: "symbolic capital: ties carry no weight and directors' agencies get no tie bonus", Removed: noTiesSets},
		{ID: "P5c", Kind: "pattern", Threshold: 0, Above: true,
			Statement: "the multi-role advantage is amplified: the yearly growth of β_MR (multi-role × year term of the award regression, rounds from the first full-budget year) at least 0",
			Stat:      multiRoleGrowth,
			Null:      "null-no-ties", Sign: 1, Margin: 0.02, NullSets: noTiesSets,
			Cause: "symbolic capital: ties carry no weight and directors' agencies get no tie bonus", Removed: noTiesSets},
		{ID: "P6", Kind: "pattern", Threshold: 0.02, Above: false,
			Statement: "professionalisation slows: professional capacity in the final year minus five years after the start (burn-in) at most 0.02",
			Stat: func(r *sim.Result, f Frame) float64 {
				return valueAt(r, "professional_capacity", f.Last) - valueAt(r, "professional_capacity", f.Start+5)
			},
			Null: "null-audited", Sign: -1, Margin: 0.02, NullSets: auditedSets,
			Cause: "no training or university supervision: monthly training of 0.01",
			Removed: []string{"mechanisms.dynamics.enabled=true", "mechanisms.dynamics.intensity=1",
				"mechanisms.dynamics.purchase_share_boost=0", "mechanisms.dynamics.charity_multiplier=0",
				"mechanisms.dynamics.incubated_entries=0"}},
		{ID: "P7", Kind: "pattern", Threshold: 0.3, Above: false,
			Statement: "residents' participation stays low: at most 0.3 (mean from the first full-budget year)",
			Stat:      meanFrom("resident_participation"),
			Null:      "null-audited", Sign: -1, Margin: 0.02, NullSets: auditedSets,
			Cause: "services for show: every acceptance audits substance", Removed: auditedSets},
	}
}

// PerRun evaluates a statistic on every run.
func PerRun(rs []*sim.Result, f Frame, stat func(*sim.Result, Frame) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = stat(r, f)
	}
	return out
}

// awardShare is the share of awards of category cat in years (restricted to
// city when given) for which keep is true.
func awardShare(r *sim.Result, years []int, cat, city string, keep func(sim.Award) bool) float64 {
	n, k := 0, 0
	for _, a := range r.Awards {
		if a.Category != cat || (city != "" && a.City != city) || !slices.Contains(years, a.Year) {
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

// awardFundsShare is the share of category cat's funds awarded for the
// project years from..to to awards for which keep is true.
func awardFundsShare(r *sim.Result, from, to int, cat string, keep func(sim.Award) bool) float64 {
	var all, k float64
	for _, a := range r.Awards {
		if a.Category != cat || a.Year < from || a.Year > to {
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

// meanFrom is the mean of a metric from the first full-budget year on.
func meanFrom(metric string) func(*sim.Result, Frame) float64 {
	return func(r *sim.Result, f Frame) float64 { return meanYears(r, metric, f.Full, f.Last) }
}

// meanYears is the mean of a metric over the years from..to, skipping NaN.
func meanYears(r *sim.Result, metric string, from, to int) float64 {
	col := r.Column(metric)
	var a stats.Accumulator
	for i, y := range r.Years {
		if y >= from && y <= to {
			a.Add(col[i])
		}
	}
	return a.Summary().Mean
}

// valueAt is a metric's value in calendar year y (NaN when not simulated).
func valueAt(r *sim.Result, metric string, y int) float64 {
	col := r.Column(metric)
	for i, year := range r.Years {
		if year == y {
			return col[i]
		}
	}
	return math.NaN()
}
