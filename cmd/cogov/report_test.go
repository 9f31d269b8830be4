package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cogov/scenarios"
	"cogov/sim"
)

// In a world without agencies the run summary says what had nothing to
// measure instead of printing NaN.
func TestNarrateWithoutAgencies(t *testing.T) {
	s, err := scenarios.Load("baseline", []string{"cities[0].agencies=[0, 0, 0]", "cities[1].agencies=[0, 0, 0]",
		"agencies.entry_rate=0", "agencies.incubation_entries=0"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, 1, 0, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(narrate(res)), " ")
	if strings.Contains(text, "NaN") {
		t.Errorf("summary prints NaN:\n%s", text)
	}
	if !strings.Contains(text, "residents' participation") || strings.Contains(text, "residents' participation had nothing") {
		t.Errorf("residents' participation should be measured without agencies:\n%s", text)
	}
}

// run --agents writes the micro-data beside yearly.csv, and refuses
// without --out.
func TestRunAgentsFiles(t *testing.T) {
	dir := t.TempDir() + "/run"
	cogov(t, 0, "run", "--years", "3", "--agents", "--no-plots", "--out", dir)
	for _, f := range []string{"agencies.csv", "contracts.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || strings.Count(string(b), "\n") < 2 {
			t.Errorf("%s: %v, %d bytes", f, err, len(b))
		}
	}
	if _, stderr := cogov(t, 2, "run", "--agents"); !strings.Contains(stderr, "--agents: needs --out DIR") {
		t.Errorf("--agents without --out: stderr %q", stderr)
	}
}
