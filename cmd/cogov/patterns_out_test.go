package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPatternsOut checks that patterns --out writes fit.csv naming its
// replications and seed, with the verdicts of patterns.json (the fit
// figure used to come from other runs than the report beside it).
func TestPatternsOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pat")
	args := append([]string{"patterns", "--reps", "2", "--seed", "3", "--out", out}, tinySets...)
	if code, _, stderr := run(t, args...); code != 0 && code != 1 { // 1: some targets fail on the tiny world
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Reps   int    `json:"reps"`
		Seed   uint64 `json:"seed"`
		Checks []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
			Pass bool   `json:"pass"`
		} `json:"checks"`
	}
	b, err := os.ReadFile(filepath.Join(out, "patterns.json"))
	if err != nil || json.Unmarshal(b, &rep) != nil {
		t.Fatalf("patterns.json: %v", err)
	}
	f, err := os.Open(filepath.Join(out, "fit.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, _ := csv.NewReader(f).ReadAll()
	if len(recs) < 2 || strings.Join(recs[0], ",") != "target,observed,mean,ci_low,ci_high,tolerance,pass,reps,seed" {
		t.Fatalf("fit.csv header %v", recs)
	}
	pass := map[string]string{}
	for _, r := range recs[1:] {
		pass[r[0]] = r[6]
		if r[7] != "2" || r[8] != "3" {
			t.Errorf("%s: reps %s seed %s, want 2 and 3", r[0], r[7], r[8])
		}
	}
	targets := 0
	for _, c := range rep.Checks {
		if c.Kind != "target" {
			continue
		}
		targets++
		if want := map[bool]string{true: "true", false: "false"}[c.Pass]; pass[c.ID] != want {
			t.Errorf("%s: fit.csv says pass=%s, patterns.json %s", c.ID, pass[c.ID], want)
		}
	}
	if targets != len(recs)-1 {
		t.Errorf("fit.csv has %d targets, patterns.json %d", len(recs)-1, targets)
	}
	for _, name := range []string{"figures/fit.png", "report.html", "manifest.json"} {
		if !exists(filepath.Join(out, name)) {
			t.Errorf("%s not written", name)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !strings.Contains(string(page), "2 replications, master seed 3") {
		t.Error("the report does not name the replications and seed")
	}
}
