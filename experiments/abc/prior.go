package abc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Prior is the prior distribution of one parameter.
type Prior interface {
	// Sample draws one value from r.
	Sample(r *rand.Rand) float64
	// LogDensity is the log density at x, -Inf outside the support.
	LogDensity(x float64) float64
	// Quantile is the p-quantile, p in [0, 1].
	Quantile(p float64) float64
	// String describes the prior; it enters the state fingerprint.
	String() string
}

// Uniform is the uniform prior on [Lo, Hi].
type Uniform struct{ Lo, Hi float64 }

// Sample draws Lo + u (Hi - Lo), u uniform on [0, 1).
func (u Uniform) Sample(r *rand.Rand) float64 { return u.Lo + r.Float64()*(u.Hi-u.Lo) }

// LogDensity is -log(Hi - Lo) on [Lo, Hi], -Inf elsewhere.
func (u Uniform) LogDensity(x float64) float64 {
	if x < u.Lo || x > u.Hi {
		return math.Inf(-1)
	}
	return -math.Log(u.Hi - u.Lo)
}

// Quantile is Lo + p (Hi - Lo).
func (u Uniform) Quantile(p float64) float64 { return u.Lo + p*(u.Hi-u.Lo) }

func (u Uniform) String() string { return fmt.Sprintf("uniform(%v,%v)", u.Lo, u.Hi) }

// Normal is the normal prior N(Mean, SD²) truncated to [Lo, Hi]; Lo and
// Hi may be -Inf and +Inf for an untruncated normal.
type Normal struct{ Mean, SD, Lo, Hi float64 }

func (n Normal) unit() distuv.Normal { return distuv.Normal{Mu: n.Mean, Sigma: n.SD} }

// mass is Φ(Lo) and Φ(Hi) of the untruncated normal.
func (n Normal) mass() (float64, float64) {
	d := n.unit()
	return d.CDF(n.Lo), d.CDF(n.Hi)
}

// Sample draws by inversion: Φ⁻¹(Φ(Lo) + u (Φ(Hi) - Φ(Lo))), one uniform
// u per draw.
func (n Normal) Sample(r *rand.Rand) float64 { return n.Quantile(r.Float64()) }

// LogDensity is the normal log density minus log(Φ(Hi) - Φ(Lo)) on
// [Lo, Hi], -Inf elsewhere.
func (n Normal) LogDensity(x float64) float64 {
	if x < n.Lo || x > n.Hi {
		return math.Inf(-1)
	}
	a, b := n.mass()
	return n.unit().LogProb(x) - math.Log(b-a)
}

// Quantile is Φ⁻¹(Φ(Lo) + p (Φ(Hi) - Φ(Lo))), kept inside [Lo, Hi].
func (n Normal) Quantile(p float64) float64 {
	a, b := n.mass()
	x := n.unit().Quantile(a + p*(b-a))
	return math.Max(n.Lo, math.Min(n.Hi, x))
}

func (n Normal) String() string {
	return fmt.Sprintf("normal(%v,%v,[%v,%v])", n.Mean, n.SD, n.Lo, n.Hi)
}

// logPrior is the joint log prior density of independent priors.
func logPrior(priors []Prior, theta []float64) float64 {
	s := 0.0
	for i, p := range priors {
		s += p.LogDensity(theta[i])
	}
	return s
}
