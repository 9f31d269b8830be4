package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cogov/experiments"
	"cogov/experiments/calibrate"
	"cogov/experiments/slurm"
)

// The steps of the Slurm route of an ABC-SMC calibration, run by the
// scripts of --emit slurm (docs/CALIBRATION.md, ABC-SMC on Slurm).
var abcSteps = []string{"plan", "simulate", "collect", "finish"}

// abcSlurmFlags are calibrate's flags of the Slurm route: --emit slurm
// and its options (those of cogov sweep --emit slurm), and the hidden
// --abc-step and --shard the scripts pass.
type abcSlurmFlags struct {
	*slurmFlags
	step, shard string
}

func addABCSlurmFlags(c *cobra.Command) *abcSlurmFlags {
	fs := c.Flags()
	f := &abcSlurmFlags{slurmFlags: addSlurmFlags(fs)}
	fs.Lookup("emit").Usage = "with --method abc-smc: write the calibration as Slurm jobs into --out, running nothing (submit.sh, abc-simulate.sbatch, abc-collect.sbatch); the one target is `slurm`"
	fs.StringVar(&f.step, "abc-step", "", "one `STEP` of the Slurm route ("+strings.Join(abcSteps, ", ")+"), as its scripts run it")
	fs.StringVar(&f.shard, "shard", "", "with --abc-step simulate: array task `I/N`")
	fs.MarkHidden("abc-step")
	fs.MarkHidden("shard")
	return f
}

// active reports whether the Slurm route's flags take over calibrate.
func (f *abcSlurmFlags) active() bool { return *f.emit != "" || f.step != "" }

// check validates the flags of the Slurm route against the others.
func (f *abcSlurmFlags) check(fs *pflag.FlagSet, a *abcFlags) error {
	if fs.Changed("shard") && f.step != "simulate" {
		return badInput("--shard goes with --abc-step simulate")
	}
	if f.step == "" {
		if *f.emit != "" && a.method != "abc-smc" {
			return badInput("--emit slurm: only with --method abc-smc (the optimizer runs in one process)")
		}
		if *f.emit != "" && a.recovery != 0 {
			return badInput("--recovery does not go with --emit slurm")
		}
		return f.slurmFlags.check(fs)
	}
	if !slices.Contains(abcSteps, f.step) {
		return badInput("--abc-step %q (allowed: %s)", f.step, strings.Join(abcSteps, ", "))
	}
	if a.method != "abc-smc" || a.resume || a.recovery != 0 || *f.emit != "" {
		return badInput("--abc-step: only with --method abc-smc, without --resume, --recovery and --emit")
	}
	if !fs.Changed("out") {
		return badInput("--abc-step needs --out DIR, the calibration's folder")
	}
	for _, name := range slurmOnly {
		if fs.Changed(name) && (f.step != "plan" || (name != "shards" && name != "cpus-per-task")) {
			return badInput("--%s does not go with --abc-step %s", name, f.step)
		}
	}
	switch {
	case f.step == "plan" && !fs.Changed("shards"):
		return badInput("--abc-step plan needs --shards N")
	case f.step == "plan" && (*f.shards < 1 || *f.cpus < 1):
		return badInput("--shards %d, --cpus-per-task %d (allowed: at least 1 each)", *f.shards, *f.cpus)
	case f.step == "simulate" && f.shard == "":
		return badInput("--abc-step simulate needs --shard I/N")
	case f.step == "simulate":
		if _, err := experiments.ParseShard(f.shard); err != nil {
			return usageError{err}
		}
	case f.step != "simulate" && fs.Changed("workers"):
		return badInput("--workers goes with --abc-step simulate only")
	}
	return nil
}

// run is calibrate with --emit slurm or --abc-step: c (given as ref) in
// dir, simulating on w workers.
func (f *abcSlurmFlags) run(c *calibrate.Calibration, ref, dir string, w int, quiet bool, stdout, stderr io.Writer) error {
	if f.step == "" {
		return f.emitABC(c, ref, dir, quiet, stdout, stderr)
	}
	if _, err := os.Stat(dir); f.step != "plan" && err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	switch f.step {
	case "plan":
		s, err := calibrate.PlanABC(c, dir, *f.shards, *f.cpus)
		if err != nil {
			return err
		}
		if !s.Pending {
			fmt.Fprintf(stdout, "stopped by %s after %d generations\n", s.State.Stopped, len(s.State.Generations))
			return nil
		}
		r := s.Round
		fmt.Fprintf(stdout, "generation %d: proposals %d to %d in %d tasks\n", r.Generation, r.From, r.To-1, *f.shards)
	case "simulate":
		sh, _ := experiments.ParseShard(f.shard) // checked by check
		ctx, stop := interruptible()
		defer stop()
		n, skipped, err := calibrate.SimulateABC(ctx, c, dir, sh.Index, sh.Of, w)
		if err != nil {
			return err
		}
		if !quiet {
			if skipped {
				fmt.Fprintf(stdout, "task %s: done already\n", f.shard)
			} else {
				fmt.Fprintf(stdout, "task %s: %d proposals evaluated\n", f.shard, n)
			}
		}
	case "collect":
		s, err := calibrate.CollectABC(c, dir)
		if err != nil {
			return err
		}
		if g := s.Generation; g != nil {
			fmt.Fprintf(stdout, "generation %d complete: tolerance %.4g, acceptance %.3f, ESS %.0f, %d simulations\n",
				g.Index, g.Tolerance, g.Acceptance, g.ESS, g.Simulations)
		} else {
			fmt.Fprintf(stdout, "generation %d: proposals up to %d collected, another round needed\n", s.Round.Generation, s.Round.To-1)
		}
	case "finish":
		st, err := calibrate.FinishedABC(c, dir)
		if err != nil {
			return err
		}
		return abcSummary(c, dir, st, stdout)
	}
	return nil
}

// emitABC writes the Slurm scripts of calibration c (given as ref) into
// dir and prints the command that submits them.
func (f *abcSlurmFlags) emitABC(c *calibrate.Calibration, ref, dir string, quiet bool, stdout, stderr io.Writer) error {
	bin, err := f.cogovBinary()
	if err != nil {
		return err
	}
	o := slurm.Options{Shards: *f.shards, Partition: *f.partition, Time: *f.time, Mem: *f.mem, CPUsPerTask: *f.cpus, Binary: bin}
	cal := slurm.Calibration{Name: c.Name, Ref: ref, Builtin: c.Builtin()}
	s, err := slurm.EmitABC(cal, dir, o)
	if err := emitted(err, o.Shards, stderr); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stdout, "%s: ABC-SMC calibration %q as Slurm jobs, each round of proposals a job array of %d tasks (%d CPU each) and a collect job: %s, %s, %s, %s; nothing run yet\n",
			s.Dir, c.Name, o.Shards, o.CPUsPerTask, slurm.Submit, slurm.ABCSimulateScript, slurm.ABCCollectScript, slurm.Manifest)
		fmt.Fprintln(stdout, "submit (and, after a failure, continue) with:")
	}
	fmt.Fprintln(stdout, s.Submit)
	return nil
}
