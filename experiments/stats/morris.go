package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// MorrisIndex holds the elementary-effects screening measures of one factor.
type MorrisIndex struct {
	// Mu is the mean of the elementary effects. Effects of opposite sign
	// cancel in Mu, so a small Mu does not imply an unimportant factor.
	Mu float64
	// MuStar is the mean of the absolute elementary effects (Campolongo et
	// al. 2007), the measure of overall importance.
	MuStar float64
	// Sigma is the sample standard deviation (denominator n-1, with n the
	// number of elementary effects of the factor) of the elementary effects. A large Sigma relative to MuStar indicates non-linearity or
	// interaction with other factors.
	Sigma float64
	// MuStarLow and MuStarHigh bound the 95 % bootstrap percentile
	// confidence interval of MuStar, obtained by resampling trajectories.
	// They are NaN if no bootstrap was requested.
	MuStarLow, MuStarHigh float64
}

// MorrisIndices computes the Morris screening measures of every factor from
// one-at-a-time trajectories, such as those returned by MorrisTrajectories,
// and the model responses at their points: y[t][j] is the response at point
// traj[t][j]. All points must have the same length k, the number of factors.
//
// Each consecutive pair of points j-1, j of a trajectory must differ in
// exactly one coordinate i; it yields the elementary effect
//
//	EE_i = (y[t][j] - y[t][j-1]) / (traj[t][j][i] - traj[t][j-1][i])
//
// in units of the response per unit of the (usually [0,1]-scaled) factor.
// Pairs whose effect is NaN (for example because a response is NaN) are
// skipped. A trajectory may change a factor more than once; all its effects
// count. Mu, MuStar and Sigma of factor i are computed over all of its
// elementary effects; they are NaN if it has none (Sigma if it has fewer than
// two).
//
// If boot > 0, the MuStar interval is the 2.5 and 97.5 percentiles of MuStar
// over boot bootstrap replicates, each drawing len(traj) trajectories with
// replacement using rng (the global source of math/rand/v2 if rng is nil).
//
// MorrisIndices panics if len(y) != len(traj), if a trajectory and its
// responses differ in length, if the points do not all have the same
// length, or if two consecutive points do not differ in exactly one
// coordinate.
func MorrisIndices(traj [][][]float64, y [][]float64, rng *rand.Rand, boot int) []MorrisIndex {
	if len(y) != len(traj) {
		panic("experiments: MorrisIndices: len(y) != len(traj)")
	}
	k := -1
	for t := range traj {
		for _, p := range traj[t] {
			if k < 0 {
				k = len(p)
			} else if len(p) != k {
				panic("experiments: MorrisIndices: points of different dimensions")
			}
		}
	}
	if k < 0 {
		return nil
	}
	// ee[t][i] lists the elementary effects of factor i in trajectory t.
	ee := make([][][]float64, len(traj))
	for t, tr := range traj {
		if len(y[t]) != len(tr) {
			panic(fmt.Sprintf("experiments: MorrisIndices: trajectory %d has %d points and %d responses", t, len(tr), len(y[t])))
		}
		ee[t] = make([][]float64, k)
		for j := 1; j < len(tr); j++ {
			f := -1
			for i := range k {
				if tr[j][i] != tr[j-1][i] {
					if f >= 0 {
						panic(fmt.Sprintf("experiments: MorrisIndices: trajectory %d step %d changes more than one factor", t, j))
					}
					f = i
				}
			}
			if f < 0 {
				panic(fmt.Sprintf("experiments: MorrisIndices: trajectory %d step %d changes no factor", t, j))
			}
			e := (y[t][j] - y[t][j-1]) / (tr[j][f] - tr[j-1][f])
			if !math.IsNaN(e) {
				ee[t][f] = append(ee[t][f], e)
			}
		}
	}

	out := make([]MorrisIndex, k)
	for i := range out {
		var acc, abs Accumulator
		for t := range ee {
			for _, e := range ee[t][i] {
				acc.Add(e)
				abs.Add(math.Abs(e))
			}
		}
		s, a := acc.Summary(), abs.Summary()
		out[i] = MorrisIndex{Mu: s.Mean, MuStar: a.Mean, Sigma: s.SD, MuStarLow: math.NaN(), MuStarHigh: math.NaN()}
	}
	if boot <= 0 || len(traj) == 0 {
		return out
	}

	reps := make([][]float64, k)
	for i := range reps {
		reps[i] = make([]float64, boot)
	}
	sample := make([]int, len(traj))
	for b := range boot {
		for t := range sample {
			sample[t] = intN(rng, len(traj))
		}
		for i := range k {
			var sum float64
			var n int
			for _, t := range sample {
				for _, e := range ee[t][i] {
					sum += math.Abs(e)
					n++
				}
			}
			reps[i][b] = sum / float64(n) // NaN if n == 0, ignored below.
		}
	}
	for i := range out {
		out[i].MuStarLow, out[i].MuStarHigh = percentileCI(reps[i])
	}
	return out
}
