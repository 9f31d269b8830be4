package agents

import "math"

// The participation choice is drawn in random-utility form (McFadden
// 1974): a resident takes part when its utility V exceeds a logistic noise
// draw ε, so that P(take part) = σ(V) = 1/(1 + e^−V). ε is drawn by
// inversion from a table of noiseN quantiles of the logistic distribution,
// ε_j = ln(q/(1 − q)) at q = (j + ½)/noiseN, indexed by noiseBits random
// bits: P(ε < V) = #{j : ε_j < V}/noiseN, which differs from σ(V) by at
// most 1/(2·noiseN) (TestNoiseTable measures it).
const (
	noiseBits = 16
	noiseN    = 1 << noiseBits
)

// noiseTable holds the logistic quantiles ε_j. It is computed once when the
// package is loaded and never written: a constant, not mutable state.
var noiseTable = func() (t [noiseN]float32) {
	for j := range t {
		q := (float64(j) + 0.5) / noiseN
		t[j] = float32(math.Log(q / (1 - q)))
	}
	return t
}()
