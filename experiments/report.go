package experiments

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/mattn/go-runewidth"

	"cogov/sim"
)

// headlineMetrics are shown by WriteReport when the experiment records more
// metrics than fit: the dependence index and the seven indicators it
// averages.
var headlineMetrics = []string{
	"dependence_index", "gov_revenue_share", "service_continuity", "show_effort_share",
	"supply_mismatch", "incumbency_rate", "professional_capacity", "resident_participation",
}

// maxReportPoints is the largest design whose points WriteReport lists.
const maxReportPoints = 40

// ReportMetrics returns the metrics WriteReport shows by default: all of
// the experiment's if there are at most eight, else the headline ones.
func (a *Analysis) ReportMetrics() []string {
	if len(a.Metrics) <= len(headlineMetrics) {
		return a.Metrics
	}
	var out []string
	for _, m := range headlineMetrics {
		if slices.Contains(a.Metrics, m) {
			out = append(out, m)
		}
	}
	return out
}

// WriteReport writes readable tables of the analysis for the given metrics
// (nil: ReportMetrics): each point's mean and 95 % interval in a.Year, then
// the factorial effects or sensitivity indices.
func (a *Analysis) WriteReport(w io.Writer, metrics []string) {
	if metrics == nil {
		metrics = a.ReportMetrics()
	}
	m := a.Manifest
	fmt.Fprintf(w, "%s: %s design, %d points x %d replications, %d of %d runs; year %d\n",
		m.Experiment, m.Design, m.Points, m.Replications, a.Runs, m.Runs, a.Year)
	for _, warn := range a.Warnings {
		fmt.Fprintln(w, "warning:", warn)
	}
	info := map[string]sim.MetricInfo{}
	for _, mi := range sim.Metrics() {
		info[mi.Name] = mi
	}
	col := map[string]int{}
	for j, name := range a.Metrics {
		col[name] = j
	}
	a.writePoints(w)
	if len(a.Labels) > maxReportPoints {
		fmt.Fprintf(w, "\n%d points: their statistics are in %s\n", len(a.Labels), SummaryFile)
	} else {
		width := 5
		for _, l := range a.Labels {
			width = max(width, runewidth.StringWidth(l))
		}
		for _, name := range metrics {
			j := col[name]
			fmt.Fprintf(w, "\n%s (%s, %s)\n", name, orDash(info[name].Pattern), info[name].Unit)
			fmt.Fprintf(w, "  %5s  %-*s  %4s  %10s  %s\n", "point", width, "label", "n", "mean", "95% CI")
			for p, l := range a.Labels {
				s := a.Table[p][j]
				pad := strings.Repeat(" ", width-runewidth.StringWidth(l)) // terminal columns, not bytes
				fmt.Fprintf(w, "  %5d  %s%s  %4d  %10s  %s\n", p, l, pad, s.N, num(s.Mean), interval(s.CILow, s.CIHigh))
			}
		}
	}
	a.reportAnalyses(w, metrics)
}

// reportAnalyses writes the effects or sensitivity tables.
func (a *Analysis) reportAnalyses(w io.Writer, metrics []string) {
	shown := map[string]bool{}
	for _, m := range metrics {
		shown[m] = true
	}
	if len(a.Effects) > 0 {
		fmt.Fprintf(w, "\neffects on each run's final-year value (* : the 95%% CI excludes 0); all metrics in %s\n", EffectsFile)
		byMetric(w, a.Effects, shown, func(r MetricEffect) string { return r.Metric },
			func(r MetricEffect) string {
				return fmt.Sprintf("%s\n  %-24s  %10s  %s\n", r.Metric, "effect", "estimate", "95% CI")
			},
			func(r MetricEffect) string {
				return strings.TrimRight(fmt.Sprintf("  %-24s  %10s  %-24s%s", r.Name, num(r.Estimate), interval(r.CILow, r.CIHigh), star(r.CILow, r.CIHigh)), " ")
			})
	}
	if len(a.Morris) > 0 {
		fmt.Fprintf(w, "\nMorris elementary effects on the final-year mean (unit-scaled factors); all metrics in %s\n", MorrisFile)
		byMetric(w, a.Morris, shown, func(r MorrisRow) string { return r.Metric },
			func(r MorrisRow) string {
				return fmt.Sprintf("%s\n  %-24s  %10s  %10s  %10s  %s\n", r.Metric, "factor", "mu", "mu*", "sigma", "mu* 95% CI")
			},
			func(r MorrisRow) string {
				return fmt.Sprintf("  %-24s  %10s  %10s  %10s  %s", r.Factor, num(r.Mu), num(r.MuStar), num(r.Sigma), interval(r.MuStarLow, r.MuStarHigh))
			})
	}
	a.writeLHS(w, shown)
	if len(a.Sobol) > 0 {
		fmt.Fprintf(w, "\nSobol' indices of the final-year mean; all metrics in %s\n", SobolFile)
		byMetric(w, a.Sobol, shown, func(r SobolRow) string { return r.Metric },
			func(r SobolRow) string {
				return fmt.Sprintf("%s\n  %-24s  %8s  %-20s  %8s  %s\n", r.Metric, "factor", "S1", "S1 95% CI", "ST", "ST 95% CI")
			},
			func(r SobolRow) string {
				return fmt.Sprintf("  %-24s  %8s  %-20s  %8s  %s", r.Factor, num(r.S1), interval(r.S1Low, r.S1High), num(r.ST), interval(r.STLow, r.STHigh))
			})
	}
}

// byMetric prints rows grouped by metric: for each row of a shown metric,
// the metric's heading head(r) when the metric changes, then line(r) and a
// newline.
func byMetric[T any](w io.Writer, rows []T, shown map[string]bool, metric, head, line func(T) string) {
	last := ""
	for _, r := range rows {
		m := metric(r)
		if !shown[m] {
			continue
		}
		if m != last {
			fmt.Fprint(w, head(r))
			last = m
		}
		fmt.Fprintln(w, line(r))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// num formats a statistic with four significant digits.
func num(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	s := fmt.Sprintf("%.4g", v)
	if strings.Contains(s, "e") {
		return fmt.Sprintf("%.3e", v)
	}
	return s
}

func interval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "-"
	}
	return "[" + num(lo) + ", " + num(hi) + "]"
}

// star marks an interval that excludes zero.
func star(lo, hi float64) string {
	if lo > 0 || hi < 0 {
		return " *"
	}
	return ""
}
