package design

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// Scale maps u in [0,1] linearly onto [min, max], returning min + u·(max-min).
func Scale(u, min, max float64) float64 { return min + u*(max-min) }

// Grid returns the full factorial design with levels[i] equally spaced
// levels for factor i. Level l of a factor with L > 1 levels is mapped to
// l/(L-1), so the levels span [0,1] inclusive; a factor with L == 1 is held
// at 0.5.
//
// The design has Π levels[i] points of length len(levels), in mixed-radix
// order with factor 0 varying fastest: point c has level index
// (c / Π_{j<i} levels[j]) mod levels[i] for factor i. In particular, with every
// level equal to 2, factor i of point c is 1 exactly when bit i of c is set,
// which is the cell order expected by FactorialEffects.
//
// Grid panics if any level count is less than 1. An empty levels returns a
// single empty point.
func Grid(levels []int) [][]float64 {
	n := 1
	for i, l := range levels {
		if l < 1 {
			panic(fmt.Sprintf("experiments: Grid: factor %d has %d levels", i, l))
		}
		n *= l
	}
	pts := make([][]float64, n)
	for c := range pts {
		p := make([]float64, len(levels))
		r := c
		for i, l := range levels {
			idx := r % l
			r /= l
			if l == 1 {
				p[i] = 0.5
			} else {
				p[i] = float64(idx) / float64(l-1)
			}
		}
		pts[c] = p
	}
	return pts
}

// LatinHypercube returns a random Latin hypercube sample of n points in
// [0,1)^k: for every dimension, each of the n strata [j/n, (j+1)/n) holds
// exactly one point, placed uniformly at random within its stratum, and
// strata are paired across dimensions by independent random permutations.
//
// If rng is nil the global source of math/rand/v2 is used.
// LatinHypercube panics if n or k is negative.
func LatinHypercube(n, k int, rng *rand.Rand) [][]float64 {
	if n < 0 || k < 0 {
		panic("experiments: LatinHypercube: negative size")
	}
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, k)
	}
	perm := make([]int, n)
	for d := range k {
		for i := range perm {
			perm[i] = i
		}
		shuffle(rng, perm)
		for i, s := range perm {
			pts[i][d] = (float64(s) + float64Of(rng)) / float64(n)
		}
	}
	return pts
}

// SobolMaxDim is the largest dimension supported by SobolSequence; it
// allows SaltelliMatrices with up to SobolMaxDim/2 = 20 factors.
const SobolMaxDim = 40

// The direction-number table must cover exactly dimensions 2..SobolMaxDim.
var (
	_ [len(joeKuo) - (SobolMaxDim - 1)]struct{}
	_ [(SobolMaxDim - 1) - len(joeKuo)]struct{}
)

// sobolBits is the number of bits of precision of the Sobol' generator.
const sobolBits = 32

// joeKuo holds the direction numbers of Joe & Kuo (2008), file
// new-joe-kuo-6.21201, for dimensions 2 to SobolMaxDim. Each entry gives the
// degree s of the primitive polynomial, its inner coefficients a encoded as
// bits (most significant first) and the initial direction integers m_1..m_s.
// Dimension 1 is the van der Corput sequence and needs no entry.
var joeKuo = [...]struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},                             // d=2
	{2, 1, []uint32{1, 3}},                          // d=3
	{3, 1, []uint32{1, 3, 1}},                       // d=4
	{3, 2, []uint32{1, 1, 1}},                       // d=5
	{4, 1, []uint32{1, 1, 3, 3}},                    // d=6
	{4, 4, []uint32{1, 3, 5, 13}},                   // d=7
	{5, 2, []uint32{1, 1, 5, 5, 17}},                // d=8
	{5, 4, []uint32{1, 1, 5, 5, 5}},                 // d=9
	{5, 7, []uint32{1, 1, 7, 11, 19}},               // d=10
	{5, 11, []uint32{1, 1, 5, 1, 1}},                // d=11
	{5, 13, []uint32{1, 1, 1, 3, 11}},               // d=12
	{5, 14, []uint32{1, 3, 5, 5, 31}},               // d=13
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},             // d=14
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},          // d=15
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},          // d=16
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},            // d=17
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},          // d=18
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},           // d=19
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},      // d=20
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},       // d=21
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},        // d=22
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},         // d=23
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},      // d=24
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},       // d=25
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},      // d=26
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},        // d=27
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},        // d=28
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},       // d=29
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},       // d=30
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},       // d=31
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},       // d=32
	{7, 50, []uint32{1, 3, 1, 3, 5, 53, 69}},        // d=33
	{7, 55, []uint32{1, 1, 5, 5, 23, 33, 13}},       // d=34
	{7, 56, []uint32{1, 1, 7, 7, 1, 61, 123}},       // d=35
	{7, 59, []uint32{1, 1, 7, 9, 13, 61, 49}},       // d=36
	{7, 62, []uint32{1, 3, 3, 5, 3, 55, 33}},        // d=37
	{8, 14, []uint32{1, 3, 1, 15, 31, 13, 49, 245}}, // d=38
	{8, 21, []uint32{1, 3, 5, 15, 31, 59, 63, 97}},  // d=39
	{8, 22, []uint32{1, 3, 1, 11, 11, 11, 77, 249}}, // d=40
}

// sobolDirections holds the direction numbers v_{d,j} = m_{d,j}·2^{32-j},
// j = 1..32, for every supported dimension d, computed from joeKuo with the
// Bratley–Fox recurrence.
var sobolDirections = func() [SobolMaxDim][sobolBits]uint32 {
	var v [SobolMaxDim][sobolBits]uint32
	for j := range sobolBits {
		v[0][j] = 1 << (sobolBits - 1 - j)
	}
	for d, e := range joeKuo {
		w := &v[d+1]
		s := int(e.s)
		for j := range sobolBits {
			if j < s {
				w[j] = e.m[j] << (sobolBits - 1 - j)
				continue
			}
			x := w[j-s] ^ (w[j-s] >> s)
			for q := 1; q < s; q++ {
				if (e.a>>(s-1-q))&1 == 1 {
					x ^= w[j-q]
				}
			}
			w[j] = x
		}
	}
	return v
}()

// SobolSequence returns the first n points of the k-dimensional Sobol'
// low-discrepancy sequence in [0,1)^k, using the Joe & Kuo (2008) direction
// numbers (new-joe-kuo-6.21201) and Gray-code ordering (Antonov & Saleev),
// which is the ordering of Joe & Kuo's reference implementation and of
// SciPy's unscrambled scipy.stats.qmc.Sobol. The initial point 0 of the
// sequence is skipped, so the first returned points are
// (1/2, 1/2, ...), (3/4, 1/4, ...), (1/4, 3/4, ...), ....
// Coordinates have 32 bits of precision.
//
// SobolSequence panics if n is negative or n ≥ 2^32, or if k is not in
// [1, SobolMaxDim].
func SobolSequence(n, k int) [][]float64 {
	if n < 0 || uint64(n) >= 1<<sobolBits {
		panic(fmt.Sprintf("experiments: SobolSequence: bad number of points %d", n))
	}
	if k < 1 || k > SobolMaxDim {
		panic(fmt.Sprintf("experiments: SobolSequence: dimension %d not in [1, %d]", k, SobolMaxDim))
	}
	const norm = 1.0 / (1 << sobolBits)
	x := make([]uint32, k)
	pts := make([][]float64, n)
	for i := range pts {
		c := bits.TrailingZeros32(^uint32(i))
		p := make([]float64, k)
		for d := range x {
			x[d] ^= sobolDirections[d][c]
			p[d] = float64(x[d]) * norm
		}
		pts[i] = p
	}
	return pts
}

// SaltelliMatrices returns the sample matrices of the Saltelli (2010) scheme
// for estimating Sobol' indices of k factors with n base samples. A and B
// are n×k; A holds the first k and B the last k coordinates of the first n
// points of the 2k-dimensional Sobol' sequence (see SobolSequence). ABi has
// length k, and ABi[i] is the n×k matrix equal to A except that column i is
// taken from B. All points lie in [0,1)^k; map them to parameter ranges with
// Scale.
//
// Evaluating the model on A, B and every ABi[i] costs n(k+2) runs; pass the
// responses to SobolIndices. Powers of two are recommended for n.
// SaltelliMatrices panics if n is negative or 2k > SobolMaxDim or k < 1.
func SaltelliMatrices(n, k int) (A, B [][]float64, ABi [][][]float64) {
	if k < 1 || 2*k > SobolMaxDim {
		panic(fmt.Sprintf("experiments: SaltelliMatrices: %d factors not in [1, %d]", k, SobolMaxDim/2))
	}
	seq := SobolSequence(n, 2*k)
	A = make([][]float64, n)
	B = make([][]float64, n)
	for r, p := range seq {
		A[r] = p[:k:k]
		B[r] = p[k:]
	}
	ABi = make([][][]float64, k)
	for i := range ABi {
		m := make([][]float64, n)
		for r := range m {
			row := append([]float64(nil), A[r]...)
			row[i] = B[r][i]
			m[r] = row
		}
		ABi[i] = m
	}
	return A, B, ABi
}

// MorrisTrajectories returns r random one-at-a-time trajectories for the
// elementary-effects screening method of Morris (1991) over k factors, each
// discretized to the p = levels values {0, 1/(p-1), ..., 1}.
//
// Every trajectory has k+1 points in [0,1]^k. Consecutive points j-1 and j
// differ in exactly one factor, by ±Δ with Δ = p/(2(p-1)), and every factor
// is changed exactly once per trajectory, in a random order. The base point,
// the order of the factors and the sign of each step are drawn uniformly at
// random, which is equivalent to Morris's randomized orientation matrix B*.
// Pass the trajectories and the model responses to MorrisIndices.
//
// If rng is nil the global source of math/rand/v2 is used.
// MorrisTrajectories panics if r < 0, k < 1, or levels is odd or less than 2.
func MorrisTrajectories(r, k, levels int, rng *rand.Rand) [][][]float64 {
	if r < 0 || k < 1 {
		panic("experiments: MorrisTrajectories: bad size")
	}
	if levels < 2 || levels%2 != 0 {
		panic(fmt.Sprintf("experiments: MorrisTrajectories: levels must be even and ≥ 2, got %d", levels))
	}
	step := float64(levels - 1)
	half := levels / 2 // Δ expressed in grid steps.
	out := make([][][]float64, r)
	order := make([]int, k)
	for t := range out {
		lvl := make([]int, k) // current level index of every factor
		up := make([]bool, k)
		start := make([]float64, k)
		for i := range lvl {
			lvl[i] = intN(rng, half) // lvl and lvl+half are both grid levels.
			up[i] = intN(rng, 2) == 0
			if !up[i] {
				lvl[i] += half
			}
			start[i] = float64(lvl[i]) / step
		}
		for i := range order {
			order[i] = i
		}
		shuffle(rng, order)
		traj := make([][]float64, k+1)
		traj[0] = start
		for j, f := range order {
			if up[f] {
				lvl[f] += half
			} else {
				lvl[f] -= half
			}
			p := append([]float64(nil), traj[j]...)
			p[f] = float64(lvl[f]) / step
			traj[j+1] = p
		}
		out[t] = traj
	}
	return out
}

// MorrisDelta returns the Morris step Δ = levels/(2(levels-1)) used by
// MorrisTrajectories.
func MorrisDelta(levels int) float64 {
	return float64(levels) / (2 * float64(levels-1))
}

// intN returns a uniform random integer in [0, n) from rng, or from the
// global source if rng is nil.
func intN(rng *rand.Rand, n int) int {
	if rng == nil {
		return rand.IntN(n)
	}
	return rng.IntN(n)
}

// float64Of returns a uniform random number in [0, 1) from rng, or from the
// global source if rng is nil.
func float64Of(rng *rand.Rand) float64 {
	if rng == nil {
		return rand.Float64()
	}
	return rng.Float64()
}

// shuffle randomly permutes s using rng, or the global source if rng is nil.
func shuffle(rng *rand.Rand, s []int) {
	swap := func(i, j int) { s[i], s[j] = s[j], s[i] }
	if rng == nil {
		rand.Shuffle(len(s), swap)
		return
	}
	rng.Shuffle(len(s), swap)
}
