package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func TestTQuantile(t *testing.T) {
	// Two-sided 95 % critical values from standard t tables.
	for _, tc := range []struct {
		df, want float64
	}{
		{1, 12.706},
		{2, 4.303},
		{9, 2.262},
		{29, 2.045},
		{120, 1.980},
		{1e9, 1.960},
	} {
		if got := tQuantile(tc.df); !near(got, tc.want, 5e-4) {
			t.Errorf("tQuantile(%v) = %v, want %v", tc.df, got, tc.want)
		}
	}
	if got := tQuantile(0); !math.IsNaN(got) {
		t.Errorf("tQuantile(0) = %v, want NaN", got)
	}
}

func TestSummarize(t *testing.T) {
	nan := math.NaN()
	// 1..10: mean 5.5, variance 110/12, t_{0.975,9} = 2.262157.
	sd10 := math.Sqrt(110.0 / 12)
	h10 := 2.2621571627 * sd10 / math.Sqrt(10)
	// {2,4,4,4,5,5,7,9}: mean 5, variance 32/7, t_{0.975,7} = 2.364624.
	sd8 := math.Sqrt(32.0 / 7)
	h8 := 2.3646242516 * sd8 / math.Sqrt(8)
	for _, tc := range []struct {
		name string
		xs   []float64
		want Summary
	}{
		{"empty", nil, Summary{0, nan, nan, nan, nan}},
		{"all NaN", []float64{nan, nan}, Summary{0, nan, nan, nan, nan}},
		{"one", []float64{3}, Summary{1, 3, nan, nan, nan}},
		{"one and NaN", []float64{nan, 3}, Summary{1, 3, nan, nan, nan}},
		{"constant", []float64{2, 2, 2}, Summary{3, 2, 0, 2, 2}},
		{"1..10", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Summary{10, 5.5, sd10, 5.5 - h10, 5.5 + h10}},
		{"1..10 with NaN", []float64{1, 2, nan, 3, 4, 5, 6, 7, 8, 9, 10, nan}, Summary{10, 5.5, sd10, 5.5 - h10, 5.5 + h10}},
		{"eight", []float64{2, 4, 4, 4, 5, 5, 7, 9}, Summary{8, 5, sd8, 5 - h8, 5 + h8}},
	} {
		got := Summarize(tc.xs)
		if got.N != tc.want.N || !near(got.Mean, tc.want.Mean, 1e-12) || !near(got.SD, tc.want.SD, 1e-12) ||
			!near(got.CILow, tc.want.CILow, 1e-8) || !near(got.CIHigh, tc.want.CIHigh, 1e-8) {
			t.Errorf("%s: Summarize = %+v, want %+v", tc.name, got, tc.want)
		}
	}
	// Hand-computed interval for 1..10: 5.5 ± 2.1659.
	s := Summarize([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	if !near(s.CILow, 3.3341, 1e-4) || !near(s.CIHigh, 7.6659, 1e-4) {
		t.Errorf("1..10 interval = [%v, %v], want [3.3341, 7.6659]", s.CILow, s.CIHigh)
	}
}

func TestAccumulatorMatchesTwoPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 1000} {
		xs := make([]float64, n)
		var acc Accumulator
		for i := range xs {
			// A large offset makes the naive sum-of-squares formula fail.
			xs[i] = 1e8 + rng.NormFloat64()*3
			if i%7 == 3 {
				xs[i] = math.NaN()
			}
			acc.Add(xs[i])
		}
		want, got := Summarize(xs), acc.Summary()
		if got.N != want.N || acc.N() != want.N || !near(got.Mean, want.Mean, 1e-6) || !near(got.SD, want.SD, 1e-6) ||
			!near(got.CILow, want.CILow, 1e-6) || !near(got.CIHigh, want.CIHigh, 1e-6) {
			t.Errorf("n=%d: Accumulator = %+v, two-pass = %+v", n, got, want)
		}
		// Merging two halves equals the whole.
		var a, b Accumulator
		for i, x := range xs {
			if i < n/3 {
				a.Add(x)
			} else {
				b.Add(x)
			}
		}
		a.Merge(b)
		if m := a.Summary(); m.N != want.N || !near(m.Mean, want.Mean, 1e-6) || !near(m.SD, want.SD, 1e-6) {
			t.Errorf("n=%d: merged = %+v, want %+v", n, m, want)
		}
	}
}

func TestDiffCI(t *testing.T) {
	// a: mean 2, var 1 (n=3); b: mean 6, var 4 (n=3).
	a := []float64{1, 2, 3}
	b := []float64{4, 6, 8}
	// se² = 1/3 + 4/3 = 5/3; df = (5/3)² / ((1/3)²/2 + (4/3)²/2) = 50/17.
	se := math.Sqrt(5.0 / 3)
	df := 50.0 / 17
	h := tQuantile(df) * se
	got := DiffCI(a, b)
	if got.N != 6 || !near(got.Mean, 4, 1e-12) || !near(got.SD, se, 1e-12) ||
		!near(got.CILow, 4-h, 1e-9) || !near(got.CIHigh, 4+h, 1e-9) {
		t.Errorf("DiffCI = %+v, want mean 4, se %v, ±%v", got, se, h)
	}
	// df ≈ 2.94 gives a critical value between t_2 = 4.303 and t_3 = 3.182.
	if q := tQuantile(df); !(q > 3.182 && q < 4.303) {
		t.Errorf("t quantile at df %v = %v", df, q)
	}
	if d := DiffCI([]float64{1}, b); !math.IsNaN(d.SD) || !math.IsNaN(d.CILow) || d.Mean != 5 {
		t.Errorf("DiffCI with n_a=1 = %+v, want NaN interval", d)
	}
	if d := DiffCI([]float64{1, 1}, []float64{3, 3}); d.CILow != 2 || d.CIHigh != 2 {
		t.Errorf("DiffCI of constants = %+v, want [2, 2]", d)
	}
}

// TestIntervalCoverage checks that the 95 % intervals of Summarize and
// DiffCI cover the true value in about 95 % of repeated normal samples
// (2000 repetitions: binomial SD of the coverage is 0.5 %).
func TestIntervalCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const reps = 2000
	var mean, diff int
	a := make([]float64, 5)
	b := make([]float64, 12)
	for range reps {
		for i := range a {
			a[i] = 1 + rng.NormFloat64()
		}
		for i := range b {
			b[i] = 1.5 + 4*rng.NormFloat64()
		}
		if s := Summarize(a); s.CILow <= 1 && 1 <= s.CIHigh {
			mean++
		}
		if d := DiffCI(a, b); d.CILow <= 0.5 && 0.5 <= d.CIHigh {
			diff++
		}
	}
	for name, c := range map[string]int{"Summarize": mean, "DiffCI": diff} {
		if p := float64(c) / reps; p < 0.93 || p > 0.97 {
			t.Errorf("%s coverage = %.3f, want 0.95 ± 0.02", name, p)
		}
	}
}

// factorialTruth is y = 2A - B + 0.5AB with factors coded 0 (off) / 1 (on)
// and a third, inert factor C. Its effects are A = 2.25, B = -0.75,
// C = 0, A:B = 0.25, A:C = 0, B:C = 0.
func factorialTruth(c int) float64 {
	a, b := float64(c&1), float64(c>>1&1)
	return 2*a - b + 0.5*a*b
}

var factorialWant = []struct {
	name string
	est  float64
}{
	{"A", 2.25}, {"B", -0.75}, {"C", 0}, {"A:B", 0.25}, {"A:C", 0}, {"B:C", 0},
}

func TestFactorialEffectsExact(t *testing.T) {
	cells := make([][]float64, 8)
	for c := range cells {
		cells[c] = []float64{factorialTruth(c), factorialTruth(c)}
	}
	got, err := FactorialEffects([]string{"A", "B", "C"}, cells)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(factorialWant) {
		t.Fatalf("got %d effects, want %d", len(got), len(factorialWant))
	}
	for i, w := range factorialWant {
		g := got[i]
		if g.Name != w.name || !near(g.Estimate, w.est, 1e-12) || g.SE != 0 || g.CILow != g.Estimate || g.CIHigh != g.Estimate {
			t.Errorf("effect %d = %+v, want %s = %v with zero SE", i, g, w.name, w.est)
		}
	}
}

func TestFactorialEffectsNoisy(t *testing.T) {
	const sigma, reps = 0.5, 6
	rng := rand.New(rand.NewPCG(5, 6))
	draw := func() [][]float64 {
		cells := make([][]float64, 8)
		for c := range cells {
			for range reps {
				cells[c] = append(cells[c], factorialTruth(c)+sigma*rng.NormFloat64())
			}
		}
		return cells
	}
	// One draw: the SE equals the theoretical 2^{1-k}·σ·√(Σ 1/n_c) =
	// σ/4·√(8/6) ≈ 0.144 within 25 %, every estimate is within 3.5 SE of
	// the truth, and at least 5 of the 6 95 % intervals cover it (all 6 cover
	// only with probability 0.95^6 ≈ 0.74; the coverage loop below checks
	// the calibration properly).
	got, err := FactorialEffects([]string{"A", "B", "C"}, draw())
	if err != nil {
		t.Fatal(err)
	}
	wantSE := sigma / 4 * math.Sqrt(8.0/reps)
	covered := 0
	for i, w := range factorialWant {
		g := got[i]
		if g.Name != w.name || math.Abs(g.Estimate-w.est) > 3.5*g.SE {
			t.Errorf("%s: %+v is far from %v", w.name, g, w.est)
		}
		if g.CILow <= w.est && w.est <= g.CIHigh {
			covered++
		}
		if math.Abs(g.SE/wantSE-1) > 0.25 {
			t.Errorf("%s: SE %v, want ≈ %v", w.name, g.SE, wantSE)
		}
		if g.CIHigh-g.CILow > 0.8 {
			t.Errorf("%s: interval [%v, %v] too wide", w.name, g.CILow, g.CIHigh)
		}
	}
	if covered < 5 {
		t.Errorf("only %d of 6 intervals cover the true effect: %+v", covered, got)
	}
	// Coverage over repeated experiments is close to 95 % for every effect.
	const trials = 400
	cover := make([]int, len(factorialWant))
	for range trials {
		eff, _ := FactorialEffects([]string{"A", "B", "C"}, draw())
		for i, w := range factorialWant {
			if eff[i].CILow <= w.est && w.est <= eff[i].CIHigh {
				cover[i]++
			}
		}
	}
	for i, c := range cover {
		if p := float64(c) / trials; p < 0.91 || p > 0.99 {
			t.Errorf("%s coverage = %.3f, want 0.95 ± 0.04", factorialWant[i].name, p)
		}
	}
}

func TestFactorialEffectsErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		names []string
		cells [][]float64
	}{
		{"no factors", nil, [][]float64{{1}}},
		{"wrong cell count", []string{"A", "B"}, [][]float64{{1}, {2}, {3}}},
		{"empty cell", []string{"A"}, [][]float64{{1, 2}, {}}},
		{"NaN-only cell", []string{"A"}, [][]float64{{1, 2}, {math.NaN()}}},
	} {
		if _, err := FactorialEffects(tc.names, tc.cells); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	// Unreplicated design: estimates but no interval.
	eff, err := FactorialEffects([]string{"A"}, [][]float64{{1}, {4}})
	if err != nil || eff[0].Estimate != 3 || !math.IsNaN(eff[0].SE) || !math.IsNaN(eff[0].CILow) {
		t.Errorf("unreplicated: %+v, %v", eff, err)
	}
}

func TestPercentileCI(t *testing.T) {
	xs := make([]float64, 0, 102)
	for i := 100; i >= 0; i-- {
		xs = append(xs, float64(i))
	}
	xs = append(xs, math.NaN())
	lo, hi := percentileCI(xs)
	if lo != 2.5 || hi != 97.5 {
		t.Errorf("percentileCI(0..100) = %v, %v, want 2.5, 97.5", lo, hi)
	}
	if lo, hi := percentileCI([]float64{math.NaN()}); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("percentileCI(NaN) = %v, %v", lo, hi)
	}
}

// PairedDiff: the differences' mean, SD and t interval; identical samples
// differ by exactly 0 with a zero-width interval; NaN pairs are skipped.
func TestPairedDiff(t *testing.T) {
	a := []float64{1, 2, 3, 4}
	b := []float64{1.5, 2.4, 3.6, 4.5} // differences 0.5, 0.4, 0.6, 0.5
	d := PairedDiff(a, b)
	if math.Abs(d.Mean-0.5) > 1e-12 || d.N != 4 {
		t.Errorf("mean %g n %d, want 0.5 and 4", d.Mean, d.N)
	}
	// sd of the differences is sqrt(0.02/3); the half-width t(3) = 3.182 times sd/2.
	sd := math.Sqrt(0.02 / 3)
	if math.Abs(d.SD-sd) > 1e-12 || math.Abs(d.CIHigh-d.Mean-3.182446305284263*sd/2) > 1e-9 {
		t.Errorf("sd %g ci [%g, %g]", d.SD, d.CILow, d.CIHigh)
	}
	if z := PairedDiff(a, a); z.Mean != 0 || z.CILow != 0 || z.CIHigh != 0 {
		t.Errorf("identical samples: %+v", z)
	}
	if n := PairedDiff([]float64{1, math.NaN(), 3}, []float64{2, 2, math.NaN()}); n.N != 1 || n.Mean != 1 {
		t.Errorf("NaN pairs not skipped: %+v", n)
	}
}
