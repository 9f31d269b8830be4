package stats

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"cogov/experiments/design"
	"cogov/sim"
)

func TestLHSIndices(t *testing.T) {
	x := design.LatinHypercube(200, 3, sim.Stream(1, 2))
	linear := func(x []float64) float64 { return 3*x[0] + x[1] }
	for _, tc := range []struct {
		name      string
		f         func(x []float64) float64
		src, prcc []float64 // wanted, NaN: not checked
		tol       float64   // of the SRCs
		prccTol   float64
	}{
		// y = 3 x0 + x1: SRC_i = b_i sd(x_i) / sd(y) (sds of the sample:
		// its columns are not exactly uncorrelated); the PRCCs as the
		// inverse of the rank correlation matrix gives them.
		{"linear", linear, linearSRC(x, []float64{3, 1, 0}), prccByInverse(x, linear), 0.04, 1e-9},
		// A monotone, strongly non-linear effect: the ranks see it whole.
		{"monotone", func(x []float64) float64 { return math.Exp(8 * x[0]) }, []float64{math.NaN(), math.NaN(), math.NaN()},
			[]float64{1, math.NaN(), math.NaN()}, 0.02, 1e-9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y := make([]float64, len(x))
			for r := range x {
				y[r] = tc.f(x[r])
			}
			idx := LHSIndices(x, y, sim.Stream(1, 3), 200)
			for i, ix := range idx {
				if w := tc.src[i]; !math.IsNaN(w) && math.Abs(ix.SRC-w) > tc.tol {
					t.Errorf("SRC[%d] = %.4f, want %.4f", i, ix.SRC, w)
				}
				if w := tc.prcc[i]; !math.IsNaN(w) && math.Abs(ix.PRCC-w) > tc.prccTol {
					t.Errorf("PRCC[%d] = %.4f, want %.4f", i, ix.PRCC, w)
				}
				if !(ix.SRCLow <= ix.SRCHigh) || (!math.IsNaN(ix.PRCC) && !(ix.PRCCLow <= ix.PRCCHigh)) {
					t.Errorf("factor %d: empty intervals %+v", i, ix)
				}
			}
			if tc.name == "linear" && math.Abs(idx[0].R2-1) > 1e-9 {
				t.Errorf("R2 = %v, want 1 for an exact linear response", idx[0].R2)
			}
		})
	}
}

// prccByInverse returns the partial rank correlation of each column of x
// with f(x), computed apart from the regression residuals LHSIndices uses:
// from P, the inverse of the correlation matrix of the ranks of x's
// columns and y, as −P_iy / √(P_ii·P_yy).
func prccByInverse(x [][]float64, f func([]float64) float64) []float64 {
	k := len(x[0])
	m := mat.NewDense(len(x), k+1, nil)
	y := make([]float64, len(x))
	for r := range x {
		y[r] = f(x[r])
	}
	for i := range k {
		m.SetCol(i, ranks(column(x, i)))
	}
	m.SetCol(k, ranks(y))
	c := mat.NewSymDense(k+1, nil)
	stat.CorrelationMatrix(c, m, nil)
	var p mat.Dense
	if err := p.Inverse(c); err != nil {
		panic(err)
	}
	out := make([]float64, k)
	for i := range k {
		out[i] = -p.At(i, k) / math.Sqrt(p.At(i, i)*p.At(k, k))
	}
	return out
}

// linearSRC returns the SRCs of y = sum b_i x_i on the sample x.
func linearSRC(x [][]float64, b []float64) []float64 {
	y := make([]float64, len(x))
	for r := range x {
		for i := range b {
			y[r] += b[i] * x[r][i]
		}
	}
	_, sy := stat.MeanStdDev(y, nil)
	out := make([]float64, len(b))
	for i := range b {
		_, sx := stat.MeanStdDev(column(x, i), nil)
		out[i] = b[i] * sx / sy
	}
	return out
}

func TestLHSIndicesDegenerate(t *testing.T) {
	x := design.LatinHypercube(10, 2, sim.Stream(1, 2))
	for _, tc := range []struct {
		name string
		x    [][]float64
		y    []float64
	}{
		{"constant response", x, make([]float64, 10)},
		{"too few rows", x[:3], []float64{1, 2, 3}},
		{"no rows", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, ix := range LHSIndices(tc.x, tc.y, sim.Stream(1, 3), 20) {
				if !math.IsNaN(ix.SRC) || !math.IsNaN(ix.PRCC) {
					t.Errorf("indices %+v, want NaN", ix)
				}
			}
		})
	}
}

func TestRanks(t *testing.T) {
	got := ranks([]float64{3, 1, 2, 2})
	want := []float64{4, 1, 2.5, 2.5}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ranks = %v, want %v", got, want)
		}
	}
}
