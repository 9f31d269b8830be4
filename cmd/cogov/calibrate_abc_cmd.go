package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"cogov/experiments/abc"
	"cogov/experiments/calibrate"
	"cogov/plots"
)

// recoveryStudy is cogov calibrate --method abc-smc --recovery N.
func recoveryStudy(ctx context.Context, c *calibrate.Calibration, dir string, workers int, quiet bool, o *abcFlags, stdout, stderr io.Writer) error {
	// The files are rewritten after every truth, so an interrupted study
	// leaves the truths done.
	progress := func(r *abc.Recovery) error {
		if !quiet {
			fmt.Fprintf(stderr, "\rrecovery: truth %d/%d calibrated   ", len(r.Rows)/r.Params, o.recovery)
		}
		return calibrate.WriteRecovery(dir, c, r)
	}
	r, err := calibrate.Recover(ctx, c, o.recovery, workers, progress)
	if !quiet {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	if err := calibrate.WriteRecovery(dir, c, r); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Parameter recovery of %q: %d truths from the prior, %d simulations of %d replications\n\n",
		c.Name, o.recovery, r.Simulations, c.ABC.Reps)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "parameter\tcoverage of 95 % intervals\tmean width ratio\tverdict")
	for i, p := range c.Params {
		cov, wr := r.Coverage(i)
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%s\n", p.Path, cov, wr, abc.Identified(wr))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\nwrote %s (%s, %s)\n", dir, calibrate.RecoveryFile, calibrate.RecoverySummaryFile)
	return nil
}

// calibrateABC is cogov calibrate --method abc-smc: it samples the
// posterior of c's free parameters into dir on workers workers, draws its
// figures, and prints the posterior summary. SIGINT or SIGTERM stops it
// after the last complete generation, whose files stay in dir for
// --resume.
func calibrateABC(c *calibrate.Calibration, dir string, workers int, quiet bool, o *abcFlags, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, calibrate.StateFile)); o.resume && err != nil {
		return usageError{fmt.Errorf("--resume: %w", err)}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	if o.recovery > 0 {
		return recoveryStudy(ctx, c, dir, workers, quiet, o, stdout, stderr)
	}
	total := 0
	progress := func(g *abc.Generation) {
		total += g.Simulations
		if !quiet {
			fmt.Fprintf(stderr, "generation %d: tolerance %.4g, acceptance %.3f, ESS %.0f, %d simulations (%d in all)\n",
				g.Index, g.Tolerance, g.Acceptance, g.ESS, g.Simulations, total)
		}
	}
	st, err := calibrate.RunABC(ctx, c, dir, workers, o.resume, progress)
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted: %s holds the %d complete generations; continue with --resume", dir, len(st.Generations))
	}
	if err != nil {
		return err
	}
	return abcSummary(c, dir, st, stdout)
}

// abcSummary draws the figures of the ABC-SMC run st in dir and prints
// its posterior summary.
func abcSummary(c *calibrate.Calibration, dir string, st *abc.State, stdout io.Writer) error {
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
	method   string
	resume   bool
	recovery int
}

// addABCFlags adds --method and --resume to calibrate.
func addABCFlags(c *cobra.Command) *abcFlags {
	f := &abcFlags{}
	c.Flags().StringVar(&f.method, "method", "optimize", "`optimize` (Latin hypercube, then Nelder-Mead: a best point) or abc-smc (a posterior sample)")
	c.Flags().BoolVar(&f.resume, "resume", false, "abc-smc: continue from the output folder's abc-state.json")
	c.Flags().IntVar(&f.recovery, "recovery", 0, "abc-smc: instead, a parameter-recovery study of `N` truths drawn from the prior (coverage of the 95 % intervals)")
	return f
}

// check validates the flags together.
func (f *abcFlags) check() error {
	if f.method != "optimize" && f.method != "abc-smc" {
		return badInput("--method: %q (allowed: optimize, abc-smc)", f.method)
	}
	if (f.resume || f.recovery != 0) && f.method != "abc-smc" {
		return badInput("--resume and --recovery: only with --method abc-smc")
	}
	if f.recovery < 0 || f.recovery > 1000 || (f.recovery > 0 && f.resume) {
		return badInput("--recovery: %d (allowed: 1 to 1000 truths, without --resume)", f.recovery)
	}
	return nil
}
