package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"cogov/experiments/abc"
	"cogov/experiments/calibrate"
	"cogov/plots"
)

// calibrateABC is cogov calibrate --method abc-smc: it samples the
// posterior of c's free parameters into dir, draws its figures, and
// prints the posterior summary. SIGINT or SIGTERM stops it after the
// last complete generation, whose files stay in dir for --resume.
func calibrateABC(c *calibrate.Calibration, dir string, workers int, resume, quiet bool, stdout, stderr io.Writer) error {
	if workers < 1 {
		return badInput("--workers: %d (allowed: at least 1)", workers)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	total := 0
	progress := func(g *abc.Generation) {
		total += g.Simulations
		if !quiet {
			fmt.Fprintf(stderr, "generation %d: tolerance %.4g, acceptance %.3f, ESS %.0f, %d simulations (%d in all)\n",
				g.Index, g.Tolerance, g.Acceptance, g.ESS, g.Simulations, total)
		}
	}
	st, err := calibrate.RunABC(ctx, c, dir, workers, resume, progress)
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted: %s holds the %d complete generations; continue with --resume", dir, len(st.Generations))
	}
	if err != nil {
		if os.IsNotExist(errors.Unwrap(err)) {
			return usageError{err}
		}
		return err
	}
	figs, err := plots.DrawAll(dir, plots.Options{OutDir: dir})
	if err != nil {
		return err
	}
	last := st.Last()
	fmt.Fprintf(stdout, "ABC-SMC calibration %q: %d generations, %d simulations of %d replications; stopped by %s\n",
		c.Name, len(st.Generations), st.Simulations(), c.ABC.Reps, st.Stopped)
	fmt.Fprintf(stdout, "last generation: tolerance %.4g, acceptance %.3f, ESS %.0f of %d particles\n\n",
		last.Tolerance, last.Acceptance, last.ESS, len(last.Particles))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\tmean\tmedian\t95 % credible interval\tprior 95 %\twidth ratio")
	for i, s := range abc.Summarize(st, c.Priors()) {
		fmt.Fprintf(tw, "%s\t%.4g\t%.4g\t[%.4g, %.4g]\t[%.4g, %.4g]\t%.2f\n", c.Params[i].Path, s.Mean, s.Median,
			s.Low, s.High, s.PriorLow, s.PriorHigh, s.WidthRatio)
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nstatistic scales (prior-predictive spread; 0: constant, left out):")
	for i, id := range c.FittedIDs() {
		if i < len(st.Scales) {
			fmt.Fprintf(stdout, "  %-30s %.4g\n", id, st.Scales[i])
		}
	}
	if math.IsInf(last.Tolerance, 1) {
		fmt.Fprintln(stdout, "\nonly generation 0 (the prior) is complete: the sample is the prior's")
	}
	fmt.Fprintf(stdout, "\nwrote %s (%s, %s, %s, %s", dir, abc.PosteriorFile, abc.GenerationsFile, abc.SummaryFile, calibrate.StateFile)
	for _, f := range figs {
		fmt.Fprintf(stdout, ", %s", filepath.Base(f))
	}
	fmt.Fprintln(stdout, ")")
	return nil
}

// abcFlags are calibrate's flags of the ABC-SMC route.
type abcFlags struct {
	method string
	resume bool
}

// addABCFlags adds --method and --resume to calibrate.
func addABCFlags(c *cobra.Command) *abcFlags {
	f := &abcFlags{}
	c.Flags().StringVar(&f.method, "method", "optimize", "`optimize` (Latin hypercube, then Nelder-Mead: a best point) or abc-smc (a posterior sample)")
	c.Flags().BoolVar(&f.resume, "resume", false, "abc-smc: continue from the output folder's abc-state.json")
	return f
}

// check validates the flags together.
func (f *abcFlags) check() error {
	if f.method != "optimize" && f.method != "abc-smc" {
		return badInput("--method: %q (allowed: optimize, abc-smc)", f.method)
	}
	if f.resume && f.method != "abc-smc" {
		return badInput("--resume: only with --method abc-smc")
	}
	return nil
}

// calibrateABCCmd is cogov calibrate --method abc-smc.
func calibrateABCCmd(stdout, stderr io.Writer, pos []string, dir string, workers int, quiet bool, f *abcFlags) error {
	w, err := workerCount(workers)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return badInput("want one calibration FILE.toml or built-in name (baseline)")
	}
	c, err := calibrate.Load(pos[0])
	if err != nil {
		return usageError{err}
	}
	if dir == "" {
		dir = filepath.Join("out", "calibrate-"+c.Name)
	}
	return calibrateABC(c, dir, w, f.resume, quiet, stdout, stderr)
}
