package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cogov/experiments"
	"cogov/experiments/design"
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

func newSweepCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "sweep FILE.toml|NAME [flags]",
		Short: "run an experiment's points x replications in parallel (resumable, shardable)",
		Long: "Runs every design point of an experiment (a FILE.toml or a built-in NAME) for its\n" +
			"replications and writes DIR: experiment.toml, manifest.json, points.csv, runs.csv,\n" +
			"yearly.csv, failures.csv if a run fails, then summary.csv, figures/ and report.html\n" +
			"(with --agents also every run's micro-data: agencies.csv, contracts.csv, microdata_rows.csv).\n" +
			"The files are the same whatever the number of workers; an interrupted sweep finishes\n" +
			"with --resume; shards (--shard I/N) merge with cogov merge (no figures or report for\n" +
			"a shard). Built-in experiments: " + strings.Join(design.Builtins(), ", ") + ".",
		Example: "  cogov sweep mechanisms\n" +
			"  cogov sweep my-experiment.toml --replications 50 --years 20 --out out/mine\n" +
			"  cogov sweep mechanisms --out out/mechanisms --resume\n" +
			"  cogov sweep mechanisms --replications 2 --agents --out out/m-agents\n" +
			"  cogov sweep mechanisms --shard 2/4 --out out/m.2 && cogov merge out/m.* --out out/m\n" +
			"  cogov sweep mechanisms --emit slurm --shards 20 --time 01:00:00",
		Args: cobra.ArbitraryArgs,
	}
	fs := c.Flags()
	workers := fs.Int("workers", 0, "runs done at once (default: the number of CPUs)")
	out := fs.String("out", "", "sweep directory `DIR` (default: out/NAME, or out/NAME.shard-I-of-N)")
	resume := fs.Bool("resume", false, "finish the sweep already in --out: rerun missing, short and failed runs")
	shardFlag := fs.String("shard", "", "run only shard `I/N`: the runs with run_id % N == I-1 (merge shards with cogov merge)")
	years := fs.Int("years", 0, "years `N` every run simulates, 1-200 (default: the experiment's)")
	reps := fs.Int("replications", 0, "replications `N` of every point (default: the experiment's)")
	check := fs.Bool("check", false, "check the model's invariants every year of every run")
	withAgents := fs.Bool("agents", false, "also write every run's micro-data, as cogov run --agents does, into DIR/agencies.csv (one row per run, agency and year) and DIR/contracts.csv (one row per run and contract), each with a leading run_id column, and their rows per run into DIR/microdata_rows.csv")
	quiet := fs.BoolP("quiet", "q", false, "no progress bar and no summary line")
	noPlots := fs.Bool("no-plots", false, "draw no figures and write no report (default: summarize into DIR, then draw DIR/figures and write DIR/report.html)")
	slurm := addSlurmFlags(fs)
	posterior := posteriorFlag(fs)
	c.RunE = func(c *cobra.Command, pos []string) error {
		return runSweep(c, pos, sweepFlags{*workers, *out, *resume, *shardFlag, *years, *reps, *check, *quiet, *noPlots, *withAgents, *posterior}, slurm)
	}
	return c
}

// sweepFlags are the values of cogov sweep's flags.
type sweepFlags struct {
	workers               int
	out                   string
	resume                bool
	shard                 string
	years, reps           int
	check, quiet, noPlots bool
	agents                bool
	posterior             string
}

func runSweep(c *cobra.Command, pos []string, f sweepFlags, slurm *slurmFlags) error {
	stdout, stderr := c.OutOrStdout(), c.ErrOrStderr()
	if len(pos) != 1 {
		return badInput("want one experiment (a FILE.toml or one of %s), got %d arguments", strings.Join(design.Builtins(), ", "), len(pos))
	}
	if err := slurm.check(c.Flags()); err != nil {
		return err
	}
	w, err := workerCount(f.workers)
	if err != nil {
		return err
	}
	if c.Flags().Changed("years") {
		if err := design.CheckYears(f.years); err != nil {
			return usageError{err}
		}
	}
	if c.Flags().Changed("replications") {
		if err := design.CheckReplications(f.reps); err != nil {
			return usageError{err}
		}
	}
	var shard experiments.Shard
	if f.shard != "" {
		if shard, err = experiments.ParseShard(f.shard); err != nil {
			return usageError{err}
		}
	}
	out, resume, years, reps, check, quiet, noPlots := &f.out, &f.resume, &f.years, &f.reps, &f.check, &f.quiet, &f.noPlots
	e, err := design.Load(pos[0])
	if err != nil {
		return usageError{err}
	}
	pl, err := design.NewPlan(e, design.Overrides{Years: *years, Replications: *reps})
	if err != nil {
		return usageError{err}
	}
	if err := drawSweep(pl, f.posterior, *slurm.emit != ""); err != nil {
		return err
	}
	if *slurm.emit != "" {
		return slurm.run(pl, *out, design.Overrides{Years: *years, Replications: *reps}, *check, f.agents, *quiet, stdout, stderr)
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join("out", e.Name)
		if shard.Of > 1 {
			dir += fmt.Sprintf(".shard-%d-of-%d", shard.Index, shard.Of)
		}
	}
	ctx, stop := interruptible()
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal kills at once; whole runs are on disk already
	}()
	o := experiments.SweepOptions{Workers: w, Shard: shard, Resume: *resume, Check: *check, Agents: f.agents}
	var bar *progress
	if !*quiet && isTerminal(stderr) {
		bar = &progress{w: stderr}
		o.Progress = bar.update
	}
	st, err := experiments.Sweep(ctx, pl, dir, o)
	bar.finish()
	if errors.Is(err, experiments.ErrInterrupted) {
		return fmt.Errorf("%w; the finished runs are in %s: finish with\n  %s", err, dir, resumeCommand(c, pos[0], dir))
	}
	failed := errors.Is(err, experiments.ErrRunsFailed)
	if err != nil && !failed {
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
		fmt.Fprintf(stderr, "cogov sweep: warning: %d runs listed in %s came at or after a failed run or one whose %s (or micro-data) rows were missing or short, and were run again\n", st.Redone, experiments.RunsFile, experiments.YearlyFile)
	}
	if !*noPlots {
		if ferr := sweepReport(c, dir, shard.Of > 1, *quiet); ferr != nil && !failed {
			return ferr
		}
	}
	if failed {
		return fmt.Errorf("%w\nretry them with\n  %s", err, resumeCommand(c, pos[0], dir))
	}
	return nil
}

// sweepReport summarizes the sweep in dir, draws its figures and writes
// its report.html; a shard gets neither figures nor report.
func sweepReport(c *cobra.Command, dir string, shard, quiet bool) error {
	stdout := c.OutOrStdout()
	if err := sweepFigures(stdout, dir, shard, quiet); err != nil || shard {
		return err
	}
	rep, err := folderReport(dir, c)
	if err == nil && !quiet {
		fmt.Fprintln(stdout, "report: "+rep)
	}
	return err
}

// resumeCommand is the command line that finishes an interrupted sweep:
// the experiment and every flag given that shapes the sweep (--years,
// --replications, --shard, --check, --workers, ...), with --out DIR and
// --resume, each shell-quoted.
func resumeCommand(c *cobra.Command, experiment, dir string) string {
	parts := []string{"cogov", "sweep", experiments.ShellQuote(experiment)}
	c.Flags().Visit(func(f *pflag.Flag) {
		switch f.Name {
		case "out", "resume":
			return
		}
		if f.Value.Type() == "bool" {
			if f.Value.String() == "true" {
				parts = append(parts, "--"+f.Name)
			}
			return
		}
		parts = append(parts, "--"+f.Name, experiments.ShellQuote(f.Value.String()))
	})
	return strings.Join(append(parts, "--out", experiments.ShellQuote(dir), "--resume"), " ")
}
