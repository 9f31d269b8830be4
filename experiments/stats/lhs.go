package stats

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// LHSIndex is one factor's sensitivity indices on one response of a
// Latin hypercube sample, with bootstrap 95 % intervals.
type LHSIndex struct {
	// SRC is the standardised regression coefficient: the change of the
	// response, in standard deviations, per standard deviation of the
	// factor, from a linear regression on every factor.
	SRC, SRCLow, SRCHigh float64
	// PRCC is the partial rank correlation coefficient: the correlation
	// of the ranks of factor and response once the ranks of the other
	// factors are regressed out (monotone, not only linear, effects).
	PRCC, PRCCLow, PRCCHigh float64
	// R2 is the share of the response's variance the linear regression
	// explains; low values warn that SRCs miss non-linear effects.
	R2 float64
}

// LHSIndices returns each factor's SRC and PRCC on y, the responses at the
// n rows of x (n x k factor values), with percentile intervals from boot
// resamples of the rows drawn from rng. Indices that the sample cannot
// give (fewer than k+2 rows, a constant factor or response) are NaN.
func LHSIndices(x [][]float64, y []float64, rng *rand.Rand, boot int) []LHSIndex {
	k := 0
	if len(x) > 0 {
		k = len(x[0])
	}
	out := make([]LHSIndex, k)
	src, r2 := regressionIndices(x, y)
	prcc := partialRankCorrelations(x, y)
	for i := range out {
		out[i] = LHSIndex{SRC: src[i], PRCC: prcc[i], R2: r2,
			SRCLow: math.NaN(), SRCHigh: math.NaN(), PRCCLow: math.NaN(), PRCCHigh: math.NaN()}
	}
	if boot <= 0 || len(y) == 0 {
		return out
	}
	bs, bp := make([][]float64, k), make([][]float64, k)
	xb, yb := make([][]float64, len(y)), make([]float64, len(y))
	for range boot {
		for r := range yb {
			j := intN(rng, len(y))
			xb[r], yb[r] = x[j], y[j]
		}
		s, _ := regressionIndices(xb, yb)
		p := partialRankCorrelations(xb, yb)
		for i := range k {
			bs[i] = append(bs[i], s[i])
			bp[i] = append(bp[i], p[i])
		}
	}
	for i := range out {
		out[i].SRCLow, out[i].SRCHigh = percentileCI(bs[i])
		out[i].PRCCLow, out[i].PRCCHigh = percentileCI(bp[i])
	}
	return out
}

// nanSlice returns k NaNs.
func nanSlice(k int) []float64 {
	out := make([]float64, k)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

// standardize returns (v - mean) / sd, or false for a constant or
// non-finite v.
func standardize(v []float64) ([]float64, bool) {
	mean, sd := stat.MeanStdDev(v, nil)
	if !(sd > 0) || math.IsNaN(mean) || math.IsInf(mean, 0) {
		return nil, false
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = (x - mean) / sd
	}
	return out, true
}

// column returns column i of x.
func column(x [][]float64, i int) []float64 {
	out := make([]float64, len(x))
	for r := range x {
		out[r] = x[r][i]
	}
	return out
}

// regressionIndices regresses the standardised y on the standardised
// columns of x and returns the coefficients (the SRCs) and R².
func regressionIndices(x [][]float64, y []float64) ([]float64, float64) {
	n := len(y)
	k := 0
	if n > 0 {
		k = len(x[0])
	}
	zy, ok := standardize(y)
	if !ok || n < k+2 {
		return nanSlice(k), math.NaN()
	}
	X := mat.NewDense(n, k, nil)
	for i := range k {
		zc, ok := standardize(column(x, i))
		if !ok {
			return nanSlice(k), math.NaN()
		}
		X.SetCol(i, zc)
	}
	var beta mat.VecDense
	if err := beta.SolveVec(X, mat.NewVecDense(n, zy)); err != nil {
		return nanSlice(k), math.NaN()
	}
	var fit mat.VecDense
	fit.MulVec(X, &beta)
	ss := 0.0
	for r := range n {
		d := zy[r] - fit.AtVec(r)
		ss += d * d
	}
	out := make([]float64, k)
	for i := range out {
		out[i] = beta.AtVec(i)
	}
	return out, 1 - ss/float64(n-1)
}

// ranks returns the ranks (1..n, ties averaged) of v.
func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	out := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		r := float64(i+j)/2 + 1
		for m := i; m <= j; m++ {
			out[idx[m]] = r
		}
		i = j + 1
	}
	return out
}

// residuals returns what is left of v after its least-squares fit on the
// columns cols and an intercept.
func residuals(v []float64, cols [][]float64) ([]float64, bool) {
	n := len(v)
	X := mat.NewDense(n, len(cols)+1, nil)
	for r := range n {
		X.Set(r, 0, 1)
	}
	for i, c := range cols {
		X.SetCol(i+1, c)
	}
	var beta, fit mat.VecDense
	if err := beta.SolveVec(X, mat.NewVecDense(n, v)); err != nil {
		return nil, false
	}
	fit.MulVec(X, &beta)
	out := make([]float64, n)
	for r := range out {
		out[r] = v[r] - fit.AtVec(r)
	}
	return out, true
}

// partialRankCorrelations returns the PRCC of every column of x with y.
func partialRankCorrelations(x [][]float64, y []float64) []float64 {
	n := len(y)
	k := 0
	if n > 0 {
		k = len(x[0])
	}
	out := nanSlice(k)
	if n < k+2 {
		return out
	}
	ry := ranks(y)
	rx := make([][]float64, k)
	for i := range rx {
		rx[i] = ranks(column(x, i))
	}
	for i := range k {
		var others [][]float64
		for j := range k {
			if j != i {
				others = append(others, rx[j])
			}
		}
		ex, ok1 := residuals(rx[i], others)
		ey, ok2 := residuals(ry, others)
		if !ok1 || !ok2 {
			continue
		}
		if _, sx := stat.MeanStdDev(ex, nil); !(sx > 1e-12) {
			continue
		}
		if _, sy := stat.MeanStdDev(ey, nil); !(sy > 1e-12) {
			continue
		}
		out[i] = stat.Correlation(ex, ey, nil)
	}
	return out
}
