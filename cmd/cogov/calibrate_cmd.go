package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"cogov/experiments/calibrate"
	"cogov/plots"
)

func newCalibrateCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "calibrate FILE.toml|NAME [flags]",
		Short: "fit free parameters to the paper's targets (Latin hypercube, then Nelder-Mead)",
		Long: "Fits a calibration file's free parameters to the paper's calibration targets: a Latin\n" +
			"hypercube screen, then Nelder-Mead from the best point. Writes calibration.csv, fit.csv,\n" +
			"prior.csv, best-sets.txt and the fit figure. The built-in calibration is baseline.\n" +
			"With --method abc-smc it samples the parameters' posterior by ABC-SMC instead\n" +
			"(posterior.csv, generations.csv, posterior_summary.csv, figures; docs/CALIBRATION.md);\n" +
			"with --emit slurm it writes that calibration as Slurm jobs, each round of proposals a job\n" +
			"array, whose files are byte-identical to the in-process run's.",
		Example: "  cogov calibrate baseline\n  cogov calibrate my-calibration.toml --out out/cal --workers 4\n" +
			"  cogov calibrate baseline --method abc-smc\n  cogov calibrate baseline --method abc-smc --resume\n" +
			"  cogov calibrate baseline-recovery --method abc-smc --recovery 20\n" +
			"  cogov calibrate baseline --method abc-smc --emit slurm --shards 50 --time 02:00:00 --out out/cal-slurm\n" +
			"  bash out/cal-slurm/submit.sh",
		Args: cobra.ArbitraryArgs,
	}
	out := c.Flags().String("out", "", "write calibration.csv, fit.csv, prior.csv, best-sets.txt and the fit figure to `DIR` (default out/calibrate-NAME)")
	workers := c.Flags().Int("workers", 0, "runs done at once (default: the number of CPUs)")
	quiet := c.Flags().BoolP("quiet", "q", false, "no progress on stderr")
	abc := addABCFlags(c)
	sl := addABCSlurmFlags(c)
	c.RunE = func(cmd *cobra.Command, pos []string) error {
		if err := abc.check(); err != nil {
			return err
		}
		if err := sl.check(cmd.Flags(), abc); err != nil {
			return err
		}
		cal, dir, w, err := calibrationArgs(pos, *out, *workers)
		if err != nil {
			return err
		}
		stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
		switch {
		case sl.active():
			return sl.run(cal, pos[0], dir, w, *quiet, stdout, stderr)
		case abc.method == "abc-smc":
			return calibrateABC(cal, dir, w, *quiet, abc, stdout, stderr)
		}
		return calibrateCmd(cal, dir, w, *quiet, stdout, stderr)
	}
	return c
}

// calibrationArgs checks calibrate's argument and --workers, loads the
// calibration and defaults dir to out/calibrate-NAME.
func calibrationArgs(pos []string, dir string, workers int) (*calibrate.Calibration, string, int, error) {
	w, err := workerCount(workers)
	if err != nil {
		return nil, "", 0, err
	}
	if len(pos) != 1 {
		return nil, "", 0, badInput("want one calibration FILE.toml or built-in name (baseline)")
	}
	c, err := calibrate.Load(pos[0])
	if err != nil {
		return nil, "", 0, usageError{err}
	}
	if dir == "" {
		dir = filepath.Join("out", "calibrate-"+c.Name)
	}
	return c, dir, w, nil
}

// calibrateCmd is cogov calibrate --method optimize: it fits c's free
// parameters on w workers and writes the fit into dir.
func calibrateCmd(c *calibrate.Calibration, dir string, w int, quiet bool, stdout, stderr io.Writer) error {
	total := c.Screen + c.Iterations
	n := 0
	progress := func(e calibrate.Evaluation) {
		n++
		if !quiet {
			fmt.Fprintf(stderr, "\r%s %d/%d loss %.3f (best so far reported at the end)   ", e.Stage, n, total, e.Loss)
		}
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := calibrate.Run(ctx, c, w, progress)
	if !quiet {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := calibrate.Write(dir, c, res); err != nil {
		return err
	}
	figs, err := plots.DrawAll(dir, plots.Options{OutDir: dir})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Calibration %q: %d evaluations of %d replications; best loss %.3f\n\nbest parameters (use with --set):\n",
		c.Name, len(res.Evaluations), c.Reps, res.Best.Loss)
	for _, s := range res.Best.Sets {
		fmt.Fprintf(stdout, "  %s\n", s)
	}
	fmt.Fprintln(stdout, "\nfit at the best parameters, model mean [95 % CI]:")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tobserved\tmodel\ttolerance\tprior 5-95 %\tresult")
	for _, ch := range res.Fit {
		r := "FAIL"
		if ch.Pass {
			r = "pass"
		}
		pr := "-"
		if p, ok := priorOf(res.Prior, ch.ID); ok {
			pr = fmt.Sprintf("[%.3f, %.3f]", p.Low, p.High)
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%s\t±%.2f\t%s\t%s\n", ch.ID, ch.Observed, ci(ch.Model), ch.Tolerance, pr, r)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\ntargets not fitted, prior-predictive 5-95 % over the parameters' ranges:")
	for _, p := range res.Prior {
		if !slices.Contains(c.Targets, p.ID) {
			fmt.Fprintf(stdout, "  %-30s [%.3f, %.3f]\n", p.ID, p.Low, p.High)
		}
	}
	fmt.Fprintf(stdout, "\nwrote %s (calibration.csv, fit.csv, prior.csv, best-sets.txt", dir)
	for _, f := range figs {
		fmt.Fprintf(stdout, ", %s", filepath.Base(f))
	}
	fmt.Fprintln(stdout, ")")
	return nil
}
