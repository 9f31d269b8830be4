package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// abcFile writes a tiny ABC-SMC calibration with the given number of
// generations and returns its path.
func abcFile(t *testing.T, generations string) string {
	t.Helper()
	src := "name = 'tiny'\nscenario = 'baseline'\nset = ['years=4']\n" +
		"targets = ['T2 community social work 2017', 'T3 professional']\nseed = 3\n" +
		"[abc]\nparticles = 6\ngenerations = " + generations + "\nreps = 1\nmin_acceptance = 0.05\n" +
		"[[parameter]]\npath = 'government.weight_ties'\nmin = 0.0\nmax = 0.5\n" +
		"[[parameter]]\npath = 'agency_types[2].discount'\nmin = 0.0\nmax = 0.15\nprior = 'normal'\nmean = 0.05\nsd = 0.05\n"
	return filepath.Join(writeTemp(t, "tiny.toml", src), "tiny.toml")
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// One worker and three write the same bytes; a run of 2 generations
// resumed to 3 writes what a run of 3 writes.
func TestCalibrateABCCommand(t *testing.T) {
	three := abcFile(t, "3")
	dirs := map[string]string{}
	for _, w := range []string{"1", "3"} {
		dirs[w] = filepath.Join(t.TempDir(), "abc")
		stdout, _ := cogov(t, 0, "calibrate", three, "--method", "abc-smc", "--workers", w, "-q", "--out", dirs[w])
		for _, frag := range []string{"3 generations", "95 % credible interval", "government.weight_ties", "abc_pairs.png"} {
			if !strings.Contains(stdout, frag) {
				t.Errorf("output lacks %q:\n%s", frag, stdout)
			}
		}
	}
	files := []string{"posterior.csv", "generations.csv", "posterior_summary.csv", "abc-state.json"}
	for _, f := range files {
		if !bytes.Equal(read(t, filepath.Join(dirs["1"], f)), read(t, filepath.Join(dirs["3"], f))) {
			t.Errorf("%s differs between 1 and 3 workers", f)
		}
	}
	for _, f := range []string{"abc_marginals.png", "abc_pairs.png", "abc_generations.png"} {
		if !exists(filepath.Join(dirs["1"], f)) {
			t.Errorf("%s not drawn", f)
		}
	}

	part := filepath.Join(t.TempDir(), "abc")
	cogov(t, 0, "calibrate", abcFile(t, "2"), "--method", "abc-smc", "-q", "--out", part)
	cogov(t, 0, "calibrate", three, "--method", "abc-smc", "-q", "--resume", "--out", part)
	for _, f := range files {
		if !bytes.Equal(read(t, filepath.Join(dirs["1"], f)), read(t, filepath.Join(part, f))) {
			t.Errorf("%s differs after a resume", f)
		}
	}
}

func TestCalibrateABCBadInput(t *testing.T) {
	good := abcFile(t, "2")
	bad := func(body string) string {
		src := strings.Replace(string(read(t, good)), "min_acceptance = 0.05\n", body, 1)
		return filepath.Join(writeTemp(t, "bad.toml", src), "bad.toml")
	}
	out := filepath.Join(t.TempDir(), "none")
	cases := []refusal{
		{"method", []string{"calibrate", good, "--method", "mcmc"}, "--method: \"mcmc\" (allowed: optimize, abc-smc)"},
		{"resume without abc", []string{"calibrate", good, "--resume"}, "only with --method abc-smc"},
		{"resume without state", []string{"calibrate", good, "--method", "abc-smc", "--resume", "--out", out}, "abc-state.json"},
		{"unknown abc key", []string{"calibrate", bad("min_acceptance = 0.05\nparticle = 3\n"), "--method", "abc-smc"}, "bad.toml:11: abc.particle: unknown key"},
		{"quantile", []string{"calibrate", bad("min_acceptance = 0.05\nquantile = 1.5\n"), "--method", "abc-smc"}, "bad.toml:11: abc.quantile: 1.5 is out of range (allowed: (0, 1))"},
		{"unbounded", []string{"calibrate", bad("min_acceptance = 0\n"), "--method", "abc-smc"}, "abc.min_acceptance: 0 with no budget"},
		{"spread", []string{"calibrate", bad("min_acceptance = 0.05\nspread = 'iqr'\n"), "--method", "abc-smc"}, "abc.spread: \"iqr\" (allowed: mad, sd)"},
		{"prior", []string{"calibrate", bad("min_acceptance = 0.05\n[[parameter]]\npath = 'government.weight_price'\nmin = 0\nmax = 1\nprior = 'beta'\n"), "--method", "abc-smc"}, "parameter[0].prior: \"beta\" (allowed: uniform, normal)"},
		{"normal sd", []string{"calibrate", bad("min_acceptance = 0.05\n[[parameter]]\npath = 'government.weight_price'\nmin = 0\nmax = 1\nprior = 'normal'\nmean = 0.5\nsd = 0\n"), "--method", "abc-smc"}, "parameter[0].sd: 0 (allowed: a number > 0)"},
		{"normal mean", []string{"calibrate", bad("min_acceptance = 0.05\n[[parameter]]\npath = 'government.weight_price'\nmin = 0\nmax = 1\nprior = 'normal'\nmean = 2\nsd = 1\n"), "--method", "abc-smc"}, "parameter[0].mean: 2 lies outside [min, max]"},
	}
	expectRefused(t, cases, out)
}

// --recovery calibrates against targets simulated at truths drawn from
// the prior and reports coverage per parameter.
func TestCalibrateABCRecovery(t *testing.T) {
	out := filepath.Join(t.TempDir(), "rec")
	stdout, _ := cogov(t, 0, "calibrate", abcFile(t, "2"), "--method", "abc-smc", "--recovery", "2", "-q", "--out", out)
	for _, frag := range []string{"2 truths from the prior", "coverage of 95 % intervals", "agency_types[2].discount"} {
		if !strings.Contains(stdout, frag) {
			t.Errorf("output lacks %q:\n%s", frag, stdout)
		}
	}
	sum := string(read(t, filepath.Join(out, "recovery_summary.csv")))
	if !strings.HasPrefix(sum, "parameter,truths,coverage,width_ratio,verdict\ngovernment.weight_ties,2,") {
		t.Errorf("recovery_summary.csv: %q", sum)
	}
	if rows := strings.Count(string(read(t, filepath.Join(out, "recovery.csv"))), "\n"); rows != 5 {
		t.Errorf("recovery.csv has %d lines, want 5", rows)
	}
	_, stderr := cogov(t, 2, "calibrate", abcFile(t, "2"), "--recovery", "2")
	if !strings.Contains(stderr, "only with --method abc-smc") {
		t.Errorf("stderr %q", stderr)
	}
}
