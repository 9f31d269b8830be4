// Package abc is a model-free ABC-SMC sampler: approximate Bayesian
// computation by sequential Monte Carlo (Toni et al. 2009) with the
// importance weights of Beaumont et al. (2009), an adaptive tolerance (a
// quantile of the previous generation's distances) and a multivariate
// normal perturbation kernel with twice the previous population's
// weighted covariance (the multivariate form of Beaumont et al.'s kernel,
// Filippi et al. 2013). docs/CALIBRATION.md gives every formula.
//
// A run is a pure function of the Config's seed: proposal k of generation
// t draws from its own stream (seed, t, k), proposals are evaluated in
// parallel and accepted in index order, so the result is byte-identical
// whatever the number of workers. After each complete generation the
// State can be saved; Run resumes from it.
package abc

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Simulator runs the model at parameters theta with master seed seed and
// returns its summary statistics (NaN where undefined). It must be a pure
// function of its arguments and safe for concurrent use.
type Simulator func(ctx context.Context, theta []float64, seed uint64) ([]float64, error)

// Config is an ABC-SMC run.
type Config struct {
	// Priors holds one independent prior per parameter.
	Priors []Prior
	// Observed holds the observed summary statistics.
	Observed []float64
	// Lower, when set, marks statistics that are lower bounds: only a
	// shortfall below Observed counts in the distance.
	Lower []bool
	// Particles is the population size N.
	Particles int
	// Quantile α sets ε_t as the α-quantile of generation t-1's
	// distances, in (0, 1).
	Quantile float64
	// Spread standardises the statistics: MAD (default) or SD.
	Spread string
	// Seed is the master seed.
	Seed uint64

	// Stopping rules. Generations is the most generations, generation 0
	// (the prior) included. The run also stops after the generation
	// whose tolerance reaches Tolerance (0: no such rule), after one
	// whose acceptance rate is below MinAcceptance (0: no such rule;
	// a generation is abandoned once its simulations exceed
	// N / MinAcceptance), or when the next generation cannot complete
	// within Budget simulations in all (0: no budget). At least one of
	// MinAcceptance and Budget must be set.
	Generations   int
	Tolerance     float64
	MinAcceptance float64
	Budget        int

	// Workers is the number of proposals evaluated in parallel.
	Workers int
	// Checkpoint, if not nil, is called with the state after each
	// complete generation (to save it for a resume); an error stops Run.
	Checkpoint func(*State) error
}

// Particle is one accepted parameter set.
type Particle struct {
	Theta    []float64
	Weight   float64
	Distance float64
	// Stats are its simulated summary statistics.
	Stats []float64
}

// Generation is one complete population and how it was made.
type Generation struct {
	Index int
	// Tolerance is ε_t (+Inf for generation 0).
	Tolerance float64
	// Simulations is the number of simulations the generation took:
	// proposals up to and including the N-th accepted one.
	Simulations int
	// Acceptance is N / Simulations; ESS the effective sample size.
	Acceptance, ESS float64
	Particles       []Particle
}

// Stop reasons.
const (
	StopGenerations = "generations"
	StopTolerance   = "tolerance"
	StopAcceptance  = "acceptance"
	StopBudget      = "budget"
)

// State is everything a run has produced: enough to resume it.
type State struct {
	// Fingerprint identifies the settings that shape the samples (priors,
	// observed statistics, N, α, spread, seed).
	Fingerprint string
	// Scales are the statistics' spreads (0: left out of the distance).
	Scales      []float64
	Generations []Generation
	// Stopped is the stop reason once the run has ended, else "".
	Stopped string
}

// Last is the last complete generation: the posterior sample.
func (s *State) Last() *Generation { return &s.Generations[len(s.Generations)-1] }

// Simulations is the number of simulations over every generation.
func (s *State) Simulations() int {
	n := 0
	for _, g := range s.Generations {
		n += g.Simulations
	}
	return n
}

func (c *Config) Fingerprint() string {
	var b strings.Builder
	for _, p := range c.Priors {
		b.WriteString(p.String() + ";")
	}
	fmt.Fprintf(&b, "obs=%v;lower=%v;n=%d;q=%v;spread=%s;seed=%d", c.Observed, c.Lower, c.Particles, c.Quantile, c.spread(), c.Seed)
	return b.String()
}

func (c *Config) spread() string {
	if c.Spread == "" {
		return MAD
	}
	return c.Spread
}

func (c *Config) check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("abc: "+format, args...)) }
	if len(c.Priors) == 0 {
		bad("no parameter")
	}
	if len(c.Observed) == 0 {
		bad("no observed statistic")
	}
	if c.Lower != nil && len(c.Lower) != len(c.Observed) {
		bad("%d lower-bound flags for %d statistics", len(c.Lower), len(c.Observed))
	}
	if c.Particles < 4 {
		bad("particles %d (allowed: at least 4)", c.Particles)
	}
	if !(c.Quantile > 0 && c.Quantile < 1) {
		bad("quantile %v (allowed: 0 < quantile < 1)", c.Quantile)
	}
	if s := c.spread(); s != MAD && s != SD {
		bad("spread %q (allowed: %s, %s)", s, MAD, SD)
	}
	if c.Generations < 1 {
		bad("generations %d (allowed: at least 1)", c.Generations)
	}
	if c.MinAcceptance < 0 || c.MinAcceptance >= 1 || c.Budget < 0 || c.Tolerance < 0 {
		bad("min acceptance %v, budget %d, tolerance %v (allowed: 0 <= min acceptance < 1, budget >= 0, tolerance >= 0)", c.MinAcceptance, c.Budget, c.Tolerance)
	}
	if c.MinAcceptance == 0 && c.Budget == 0 {
		bad("neither a minimum acceptance rate nor a simulation budget (one must bound the run)")
	}
	return errors.Join(errs...)
}

// Run samples the ABC-SMC posterior of sim. With resume (a State saved
// by Checkpoint under the same sampling settings) it continues after the
// last complete generation and produces what an uninterrupted run would.
// When ctx is cancelled during a generation, that generation is dropped
// and Run returns the state of the complete ones with ctx's error.
func Run(ctx context.Context, c Config, sim Simulator, resume *State) (*State, error) {
	m, err := NewSampler(c, resume, nil)
	if err != nil {
		return nil, err
	}
	st, workers := m.State(), max(c.Workers, 1)
	for {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		r, ok, err := m.Next(workers)
		if err != nil {
			return st, err
		}
		if !ok {
			break
		}
		outs := m.EvaluateAll(ctx, r.Indices(1, 1), workers, sim)
		if err := ctx.Err(); err != nil {
			return st, err
		}
		g, err := m.Fold(r, outs)
		if err != nil {
			return st, err
		}
		if g != nil && c.Checkpoint != nil {
			if err := c.Checkpoint(st); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// stopBefore is the reason not to start another generation, or "".
func (c *Config) stopBefore(st *State) string {
	if len(st.Generations) >= c.Generations {
		return StopGenerations
	}
	if c.Budget > 0 && st.Simulations() >= c.Budget {
		return StopBudget
	}
	return ""
}

// stopAfter is the reason to end after generation g, or "".
func (c *Config) stopAfter(g *Generation) string {
	switch {
	case g.Index > 0 && c.Tolerance > 0 && g.Tolerance <= c.Tolerance:
		return StopTolerance
	case g.Index > 0 && c.MinAcceptance > 0 && g.Acceptance < c.MinAcceptance:
		return StopAcceptance
	}
	return ""
}

// limit is the most simulations generation t may take: the budget left
// and N / MinAcceptance, whichever is smaller (0 for no limit).
func (c *Config) limit(st *State) int {
	lim := 0
	if c.Budget > 0 {
		lim = c.Budget - st.Simulations()
	}
	if c.MinAcceptance > 0 {
		n := int(math.Ceil(float64(c.Particles) / c.MinAcceptance))
		if lim == 0 || n < lim {
			lim = n
		}
	}
	return lim
}
