package experiments

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cogov/experiments/design"
	"cogov/internal/sweeptest"
	"cogov/sim"
)

// sweepFiles are the files every sweep directory holds.
var sweepFiles = []string{ExperimentFile, ManifestFile, PointsFile, RunsFile, YearlyFile}

func sweep(t testing.TB, pl *design.Plan, dir string, o SweepOptions) SweepStats {
	t.Helper()
	st, err := Sweep(context.Background(), pl, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSweepSameForAnyWorkers(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{})
	if got := pl.Runs(); got != 18 {
		t.Fatalf("runs = %d, want 6 points x 3 replications", got)
	}
	root := t.TempDir()
	for _, w := range []int{1, 2, 3, 8} {
		dir := filepath.Join(root, "w"+string(rune('0'+w)))
		st := sweep(t, pl, dir, SweepOptions{Workers: w})
		if st.Ran != 18 || st.Total != 18 {
			t.Fatalf("workers %d: stats %+v", w, st)
		}
		if w > 1 {
			sweeptest.SameFiles(t, filepath.Join(root, "w1"), dir, sweepFiles...)
		}
	}
	runs, _ := os.ReadFile(filepath.Join(root, "w1", RunsFile))
	lines := strings.Split(strings.TrimSpace(string(runs)), "\n")
	if lines[0] != "run_id,point,replication,stream,supervision.audit_probability,mechanisms.risk.enabled" || len(lines) != 19 {
		t.Fatalf("runs.csv header %q, %d lines", lines[0], len(lines))
	}
	// The stream column names each run's own stream (issue 14: it
	// repeated the master seed 7).
	if want := "4,1,1," + sim.StreamID(7, 4) + ",0.5,false"; lines[5] != want {
		t.Errorf("runs.csv row 4 = %q, want %q", lines[5], want)
	}
	streams := map[string]bool{}
	for _, l := range lines[1:] {
		streams[strings.Split(l, ",")[3]] = true
	}
	if len(streams) != 18 {
		t.Errorf("%d distinct streams in 18 runs", len(streams))
	}
	yearly, _ := os.ReadFile(filepath.Join(root, "w1", YearlyFile))
	if n := strings.Count(string(yearly), "\n"); n != 1+18*2*2 {
		t.Errorf("yearly.csv has %d lines, want header + 18 runs x 2 years x 2 metrics", n)
	}
}

func TestShardsMergeToWholeSweep(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, SweepOptions{Workers: 2})
	for _, n := range []int{1, 2, 4, 25} {
		var dirs []string
		total := 0
		for i := 1; i <= n; i++ {
			d := filepath.Join(root, "shard", string(rune('a'+n)), string(rune('0'+i%10))+string(rune('a'+i/10)))
			st := sweep(t, pl, d, SweepOptions{Workers: 2, Shard: Shard{i, n}})
			total += st.Ran
			dirs = append(dirs, d)
		}
		if total != pl.Runs() {
			t.Fatalf("%d shards ran %d runs, want %d", n, total, pl.Runs())
		}
		merged := filepath.Join(root, "merged", string(rune('a'+n)))
		if err := Merge(dirs, merged); err != nil {
			t.Fatal(err)
		}
		sweeptest.SameFiles(t, whole, merged, sweepFiles...)
	}
}

func TestMergeRejects(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	s1, s2 := filepath.Join(root, "s1"), filepath.Join(root, "s2")
	sweep(t, pl, s1, SweepOptions{Shard: Shard{1, 2}})
	sweep(t, pl, s2, SweepOptions{Shard: Shard{2, 2}})
	other := filepath.Join(root, "other")
	sweep(t, sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{Years: 1}), other, SweepOptions{Shard: Shard{2, 2}})
	cases := []struct {
		name string
		dirs []string
		want string
	}{
		{"missing shard", []string{s1}, "shard 2/2: not among the directories given"},
		{"shard twice", []string{s1, s1, s2}, "is in both"},
		{"other sweep", []string{s1, other}, "differ beyond the shard"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(root, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			err := Merge(c.dirs, out)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if _, err := os.Stat(filepath.Join(out, ManifestFile)); err == nil {
				t.Error("a failed merge wrote a manifest")
			}
		})
	}
}

func TestSweepRefusesToOverwrite(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{Replications: 1})
	dir := t.TempDir()
	sweep(t, pl, dir, SweepOptions{})
	if _, err := Sweep(context.Background(), pl, dir, SweepOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("second sweep: err = %v, want ErrExists", err)
	}
	other := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{Replications: 2})
	if _, err := Sweep(context.Background(), other, dir, SweepOptions{Resume: true}); !errors.Is(err, ErrMismatch) {
		t.Errorf("resume with other replications: err = %v, want ErrMismatch", err)
	}
	st, err := Sweep(context.Background(), pl, dir, SweepOptions{Resume: true})
	if err != nil || st.Ran != 0 || st.Resumed != pl.Runs() {
		t.Errorf("resume of a finished sweep: %+v, %v", st, err)
	}
}
