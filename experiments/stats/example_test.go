package stats_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"cogov/experiments/design"
	"cogov/experiments/stats"
)

func ExampleSummarize() {
	// Final cooperation rates of ten replicate runs; one run failed (NaN).
	runs := []float64{0.61, 0.58, 0.66, math.NaN(), 0.63, 0.59, 0.60, 0.64, 0.57, 0.62, 0.65}
	s := stats.Summarize(runs)
	fmt.Printf("n=%d mean=%.3f sd=%.3f 95%% CI=[%.3f, %.3f]\n", s.N, s.Mean, s.SD, s.CILow, s.CIHigh)

	// The same summary without storing the runs.
	var acc stats.Accumulator
	for _, x := range runs {
		acc.Add(x)
	}
	fmt.Println(acc.Summary())
	// Output:
	// n=10 mean=0.615 sd=0.030 95% CI=[0.593, 0.637]
	// 0.615 ± 0.02166 (n=10)
}

func ExampleSobolIndices() {
	// The Ishigami function on [-π, π]^3.
	f := func(u []float64) float64 {
		x1 := design.Scale(u[0], -math.Pi, math.Pi)
		x2 := design.Scale(u[1], -math.Pi, math.Pi)
		x3 := design.Scale(u[2], -math.Pi, math.Pi)
		return math.Sin(x1) + 7*math.Pow(math.Sin(x2), 2) + 0.1*math.Pow(x3, 4)*math.Sin(x1)
	}
	eval := func(m [][]float64) []float64 {
		y := make([]float64, len(m))
		for i, p := range m {
			y[i] = f(p)
		}
		return y
	}

	// N(k+2) = 8192·5 model runs.
	const n, k = 8192, 3
	A, B, ABi := design.SaltelliMatrices(n, k)
	yABi := make([][]float64, k)
	for i := range ABi {
		yABi[i] = eval(ABi[i])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	idx := stats.SobolIndices(eval(A), eval(B), yABi, rng, 100)
	for i, s := range idx {
		fmt.Printf("x%d: S1=%.2f ST=%.2f\n", i+1, s.S1, s.ST)
	}
	// Output:
	// x1: S1=0.31 ST=0.56
	// x2: S1=0.44 ST=0.44
	// x3: S1=0.00 ST=0.24
}
