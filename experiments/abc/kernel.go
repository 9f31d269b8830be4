package abc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// kernel is the multivariate normal perturbation kernel N(0, Σ) with
// Σ = 2 × the weighted covariance of a population, held as its Cholesky
// factor L (Σ = L Lᵀ).
type kernel struct {
	k      int
	l      *mat.TriDense
	logDet float64 // log det Σ
}

// newKernel builds the kernel of population ps (weights normalised to 1).
// A singular covariance (a parameter the population holds constant) is
// regularised by adding a small multiple of the mean variance (or 1e-12
// when every variance is 0) to the diagonal.
func newKernel(ps []Particle) (*kernel, error) {
	k := len(ps[0].Theta)
	mean := make([]float64, k)
	for _, p := range ps {
		for j, x := range p.Theta {
			mean[j] += p.Weight * x
		}
	}
	cov := mat.NewSymDense(k, nil)
	for a := range k {
		for b := a; b < k; b++ {
			s := 0.0
			for _, p := range ps {
				s += p.Weight * (p.Theta[a] - mean[a]) * (p.Theta[b] - mean[b])
			}
			cov.SetSym(a, b, 2*s)
		}
	}
	trace := 0.0
	for a := range k {
		trace += cov.At(a, a)
	}
	jitter := math.Max(1e-12, 1e-9*trace/float64(k))
	for range 8 {
		var ch mat.Cholesky
		if ch.Factorize(cov) {
			l := mat.NewTriDense(k, mat.Lower, nil)
			ch.LTo(l)
			return &kernel{k: k, l: l, logDet: ch.LogDet()}, nil
		}
		for a := range k {
			cov.SetSym(a, a, cov.At(a, a)+jitter)
		}
		jitter *= 100
	}
	return nil, fmt.Errorf("abc: the population's covariance is not positive definite")
}

// perturb returns x + L z, z standard normal from r.
func (kn *kernel) perturb(x []float64, r *rand.Rand) []float64 {
	z := make([]float64, kn.k)
	for i := range z {
		z[i] = r.NormFloat64()
	}
	out := make([]float64, kn.k)
	for i := range kn.k {
		s := x[i]
		for j := 0; j <= i; j++ {
			s += kn.l.At(i, j) * z[j]
		}
		out[i] = s
	}
	return out
}

// logDensity is log N(x - y; 0, Σ).
func (kn *kernel) logDensity(x, y []float64) float64 {
	// Solve L v = x - y by forward substitution; the exponent is -|v|²/2.
	v := make([]float64, kn.k)
	q := 0.0
	for i := range kn.k {
		s := x[i] - y[i]
		for j := range i {
			s -= kn.l.At(i, j) * v[j]
		}
		v[i] = s / kn.l.At(i, i)
		q += v[i] * v[i]
	}
	return -0.5*q - 0.5*kn.logDet - 0.5*float64(kn.k)*math.Log(2*math.Pi)
}

// reweight sets the importance weights of generation t ≥ 1 (Beaumont et
// al. 2009): w_i ∝ π(θ_i) / Σ_j w_j K(θ_i | θ_j), over the previous
// population prev, computed in logs, normalised to sum to 1.
func reweight(ps, prev []Particle, priors []Prior, kn *kernel) {
	logw := make([]float64, len(ps))
	terms := make([]float64, len(prev))
	top := math.Inf(-1)
	for i, p := range ps {
		for j, q := range prev {
			terms[j] = math.Log(q.Weight) + kn.logDensity(p.Theta, q.Theta)
		}
		logw[i] = logPrior(priors, p.Theta) - logSumExp(terms)
		top = math.Max(top, logw[i])
	}
	sum := 0.0
	for i := range ps {
		ps[i].Weight = math.Exp(logw[i] - top)
		sum += ps[i].Weight
	}
	for i := range ps {
		ps[i].Weight /= sum
	}
}

func logSumExp(xs []float64) float64 {
	top := math.Inf(-1)
	for _, x := range xs {
		top = math.Max(top, x)
	}
	if math.IsInf(top, -1) {
		return top
	}
	s := 0.0
	for _, x := range xs {
		s += math.Exp(x - top)
	}
	return top + math.Log(s)
}

// ess is the effective sample size 1 / Σ w² of normalised weights.
func ess(ps []Particle) float64 {
	s := 0.0
	for _, p := range ps {
		s += p.Weight * p.Weight
	}
	return 1 / s
}

// pick draws a particle index with probability proportional to its
// weight (one uniform, inverse of the cumulative weights).
func pick(ps []Particle, r *rand.Rand) int {
	u := r.Float64()
	c := 0.0
	for i, p := range ps {
		c += p.Weight
		if u < c {
			return i
		}
	}
	return len(ps) - 1
}
