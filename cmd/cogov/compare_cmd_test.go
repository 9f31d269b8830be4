package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	args := append([]string{"compare", "baseline", "mech-all", "--reps", "3", "--years", "3", "--seed", "4", "--out", out}, tinySets...)
	stdout, _ := cogov(t, 0, args...)
	for _, frag := range []string{"baseline (2017)", "mech-all (2017)", "mech-all - baseline", "dependence_index",
		"3 replications (seed 4", "figures (", "differences.png"} {
		if !strings.Contains(stdout, frag) {
			t.Errorf("output lacks %q:\n%s", frag, stdout)
		}
	}
	for _, name := range []string{"summary.csv", "compare.csv", "figures/timeseries_panels.png",
		"figures/timeseries_dependence_index.png", "figures/differences.png"} {
		if !exists(filepath.Join(out, name)) {
			t.Errorf("%s not written", name)
		}
	}
	sum, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if !strings.HasPrefix(string(sum), "point,label,year,metric,n,mean,sd,ci_low,ci_high\n0,baseline,2015,") {
		t.Errorf("summary.csv starts %q", string(sum[:min(len(sum), 80)]))
	}

	// cogov plot redraws a comparison, differences included.
	svg := filepath.Join(t.TempDir(), "svg")
	plotted, _ := cogov(t, 0, "plot", out, "--format", "svg", "--out", svg)
	if p := filepath.Join(svg, "differences.svg"); !exists(p) || !strings.Contains(plotted, p) {
		t.Errorf("plot of a comparison: %s not written and listed:\n%s", p, plotted)
	}

	// Without --out nothing is written; the table is the same.
	again, _ := cogov(t, 0, append([]string{"compare", "baseline", "mech-all", "--reps=3", "--years=3", "--seed=4", "--workers=1"}, tinySets...)...)
	if table := stdout[:strings.Index(stdout, "\nwrote")]; !strings.HasPrefix(again, table) {
		t.Errorf("table differs with one worker:\n%s\nvs\n%s", again, table)
	}

	bad := filepath.Join(t.TempDir(), "bad")
	cases := []refusal{
		{"one scenario", []string{"compare", "baseline", "--out", bad}, "at least two scenarios"},
		{"reps", []string{"compare", "baseline", "mech-all", "--reps", "1", "--out", bad}, "--replications: 1 is out of range (allowed 2-10000)"},
		{"years", []string{"compare", "baseline", "mech-all", "--years", "-1", "--out", bad}, "--years: -1 is out of range (allowed 1-200"},
		{"unknown scenario", []string{"compare", "baseline", "nosuch", "--out", bad}, "nosuch"},
		{"bad set", []string{"compare", "baseline", "mech-all", "--set", "nosuch.key=1", "--out", bad}, "nosuch"},
	}
	expectRefused(t, cases, bad)
}

// compare --seed N runs every scenario from seed N, and the resolved
// scenarios it writes, which reproduce the comparison, say so too.
func TestCompareSeedInScenarios(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	cogov(t, 0, append([]string{"compare", "baseline", "mech-all", "--reps", "2", "--years", "1", "--seed", "7", "--no-plots", "--out", out}, tinySets...)...)
	if m := string(read(t, filepath.Join(out, "manifest.json"))); !strings.Contains(m, `"seed": 7,`) {
		t.Errorf("manifest.json does not record seed 7:\n%s", m)
	}
	for _, f := range []string{"0.toml", "1.toml"} {
		if scen := string(read(t, filepath.Join(out, "scenarios", f))); !strings.Contains(scen, "\nseed = 7\n") {
			t.Errorf("scenarios/%s does not hold seed = 7", f)
		}
	}
}

// A --posterior file that cannot be read is refused before --force
// replaces the result in --out, which stays whole.
func TestCompareBadPosteriorKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cmp")
	args := append([]string{"compare", "baseline", "mech-all", "--reps", "2", "--years", "1", "--no-plots", "--out", out}, tinySets...)
	cogov(t, 0, args...)
	_, stderr := cogov(t, 2, append(args, "--force", "--posterior", filepath.Join(t.TempDir(), "none.csv"))...)
	if !strings.Contains(stderr, "none.csv") {
		t.Errorf("stderr %q does not name the posterior file", stderr)
	}
	for _, name := range []string{"manifest.json", "summary.csv", "compare.csv"} {
		if !exists(filepath.Join(out, name)) {
			t.Errorf("the refused compare --force removed %s", name)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad")
	expectRefused(t, []refusal{{"missing posterior", append([]string{"compare", "baseline", "mech-all", "--out", bad,
		"--posterior", filepath.Join(t.TempDir(), "none.csv")}, tinySets...), "none.csv"}}, bad)
}
