package slurm

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"cogov/experiments"
	"cogov/experiments/internal/slurmlayout"
	"cogov/sim"
)

// slurmScripts builds the text of the scripts Emit writes.
type slurmScripts struct {
	o    Options
	dir  string // absolute
	name string // the experiment's or calibration's name
	rec  *Record
	// sha is the SHA-256 of o.Binary; emit the command that writes the
	// scripts, for the prelude's message.
	sha, emit string
}

var unsafeJobName = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

// header returns the #SBATCH lines shared by both jobs, then the job's own.
func (s slurmScripts) header(job, log string, cpus int, own ...string) string {
	var b strings.Builder
	b.WriteString("#!/bin/bash\n")
	fmt.Fprintf(&b, "#SBATCH --job-name=cogov-%s%s\n", unsafeJobName.ReplaceAllString(s.name, "_"), job)
	for _, line := range own {
		fmt.Fprintf(&b, "#SBATCH %s\n", line)
	}
	fmt.Fprintf(&b, "#SBATCH --cpus-per-task=%d\n", cpus)
	if s.o.Time != "" {
		fmt.Fprintf(&b, "#SBATCH --time=%s\n", s.o.Time)
	}
	if s.o.Mem != "" {
		fmt.Fprintf(&b, "#SBATCH --mem=%s\n", s.o.Mem)
	}
	if s.o.Partition != "" {
		fmt.Fprintf(&b, "#SBATCH --partition=%s\n", s.o.Partition)
	}
	fmt.Fprintf(&b, "#SBATCH --output=%s\n", sbatchQuote(strings.ReplaceAll(filepath.Join(s.dir, LogsDir, log), "%", "%%")+logPattern(job)))
	return b.String()
}

// logPattern is the job's log file name pattern: job id, and array task.
func logPattern(job string) string {
	if job == "" {
		return "-%A_%a.out"
	}
	return "-%j.out"
}

// sbatchQuote quotes a value of an #SBATCH line, which sbatch splits at
// white space unless quoted.
func sbatchQuote(s string) string {
	if !strings.ContainsAny(s, " \t\"'\\") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// prelude sets cogov and dir and refuses a binary other than the one that
// wrote the script.
func (s slurmScripts) prelude(script string) string {
	return fmt.Sprintf(`set -euo pipefail
cogov=%s
dir=%s
want=%s
have=$(sha256sum "$cogov" | cut -d' ' -f1) || exit 1
if [ "$have" != "$want" ]; then
  echo "%s: $cogov is not the cogov binary that wrote this script (SHA-256 $have, want $want): write the scripts again with it (%s) into another --out" >&2
  exit 1
fi
`, slurmlayout.ShellQuote(s.o.Binary), slurmlayout.ShellQuote(s.dir), s.sha, script, s.emit)
}

// taskArgs returns the cogov sweep arguments of array task $i, as bash
// words: dir is the quoted directory and i the quoted task index.
func (s slurmScripts) taskArgs(dir, i string) string {
	args := []string{"sweep", dir + "/" + experiments.ExperimentFile, "--shard " + i + "/" + strconv.Itoa(s.o.Shards),
		"--workers " + strconv.Itoa(s.o.CPUsPerTask), "--out " + dir + "/" + ShardsDir + "/" + i, "--resume", "--no-plots"}
	if s.o.Overrides.Years > 0 {
		args = append(args, "--years "+strconv.Itoa(s.o.Overrides.Years))
	}
	if s.o.Overrides.Replications > 0 {
		args = append(args, "--replications "+strconv.Itoa(s.o.Overrides.Replications))
	}
	if s.o.Check {
		args = append(args, "--check")
	}
	if s.o.Agents {
		args = append(args, "--agents")
	}
	return strings.Join(args, " ")
}

// sweep returns sweep.sbatch.
func (s slurmScripts) sweep() string {
	n := s.o.Shards
	s.rec.Task = slurmlayout.ShellQuote(s.o.Binary) + " " + s.taskArgs(slurmlayout.ShellQuote(s.dir), "$SLURM_ARRAY_TASK_ID")
	return s.header("", "sweep", s.o.CPUsPerTask, fmt.Sprintf("--array=1-%d", n)) + fmt.Sprintf(`#
# The cogov sweep of %q (%d runs) as a Slurm job array: task I
# runs shard I/%d into shards/I beside this script, resuming what an
# earlier attempt of the task left there. Written by cogov %s
# (cogov sweep --emit slurm). Submit with submit.sh; rerun tasks 2 and 5
# only: sbatch --array=2,5 %s
`, s.name, s.rec.Runs, n, sim.Version, slurmlayout.ShellQuote(filepath.Join(s.dir, SweepScript))) +
		s.prelude(SweepScript) + fmt.Sprintf(`i=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array=1-%d (see submit.sh)}
exec "$cogov" %s
`, n, s.taskArgs(`"$dir"`, `"$i"`))
}

// merge returns merge.sbatch.
func (s slurmScripts) merge() string {
	return s.header("-merge", "merge", 1) + fmt.Sprintf(`#
# Merges the %d shards of the cogov sweep of %q into the
# directory of this script, once every task of the array has succeeded
# (submit.sh makes it wait for them). cogov merge refuses a missing or unfinished shard and
# names the tasks to rerun.
`, s.o.Shards, s.name) + s.prelude(MergeScript) + `"$cogov" merge "$dir/` + ShardsDir + `"/* --out "$dir"
echo "merged into $dir: cogov summarize and cogov plot take it from here"
`
}

// submit returns submit.sh.
func (s slurmScripts) submit() string {
	return fmt.Sprintf(`#!/bin/bash
# Submits the cogov sweep of %q to Slurm: the job array
# (sweep.sbatch), then the merge (merge.sbatch), which starts once every
# task has succeeded and is cancelled if one fails.
#   bash submit.sh           submit every task, 1-%d
#   bash submit.sh 2,5       rerun tasks 2 and 5 only (each resumes its shard)
set -euo pipefail
dir=%s
array=${1:-1-%d}
case $array in
  *[!0-9,-]* | "") echo "submit.sh: want task indices such as 2,5 or 3-7, got $array" >&2; exit 2 ;;
esac
jid=$(sbatch --parsable --array="$array" "$dir/%s")
jid=${jid%%%%;*}
mid=$(sbatch --parsable --dependency="afterok:$jid" --kill-on-invalid-dep=yes "$dir/%s")
mid=${mid%%%%;*}
echo "submitted job array $jid (tasks $array) and merge job $mid, which waits for it"
echo "follow with: squeue -j $jid,$mid; logs in $dir/%s; results in $dir once $mid has run"
`, s.name, s.o.Shards, slurmlayout.ShellQuote(s.dir), s.o.Shards, SweepScript, MergeScript, LogsDir)
}
