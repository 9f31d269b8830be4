package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Logistic is a logistic regression fitted by penalised maximum
// likelihood: P(y = 1 | x) = 1 / (1 + exp(-x·β)).
type Logistic struct {
	// Coef are the coefficients β in the order of the design's columns; SE
	// their Wald standard errors, the square roots of the diagonal of the
	// inverse Hessian of the penalised negative log-likelihood at β.
	Coef, SE []float64
	// N is the number of rows; LogLik the (unpenalised) log-likelihood at
	// Coef.
	N      int
	LogLik float64
}

// ErrNoFit is returned when a logistic regression cannot be fitted: no
// rows, an outcome that never varies, a singular Hessian, or an optimiser
// that did not converge.
var ErrNoFit = errors.New("logistic regression not fitted")

// FitLogistic fits a logistic regression of the 0/1 outcomes y on the rows
// of x (row-major, cols columns; the first column should be the intercept)
// with an L2 penalty (penalty/2)·Σ β_j² on every coefficient but the first,
// which keeps the estimate finite under perfect separation. It minimises the
// penalised negative log-likelihood with gonum's Newton method from β = 0.
func FitLogistic(x []float64, cols int, y []float64, penalty float64) (Logistic, error) {
	n := len(y)
	if cols < 1 || len(x) != n*cols {
		return Logistic{}, fmt.Errorf("%w: %d values for %d rows of %d columns", ErrNoFit, len(x), n, cols)
	}
	ones := 0.0
	for _, v := range y {
		ones += v
	}
	if n == 0 || ones == 0 || ones == float64(n) {
		return Logistic{}, fmt.Errorf("%w: the outcome does not vary (%d rows, %.0f ones)", ErrNoFit, n, ones)
	}
	p := logisticProblem{x: x, y: y, cols: cols, penalty: penalty}
	prob := optimize.Problem{Func: p.negLogLik, Grad: p.grad, Hess: p.hess}
	// Convergence is judged on the mean gradient per row: a sum over
	// thousands of rows cannot reach an absolute 1e-9, and a line search
	// that fails at a point whose mean gradient is below gradTol has
	// converged as far as floating point allows.
	gradTol := 1e-8 * float64(n)
	settings := &optimize.Settings{
		GradientThreshold: gradTol,
		MajorIterations:   100,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-12 * float64(n), Iterations: 20},
	}
	res, err := optimize.Minimize(prob, make([]float64, cols), settings, &optimize.Newton{})
	if res == nil || len(res.X) != cols {
		return Logistic{}, fmt.Errorf("%w: %v", ErrNoFit, err)
	}
	g := make([]float64, cols)
	p.grad(g, res.X)
	worst := 0.0
	for _, v := range g {
		worst = math.Max(worst, math.Abs(v))
	}
	if worst > 1e-5*float64(n) {
		return Logistic{}, fmt.Errorf("%w: gradient %.3g after %v (%v)", ErrNoFit, worst, res.Status, err)
	}
	beta := res.X
	h := mat.NewSymDense(cols, nil)
	p.hess(h, beta)
	var chol mat.Cholesky
	if !chol.Factorize(h) {
		return Logistic{}, fmt.Errorf("%w: singular Hessian", ErrNoFit)
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return Logistic{}, fmt.Errorf("%w: %v", ErrNoFit, err)
	}
	se := make([]float64, cols)
	for j := range se {
		se[j] = math.Sqrt(inv.At(j, j))
	}
	p.penalty = 0
	return Logistic{Coef: beta, SE: se, N: n, LogLik: -p.negLogLik(beta)}, nil
}

// CI is the Wald 95 % interval of coefficient j.
func (l Logistic) CI(j int) (lo, hi float64) {
	z := 1.959963984540054
	return l.Coef[j] - z*l.SE[j], l.Coef[j] + z*l.SE[j]
}

// logisticProblem evaluates the penalised negative log-likelihood.
type logisticProblem struct {
	x, y    []float64
	cols    int
	penalty float64
}

func (p logisticProblem) eta(i int, beta []float64) float64 {
	row := p.x[i*p.cols : (i+1)*p.cols]
	e := 0.0
	for j, v := range row {
		e += v * beta[j]
	}
	return e
}

// log1pExp is log(1 + exp(e)) without overflow.
func log1pExp(e float64) float64 {
	if e > 0 {
		return e + math.Log1p(math.Exp(-e))
	}
	return math.Log1p(math.Exp(e))
}

func sigmoid(e float64) float64 {
	if e >= 0 {
		return 1 / (1 + math.Exp(-e))
	}
	z := math.Exp(e)
	return z / (1 + z)
}

func (p logisticProblem) negLogLik(beta []float64) float64 {
	f := 0.0
	for i, yi := range p.y {
		e := p.eta(i, beta)
		f += log1pExp(e) - yi*e
	}
	for j := 1; j < p.cols; j++ {
		f += p.penalty / 2 * beta[j] * beta[j]
	}
	return f
}

func (p logisticProblem) grad(g, beta []float64) {
	clear(g)
	for i, yi := range p.y {
		r := sigmoid(p.eta(i, beta)) - yi
		row := p.x[i*p.cols : (i+1)*p.cols]
		for j, v := range row {
			g[j] += r * v
		}
	}
	for j := 1; j < p.cols; j++ {
		g[j] += p.penalty * beta[j]
	}
}

func (p logisticProblem) hess(h *mat.SymDense, beta []float64) {
	k := p.cols
	acc := make([]float64, k*k)
	for i := range p.y {
		mu := sigmoid(p.eta(i, beta))
		w := mu * (1 - mu)
		row := p.x[i*k : (i+1)*k]
		for a := range k {
			wa := w * row[a]
			for b := a; b < k; b++ {
				acc[a*k+b] += wa * row[b]
			}
		}
	}
	for a := range k {
		for b := a; b < k; b++ {
			v := acc[a*k+b]
			if a == b && a > 0 {
				v += p.penalty
			}
			h.SetSym(a, b, v)
		}
	}
}
