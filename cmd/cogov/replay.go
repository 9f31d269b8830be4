package main

import (
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cogov/experiments"
	"cogov/scenarios"
)

// replayFlags are cogov run's --from DIR --run-id N, which replay one run
// of a sweep.
type replayFlags struct {
	from *string
	id   *int
}

func addReplayFlags(fs *pflag.FlagSet) *replayFlags {
	return &replayFlags{
		from: fs.String("from", "", "replay a run of the sweep in `DIR` (with --run-id): its scenario, seed, stream and years"),
		id:   fs.Int("run-id", 0, "the run `N` of --from DIR to replay (runs.csv's run_id)"),
	}
}

// given reports whether a replay was asked for, and checks the flags go
// together.
func (r *replayFlags) given(c *cobra.Command) bool {
	return c.Flags().Changed("from") || c.Flags().Changed("run-id")
}

// load returns the scenario and random stream of the replayed run; sets
// and more (from --years) apply on top, and a --seed or --scenario is
// refused, as the sweep fixes them.
func (r *replayFlags) load(c *cobra.Command, sets, more []string) (*scenarios.Scenario, uint64, error) {
	switch {
	case !c.Flags().Changed("from") || !c.Flags().Changed("run-id"):
		return nil, 0, badInput("--from DIR and --run-id N go together")
	case c.Flags().Changed("seed") || c.Flags().Changed("scenario"):
		return nil, 0, badInput("--seed and --scenario do not go with --from: the sweep fixes the run's scenario and random stream")
	}
	s, stream, err := experiments.ReplayRun(*r.from, *r.id, append(append([]string(nil), sets...), more...))
	if err != nil {
		return nil, 0, usageError{err}
	}
	return s, stream, nil
}
