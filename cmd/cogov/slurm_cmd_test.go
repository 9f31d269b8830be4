package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cogov/internal/sweeptest"
)

func TestSweepEmitSlurmFlags(t *testing.T) {
	root := t.TempDir()
	bin := sweeptest.FakeBinary(t)
	bad := filepath.Join(root, "bad")
	done := filepath.Join(root, "done")
	cogov(t, 0, "sweep", gridExperiment, "--out", done, "-q", "--no-plots")
	emit := []string{"sweep", gridExperiment, "--emit", "slurm", "--cogov", bin, "--out", bad}
	cases := []refusal{
		{"no shards", emit, "--emit slurm needs --shards N"},
		{"zero shards", append(emit, "--shards", "0"), "--shards 0: want at least 1"},
		{"too many shards", append(emit, "--shards", "19"), "the sweep has only 18 runs"},
		{"bad time", append(emit, "--shards", "2", "--time", "1:00"), `--time "1:00": want HH:MM:SS or D-HH:MM:SS`},
		{"bad mem", append(emit, "--shards", "2", "--mem", "4GB"), `--mem "4GB"`},
		{"bad partition", append(emit, "--shards", "2", "--partition", "a b"), `--partition "a b"`},
		{"zero cpus", append(emit, "--shards", "2", "--cpus-per-task", "0"), "--cpus-per-task 0"},
		{"other target", []string{"sweep", gridExperiment, "--emit", "pbs", "--shards", "2", "--out", bad}, `--emit "pbs": the only target is slurm`},
		{"shards alone", []string{"sweep", gridExperiment, "--shards", "2", "--out", bad}, "--shards goes with --emit slurm"},
		{"time alone", []string{"sweep", gridExperiment, "--time", "01:00:00", "--out", bad}, "--time goes with --emit slurm"},
		{"with shard", append(emit, "--shards", "2", "--shard", "1/2"), "--shard does not go with --emit slurm"},
		{"with resume", append(emit, "--shards", "2", "--resume"), "--resume does not go with --emit slurm"},
		{"with workers", append(emit, "--shards", "2", "--workers", "2"), "--workers does not go with --emit slurm"},
		{"missing binary", []string{"sweep", gridExperiment, "--emit", "slurm", "--shards", "2", "--cogov", filepath.Join(root, "nosuch"), "--out", bad}, "cogov binary"},
		{"into a sweep", []string{"sweep", gridExperiment, "--emit", "slurm", "--shards", "2", "--cogov", bin, "--out", done}, "already holds a sweep"},
	}
	expectRefused(t, cases, bad)
}

// TestSweepEmitSlurm writes the scripts, then plays the array's tasks and
// the merge as Slurm would run them (without Slurm): a merge with a shard
// missing exits 2 naming it, and succeeds once the task is rerun.
func TestSweepEmitSlurm(t *testing.T) {
	root := t.TempDir()
	bin := sweeptest.FakeBinary(t)
	dir := filepath.Join(root, "array dir")
	out, _ := cogov(t, 0, "sweep", gridExperiment, "--emit", "slurm", "--shards", "3", "--cogov", bin,
		"--out", dir, "--time", "00:10:00", "--cpus-per-task", "2", "--years", "1")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if got, want := lines[len(lines)-1], "bash '"+dir+"/submit.sh'"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
	if !strings.Contains(out, "job array 1-3 (18 runs, shard I/3 in task I, 2 CPU each)") {
		t.Errorf("stdout:\n%s", out)
	}
	if out, _ := cogov(t, 0, "sweep", gridExperiment, "--emit", "slurm", "--shards", "3", "--cogov", bin, "-q",
		"--out", filepath.Join(root, "quiet")); out != "bash "+filepath.Join(root, "quiet", "submit.sh")+"\n" {
		t.Errorf("-q printed %q", out)
	}
	sbatch, err := os.ReadFile(filepath.Join(dir, "sweep.sbatch"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#SBATCH --array=1-3\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --time=00:10:00\n",
		`--shard "$i"/3 --workers 2 --out "$dir"/shards/"$i" --resume --no-plots --years 1`, "cogov=" + bin + "\n"} {
		if !strings.Contains(string(sbatch), want) {
			t.Errorf("sweep.sbatch lacks %q", want)
		}
	}
	// The tasks' commands, run here: tasks 1 and 3 only.
	exp := filepath.Join(dir, "experiment.toml")
	shard := func(i string) string { return filepath.Join(dir, "shards", i) }
	for _, i := range []string{"1", "3"} {
		cogov(t, 0, "sweep", exp, "--shard", i+"/3", "--workers", "2", "--out", shard(i), "--resume", "--no-plots", "--years", "1", "-q")
	}
	_, stderr := cogov(t, 2, "merge", shard("1"), shard("3"), "--out", dir)
	for _, want := range []string{"1 of 3 shards missing or unfinished", "shard 2/3: not among the directories given",
		"sbatch --array=2 '" + dir + "/sweep.sbatch'"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("merge refusal lacks %q:\n%s", want, stderr)
		}
	}
	cogov(t, 0, "sweep", exp, "--shard", "2/3", "--workers", "2", "--out", shard("2"), "--resume", "--no-plots", "--years", "1", "-q")
	cogov(t, 0, "merge", shard("1"), shard("2"), shard("3"), "--out", dir)
	whole := filepath.Join(root, "whole")
	cogov(t, 0, "sweep", gridExperiment, "--out", whole, "--years", "1", "-q", "--no-plots")
	sweeptest.SameFiles(t, whole, dir, sweepFiles...)
}
