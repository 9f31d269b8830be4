// Package experiments provides the statistics, sampling designs and global
// sensitivity analyses used to run and analyse cogov simulation stats.
//
// Everything in this package is a pure function of its arguments (and of an
// explicitly passed random source); nothing here depends on the model.
//
// Designs are produced on the unit hypercube [0,1]^k and mapped to parameter
// ranges with Scale. The Morris screening method (MorrisTrajectories,
// MorrisIndices) and variance-based Sobol' indices (SaltelliMatrices,
// SobolIndices) are provided, together with summaries and confidence
// intervals for replicated runs (Summarize, Accumulator, DiffCI) and effect
// estimates for two-level full factorial designs (FactorialEffects).
// Package stats holds the statistics of sweeps and comparisons: Summary
// (mean, SD and Student-t CI), Accumulator (streaming), DiffCI (Welch),
// FactorialEffects, and the sensitivity estimators MorrisIndices and
// SobolIndices with bootstrap percentile CIs.
package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"golang.org/x/exp/stats"
	"gonum.org/v1/gonum/stat/distuv"
)

// Confidence is the two-sided confidence level used by every interval in
// this package.
const Confidence = 0.95

// tQuantile returns the (1+Confidence)/2 quantile of Student's t
// distribution with df degrees of freedom. df need not be an integer.
// It returns NaN if df is not positive or is NaN.
func tQuantile(df float64) float64 {
	if !(df > 0) {
		return math.NaN()
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	return t.Quantile(0.5 + Confidence/2)
}

// Summary describes a sample of a scalar response.
type Summary struct {
	// N is the number of non-NaN observations summarized.
	N int
	// Mean is the sample mean. It is NaN when N is zero.
	Mean float64
	// SD is the sample standard deviation with denominator N-1.
	// It is NaN when N < 2.
	SD float64
	// CILow and CIHigh bound the 95 % Student-t confidence interval of the
	// mean, Mean ± t_{0.975,N-1}·SD/√N. They are NaN when N < 2.
	CILow, CIHigh float64
}

// HalfWidth returns half the width of the confidence interval,
// (CIHigh-CILow)/2. It is NaN when the interval is undefined.
func (s Summary) HalfWidth() float64 { return (s.CIHigh - s.CILow) / 2 }

// String returns a compact human-readable form of s, such as
// "5.5 ± 2.166 (n=10)".
func (s Summary) String() string {
	return fmt.Sprintf("%.4g ± %.4g (n=%d)", s.Mean, s.HalfWidth(), s.N)
}

// summaryOf builds a Summary from a count, mean and sample variance.
func summaryOf(n int, mean, variance float64) Summary {
	s := Summary{N: n, Mean: mean, SD: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN()}
	if n == 0 {
		s.Mean = math.NaN()
		return s
	}
	if n < 2 {
		return s
	}
	s.SD = math.Sqrt(variance)
	h := tQuantile(float64(n-1)) * s.SD / math.Sqrt(float64(n))
	s.CILow, s.CIHigh = mean-h, mean+h
	return s
}

// Summarize returns the mean, standard deviation and 95 % Student-t
// confidence interval of the mean of xs. NaN elements of xs are skipped and
// are not counted in N. The two-pass algorithm is used for accuracy.
func Summarize(xs []float64) Summary {
	var n int
	var sum float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			n++
			sum += x
		}
	}
	if n == 0 {
		return summaryOf(0, 0, 0)
	}
	mean := sum / float64(n)
	var ss, comp float64
	for _, x := range xs {
		if !math.IsNaN(x) {
			d := x - mean
			ss += d * d
			comp += d
		}
	}
	var variance float64
	if n > 1 {
		// Corrected two-pass formula (Chan, Golub & LeVeque 1983).
		variance = (ss - comp*comp/float64(n)) / float64(n-1)
	}
	return summaryOf(n, mean, variance)
}

// Accumulator summarizes a stream of observations in O(1) memory using
// Welford's online algorithm. The zero value is an empty accumulator ready
// for use.
type Accumulator struct {
	n    int
	mean float64
	m2   float64
}

// Add adds the observation x to the accumulator. NaN values are ignored.
func (a *Accumulator) Add(x float64) {
	if math.IsNaN(x) {
		return
	}
	a.n++
	d := x - a.mean
	a.mean += d / float64(a.n)
	a.m2 += d * (x - a.mean)
}

// Merge adds all observations summarized by b to a, as if each had been
// passed to a.Add (Chan et al. parallel update). b is not modified.
func (a *Accumulator) Merge(b Accumulator) {
	if b.n == 0 {
		return
	}
	if a.n == 0 {
		*a = b
		return
	}
	n := a.n + b.n
	d := b.mean - a.mean
	a.mean += d * float64(b.n) / float64(n)
	a.m2 += b.m2 + d*d*float64(a.n)*float64(b.n)/float64(n)
	a.n = n
}

// N returns the number of observations added so far.
func (a *Accumulator) N() int { return a.n }

// Summary returns the Summary of the observations added so far, with the
// same conventions as Summarize.
func (a *Accumulator) Summary() Summary {
	var variance float64
	if a.n > 1 {
		variance = a.m2 / float64(a.n-1)
	}
	return summaryOf(a.n, a.mean, variance)
}

// DiffCI returns the difference of means mean(b) - mean(a) with its 95 %
// Welch confidence interval, which does not assume equal variances. The
// degrees of freedom are given by the Welch–Satterthwaite approximation.
// NaN elements are skipped.
//
// The fields of the returned Summary are reinterpreted: N is the total
// number of observations len(a)+len(b) (excluding NaNs), Mean is the
// difference of means and SD is the standard error of that difference,
// √(s_a²/n_a + s_b²/n_b). Mean is NaN if either sample is empty; SD and the
// interval are NaN unless both samples have at least two observations. If
// both samples have zero variance the interval collapses onto Mean.
func DiffCI(a, b []float64) Summary {
	sa, sb := Summarize(a), Summarize(b)
	d := Summary{N: sa.N + sb.N, Mean: sb.Mean - sa.Mean, SD: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN()}
	if sa.N < 2 || sb.N < 2 {
		return d
	}
	va := sa.SD * sa.SD / float64(sa.N)
	vb := sb.SD * sb.SD / float64(sb.N)
	se2 := va + vb
	d.SD = math.Sqrt(se2)
	if se2 == 0 {
		d.CILow, d.CIHigh = d.Mean, d.Mean
		return d
	}
	df := se2 * se2 / (va*va/float64(sa.N-1) + vb*vb/float64(sb.N-1))
	h := tQuantile(df) * d.SD
	d.CILow, d.CIHigh = d.Mean-h, d.Mean+h
	return d
}

// Effect is an estimated factorial effect with its 95 % confidence interval.
type Effect struct {
	// Name is the factor name for a main effect, or "A:B" for the two-way
	// interaction of factors A and B.
	Name string
	// Estimate is the effect estimate in response units.
	Estimate float64
	// CILow and CIHigh bound the 95 % t confidence interval of the effect.
	CILow, CIHigh float64
	// SE is the standard error of Estimate.
	SE float64
}

// FactorialEffects estimates the main effects and two-way interactions of a
// replicated two-level full factorial experiment in k = len(names) factors.
//
// cells must have length 2^k. cells[c] holds the replicate responses observed
// in cell c, where factor i is at its high ("on") level if bit i of c is set
// and at its low ("off") level otherwise; Grid with all levels equal to 2
// enumerates the cells in this order. NaN responses are skipped.
//
// With m_c the mean of cell c and s_i(c) = +1 if factor i is on in c and -1
// otherwise, the main effect of factor i is
//
//	E_i = 2^{1-k} Σ_c s_i(c) m_c,
//
// the mean response with i on minus the mean with i off, averaged with equal
// weight over the levels of the other factors. The two-way interaction of i
// and j is the standard contrast
//
//	E_ij = 2^{1-k} Σ_c s_i(c) s_j(c) m_c,
//
// which equals half the difference between the effect of i with j on and the
// effect of i with j off. The standard error of every effect is
// 2^{1-k} σ̂ √(Σ_c 1/n_c), where σ̂² is the pooled within-cell variance with
// df = (total observations) - 2^k degrees of freedom, and the confidence
// interval is Estimate ± t_{0.975,df}·SE. When df < 1 the estimates are
// returned with NaN SE and interval.
//
// The effects are returned in the order: the k main effects in factor order,
// then the k(k-1)/2 interactions (0,1), (0,2), ..., (1,2), ....
// An error is returned if k is zero or larger than 20, if len(cells) != 2^k,
// or if some cell has no non-NaN response.
func FactorialEffects(names []string, cells [][]float64) ([]Effect, error) {
	k := len(names)
	if k == 0 {
		return nil, errors.New("experiments: FactorialEffects needs at least one factor")
	}
	if k > 20 {
		return nil, fmt.Errorf("experiments: FactorialEffects: too many factors (%d)", k)
	}
	nc := 1 << k
	if len(cells) != nc {
		return nil, fmt.Errorf("experiments: FactorialEffects: got %d cells, want 2^%d = %d", len(cells), k, nc)
	}
	means := make([]float64, nc)
	var total int
	var ss, invN float64
	for c, ys := range cells {
		s := Summarize(ys)
		if s.N == 0 {
			return nil, fmt.Errorf("experiments: FactorialEffects: cell %d has no responses", c)
		}
		means[c] = s.Mean
		total += s.N
		invN += 1 / float64(s.N)
		if s.N > 1 {
			ss += s.SD * s.SD * float64(s.N-1)
		}
	}
	df := total - nc
	scale := 1 / float64(nc/2)
	se, t := math.NaN(), math.NaN()
	if df >= 1 {
		se = scale * math.Sqrt(ss/float64(df)*invN)
		t = tQuantile(float64(df))
	}
	effect := func(name string, sign func(c int) float64) Effect {
		var sum float64
		for c, m := range means {
			sum += sign(c) * m
		}
		e := Effect{Name: name, Estimate: scale * sum, SE: se}
		e.CILow, e.CIHigh = e.Estimate-t*se, e.Estimate+t*se
		return e
	}
	bit := func(c, i int) float64 {
		if c>>i&1 == 1 {
			return 1
		}
		return -1
	}
	out := make([]Effect, 0, k+k*(k-1)/2)
	for i := range k {
		out = append(out, effect(names[i], func(c int) float64 { return bit(c, i) }))
	}
	for i := range k {
		for j := i + 1; j < k; j++ {
			out = append(out, effect(names[i]+":"+names[j], func(c int) float64 { return bit(c, i) * bit(c, j) }))
		}
	}
	return out, nil
}

// percentileCI returns the empirical (2.5 %, 97.5 %) percentiles of xs,
// ignoring NaN values, by linear interpolation between order statistics
// (Hyndman & Fan type 7, x/exp/stats.Quantiles). It returns NaNs if xs
// holds no number. xs is modified (sorted in place, NaN removed).
func percentileCI(xs []float64) (lo, hi float64) {
	v := xs[:0]
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN()
	}
	sort.Float64s(v) // sorted input spares Quantiles a copy
	alpha := (1 - Confidence) / 2
	q := stats.Quantiles(v, alpha, 1-alpha)
	return q[0], q[1]
}

// intN returns a uniform random integer in [0, n) from rng, or from the
// global source if rng is nil (the bootstrap's resampling).
func intN(rng *rand.Rand, n int) int {
	if rng == nil {
		return rand.IntN(n)
	}
	return rng.IntN(n)
}

// PairedDiff summarises b[i] - a[i] over the pairs where both are defined
// (common random numbers: a[i] and b[i] come from the same seed and run):
// mean, standard deviation and 95 % Student-t interval of the differences,
// N the number of pairs used.
func PairedDiff(a, b []float64) Summary { return Summarize(PairedDiffs(a, b)) }

// PairedDiffs are the differences b[i] − a[i] of the pairs where neither
// is NaN, in order.
func PairedDiffs(a, b []float64) []float64 {
	d := make([]float64, 0, len(a))
	for i := range min(len(a), len(b)) {
		if !math.IsNaN(a[i]) && !math.IsNaN(b[i]) {
			d = append(d, b[i]-a[i])
		}
	}
	return d
}
