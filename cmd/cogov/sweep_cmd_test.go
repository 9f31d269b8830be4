package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"cogov/experiments"
	"cogov/internal/sweeptest"
)

// gridExperiment is a 6-point, 2-year experiment on a tiny scenario.
const gridExperiment = "../../experiments/testdata/grid.toml"

var sweepFiles = []string{"experiment.toml", "manifest.json", "points.csv", "runs.csv", "yearly.csv"}

// cogov runs Main and fails the test unless it exits with status want.
func cogov(t testing.TB, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	if got := Main(args, &o, &e); got != want {
		t.Fatalf("cogov %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, want, o.String(), e.String())
	}
	return o.String(), e.String()
}

func TestSweepMergeCommands(t *testing.T) {
	root := t.TempDir()
	one, two := filepath.Join(root, "one"), filepath.Join(root, "two")
	out, _ := cogov(t, 0, "sweep", gridExperiment, "--workers", "1", "--out", one)
	if !strings.Contains(out, "18 runs (6 points x 3 replications)") {
		t.Errorf("sweep said %q", out)
	}
	if out, _ := cogov(t, 0, "sweep", "-q", "--workers=2", "--out", two, gridExperiment); out != "" {
		t.Errorf("-q printed %q", out)
	}
	sweeptest.SameFiles(t, one, two, sweepFiles...)
	var shards []string
	for _, s := range []string{"1/3", "2/3", "3/3"} {
		d := filepath.Join(root, "shard"+s[:1])
		cogov(t, 0, "sweep", gridExperiment, "--shard", s, "--out", d, "-q")
		shards = append(shards, d)
	}
	merged := filepath.Join(root, "merged")
	cogov(t, 0, append(append([]string{"merge"}, shards...), "--out", merged)...)
	sweeptest.SameFiles(t, one, merged, sweepFiles...)
	out, _ = cogov(t, 0, "summarize", merged)
	if !strings.Contains(out, "tiny-grid: grid design, 6 points x 3 replications, 18 of 18 runs") {
		t.Errorf("summarize said\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(merged, "summary.csv")); err != nil {
		t.Error(err)
	}
}

func TestSweepBadInput(t *testing.T) {
	root := t.TempDir()
	done := filepath.Join(root, "done")
	cogov(t, 0, "sweep", gridExperiment, "--out", done, "-q", "--replications", "1")
	half := filepath.Join(root, "half")
	cogov(t, 0, "sweep", gridExperiment, "--out", half, "-q", "--shard", "1/2")
	bad := filepath.Join(root, "bad")
	badExp := filepath.Join(writeTemp(t, "bad.toml", "name = \"x\"\nscenario = \"baseline\"\nreplication = 3\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n"), "bad.toml")
	cases := []refusal{
		{"no experiment", []string{"sweep"}, "want one experiment"},
		{"unknown experiment", []string{"sweep", "nosuch", "--out", bad}, "not a built-in"},
		{"bad file", []string{"sweep", badExp, "--out", bad}, `bad.toml:3: replication: unknown key; did you mean "replications"?`},
		{"bad shard", []string{"sweep", gridExperiment, "--shard", "3/2", "--out", bad}, "want I/N with 1 <= I <= N"},
		{"bad flag", []string{"sweep", gridExperiment, "--wrokers", "2"}, "unknown flag: --wrokers"},
		{"existing sweep", []string{"sweep", gridExperiment, "--out", done}, "--resume"},
		{"resume other", []string{"sweep", gridExperiment, "--out", done, "--resume"}, "replications (--replications) is 1 there, 3 now"},
		{"merge without out", []string{"merge", done}, "--out DIR is required"},
		{"merge incomplete", []string{"merge", half, "--out", bad}, "shard 2/2: not among the directories given"},
		{"merge different", []string{"merge", half, done, "--out", bad}, "differ beyond the shard"},
		{"summarize nothing", []string{"summarize", bad}, "not a sweep directory"},
		{"summarize metric", []string{"summarize", done, "--metrics", "dependence"}, `"dependence" is not a metric`},
	}
	expectRefused(t, cases, bad)
}

// TestSweepInterruptResume sends SIGINT to a real cogov sweep, checks that
// only whole runs are on disk, resumes it and compares the files with an
// uninterrupted sweep.
func TestSweepInterruptResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the cogov binary")
	}
	root := t.TempDir()
	bin := filepath.Join(root, "cogov")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	args := []string{"sweep", gridExperiment, "--replications", "100", "--years", "10", "--workers", "2", "-q"}
	dir := filepath.Join(root, "interrupted")
	cmd := exec.Command(bin, append(args, "--out", dir)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once some runs are on disk (rows are committed every second).
	deadline := time.Now().Add(1500 * time.Millisecond)
	for {
		b, _ := os.ReadFile(filepath.Join(dir, "runs.csv"))
		if bytes.Count(b, []byte("\n")) > 1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	runs, _ := os.ReadFile(filepath.Join(dir, "runs.csv"))
	n := bytes.Count(runs, []byte("\n")) - 1
	if err == nil {
		t.Logf("the sweep finished before the signal (%d runs)", n)
	} else if !strings.Contains(stderr.String(), "--resume") {
		t.Errorf("interrupted sweep: %v, stderr %q", err, stderr.String())
	}
	yearly, _ := os.ReadFile(filepath.Join(dir, "yearly.csv"))
	if !bytes.HasSuffix(runs, []byte("\n")) || !bytes.HasSuffix(yearly, []byte("\n")) {
		t.Error("partial rows on disk")
	}
	if got := bytes.Count(yearly, []byte("\n")) - 1; got != n*10*2 {
		t.Errorf("%d runs but %d yearly rows, want %d", n, got, n*20)
	}
	t.Logf("interrupted after %d of 600 runs", n)
	cogov(t, 0, append(args, "--out", dir, "--resume")...)
	whole := filepath.Join(root, "whole")
	cogov(t, 0, append(args, "--out", whole)...)
	sweeptest.SameFiles(t, whole, dir, sweepFiles...)
	if _, err := experiments.ReadManifest(dir); err != nil {
		t.Error(err)
	}
}
