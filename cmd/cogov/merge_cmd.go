package main

import (
	"errors"
	"fmt"
	"io"

	"cogov/experiments"
)

func cmdMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge", stderr)
	out := fs.String("out", "", "merged sweep directory `DIR` (required, must not hold a sweep)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov merge SHARD_DIR... --out DIR\n\nMerges the shard directories of one sweep (cogov sweep --shard I/N) into the\nfiles the unsharded sweep would have written.\n\nflags:")
		fs.PrintDefaults()
	}
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
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
