package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"cogov/experiments"
	"cogov/experiments/design"
	"cogov/experiments/slurm"
)

// slurmFlags are the flags of cogov sweep --emit slurm, which writes a
// Slurm job array for the sweep instead of running it.
type slurmFlags struct {
	emit, partition, time, mem, binary *string
	shards, cpus                       *int
}

// slurmOnly names the flags that only --emit slurm takes.
var slurmOnly = []string{"shards", "partition", "time", "cpus-per-task", "mem", "cogov"}

func addSlurmFlags(fs *pflag.FlagSet) *slurmFlags {
	return &slurmFlags{
		emit:      fs.String("emit", "", "write the sweep as a Slurm job array into --out, running nothing (sweep.sbatch, merge.sbatch, submit.sh); the one target is `slurm`"),
		shards:    fs.Int("shards", 0, "with --emit slurm: array tasks `N`; task I runs shard I/N"),
		partition: fs.String("partition", "", "with --emit slurm: Slurm partition `P` (default: the cluster's)"),
		time:      fs.String("time", "", "with --emit slurm: time limit of each task, `HH:MM:SS` or D-HH:MM:SS (default: the partition's)"),
		cpus:      fs.Int("cpus-per-task", 1, "with --emit slurm: CPUs `C` of each task, its --workers"),
		mem:       fs.String("mem", "", "with --emit slurm: memory `M` of each task, such as 4G (default: the partition's)"),
		binary:    fs.String("cogov", "", "with --emit slurm: the cogov binary `PATH` the tasks run (default: this one)"),
	}
}

// check rejects flags that do not go together, before anything is loaded.
func (f *slurmFlags) check(fs *pflag.FlagSet) error {
	if *f.emit == "" {
		for _, name := range slurmOnly {
			if fs.Changed(name) {
				return badInput("--%s goes with --emit slurm", name)
			}
		}
		return nil
	}
	if *f.emit != "slurm" {
		return badInput("--emit %q: the only target is slurm", *f.emit)
	}
	if !fs.Changed("shards") {
		return badInput("--emit slurm needs --shards N, the number of array tasks")
	}
	for _, name := range []string{"shard", "resume", "workers"} {
		if fs.Changed(name) {
			return badInput("--%s does not go with --emit slurm (the tasks get --shard I/N --resume, and --workers from --cpus-per-task)", name)
		}
	}
	return nil
}

// cogovBinary is the binary the jobs run: --cogov, else this one unless
// it is a temporary go run build.
func (f *slurmFlags) cogovBinary() (string, error) {
	if *f.binary != "" {
		return *f.binary, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find this cogov binary (pass --cogov PATH): %w", err)
	}
	if strings.Contains(exe, string(filepath.Separator)+"go-build") {
		return "", badInput("this cogov is a temporary go run build (%s) that the tasks could not run: build one (go build -o bin/cogov ./cmd/cogov) and run it, or pass --cogov PATH", exe)
	}
	return exe, nil
}

// run writes the scripts for the sweep of pl into out (default out/NAME)
// and prints the command that submits them.
func (f *slurmFlags) run(pl *design.Plan, out string, ov design.Overrides, check, agents, quiet bool, stdout, stderr io.Writer) error {
	bin, err := f.cogovBinary()
	if err != nil {
		return err
	}
	if out == "" {
		out = filepath.Join("out", pl.Exp.Name)
	}
	o := slurm.Options{
		Shards: *f.shards, Partition: *f.partition, Time: *f.time, Mem: *f.mem,
		CPUsPerTask: *f.cpus, Binary: bin, Overrides: ov, Check: check, Agents: agents,
	}
	s, err := slurm.Emit(pl, out, o)
	if err := emitted(err, o.Shards, stderr); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stdout, "%s: job array 1-%d (%d runs, shard I/%d in task I, %d CPU each): %s, %s, %s, %s, %s; nothing run yet\n",
			s.Dir, o.Shards, s.Record.Runs, o.Shards, o.CPUsPerTask, slurm.SweepScript, slurm.MergeScript,
			slurm.Submit, experiments.ExperimentFile, slurm.Manifest)
		for _, a := range s.Record.Absolute {
			fmt.Fprintf(stdout, "scenario path made absolute in %s: %s\n", experiments.ExperimentFile, a)
		}
		fmt.Fprintln(stdout, "submit with:")
	}
	fmt.Fprintln(stdout, s.Submit)
	return nil
}

// emitted maps an emitting error to the exit it deserves (bad options or
// an existing folder are usage errors) and, when the scripts were written,
// notes an array larger than Slurm's default MaxArraySize.
func emitted(err error, shards int, stderr io.Writer) error {
	if errors.Is(err, slurm.ErrOptions) || errors.Is(err, experiments.ErrExists) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	if shards > 1000 {
		fmt.Fprintf(stderr, "note: %d array tasks; Slurm's default MaxArraySize allows 1000 (ask scontrol show config | grep MaxArraySize)\n", shards)
	}
	return nil
}
