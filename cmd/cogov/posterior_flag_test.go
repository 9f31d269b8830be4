package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cogov/experiments/calibrate"
	"cogov/scenarios"
)

// A one-particle posterior: every replication draws weight_ties = 0.123.
func onePosterior(t *testing.T) string {
	t.Helper()
	src := "generation,particle,weight,distance,government.weight_ties\n0,0,1,1,0.4\n1,0,1,0.5,0.123\n"
	return filepath.Join(writeTemp(t, "posterior.csv", src), "posterior.csv")
}

func TestRunAndCompareWithPosterior(t *testing.T) {
	post := onePosterior(t)
	out := filepath.Join(t.TempDir(), "run")
	cogov(t, 0, append([]string{"run", "--years", "2", "--no-plots", "--posterior", post, "--out", out}, tinySets...)...)
	if scen := string(read(t, filepath.Join(out, "scenario.toml"))); !strings.Contains(scen, "weight_ties = 0.123") {
		t.Errorf("scenario.toml lacks the drawn weight_ties")
	}
	args := append([]string{"compare", "baseline", "mech-all", "--reps", "2", "--years", "2", "--posterior", post}, tinySets...)
	one, _ := cogov(t, 0, append(args, "--workers", "1")...)
	cmpDir := filepath.Join(t.TempDir(), "cmp")
	two, _ := cogov(t, 0, append(args, "--workers", "2", "--out", cmpDir, "--no-plots")...)
	if !strings.HasPrefix(two, one) {
		t.Errorf("compare --posterior differs with 1 and 2 workers:\n%s\nvs\n%s", one, two)
	}
	if !strings.Contains(string(read(t, filepath.Join(cmpDir, "manifest.json"))), `"posterior_sha256": "`) {
		t.Error("compare's manifest.json does not record the posterior")
	}
	// The built-in posterior: the run's weight_ties is one of its
	// particles', not the baseline's.
	defDir := filepath.Join(t.TempDir(), "default")
	cogov(t, 0, append([]string{"run", "--years", "1", "--no-plots", "--posterior", "default", "--out", defDir}, tinySets...)...)
	drawn, err := scenarios.Load(filepath.Join(defDir, "scenario.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := calibrate.LoadPosterior(calibrate.DefaultPosterior)
	if err != nil {
		t.Fatal(err)
	}
	j := slices.Index(p.Params, "government.weight_ties")
	if j < 0 {
		t.Fatalf("the built-in posterior has no government.weight_ties: %v", p.Params)
	}
	w := drawn.Government.WeightTies
	if w == base.Government.WeightTies || !slices.ContainsFunc(p.Theta, func(th []float64) bool { return th[j] == w }) {
		t.Errorf("run --posterior default: weight_ties %v is not a particle's (the baseline's is %v)", w, base.Government.WeightTies)
	}
	_, stderr := cogov(t, 2, "run", "--years", "1", "--posterior", filepath.Join(t.TempDir(), "none.csv"))
	if !strings.Contains(stderr, "posterior") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestPatternsWithPosterior(t *testing.T) {
	// Exit 1 when some target fails: either status is a report.
	code, stdout, stderr := run(t, "patterns", "--reps", "2", "--prior-points", "0", "--set", "years=3", "--posterior", onePosterior(t))
	if code > 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, frag := range []string{"Posterior predictive check", "(1 particles)", "T3 professional", "used in the fit"} {
		if !strings.Contains(stdout, frag) {
			t.Errorf("output lacks %q:\n%s", frag, stdout)
		}
	}
}

// A sweep with --posterior gives the same files with 1 and 2 workers,
// records the posterior in its manifest, and refuses to resume without it.
func TestSweepWithPosterior(t *testing.T) {
	src := "generation,particle,weight,distance,government.weight_ties\n1,0,0.5,1,0.05\n1,1,0.5,1,0.45\n"
	p := filepath.Join(writeTemp(t, "posterior.csv", src), "posterior.csv")
	root := t.TempDir()
	dirs := []string{filepath.Join(root, "one"), filepath.Join(root, "two"), filepath.Join(root, "plain")}
	cogov(t, 0, "sweep", gridExperiment, "--posterior", p, "--workers", "1", "-q", "--no-plots", "--out", dirs[0])
	cogov(t, 0, "sweep", gridExperiment, "--posterior", p, "--workers", "2", "-q", "--no-plots", "--out", dirs[1])
	cogov(t, 0, "sweep", gridExperiment, "-q", "--no-plots", "--out", dirs[2])
	for _, f := range sweepFiles {
		if string(read(t, filepath.Join(dirs[0], f))) != string(read(t, filepath.Join(dirs[1], f))) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}
	if string(read(t, filepath.Join(dirs[0], "yearly.csv"))) == string(read(t, filepath.Join(dirs[2], "yearly.csv"))) {
		t.Error("the posterior's draws changed nothing")
	}
	if !strings.Contains(string(read(t, filepath.Join(dirs[0], "manifest.json"))), `"posterior_sha256": "`) {
		t.Error("manifest.json does not record the posterior")
	}
	_, stderr := cogov(t, 2, "sweep", gridExperiment, "--resume", "-q", "--no-plots", "--out", dirs[0])
	if !strings.Contains(stderr, "differs") {
		t.Errorf("resume without the posterior: %q", stderr)
	}
}

// run --posterior reloads the scenario with the drawn parameters, but
// prints the scenario's warnings once.
func TestRunPosteriorWarnsOnce(t *testing.T) {
	const warning = "mechanisms.risk.tie_discount: warning: set, but mechanisms.risk.enabled is false"
	args := append([]string{"run", "--years", "1", "--set", "mechanisms.risk.tie_discount=0.5"}, tinySets...)
	for _, extra := range [][]string{nil, {"--posterior", onePosterior(t)}} {
		_, stderr := cogov(t, 0, append(args, extra...)...)
		if n := strings.Count(stderr, warning); n != 1 {
			t.Errorf("run %s: the warning is printed %d times, want once:\n%s", strings.Join(extra, " "), n, stderr)
		}
	}
}
