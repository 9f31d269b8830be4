package experiments

import (
	"context"
	"sync"

	"cogov/scenarios"
	"cogov/sim"
)

// Replicate runs reps replications of scenario s for years years on
// workers goroutines and returns the results in replication order.
// Replication r is run number r of master seed seed (sim.Stream), so the
// results do not depend on workers. It stops at the first error, or within
// a simulated year when ctx is cancelled.
func Replicate(ctx context.Context, s *scenarios.Scenario, seed uint64, reps, years, workers int) ([]*sim.Result, error) {
	return ReplicateDraws(ctx, s, nil, seed, reps, years, workers)
}

// ReplicateDraws is Replicate where replication r runs s with the
// overrides draws(seed, r) applied on top (for example free parameters
// drawn from a posterior); draws nil is Replicate.
func ReplicateDraws(ctx context.Context, s *scenarios.Scenario, draws Draws, seed uint64, reps, years, workers int) ([]*sim.Result, error) {
	build, err := draws.builder(s)
	if err != nil {
		return nil, err
	}
	return ReplicateBuild(ctx, build, seed, reps, years, workers)
}

// ReplicateBuild is Replicate where replication r runs the scenario
// build(seed, r); build must depend on nothing else and be safe for
// concurrent use.
func ReplicateBuild(ctx context.Context, build func(seed, run uint64) (*scenarios.Scenario, error), seed uint64, reps, years, workers int) ([]*sim.Result, error) {
	out := make([]*sim.Result, reps)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for range max(workers, 1) {
		wg.Go(func() {
			for r := range jobs {
				rs, err := build(seed, uint64(r))
				var res *sim.Result
				if err == nil {
					res, err = sim.RunContext(ctx, rs, seed, uint64(r), years, false)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					continue
				}
				out[r] = res
			}
		})
	}
feed:
	for r := range reps {
		select {
		case jobs <- r:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// YearIndex returns the index of project year y in r.Years, or -1.
func YearIndex(r *sim.Result, y int) int {
	for i, x := range r.Years {
		if x == y {
			return i
		}
	}
	return -1
}
