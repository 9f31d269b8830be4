package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Flags meet the rules of the values they set: no silent defaults.
func TestRunFlagsChecked(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--seed", "-5"}, "--seed: -5 is out of range (allowed >= 0"},
		{[]string{"run", "--years", "0"}, "--years: 0 is out of range (allowed 1-200"},
		{[]string{"run", "--years", "3000"}, "--years: 3000 is out of range (allowed 1-200"},
		{[]string{"sweep", gridExperiment, "--replications", "9223372036854775807"}, "--replications: 9223372036854775807 is out of range"},
		{[]string{"sweep", gridExperiment, "--years", "2000000000"}, "--years: 2000000000 is out of range"},
		{[]string{"run", "--set", "extends=reform"}, "--set: extends: cannot be overridden"},
	}
	for _, c := range cases {
		_, stderr := cogov(t, 2, c.args...)
		if !strings.Contains(stderr, c.want) {
			t.Errorf("cogov %s: stderr %q, want %q", strings.Join(c.args, " "), stderr, c.want)
		}
	}
}

// run --out refuses a folder holding another result; --force replaces it
// whole, so no stale figure is left.
func TestRunOutRefusesOtherResult(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	args := append([]string{"run", "--years", "1", "--no-plots", "--out", dir}, tinySets...)
	cogov(t, 0, args...)
	stale := filepath.Join(dir, "figures", "old.png")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("x"), 0o644)
	_, stderr := cogov(t, 2, args...)
	if !strings.Contains(stderr, "holds another result") {
		t.Errorf("stderr %q", stderr)
	}
	cogov(t, 0, append(args, "--force")...)
	if _, err := os.Stat(stale); err == nil {
		t.Error("--force left a stale figure")
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	cogov(t, 2, "run", "--out", other, "--force")
	if _, err := os.Stat(filepath.Join(other, "notes.txt")); err != nil {
		t.Error("--force emptied a folder that is not a cogov result")
	}
}

// cogov run --from DIR --run-id N reproduces run N of a sweep exactly.
func TestReplayRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	cogov(t, 0, "sweep", gridExperiment, "-q", "--no-plots", "--out", dir)
	f, _ := os.Open(filepath.Join(dir, "yearly.csv"))
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"0", "13"} {
		out, _ := cogov(t, 0, "run", "--from", dir, "--run-id", id, "--json")
		var res struct {
			Yearly []map[string]any `json:"yearly"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range recs[1:] {
			if r[0] != id {
				continue
			}
			n++
			year, _ := strconv.Atoi(r[1])
			want, _ := strconv.ParseFloat(r[3], 64)
			found := false
			for _, y := range res.Yearly {
				if int(y["year"].(float64)) == year {
					found = true
					if got, ok := y[r[2]].(float64); !ok || got != want {
						t.Errorf("run %s, %d %s: replay %v, sweep %v", id, year, r[2], y[r[2]], want)
					}
				}
			}
			if !found {
				t.Errorf("run %s: replay lacks year %d", id, year)
			}
		}
		if n == 0 {
			t.Fatalf("no rows of run %s", id)
		}
	}
	_, stderr := cogov(t, 2, "run", "--from", dir, "--run-id", "18")
	if !strings.Contains(stderr, "--run-id: 18 is out of range (allowed 0-17") {
		t.Errorf("stderr %q", stderr)
	}
}

// compare A A differs by exactly 0 with a zero-width interval; --out
// writes a manifest and the resolved scenarios.
func TestCompareSameScenario(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	cogov(t, 0, append([]string{"compare", "baseline", "baseline", "--replications", "3", "--years", "2", "--no-plots", "--out", dir}, tinySets...)...)
	f, _ := os.Open(filepath.Join(dir, "compare.csv"))
	recs, _ := csv.NewReader(f).ReadAll()
	f.Close()
	for _, r := range recs[1:] {
		if r[5] == "NaN" {
			continue
		}
		if r[5] != "0" || r[7] != "0" || r[8] != "0" {
			t.Errorf("%s: diff %s [%s, %s], want exactly 0 [0, 0]", r[2], r[5], r[7], r[8])
		}
	}
	for _, name := range []string{"manifest.json", "scenarios/0.toml", "scenarios/1.toml"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	cogov(t, 0, "validate", filepath.Join(dir, "scenarios/1.toml"))
}

// The command line is conventional: --version, help with examples,
// completion, and the full command to finish an interrupted sweep.
func TestConventionalCommandLine(t *testing.T) {
	if out, _ := cogov(t, 0, "--version"); !strings.Contains(out, "cogov version 0.") {
		t.Errorf("--version: %q", out)
	}
	for _, cmd := range []string{"run", "sweep", "compare", "merge", "plot", "summarize", "validate", "init", "params", "scenarios", "patterns", "calibrate"} {
		out, _ := cogov(t, 0, "help", cmd)
		if !strings.Contains(out, "Examples:") || !strings.Contains(out, "Usage:") {
			t.Errorf("help %s lacks usage or examples:\n%s", cmd, out)
		}
	}
	if out, _ := cogov(t, 0, "completion", "bash"); !strings.Contains(out, "bash completion") {
		t.Error("no bash completion")
	}
	if _, stderr := cogov(t, 2, "bogus"); !strings.Contains(stderr, `unknown command "bogus"`) {
		t.Errorf("unknown command: %q", stderr)
	}
	c := newSweepCmd()
	c.Flags().SetNormalizeFunc(flagAliases)
	if err := c.ParseFlags([]string{"--years", "3", "--reps", "4", "--check", "--shard", "2/3", "--out", "out/x y", "--workers", "2"}); err != nil {
		t.Fatal(err)
	}
	want := "cogov sweep my.toml --check --replications 4 --shard 2/3 --workers 2 --years 3 --out 'out/x y' --resume"
	if got := resumeCommand(c, "my.toml", "out/x y"); got != want {
		t.Errorf("resume command\n%s\nwant\n%s", got, want)
	}
}

// A mechanism's settings without enabled = true get a warning on stderr.
func TestRunWarnsDisabledMechanism(t *testing.T) {
	args := append([]string{"run", "--years", "1", "--set", "mechanisms.risk.intensity=0.5"}, tinySets...)
	_, stderr := cogov(t, 0, args...)
	if !strings.Contains(stderr, "--set: mechanisms.risk.intensity: warning: set, but mechanisms.risk.enabled is false") {
		t.Errorf("stderr %q", stderr)
	}
}
