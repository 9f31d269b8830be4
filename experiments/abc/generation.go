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

// Outcome is one evaluated proposal: its parameters, statistics and
// distance (0 in generation 0, set once the scales are known), whether
// it is accepted, or the error that stopped its evaluation.
type Outcome struct {
	Theta, Stats []float64
	Distance     float64
	OK           bool
	Err          error
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
func (c *Config) propose(ctx context.Context, s *step, k int, sim Simulator) Outcome {
	r := stream(c.Seed, s.t, k)
	var theta []float64
	if s.t == 0 {
		theta = samplePriors(c.Priors, r)
	} else {
		for try := 0; ; try++ {
			if try == maxRedraws {
				return Outcome{Err: fmt.Errorf("abc: generation %d proposal %d: %d kernel draws all left the prior's support", s.t, k, maxRedraws)}
			}
			theta = s.kn.perturb(s.prev[pick(s.prev, r)].Theta, r)
			if !math.IsInf(logPrior(c.Priors, theta), -1) {
				break
			}
		}
	}
	stats, err := sim(ctx, theta, r.Uint64())
	if err != nil {
		return Outcome{Err: err}
	}
	if len(stats) != len(c.Observed) {
		return Outcome{Err: fmt.Errorf("abc: the simulator returned %d statistics, want %d", len(stats), len(c.Observed))}
	}
	o := Outcome{Theta: theta, Stats: stats}
	if s.t == 0 {
		o.OK = defined(stats)
		return o
	}
	o.Distance = distance(stats, c.Observed, s.scales, c.Lower)
	o.OK = o.Distance <= s.eps
	return o
}

// newStep prepares generation t of st: the previous population, its
// kernel and the tolerance.
func (c *Config) newStep(st *State, t int) (*step, error) {
	s := &step{t: t, eps: math.Inf(1)}
	if t == 0 {
		return s, nil
	}
	last := &st.Generations[t-1]
	s.prev, s.scales = last.Particles, st.Scales
	kn, err := newKernel(s.prev)
	if err != nil {
		return nil, err
	}
	s.kn = kn
	ds := make([]float64, len(s.prev))
	for i, p := range s.prev {
		ds[i] = p.Distance
	}
	s.eps = math.Max(quantile(ds, c.Quantile), c.Tolerance)
	return s, nil
}

// finish completes generation s.t from its N accepted particles, the
// N-th accepted being proposal sims-1: generation 0 sets st.Scales and
// the distances, later generations the importance weights.
func (c *Config) finish(st *State, s *step, acc []Particle, sims int) *Generation {
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
	return g
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

// evaluate runs f(k) for every k of ks on workers goroutines and returns
// the outcomes in the order of ks. Once ctx is cancelled the
// remaining indices are skipped.
func evaluate(ctx context.Context, workers int, ks []int, f func(int) Outcome) []Outcome {
	outs := make([]Outcome, len(ks))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(ks)) {
		wg.Go(func() {
			for i := range jobs {
				outs[i] = f(ks[i])
			}
		})
	}
feed:
	for i := range ks {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return outs
}
