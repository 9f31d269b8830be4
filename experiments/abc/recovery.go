package abc

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
)

// maxTruthDraws bounds the prior draws tried for one truth whose
// simulated statistics are all defined.
const maxTruthDraws = 100

// Recovered is one parameter's posterior in one recovery calibration.
type Recovered struct {
	Truth   int
	Value   float64
	Summary Summary
	// Covered is whether the 95 % credible interval holds Value.
	Covered bool
}

// Recovery is a parameter-recovery study.
type Recovery struct {
	// Rows holds, for every truth, one row per parameter.
	Rows []Recovered
	// Params is the number of parameters.
	Params int
	// Simulations counts every simulation of every calibration.
	Simulations int
}

// Coverage is the share of truths whose 95 % credible interval holds
// parameter i's true value, and the mean posterior/prior width ratio.
func (r *Recovery) Coverage(i int) (coverage, widthRatio float64) {
	n := 0
	for k, row := range r.Rows {
		if k%r.Params != i {
			continue
		}
		n++
		if row.Covered {
			coverage++
		}
		widthRatio += row.Summary.WidthRatio
	}
	return coverage / float64(n), widthRatio / float64(n)
}

// Recover runs a parameter-recovery study of cfg: truth k draws
// parameters from the prior (stream (cfg.Seed, "recovery", k); a draw
// whose simulated statistics are not all defined is replaced by the
// next), simulates the statistics there with a seed from that stream, and
// runs ABC-SMC against those pseudo-observations with master seed
// cfg.Seed + k + 1. progress, if not nil, is called after each truth
// with the study so far; an error from it stops the study.
func Recover(ctx context.Context, cfg Config, sim Simulator, truths int, progress func(*Recovery) error) (*Recovery, error) {
	res := &Recovery{Params: len(cfg.Priors)}
	for k := range truths {
		r := rand.New(rand.NewPCG(cfg.Seed^0x7265636f76657279, uint64(k))) // "recovery"
		var theta, obs []float64
		for try := 0; obs == nil; try++ {
			if try == maxTruthDraws {
				return nil, fmt.Errorf("recovery truth %d: %d prior draws all left a statistic undefined", k, maxTruthDraws)
			}
			theta = samplePriors(cfg.Priors, r)
			s, err := sim(ctx, theta, r.Uint64())
			if err != nil {
				return nil, err
			}
			res.Simulations++
			if defined(s) {
				obs = s
			}
		}
		run := cfg
		run.Observed, run.Seed, run.Checkpoint = obs, cfg.Seed+uint64(k)+1, nil
		st, err := Run(ctx, run, sim, nil)
		if err != nil {
			return nil, fmt.Errorf("recovery truth %d: %w", k, err)
		}
		res.Simulations += st.Simulations()
		for i, s := range Summarize(st, cfg.Priors) {
			res.Rows = append(res.Rows, Recovered{Truth: k, Value: theta[i], Summary: s, Covered: s.Low <= theta[i] && theta[i] <= s.High})
		}
		if progress != nil {
			if err := progress(res); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

// samplePriors draws a parameter vector from the priors, one draw each in
// order.
func samplePriors(priors []Prior, r *rand.Rand) []float64 {
	theta := make([]float64, len(priors))
	for i, p := range priors {
		theta[i] = p.Sample(r)
	}
	return theta
}

// defined reports whether every statistic is finite.
func defined(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// Identified is the verdict on a parameter from its mean width ratio: the
// statistics identify it when the posterior's 95 % interval is on average
// at most half the prior's, weakly up to 0.8, not at all above.
func Identified(widthRatio float64) string {
	switch {
	case widthRatio <= 0.5:
		return "identified"
	case widthRatio <= 0.8:
		return "weakly identified"
	}
	return "not identified"
}
