package main

import (
	"errors"
	"fmt"
	"github.com/spf13/cobra"
	"io"

	"cogov/experiments"
)

func newMergeCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "merge SHARD_DIR... --out DIR",
		Short: "merge the shard directories of one sweep (merge DIR... --out DIR)",
		Long: "Merges the shard directories of one sweep (cogov sweep --shard I/N) into the files\n" +
			"the unsharded sweep would have written, after checking that the shards are of one\n" +
			"sweep and hold every run exactly once with all its rows.",
		Example: "  cogov merge out/m.shard-1-of-3 out/m.shard-2-of-3 out/m.shard-3-of-3 --out out/m\n  cogov merge out/m/shards/* --out out/m",
		Args:    cobra.ArbitraryArgs,
	}
	out := c.Flags().String("out", "", "merged sweep directory `DIR` (required, must not hold a sweep)")
	c.RunE = func(c *cobra.Command, dirs []string) error {
		return mergeCmd(c.OutOrStdout(), dirs, out)
	}
	return c
}

func mergeCmd(stdout io.Writer, dirs []string, out *string) error {
	if len(dirs) == 0 {
		return badInput("no shard directories given (want cogov merge DIR... --out DIR)")
	}
	if *out == "" {
		return badInput("--out DIR is required")
	}
	if err := experiments.Merge(dirs, *out); err != nil {
		if errors.Is(err, experiments.ErrNoSweep) {
			return usageError{err}
		}
		return experimentError(err)
	}
	m, err := experiments.ReadManifest(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d runs of %s merged from %d directories\n", *out, m.Runs, m.Experiment, len(dirs))
	return nil
}
