package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// SobolIndex holds the variance-based sensitivity indices of one factor.
type SobolIndex struct {
	// S1 is the first-order index: the fraction of the output variance
	// explained by the factor alone, V[E(Y|X_i)]/V(Y).
	S1 float64
	// S1Low and S1High bound the 95 % bootstrap percentile confidence
	// interval of S1. They are NaN if no bootstrap was requested.
	S1Low, S1High float64
	// ST is the total-effect index: the expected fraction of the variance
	// that remains when all other factors are fixed, E[V(Y|X_~i)]/V(Y),
	// which includes all interactions involving the factor.
	ST float64
	// STLow and STHigh bound the 95 % bootstrap percentile confidence
	// interval of ST. They are NaN if no bootstrap was requested.
	STLow, STHigh float64
}

// SobolIndices estimates the first-order and total-effect Sobol' indices of
// k = len(yABi) factors from model responses on the matrices returned by
// SaltelliMatrices: yA[r] and yB[r] are the responses at rows r of A and B,
// and yABi[i][r] the response at row r of ABi[i]. All slices must have the
// same length N.
//
// With V the variance (denominator 2N) of the 2N responses yA and yB, the
// first-order index uses the estimator of Saltelli et al. (2010, table 2 (b))
//
//	S1_i = (1/N) Σ_r yB[r]·(yABi[i][r] - yA[r]) / V,
//
// and the total-effect index that of Jansen (1999) (Saltelli et al. 2010,
// table 2 (f))
//
//	ST_i = (1/(2N)) Σ_r (yA[r] - yABi[i][r])² / V.
//
// Both are consistent; with finite N, S1 can be slightly negative and the
// indices need not sum to one. A row r is used only if yA[r], yB[r] and every
// yABi[i][r] are finite, so failed runs reported as NaN drop out together.
//
// If boot > 0, the confidence intervals are the 2.5 and 97.5 percentiles of
// the estimates over boot bootstrap replicates, each resampling the usable
// rows with replacement using rng (the global source of math/rand/v2 if rng
// is nil). With quasi-random (Sobol') base samples these intervals tend to be
// conservative, because the bootstrap treats the rows as independent random
// draws.
//
// SobolIndices panics if the slices have different lengths. All indices are
// NaN if fewer than two rows are usable or the output variance is zero.
func SobolIndices(yA, yB []float64, yABi [][]float64, rng *rand.Rand, boot int) []SobolIndex {
	n := len(yA)
	if len(yB) != n {
		panic("experiments: SobolIndices: len(yB) != len(yA)")
	}
	for i, y := range yABi {
		if len(y) != n {
			panic(fmt.Sprintf("experiments: SobolIndices: len(yABi[%d]) = %d, want %d", i, len(y), n))
		}
	}
	k := len(yABi)
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	rows := make([]int, 0, n)
rowLoop:
	for r := range n {
		if !finite(yA[r]) || !finite(yB[r]) {
			continue
		}
		for i := range k {
			if !finite(yABi[i][r]) {
				continue rowLoop
			}
		}
		rows = append(rows, r)
	}

	out := make([]SobolIndex, k)
	s1 := make([]float64, k)
	st := make([]float64, k)
	sobolEstimate(yA, yB, yABi, rows, s1, st)
	for i := range out {
		out[i] = SobolIndex{
			S1: s1[i], S1Low: math.NaN(), S1High: math.NaN(),
			ST: st[i], STLow: math.NaN(), STHigh: math.NaN(),
		}
	}
	if boot <= 0 || len(rows) == 0 {
		return out
	}

	bs1 := make([][]float64, k)
	bst := make([][]float64, k)
	for i := range k {
		bs1[i] = make([]float64, boot)
		bst[i] = make([]float64, boot)
	}
	sample := make([]int, len(rows))
	for b := range boot {
		for j := range sample {
			sample[j] = rows[intN(rng, len(rows))]
		}
		sobolEstimate(yA, yB, yABi, sample, s1, st)
		for i := range k {
			bs1[i][b], bst[i][b] = s1[i], st[i]
		}
	}
	for i := range out {
		out[i].S1Low, out[i].S1High = percentileCI(bs1[i])
		out[i].STLow, out[i].STHigh = percentileCI(bst[i])
	}
	return out
}

// sobolEstimate computes the Saltelli first-order and Jansen total-effect
// estimates over the given rows (which may repeat) and stores them in s1 and
// st. The estimates are NaN if fewer than two rows are given or the output
// variance is zero.
func sobolEstimate(yA, yB []float64, yABi [][]float64, rows []int, s1, st []float64) {
	m := float64(len(rows))
	var sum float64
	for _, r := range rows {
		sum += yA[r] + yB[r]
	}
	mean := sum / (2 * m)
	var ss float64
	for _, r := range rows {
		da, db := yA[r]-mean, yB[r]-mean
		ss += da*da + db*db
	}
	v := ss / (2 * m)
	if len(rows) < 2 || !(v > 0) {
		for i := range s1 {
			s1[i], st[i] = math.NaN(), math.NaN()
		}
		return
	}
	for i, yi := range yABi {
		var f, t float64
		for _, r := range rows {
			f += yB[r] * (yi[r] - yA[r])
			d := yA[r] - yi[r]
			t += d * d
		}
		s1[i] = f / m / v
		st[i] = t / (2 * m) / v
	}
}

// CentredSobolIndices is SobolIndices on responses less the mean of yA and
// yB, as SALib does: the first-order estimator is not shift-invariant, and
// its error grows with the mean of the response. The slices are modified.
func CentredSobolIndices(yA, yB []float64, yABi [][]float64, rng *rand.Rand, boot int) []SobolIndex {
	var acc Accumulator
	for r := range yA {
		acc.Add(yA[r])
		acc.Add(yB[r])
	}
	mean := acc.Summary().Mean
	for _, y := range append([][]float64{yA, yB}, yABi...) {
		for r := range y {
			y[r] -= mean
		}
	}
	return SobolIndices(yA, yB, yABi, rng, boot)
}
