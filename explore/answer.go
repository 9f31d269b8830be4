package explore

import (
	"bytes"
	"strconv"

	"cogov/experiments"
	"cogov/experiments/stats"
	"cogov/plots"
	"cogov/scenarios"
	"cogov/sim"
)

// KeyMetrics are the metrics the explorer draws and tabulates.
var KeyMetrics = []string{
	"dependence_index", "gov_revenue_share", "service_continuity",
	"show_effort_share", "professional_capacity", "resident_participation",
}

// changedLabel names the changed scenario in figures and tables.
const changedLabel = "changed"

// answer is the reply to /api/run.
type answer struct {
	// SVG is the figure: the key metrics over time, starting and changed
	// scenario, with 95 % CI bands.
	SVG string `json:"svg"`
	// Rows are the final-year table of the key metrics.
	Rows []row `json:"rows"`
	// Changes are the parameters that differ from the start.
	Changes []scenarios.Change `json:"changes"`
	Reps    int                `json:"reps"`
	Seed    uint64             `json:"seed"`
	Start   string             `json:"start"`
	Year    int                `json:"year"`
}

// row is one metric's final-year means and difference with 95 % CIs.
type row struct {
	Metric  string `json:"metric"`
	Unit    string `json:"unit"`
	Start   string `json:"start"`
	Changed string `json:"changed"`
	Diff    string `json:"diff"`
	// Sig is true when the difference's interval excludes zero.
	Sig bool `json:"sig"`
}

// answer draws and tabulates the replications of the start (base) and
// the changed scenario as cogov compare does: replication r of both uses
// random stream r, so differences have a paired interval, and the
// intervals of shares are cut to [0, 1].
func (s *Server) answer(base, res []*sim.Result, changes []scenarios.Change) (*answer, error) {
	labels := []string{s.start.Name, changedLabel}
	if s.start.Name == changedLabel {
		labels[0] = changedLabel + " (start)"
	}
	c := &experiments.Comparison{Labels: labels, Metrics: sim.MetricNames(), Seed: s.start.Seed, Reps: s.cfg.Reps,
		Results: [][]*sim.Result{base, res}}
	index := map[string]int{}
	for j, m := range c.Metrics {
		index[m] = j
	}
	sum := &plots.Summary{Path: "explorer"}
	for p, runs := range c.Results {
		for k, y := range runs[0].Years {
			for _, m := range KeyMetrics {
				st := c.Summary(p, k, index[m])
				sum.Rows = append(sum.Rows, plots.SummaryRow{Point: p, Label: labels[p], Year: float64(y), Metric: m,
					N: st.N, Mean: st.Mean, SD: st.SD, CILow: st.CILow, CIHigh: st.CIHigh})
			}
		}
	}
	opt := s.cfg.Figures
	opt.Labels, opt.Format, opt.Title = labels, plots.SVG, labels[0]+" vs "+changedLabel
	fig, err := plots.TimeSeriesPanels(sum, opt)
	if err != nil {
		return nil, err
	}
	var svg bytes.Buffer
	if err := fig.Render(&svg, plots.SVG, 0); err != nil {
		return nil, err
	}
	a := &answer{SVG: plots.InlineSVG(svg.Bytes(), ""), Changes: changes, Reps: s.cfg.Reps, Seed: s.start.Seed, Start: s.start.Name}
	a.Year = c.FinalYear(1)
	kb, kc := len(base[0].Years)-1, len(res[0].Years)-1
	for _, m := range KeyMetrics {
		j := index[m]
		sx, sy, d := c.Summary(0, kb, j), c.Summary(1, kc, j), c.Diff(1, j)
		a.Rows = append(a.Rows, row{Metric: m, Unit: opt.Metrics[m].Unit, Start: ci(sx), Changed: ci(sy), Diff: ci(d),
			Sig: d.CILow > 0 || d.CIHigh < 0})
	}
	return a, nil
}

// ci writes a mean and its 95 % CI.
func ci(s stats.Summary) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
	return f(s.Mean) + " [" + f(s.CILow) + ", " + f(s.CIHigh) + "]"
}
