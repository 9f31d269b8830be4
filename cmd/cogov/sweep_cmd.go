package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"cogov/experiments"
	"cogov/internal/fsutil"
)

// experimentError turns a problem with the input of a sweep into bad input.
func experimentError(err error) error {
	for _, target := range []error{experiments.ErrExists, experiments.ErrMismatch, experiments.ErrIncomplete, fsutil.ErrLocked} {
		if errors.Is(err, target) {
			return usageError{err}
		}
	}
	return err
}

func cmdSweep(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sweep", stderr)
	workers := fs.Int("workers", 0, "runs done at once (default: the number of CPUs)")
	out := fs.String("out", "", "sweep directory `DIR` (default: out/NAME, or out/NAME.shard-I-of-N)")
	resume := fs.Bool("resume", false, "finish the sweep already in --out, running only the missing runs")
	shardFlag := fs.String("shard", "", "run only shard `I/N`: the runs with run_id % N == I-1 (merge shards with cogov merge)")
	years := fs.Int("years", 0, "years every run simulates (default: the experiment's)")
	reps := fs.Int("replications", 0, "replications of every point (default: the experiment's)")
	check := fs.Bool("check", false, "check the model's invariants every year of every run")
	quiet := fs.Bool("q", false, "quiet: no progress bar and no summary line")
	noPlots := fs.Bool("no-plots", false, "draw no figures (default: summarize into DIR, then draw DIR/figures)")
	slurm := addSlurmFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cogov sweep FILE.toml|NAME [flags]\n       cogov sweep FILE.toml|NAME --emit slurm --shards N [--out DIR] [Slurm flags]\n\nbuilt-in experiments: %s\n\nflags:\n",
			strings.Join(experiments.Builtins(), ", "))
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return badInput("want one experiment (a FILE.toml or one of %s), got %d arguments", strings.Join(experiments.Builtins(), ", "), len(pos))
	}
	if err := slurm.check(fs); err != nil {
		return err
	}
	if *workers < 0 || *years < 0 || *reps < 0 {
		return badInput("--workers, --years and --replications must not be negative")
	}
	var shard experiments.Shard
	if *shardFlag != "" {
		if shard, err = experiments.ParseShard(*shardFlag); err != nil {
			return usageError{err}
		}
	}
	e, err := experiments.Load(pos[0])
	if err != nil {
		return usageError{err}
	}
	pl, err := experiments.NewPlan(e, experiments.Overrides{Years: *years, Replications: *reps})
	if err != nil {
		return usageError{err}
	}
	if *slurm.emit != "" {
		return slurm.run(pl, *out, experiments.Overrides{Years: *years, Replications: *reps}, *check, *quiet, stdout, stderr)
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("out", e.Name)
		if shard.Of > 1 {
			dir += fmt.Sprintf(".shard-%d-of-%d", shard.Index, shard.Of)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal kills at once; whole runs are on disk already
	}()
	o := experiments.SweepOptions{Workers: *workers, Shard: shard, Resume: *resume, Check: *check}
	var bar *progress
	if !*quiet && isTerminal(stderr) {
		bar = &progress{w: stderr}
		o.Progress = bar.update
	}
	st, err := experiments.Sweep(ctx, pl, dir, o)
	bar.finish()
	if errors.Is(err, experiments.ErrInterrupted) {
		resumeCmd := "cogov sweep " + pos[0] + " --out " + dir + " --resume"
		if shard.Of > 1 {
			resumeCmd += " --shard " + shard.String()
		}
		return fmt.Errorf("%w; the finished runs are in %s: finish with\n  %s", err, dir, resumeCmd)
	}
	if err != nil {
		return experimentError(err)
	}
	if !*quiet {
		rate := float64(st.Ran) / st.Elapsed.Seconds()
		fmt.Fprintf(stdout, "%s: %d runs (%d points x %d replications", dir, st.Total, len(pl.Points), pl.Replications)
		if shard.Of > 1 {
			fmt.Fprintf(stdout, ", shard %s of %d runs", shard, pl.Runs())
		}
		fmt.Fprintf(stdout, "), %d run now in %.1f s (%.1f runs/s)", st.Ran, st.Elapsed.Seconds(), rate)
		if st.Resumed > 0 {
			fmt.Fprintf(stdout, ", %d resumed", st.Resumed)
		}
		fmt.Fprintln(stdout)
	}
	if st.Redone > 0 {
		fmt.Fprintf(stderr, "cogov sweep: warning: %d runs listed in %s had missing or extra rows in %s and were run again\n", st.Redone, experiments.RunsFile, experiments.YearlyFile)
	}
	if !*noPlots {
		return sweepFigures(stdout, dir, shard.Of > 1, *quiet)
	}
	return nil
}
