package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRunReproducesFromScenarioFile runs a scenario with overrides, then
// runs the scenario.toml it wrote with the same seed: yearly.csv must be
// byte-identical, and so must the scenario file.
func TestRunReproducesFromScenarioFile(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	code, _, errs := run(t, "run", "--scenario", "mech-risk", "--years", "3", "--seed", "7",
		"--set", "government.budget_10k_yuan=2500", "--set", "calendar.festival_capacity=0.45", "--out", first)
	if code != 0 {
		t.Fatalf("first run: exit %d: %s", code, errs)
	}
	code, _, errs = run(t, "run", "--scenario", filepath.Join(first, "scenario.toml"), "--seed", "7", "--out", second)
	if code != 0 {
		t.Fatalf("second run: exit %d: %s", code, errs)
	}
	for _, name := range []string{"yearly.csv", "scenario.toml"} {
		a, errA := os.ReadFile(filepath.Join(first, name))
		b, errB := os.ReadFile(filepath.Join(second, name))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between the run and its reproduction", name)
		}
	}
}

// TestRunBadScenarioWritesNothing checks exit status 2 and an untouched
// --out directory when the scenario has problems.
func TestRunBadScenarioWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("extends = \"baseline\"\n[supervision]\naudit_probability = 2\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errs := run(t, "run", "--scenario", bad, "--out", out)
	if code != 2 || !bytes.Contains([]byte(errs), []byte(bad+":3: supervision.audit_probability: 2 is out of range (allowed 0-1)")) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--out was created for a bad scenario")
	}
}
