package experiments

import (
	"strings"

	"cogov/experiments/design"
	"cogov/experiments/stats"
	"cogov/internal/csvfmt"
	"cogov/sim"
)

// LHSFile holds a Latin hypercube's regression-based sensitivity indices.
const LHSFile = "lhs.csv" // metric,factor,src,src_low,src_high,prcc,prcc_low,prcc_high,r2

// LHSRow is one row of lhs.csv.
type LHSRow struct {
	Metric, Factor string
	stats.LHSIndex
}

// lhs computes SRC and PRCC indices of every metric's final-year mean.
func (a *Analysis) lhs() {
	e := a.Exp
	unit := design.UnitPoints(e)
	if len(unit) != len(a.Final) {
		return
	}
	for j, metric := range a.Metrics {
		y := make([]float64, len(a.Final))
		for p := range y {
			y[p] = a.Final[p][j]
		}
		idx := stats.LHSIndices(unit, y, sim.Stream(e.Seed, a.bootSeed(metric)), e.Design.Bootstrap)
		for i, ix := range idx {
			a.LHS = append(a.LHS, LHSRow{metric, e.Factors[i].Name, ix})
		}
	}
}

// lhsCSV returns lhs.csv.
func (a *Analysis) lhsCSV() []byte {
	f := sim.FormatValue
	var b strings.Builder
	b.WriteString("metric,factor,src,src_low,src_high,prcc,prcc_low,prcc_high,r2\n")
	for _, r := range a.LHS {
		b.WriteString(csvfmt.Line(r.Metric, r.Factor, f(r.SRC), f(r.SRCLow), f(r.SRCHigh), f(r.PRCC), f(r.PRCCLow), f(r.PRCCHigh), f(r.R2)))
	}
	return []byte(b.String())
}
