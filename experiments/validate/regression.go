package validate

import (
	"math"

	"cogov/experiments/stats"
	"cogov/sim"
)

// Regression penalty on the slopes of the award regression (docs/ODD.md
// 7.11): small enough not to move a fit with data, large enough to keep
// perfect separation finite.
const awardPenalty = 1e-4

// maxSE is the largest standard error a coefficient of interest may have:
// a larger one means the outcome (nearly) separates on the rows, and the
// penalised estimate says nothing (docs/ODD.md 7.11).
const maxSE = 5

// Award regression columns: intercept, quality, trust, multi-role, then
// (with a trend) multi-role × (year - first full-budget year), then type
// and city-entry dummies.
const (
	colIntercept = iota
	colQuality
	colTrust
	colMultiRole
	colTrend
)

// awardDesign builds the award regression's rows from the bids of the
// rounds whose year keep accepts, one per agency that bid for at least one
// project (one that did not bid cannot win): outcome 1 when it won a
// contract of the round.
func awardDesign(rs []*sim.Result, f Frame, keep func(year int) bool, trend bool) (x, y []float64, cols int) {
	first := colTrend
	if trend {
		first++
	}
	cols = first + max(f.Types-1, 0) + max(f.CityEntries-1, 0)
	for _, r := range rs {
		for _, b := range r.Bids {
			if !keep(b.Year) || b.Bids == 0 {
				continue
			}
			row := make([]float64, cols)
			row[colIntercept] = 1
			row[colQuality] = b.Quality
			row[colTrust] = b.Trust
			if b.MultiRole {
				row[colMultiRole] = 1
				if trend {
					row[colTrend] = float64(b.Year - f.Full)
				}
			}
			if b.Type < f.Types-1 {
				row[first+b.Type] = 1
			}
			if b.CityEntry < f.CityEntries-1 {
				row[first+f.Types-1+b.CityEntry] = 1
			}
			x = append(x, row...)
			won := 0.0
			if b.Wins > 0 {
				won = 1
			}
			y = append(y, won)
		}
	}
	return x, y, cols
}

// dropConstant removes the columns (other than the intercept) that do not
// vary over the rows: a type or city absent from them, which the
// likelihood cannot identify. It returns the kept columns' old indices.
func dropConstant(x []float64, cols int) ([]float64, []int) {
	n := len(x) / cols
	keep := []int{colIntercept}
	for j := 1; j < cols; j++ {
		for i := 1; i < n; i++ {
			if x[i*cols+j] != x[j] {
				keep = append(keep, j)
				break
			}
		}
	}
	if len(keep) == cols {
		return x, keep
	}
	out := make([]float64, 0, n*len(keep))
	for i := range n {
		for _, j := range keep {
			out = append(out, x[i*cols+j])
		}
	}
	return out, keep
}

// MultiRoleFit is one coefficient of an award regression: β_MR, or its
// yearly trend.
type MultiRoleFit struct {
	// Year is the project year of the rounds fitted (0 when several years
	// are pooled).
	Year int
	// Coef is the coefficient in log-odds (per year for the trend), Low and
	// High its Wald 95 % interval; all NaN when the regression is undefined.
	Coef, Low, High float64
	// Rows is the number of agency-rounds fitted.
	Rows int
}

// fitAward fits the award regression on the bids of rs in the years keep
// accepts and returns the coefficient of column col (colMultiRole, or
// colTrend, which adds the trend column). The fit is undefined when the column does not vary,
// the optimiser fails, or its standard error exceeds maxSE.
func fitAward(rs []*sim.Result, f Frame, keep func(int) bool, col int) MultiRoleFit {
	trend := col == colTrend
	nan := math.NaN()
	out := MultiRoleFit{Coef: nan, Low: nan, High: nan}
	x, y, cols := awardDesign(rs, f, keep, trend)
	out.Rows = len(y)
	if len(y) == 0 {
		return out
	}
	x, kept := dropConstant(x, cols)
	at := -1
	for j, old := range kept {
		if old == col {
			at = j
		}
	}
	if at < 0 {
		return out // no multi-role agency, or only multi-role ones
	}
	l, err := stats.FitLogistic(x, len(kept), y, awardPenalty)
	if err != nil || l.SE[at] > maxSE {
		return out
	}
	out.Coef = l.Coef[at]
	out.Low, out.High = l.CI(at)
	return out
}

// fromFull accepts the project years from the first full-budget year to
// the last simulated one.
func fromFull(f Frame) func(int) bool {
	return func(y int) bool { return y >= f.Full && y <= f.Last }
}

// multiRoleFrom is the P5b statistic: β_MR of one run's rounds from year
// Full to Last.
func multiRoleFrom(r *sim.Result, f Frame) float64 {
	return fitAward([]*sim.Result{r}, f, fromFull(f), colMultiRole).Coef
}

// multiRoleGrowth is the P5c statistic: the yearly trend of β_MR, the
// coefficient of multi-role × (year - Full) in one regression of one run's
// rounds from Full to Last.
func multiRoleGrowth(r *sim.Result, f Frame) float64 {
	return fitAward([]*sim.Result{r}, f, fromFull(f), colTrend).Coef
}

// YearlyMultiRole fits the award regression year by year on the rounds of
// every replication pooled: β_MR in each project year from Full on, to see
// whether the advantage is amplified.
func YearlyMultiRole(rs []*sim.Result, f Frame) []MultiRoleFit {
	var out []MultiRoleFit
	for y := f.Full; y <= f.Last; y++ {
		fit := fitAward(rs, f, func(year int) bool { return year == y }, colMultiRole)
		fit.Year = y
		out = append(out, fit)
	}
	return out
}
