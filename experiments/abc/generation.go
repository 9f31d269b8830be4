package abc

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
)

// maxRedraws bounds the kernel draws of one proposal that fall outside
// the prior's support before Run gives up.
const maxRedraws = 10000

// outcome is one evaluated proposal.
type outcome struct {
	theta, stats []float64
	dist         float64
	ok           bool
	err          error
}

// stream is the random stream of proposal k of generation t: PCG seeded
// with (splitmix64(seed + t·golden), k), independent of every other
// proposal and of the order of evaluation.
func stream(seed uint64, t, k int) *rand.Rand {
	z := seed + uint64(t+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return rand.New(rand.NewPCG(z^(z>>31), uint64(k)))
}

// step holds what generation t's proposals need.
type step struct {
	t      int
	prev   []Particle
	kn     *kernel
	scales []float64
	eps    float64
}

// propose draws, simulates and judges proposal k: from the prior in
// generation 0, else a particle of the previous population drawn by
// weight and moved by the kernel (redrawn while outside the prior's
// support); the simulator's seed is the stream's next number.
func (c *Config) propose(ctx context.Context, s *step, k int, sim Simulator) outcome {
	r := stream(c.Seed, s.t, k)
	var theta []float64
	if s.t == 0 {
		theta = make([]float64, len(c.Priors))
		for i, p := range c.Priors {
			theta[i] = p.Sample(r)
		}
	} else {
		for try := 0; ; try++ {
			if try == maxRedraws {
				return outcome{err: fmt.Errorf("abc: generation %d proposal %d: %d kernel draws all left the prior's support", s.t, k, maxRedraws)}
			}
			theta = s.kn.perturb(s.prev[pick(s.prev, r)].Theta, r)
			if !math.IsInf(logPrior(c.Priors, theta), -1) {
				break
			}
		}
	}
	stats, err := sim(ctx, theta, r.Uint64())
	if err != nil {
		return outcome{err: err}
	}
	if len(stats) != len(c.Observed) {
		return outcome{err: fmt.Errorf("abc: the simulator returned %d statistics, want %d", len(stats), len(c.Observed))}
	}
	o := outcome{theta: theta, stats: stats}
	if s.t == 0 {
		o.ok = true
		for _, x := range stats {
			o.ok = o.ok && !math.IsNaN(x) && !math.IsInf(x, 0)
		}
		return o
	}
	o.dist = distance(stats, c.Observed, s.scales, c.Lower)
	o.ok = o.dist <= s.eps
	return o
}

// generation makes the next generation of st. It returns nil and the
// stop reason when the generation cannot complete within c.limit.
func (c *Config) generation(ctx context.Context, st *State, sim Simulator) (*Generation, string, error) {
	s := &step{t: len(st.Generations), eps: math.Inf(1)}
	if s.t > 0 {
		last := st.Last()
		s.prev, s.scales = last.Particles, st.Scales
		kn, err := newKernel(s.prev)
		if err != nil {
			return nil, "", err
		}
		s.kn = kn
		ds := make([]float64, len(s.prev))
		for i, p := range s.prev {
			ds[i] = p.Distance
		}
		s.eps = math.Max(quantile(ds, c.Quantile), c.Tolerance)
	}
	lim := c.limit(st)
	workers := max(c.Workers, 1)
	var acc []Particle
	next, sims := 0, 0
	for len(acc) < c.Particles {
		if lim > 0 && next >= lim {
			if c.Budget > 0 && lim == c.Budget-st.Simulations() {
				return nil, StopBudget, nil
			}
			return nil, StopAcceptance, nil
		}
		end := next + c.batch(len(acc), next, workers, st)
		if lim > 0 {
			end = min(end, lim)
		}
		outs := evaluate(ctx, workers, next, end, func(k int) outcome { return c.propose(ctx, s, k, sim) })
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		for i, o := range outs {
			if o.err != nil {
				return nil, "", o.err
			}
			if o.ok {
				acc = append(acc, Particle{Theta: o.theta, Distance: o.dist, Stats: o.stats})
				if len(acc) == c.Particles {
					sims = next + i + 1
					break
				}
			}
		}
		next = end
	}
	g := &Generation{Index: s.t, Tolerance: s.eps, Simulations: sims, Particles: acc,
		Acceptance: float64(c.Particles) / float64(sims)}
	if s.t == 0 {
		rows := make([][]float64, len(acc))
		for i, p := range acc {
			rows[i] = p.Stats
		}
		st.Scales = scales(rows, c.spread())
		for i := range acc {
			acc[i].Weight = 1 / float64(len(acc))
			acc[i].Distance = distance(acc[i].Stats, c.Observed, st.Scales, c.Lower)
		}
	} else {
		reweight(acc, s.prev, c.Priors, s.kn)
	}
	g.ESS = ess(acc)
	return g, "", nil
}

// batch is how many proposals to evaluate next: the number expected to
// give the particles still missing at the acceptance rate seen so far in
// this generation (or the previous one's), at least one per worker. It
// changes only the work wasted past the N-th acceptance, never the result.
func (c *Config) batch(accepted, tried, workers int, st *State) int {
	rate := 1.0
	switch {
	case tried > 0 && accepted > 0:
		rate = float64(accepted) / float64(tried)
	case tried > 0:
		rate = 1 / float64(2*tried)
	case len(st.Generations) > 0:
		rate = st.Last().Acceptance
	}
	n := int(math.Ceil(float64(c.Particles-accepted) / math.Max(rate, 1e-4)))
	n = (n + workers - 1) / workers * workers
	return min(max(n, workers), 64*workers+c.Particles)
}

// evaluate runs f(k) for k in [from, to) on workers goroutines and
// returns the outcomes in index order. Once ctx is cancelled the
// remaining indices are skipped.
func evaluate(ctx context.Context, workers, from, to int, f func(int) outcome) []outcome {
	outs := make([]outcome, to-from)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, to-from) {
		wg.Go(func() {
			for k := range jobs {
				outs[k-from] = f(k)
			}
		})
	}
feed:
	for k := from; k < to; k++ {
		select {
		case jobs <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return outs
}
