package slurm

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cogov/experiments"
	"cogov/experiments/internal/slurmlayout"
	"cogov/sim"
)

// The scripts EmitABC writes into a calibration's output folder, besides
// Submit (which plans each round and submits its jobs) and Manifest.
const (
	// ABCSimulateScript is a round's job array: task I evaluates its
	// share I/N of the round's proposals.
	ABCSimulateScript = "abc-simulate.sbatch"
	// ABCCollectScript gathers the round's outcomes once every task
	// has succeeded, then runs Submit for the next round.
	ABCCollectScript = "abc-collect.sbatch"
)

// Calibration names the ABC-SMC calibration EmitABC writes jobs for.
type Calibration struct {
	// Name is the calibration's name; Ref the file, or the built-in
	// name when Builtin, as cogov calibrate takes it.
	Name, Ref string
	Builtin   bool
}

// ABCRecord is DIR/slurm.json of an ABC-SMC calibration: what the scripts
// run, so that they can refuse another binary or an edited calibration.
type ABCRecord struct {
	CogovVersion string `json:"cogov_version"`
	Binary       string `json:"binary"`
	BinarySHA256 string `json:"binary_sha256"`
	Calibration  string `json:"calibration"`
	// Source is the calibration file (absolute) or builtin:NAME;
	// SourceSHA256 the file's SHA-256 (none for a built-in).
	Source       string `json:"source"`
	SourceSHA256 string `json:"source_sha256,omitempty"`
	Shards       int    `json:"shards"`
	CPUsPerTask  int    `json:"cpus_per_task"`
	// Task is the command every array task runs.
	Task string `json:"task"`
}

// ABC is what EmitABC wrote.
type ABC struct {
	Dir    string
	Record ABCRecord
	// Submit is the one command that starts (or continues) the
	// calibration: bash DIR/submit.sh.
	Submit string
}

// EmitABC writes into dir, which must not hold Slurm scripts yet, the
// scripts that run the ABC-SMC calibration cal on Slurm, one round of
// proposals at a time: submit.sh plans the next round (cogov calibrate
// --abc-step plan) and submits its job array (abc-simulate.sbatch: task I
// runs --abc-step simulate --shard I/N) and, after the array, the collect
// job (abc-collect.sbatch: --abc-step collect, then submit.sh again);
// once the run has stopped submit.sh runs --abc-step finish instead. dir
// may hold an in-process run's state, which the jobs continue. It runs
// nothing.
func EmitABC(cal Calibration, dir string, o Options) (*ABC, error) {
	if err := o.Validate(math.MaxInt); err != nil {
		return nil, err
	}
	dir, err := absPaths(dir, &o)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, Manifest)); err == nil {
		return nil, fmt.Errorf("%s: %w (it has %s; write the scripts into another --out)", dir, experiments.ErrExists, Manifest)
	}
	sum, err := fileSHA256(o.Binary)
	if err != nil {
		return nil, fmt.Errorf("%w: cogov binary: %w", ErrOptions, err)
	}
	rec := ABCRecord{CogovVersion: sim.Version, Binary: o.Binary, BinarySHA256: sum, Calibration: cal.Name,
		Shards: o.Shards, CPUsPerTask: o.CPUsPerTask}
	if cal.Builtin {
		rec.Source = "builtin:" + cal.Ref
	} else {
		if cal.Ref, err = filepath.Abs(cal.Ref); err != nil {
			return nil, err
		}
		if rec.SourceSHA256, err = fileSHA256(cal.Ref); err != nil {
			return nil, fmt.Errorf("%w: calibration: %w", ErrOptions, err)
		}
		rec.Source = cal.Ref
	}
	s := abcScripts{slurmScripts{o: o, dir: dir, name: cal.Name, sha: sum, emit: "cogov calibrate --method abc-smc --emit slurm"}, cal, &rec}
	rec.Task = slurmlayout.ShellQuote(o.Binary) + " " + strings.Replace(s.step(slurmlayout.ShellQuote(dir), "simulate",
		"--shard $SLURM_ARRAY_TASK_ID/"+strconv.Itoa(o.Shards), "--workers "+strconv.Itoa(o.CPUsPerTask), "-q"), `"$cal"`, slurmlayout.ShellQuote(cal.Ref), 1)
	files := []file{
		{ABCSimulateScript, []byte(s.simulate()), true},
		{ABCCollectScript, []byte(s.collect()), true},
		{Submit, []byte(s.submit()), true},
	}
	if err := writeFiles(dir, files, rec); err != nil {
		return nil, err
	}
	return &ABC{Dir: dir, Record: rec, Submit: "bash " + slurmlayout.ShellQuote(filepath.Join(dir, Submit))}, nil
}

// abcScripts builds the text of EmitABC's scripts.
type abcScripts struct {
	slurmScripts
	cal Calibration
	rec *ABCRecord
}

// step returns the arguments of cogov calibrate --abc-step step as bash
// words, dir the quoted output folder.
func (s abcScripts) step(dir, step string, more ...string) string {
	cal := s.cal.Ref
	args := slurmlayout.ShellQuote(cal)
	if !s.cal.Builtin {
		args = `"$cal"`
	}
	out := "calibrate " + args + " --method abc-smc --abc-step " + step
	for _, m := range more {
		out += " " + m
	}
	return out + " --out " + dir
}

// prelude is slurmScripts.prelude, then a check that the calibration
// file is the one the scripts were written for.
func (s abcScripts) prelude(script string) string {
	p := s.slurmScripts.prelude(script)
	if s.cal.Builtin {
		return p
	}
	return p + fmt.Sprintf(`cal=%s
if [ "$(sha256sum "$cal" | cut -d' ' -f1)" != %s ]; then
  echo "%s: $cal has changed since the scripts were written: write them again (cogov calibrate --method abc-smc --emit slurm) into another --out, or restore it" >&2
  exit 1
fi
`, slurmlayout.ShellQuote(s.cal.Ref), s.rec.SourceSHA256, script)
}

// simulate returns abc-simulate.sbatch.
func (s abcScripts) simulate() string {
	n, c := s.o.Shards, s.o.CPUsPerTask
	return s.header("", "simulate", c, fmt.Sprintf("--array=1-%d", n)) + fmt.Sprintf(`#
# One round of proposals of the ABC-SMC calibration %q as a Slurm job
# array: task I evaluates proposals FROM+I-1, FROM+I-1+%d, ... of the round
# that submit.sh planned (abc-round.json beside this script) into
# rounds/. A task whose outcomes are there already returns at once.
# Written by cogov %s (cogov calibrate --method abc-smc --emit slurm);
# submitted by submit.sh, never by hand.
`, s.name, n, sim.Version) + s.prelude(ABCSimulateScript) + fmt.Sprintf(`i=${SLURM_ARRAY_TASK_ID:?submit.sh submits this script as a job array}
exec "$cogov" %s
`, s.step(`"$dir"`, "simulate", fmt.Sprintf(`--shard "$i"/%d --workers %d -q`, n, c)))
}

// collect returns abc-collect.sbatch.
func (s abcScripts) collect() string {
	return s.header("-collect", "collect", 1) + fmt.Sprintf(`#
# Gathers the outcomes of a round's %d tasks of the ABC-SMC calibration
# %q once all have succeeded (submit.sh makes it wait for them), folds
# them into the run as the in-process sampler does (a generation that
# completes is written: abc-state.json, posterior.csv, generations.csv,
# posterior_summary.csv), then runs submit.sh for the next round.
`, s.o.Shards, s.name) + s.prelude(ABCCollectScript) + fmt.Sprintf(`"$cogov" %s
exec bash "$dir/%s"
`, s.step(`"$dir"`, "collect"), Submit)
}

// submit returns submit.sh.
func (s abcScripts) submit() string {
	n, c := s.o.Shards, s.o.CPUsPerTask
	return fmt.Sprintf(`#!/bin/bash
# Starts or continues the ABC-SMC calibration %q on Slurm. It plans the
# next round of proposals (cogov calibrate --abc-step plan, a few
# seconds, no simulation) and submits its job array (%s, %d tasks
# of %d CPU) and the collect job (%s), which starts once every task
# has succeeded, is cancelled if one fails, and runs this script again.
# Once the run has stopped it prints the posterior summary and draws the
# figures (--abc-step finish) instead. Rerun it to continue after a
# failed task or a cancelled job: the pending round is resubmitted and
# the tasks already done return at once.
`, s.name, ABCSimulateScript, n, c, ABCCollectScript) + s.prelude(Submit) + fmt.Sprintf(`plan=$("$cogov" %s)
case $plan in
  "generation "*) ;;
  "stopped "*)
    echo "$plan"
    exec "$cogov" %s ;;
  *) echo "submit.sh: the plan step said: $plan" >&2; exit 1 ;;
esac
jid=$(sbatch --parsable "$dir/%s")
jid=${jid%%%%;*}
cid=$(sbatch --parsable --dependency="afterok:$jid" --kill-on-invalid-dep=yes "$dir/%s")
cid=${cid%%%%;*}
echo "$plan: job array $jid (tasks 1-%d), then collect job $cid, which submits the next round"
echo "follow with: squeue; logs in $dir/%s; the posterior in $dir/posterior.csv after each generation"
`, s.step(`"$dir"`, "plan", fmt.Sprintf("--shards %d --cpus-per-task %d", n, c)), s.step(`"$dir"`, "finish"),
		ABCSimulateScript, ABCCollectScript, n, LogsDir)
}
