package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// With one binary covariate the maximum-likelihood fit has a closed form:
// β0 = logit(p0), β1 = logit(p1) − logit(p0), SE(β1)² = Σ 1/count over the
// four cells.
func TestLogisticClosedForm(t *testing.T) {
	cells := []struct{ x, y, n int }{{0, 0, 30}, {0, 1, 10}, {1, 0, 20}, {1, 1, 40}}
	var x, y []float64
	for _, c := range cells {
		for range c.n {
			x = append(x, 1, float64(c.x))
			y = append(y, float64(c.y))
		}
	}
	l, err := FitLogistic(x, 2, y, 0)
	if err != nil {
		t.Fatal(err)
	}
	want0, want1 := logit(10.0/40), logit(40.0/60)-logit(10.0/40)
	se1 := math.Sqrt(1.0/30 + 1.0/10 + 1.0/20 + 1.0/40)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"β0", l.Coef[0], want0}, {"β1", l.Coef[1], want1}, {"SE(β1)", l.SE[1], se1}} {
		if math.Abs(c.got-c.want) > 1e-6 {
			t.Errorf("%s = %.8f, want %.8f", c.name, c.got, c.want)
		}
	}
	if lo, hi := l.CI(1); !(lo < want1 && want1 < hi) {
		t.Errorf("CI [%.3f, %.3f] misses %.3f", lo, hi, want1)
	}
}

// Simulated data with known coefficients are recovered within four
// standard errors.
func TestLogisticRecovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	beta := []float64{-1, 0.8, -0.5, 1.2}
	n := 20000
	var x, y []float64
	for range n {
		row := []float64{1, rng.NormFloat64(), rng.Float64(), 0}
		if rng.Float64() < 0.2 {
			row[3] = 1
		}
		e := 0.0
		for j, v := range row {
			e += v * beta[j]
		}
		out := 0.0
		if rng.Float64() < sigmoid(e) {
			out = 1
		}
		x = append(x, row...)
		y = append(y, out)
	}
	l, err := FitLogistic(x, 4, y, 0)
	if err != nil {
		t.Fatal(err)
	}
	for j, b := range beta {
		if math.Abs(l.Coef[j]-b) > 4*l.SE[j] {
			t.Errorf("β%d = %.3f ± %.3f, true %.3f", j, l.Coef[j], l.SE[j], b)
		}
	}
}

// Perfect separation stays finite under the penalty; an outcome that never
// varies, or a design of the wrong size, is refused.
func TestLogisticEdges(t *testing.T) {
	x := []float64{1, 0, 1, 0, 1, 1, 1, 1}
	y := []float64{0, 0, 1, 1}
	l, err := FitLogistic(x, 2, y, 1e-4)
	if err != nil {
		t.Fatalf("separated data: %v", err)
	}
	if math.IsInf(l.Coef[1], 0) || math.IsNaN(l.Coef[1]) || l.Coef[1] < 5 {
		t.Errorf("separated slope %.3f, want large and finite", l.Coef[1])
	}
	for _, c := range []struct {
		name string
		x, y []float64
	}{
		{"constant outcome", x, []float64{1, 1, 1, 1}},
		{"no rows", nil, nil},
		{"ragged", x[:7], y},
	} {
		if _, err := FitLogistic(c.x, 2, c.y, 0); !errors.Is(err, ErrNoFit) {
			t.Errorf("%s: err %v, want ErrNoFit", c.name, err)
		}
	}
}
