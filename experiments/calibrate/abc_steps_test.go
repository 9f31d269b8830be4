package calibrate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyABC is a small ABC-SMC calibration whose [abc] table ends with
// extra.
func tinyABC(t *testing.T, extra string) *Calibration {
	t.Helper()
	src := "name = 'tiny'\nscenario = 'baseline'\nset = ['years=4']\n" +
		"targets = ['T2 community social work 2017', 'T3 professional']\nseed = 5\n" +
		"[abc]\nparticles = 6\nreps = 1\n" + extra + "\n" +
		"[[parameter]]\npath = 'government.weight_ties'\nmin = 0.0\nmax = 0.5\n" +
		"[[parameter]]\npath = 'agency_types[2].discount'\nmin = 0.0\nmax = 0.15\nprior = 'normal'\nmean = 0.05\nsd = 0.05\n"
	c, err := Parse("tiny.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// runSteps plays the stepwise route as the Slurm jobs would: plan, the
// round's tasks (in reverse order, the last one twice), collect, until
// the plan says the run has stopped. It returns the number of rounds.
func runSteps(t *testing.T, c *Calibration, dir string, shards, workers int) int {
	t.Helper()
	ctx := context.Background()
	for rounds := 0; ; rounds++ {
		s, err := PlanABC(c, dir, shards, workers)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Pending {
			if s.State.Stopped == "" {
				t.Fatal("the plan neither planned a round nor stopped")
			}
			return rounds
		}
		again, err := PlanABC(c, dir, shards, workers)
		if err != nil || again.Round != s.Round || !again.Pending {
			t.Fatalf("planning again gave %+v, %v; want the pending round %+v", again, err, s.Round)
		}
		for i := shards; i >= 1; i-- {
			if _, skipped, err := SimulateABC(ctx, c, dir, i, shards, workers); err != nil || skipped {
				t.Fatalf("task %d/%d: skipped %v, %v", i, shards, skipped, err)
			}
		}
		if _, skipped, err := SimulateABC(ctx, c, dir, shards, shards, workers); err != nil || !skipped {
			t.Fatalf("task %d/%d again: skipped %v, %v; want skipped", shards, shards, skipped, err)
		}
		if _, err := CollectABC(c, dir); err != nil {
			t.Fatal(err)
		}
	}
}

var abcFiles = []string{"posterior.csv", "generations.csv", "posterior_summary.csv", StateFile}

// The stepwise route writes the very bytes of the in-process one,
// whatever the shards and workers, also when the run stops inside a
// generation (by the acceptance rate or the budget).
func TestStepsMatchInProcess(t *testing.T) {
	cases := []struct {
		name, extra     string
		shards, workers int
	}{
		{"generations", "generations = 3\nmin_acceptance = 0.05", 3, 1},
		{"generations, 2 workers", "generations = 3\nmin_acceptance = 0.05", 2, 2},
		{"acceptance", "generations = 6\nmin_acceptance = 0.4\nquantile = 0.3", 4, 1},
		{"budget", "generations = 6\nmin_acceptance = 0\nbudget = 22", 1, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tinyABC(t, tc.extra)
			one, steps := filepath.Join(t.TempDir(), "one"), filepath.Join(t.TempDir(), "steps")
			os.MkdirAll(one, 0o755)
			st, err := RunABC(context.Background(), c, one, 2, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			rounds := runSteps(t, c, steps, tc.shards, tc.workers)
			t.Logf("%d generations, stopped by %s; %d rounds", len(st.Generations), st.Stopped, rounds)
			for _, f := range abcFiles {
				a, _ := os.ReadFile(filepath.Join(one, f))
				b, err := os.ReadFile(filepath.Join(steps, f))
				if err != nil || len(a) == 0 || !bytes.Equal(a, b) {
					t.Errorf("%s differs between the routes (%v)", f, err)
				}
			}
			if _, err := os.Stat(filepath.Join(steps, RoundsDir)); err == nil {
				if ents, _ := os.ReadDir(filepath.Join(steps, RoundsDir)); len(ents) > 0 {
					t.Errorf("rounds left behind: %v", ents)
				}
			}
		})
	}
}

// A stepwise run continues an in-process one (its state file), and the
// steps refuse what does not fit: a missing task, a collect with no
// round pending, another shard count, another calibration's folder.
func TestStepsResumeAndRefuse(t *testing.T) {
	c := tinyABC(t, "generations = 3\nmin_acceptance = 0.05")
	ctx := context.Background()
	whole, part := filepath.Join(t.TempDir(), "whole"), filepath.Join(t.TempDir(), "part")
	os.MkdirAll(whole, 0o755)
	os.MkdirAll(part, 0o755)
	if _, err := RunABC(ctx, c, whole, 2, false, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := RunABC(ctx, tinyABC(t, "generations = 2\nmin_acceptance = 0.05"), part, 2, false, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := CollectABC(c, part); err == nil || !strings.Contains(err.Error(), "no round pending") {
		t.Errorf("collect before a plan: %v", err)
	}
	if _, _, err := SimulateABC(ctx, c, part, 1, 2, 1); err == nil || !strings.Contains(err.Error(), "no round pending") {
		t.Errorf("simulate before a plan: %v", err)
	}
	s, err := PlanABC(c, part, 2, 1)
	if err != nil || !s.Pending || s.Round.Generation != 2 {
		t.Fatalf("plan after 2 generations: %+v, %v", s, err)
	}
	if _, err := PlanABC(c, part, 3, 1); err == nil || !strings.Contains(err.Error(), "cut into 2 shards, not 3") {
		t.Errorf("plan with other shards: %v", err)
	}
	if _, _, err := SimulateABC(ctx, c, part, 1, 3, 1); err == nil || !strings.Contains(err.Error(), "cut into 2 shards") {
		t.Errorf("simulate 1/3: %v", err)
	}
	if _, _, err := SimulateABC(ctx, c, part, 1, 2, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := CollectABC(c, part); err == nil || !strings.Contains(err.Error(), "no outcomes of task 2 of 2") {
		t.Errorf("collect without task 2: %v", err)
	}
	other := tinyABC(t, "generations = 3\nmin_acceptance = 0.05\nquantile = 0.4")
	if _, err := PlanABC(other, part, 2, 1); err == nil || !strings.Contains(err.Error(), "other settings") {
		t.Errorf("plan of another calibration: %v", err)
	}
	if _, _, err := SimulateABC(ctx, c, part, 2, 2, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := CollectABC(c, part); err != nil {
		t.Fatal(err)
	}
	runSteps(t, c, part, 2, 1)
	for _, f := range abcFiles {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, _ := os.ReadFile(filepath.Join(part, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: an in-process run of 2 generations continued stepwise to 3 differs from one of 3", f)
		}
	}
}
