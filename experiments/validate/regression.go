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

// Award regression columns: intercept, quality, trust, multi-role, then
// type and city-entry dummies.
const (
	colIntercept = iota
	colQuality
	colTrust
	colMultiRole
	fixedCols
)

// awardDesign builds the award regression's rows from the bids of the
// rounds whose year keep accepts: outcome 1 when the agency won a contract
// of the round.
func awardDesign(rs []*sim.Result, f Frame, keep func(year int) bool) (x, y []float64, cols int) {
	cols = fixedCols + max(f.Types-1, 0) + max(f.CityEntries-1, 0)
	for _, r := range rs {
		for _, b := range r.Bids {
			if !keep(b.Year) {
				continue
			}
			row := make([]float64, cols)
			row[colIntercept] = 1
			row[colQuality] = b.Quality
			row[colTrust] = b.Trust
			if b.MultiRole {
				row[colMultiRole] = 1
			}
			if b.Type < f.Types-1 {
				row[fixedCols+b.Type] = 1
			}
			if b.CityEntry < f.CityEntries-1 {
				row[fixedCols+f.Types-1+b.CityEntry] = 1
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

// MultiRoleFit is the multi-role coefficient of one award regression.
type MultiRoleFit struct {
	// Year is the project year of the rounds fitted (0 when several years
	// are pooled).
	Year int
	// Coef is β_MR in log-odds, Low and High its Wald 95 % interval; all NaN
	// when the regression is undefined.
	Coef, Low, High float64
	// Rows is the number of agency-rounds fitted.
	Rows int
}

// fitMultiRole fits the award regression on the bids of rs in the years
// keep accepts and returns β_MR.
func fitMultiRole(rs []*sim.Result, f Frame, keep func(int) bool) MultiRoleFit {
	nan := math.NaN()
	out := MultiRoleFit{Coef: nan, Low: nan, High: nan}
	x, y, cols := awardDesign(rs, f, keep)
	out.Rows = len(y)
	if len(y) == 0 {
		return out
	}
	x, kept := dropConstant(x, cols)
	mr := -1
	for j, old := range kept {
		if old == colMultiRole {
			mr = j
		}
	}
	if mr < 0 {
		return out // no multi-role agency, or only multi-role ones
	}
	l, err := stats.FitLogistic(x, len(kept), y, awardPenalty)
	if err != nil {
		return out
	}
	out.Coef = l.Coef[mr]
	out.Low, out.High = l.CI(mr)
	return out
}

// multiRoleFrom is the P5b statistic: β_MR of one run's rounds from year
// Full on.
func multiRoleFrom(r *sim.Result, f Frame) float64 {
	return fitMultiRole([]*sim.Result{r}, f, func(y int) bool { return y >= f.Full && y <= f.Last }).Coef
}

// multiRoleGrowth is the P5c statistic: β_MR over the last three years
// minus β_MR over the three years from Full.
func multiRoleGrowth(r *sim.Result, f Frame) float64 {
	early := fitMultiRole([]*sim.Result{r}, f, func(y int) bool { return y >= f.Full && y < f.Full+3 }).Coef
	late := fitMultiRole([]*sim.Result{r}, f, func(y int) bool { return y > f.Last-3 && y <= f.Last }).Coef
	return late - early
}

// YearlyMultiRole fits the award regression year by year on the rounds of
// every replication pooled: β_MR in each project year from Full on, to see
// whether the advantage is amplified.
func YearlyMultiRole(rs []*sim.Result, f Frame) []MultiRoleFit {
	var out []MultiRoleFit
	for y := f.Full; y <= f.Last; y++ {
		fit := fitMultiRole(rs, f, func(year int) bool { return year == y })
		fit.Year = y
		out = append(out, fit)
	}
	return out
}
