package main

import (
	"slices"

	"github.com/spf13/pflag"

	"cogov/experiments"
	"cogov/experiments/calibrate"
	"cogov/experiments/design"
	"cogov/scenarios"
)

// posteriorFlag adds --posterior FILE to fs.
func posteriorFlag(fs *pflag.FlagSet) *string {
	return fs.String("posterior", "", "draw the free parameters of each replication from the ABC-SMC posterior.csv `FILE`, "+
		"or default: the baseline's built-in posterior (by weight, from the replication's own stream; --set and design factors still win)")
}

// posteriorDraws loads the --posterior file: nil draws when path is
// empty. Each run's draws are followed by sets again, so that explicit
// overrides win over drawn values. A bad file is bad input.
func posteriorDraws(path string, sets []string) (experiments.Draws, *calibrate.Posterior, error) {
	if path == "" {
		return nil, nil, nil
	}
	p, err := calibrate.LoadPosterior(path)
	if err != nil {
		return nil, nil, usageError{err}
	}
	draws := func(seed, run uint64) []string { return append(p.Draw(seed, run), slices.Clone(sets)...) }
	return draws, p, nil
}

// drawRun reloads run's scenario s (loaded from ref with sets) with the
// parameters its run draws from the --posterior file, if one is given.
// The first load printed the warnings; the reload prints none, as a
// sweep's or comparison's drawn runs do not.
func drawRun(s *scenarios.Scenario, path, ref string, sets []string, replay bool) (*scenarios.Scenario, error) {
	if path == "" {
		return s, nil
	}
	if replay {
		return nil, badInput("--posterior: not with a replay (the replayed run's scenario holds its parameters)")
	}
	draws, _, err := posteriorDraws(path, sets)
	if err != nil {
		return nil, err
	}
	drawn, err := scenarios.Load(ref, draws(s.Seed, 0))
	if err != nil {
		return nil, usageError{err}
	}
	return drawn, nil
}

// drawSweep makes every run of pl draw from the --posterior file.
func drawSweep(pl *design.Plan, path string, slurm bool) error {
	if path == "" {
		return nil
	}
	if slurm {
		return badInput("--posterior: not with --emit slurm (run the shards with --shard and --posterior instead)")
	}
	draws, p, err := posteriorDraws(path, nil)
	if err != nil {
		return err
	}
	pl.Draws, pl.DrawsID = draws, p.SHA256
	return nil
}
