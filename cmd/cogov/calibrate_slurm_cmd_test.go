package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"cogov/internal/sweeptest"
)

// TestCalibrateEmitSlurm writes the Slurm scripts of a tiny ABC-SMC
// calibration, then plays their steps as the jobs would run them
// (without Slurm): the files are byte-identical to the in-process run's.
func TestCalibrateEmitSlurm(t *testing.T) {
	root := t.TempDir()
	bin := sweeptest.FakeBinary(t)
	cal := abcFile(t, "3")
	dir := filepath.Join(root, "cal dir")
	out, _ := cogov(t, 0, "calibrate", cal, "--method", "abc-smc", "--emit", "slurm", "--shards", "3", "--cogov", bin,
		"--out", dir, "--time", "00:10:00", "--cpus-per-task", "2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if got, want := lines[len(lines)-1], "bash '"+dir+"/submit.sh'"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
	if !strings.Contains(out, "a job array of 3 tasks (2 CPU each)") {
		t.Errorf("stdout:\n%s", out)
	}
	script := func(name string) string { return string(read(t, filepath.Join(dir, name))) }
	for name, wants := range map[string][]string{
		"abc-simulate.sbatch": {"#SBATCH --array=1-3\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --time=00:10:00\n", "cal=" + cal + "\n",
			`"$cogov" calibrate "$cal" --method abc-smc --abc-step simulate --shard "$i"/3 --workers 2 -q --out "$dir"`},
		"abc-collect.sbatch": {`--abc-step collect --out "$dir"`, `exec bash "$dir/submit.sh"`, "#SBATCH --cpus-per-task=1\n"},
		"submit.sh":          {`--abc-step plan --shards 3 --cpus-per-task 2 --out "$dir"`, `--abc-step finish --out "$dir"`, "--dependency=\"afterok:$jid\""},
		"slurm.json":         {`"shards": 3`, `"source": "` + cal + `"`, `"source_sha256": "`},
	} {
		for _, w := range wants {
			if !strings.Contains(script(name), w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	if _, stderr := cogov(t, 2, "calibrate", cal, "--method", "abc-smc", "--emit", "slurm", "--shards", "3", "--cogov", bin, "--out", dir); !strings.Contains(stderr, "slurm.json") {
		t.Errorf("a second emit into the folder: %s", stderr)
	}

	// The jobs' steps, run here as submit.sh and the jobs run them.
	step := func(want int, s string, more ...string) string {
		out, _ := cogov(t, want, append([]string{"calibrate", cal, "--method", "abc-smc", "--abc-step", s, "--out", dir}, more...)...)
		return out
	}
	if _, stderr := cogov(t, 1, "calibrate", cal, "--method", "abc-smc", "--abc-step", "finish", "--out", dir); !strings.Contains(stderr, "has not stopped") {
		t.Errorf("finish before the end: %s", stderr)
	}
	rounds := 0
	for ; ; rounds++ {
		plan := step(0, "plan", "--shards", "3", "--cpus-per-task", "2")
		if strings.HasPrefix(plan, "stopped by generations after 3 generations") {
			break
		}
		if !strings.HasPrefix(plan, "generation ") || rounds > 20 {
			t.Fatalf("plan said %q", plan)
		}
		for _, i := range []string{"2", "1", "3"} {
			step(0, "simulate", "--shard", i+"/3", "--workers", "2", "-q")
		}
		step(0, "collect")
	}
	fin := step(0, "finish")
	if !strings.Contains(fin, "3 generations") || !strings.Contains(fin, "95 % credible interval") {
		t.Errorf("finish printed:\n%s", fin)
	}
	one := filepath.Join(root, "one")
	cogov(t, 0, "calibrate", cal, "--method", "abc-smc", "-q", "--out", one)
	for _, f := range []string{"posterior.csv", "generations.csv", "posterior_summary.csv", "abc-state.json"} {
		if !bytes.Equal(read(t, filepath.Join(one, f)), read(t, filepath.Join(dir, f))) {
			t.Errorf("%s differs between the in-process run and the Slurm steps (%d rounds)", f, rounds)
		}
	}
	for _, f := range []string{"abc_marginals.png", "abc_pairs.png", "abc_generations.png"} {
		if !exists(filepath.Join(dir, f)) {
			t.Errorf("finish did not draw %s", f)
		}
	}
}

func TestCalibrateEmitSlurmBadInput(t *testing.T) {
	root := t.TempDir()
	bin := sweeptest.FakeBinary(t)
	cal := abcFile(t, "2")
	bad := filepath.Join(root, "bad")
	abcCal := []string{"calibrate", cal, "--method", "abc-smc"}
	emit := append(abcCal[:4:4], "--emit", "slurm", "--cogov", bin, "--out", bad)
	stepArgs := func(s string, more ...string) []string {
		return append(append(abcCal[:4:4], "--abc-step", s, "--out", bad), more...)
	}
	cases := []refusal{
		{"no shards", emit, "--emit slurm needs --shards N"},
		{"zero shards", append(emit, "--shards", "0"), "--shards 0: want at least 1"},
		{"bad time", append(emit, "--shards", "2", "--time", "1:00"), `--time "1:00"`},
		{"optimizer", []string{"calibrate", cal, "--emit", "slurm", "--shards", "2", "--out", bad}, "only with --method abc-smc"},
		{"recovery", append(emit, "--shards", "2", "--recovery", "3"), "--recovery does not go with --emit slurm"},
		{"resume", append(emit, "--shards", "2", "--resume"), "--resume does not go with --emit slurm"},
		{"workers", append(emit, "--shards", "2", "--workers", "2"), "--workers does not go with --emit slurm"},
		{"shards alone", append(abcCal, "--shards", "2", "--out", bad), "--shards goes with --emit slurm"},
		{"missing binary", append(abcCal, "--emit", "slurm", "--shards", "2", "--cogov", filepath.Join(root, "nosuch"), "--out", bad), "cogov binary"},
		{"unknown step", stepArgs("merge"), `--abc-step "merge" (allowed: plan, simulate, collect, finish)`},
		{"two steps", stepArgs("plan,simulate"), `--abc-step "plan,simulate" (allowed: plan, simulate, collect, finish)`},
		{"step without out", append(abcCal[:4:4], "--abc-step", "plan", "--shards", "2"), "--abc-step needs --out DIR"},
		{"step of optimizer", []string{"calibrate", cal, "--abc-step", "plan", "--shards", "2", "--out", bad}, "--abc-step: only with --method abc-smc"},
		{"plan without shards", stepArgs("plan"), "--abc-step plan needs --shards N"},
		{"plan with time", stepArgs("plan", "--shards", "2", "--time", "01:00:00"), "--time does not go with --abc-step plan"},
		{"simulate without shard", stepArgs("simulate"), "--abc-step simulate needs --shard I/N"},
		{"bad shard", stepArgs("simulate", "--shard", "3/2"), `--shard "3/2": want I/N with 1 <= I <= N`},
		{"shard with collect", stepArgs("collect", "--shard", "1/2"), "--shard goes with --abc-step simulate"},
		{"workers with collect", stepArgs("collect", "--workers", "2"), "--workers goes with --abc-step simulate only"},
		{"collect without folder", stepArgs("collect"), "--out: "},
	}
	expectRefused(t, cases, bad)
}
