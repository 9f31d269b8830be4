package experiments

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"cogov/experiments/design"
	"cogov/internal/sweeptest"
)

// TestResumeAfterCancel interrupts real sweeps after a number of runs, checks
// that only whole runs are on disk, resumes them and compares every file with
// an uninterrupted sweep.
func TestResumeAfterCancel(t *testing.T) {
	// 60 runs: more than can be in flight when the sweep is cancelled.
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{Replications: 10})
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, SweepOptions{Workers: 1})
	cases := []struct {
		name    string
		workers int
		shard   Shard
		stopAt  []int // cancel when this many runs are done, one interruption each
	}{
		{"at start", 2, Shard{}, []int{0}},
		{"once", 2, Shard{}, []int{5}},
		{"twice, one worker", 1, Shard{}, []int{3, 11}},
		{"shard", 2, Shard{2, 3}, []int{3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(root, c.name)
			for _, stop := range c.stopAt {
				ctx, cancel := context.WithCancel(context.Background())
				o := SweepOptions{Workers: c.workers, Shard: c.shard, Resume: true, Progress: func(done, total int) {
					if done >= stop {
						cancel()
					}
				}}
				st, err := Sweep(ctx, pl, dir, o)
				cancel()
				if !errors.Is(err, ErrInterrupted) {
					t.Fatalf("stop at %d: err = %v, want ErrInterrupted", stop, err)
				}
				checkWholeRuns(t, dir, st.Resumed+st.Ran)
			}
			st := sweep(t, pl, dir, SweepOptions{Workers: c.workers, Shard: c.shard, Resume: true})
			if st.Resumed+st.Ran != st.Total {
				t.Errorf("resumed %d + ran %d != total %d", st.Resumed, st.Ran, st.Total)
			}
			if c.shard.Of == 0 {
				sweeptest.SameFiles(t, whole, dir, sweepFiles...)
				return
			}
			ref := filepath.Join(root, "ref-"+c.name)
			sweep(t, pl, ref, SweepOptions{Shard: c.shard})
			sweeptest.SameFiles(t, ref, dir, sweepFiles...)
		})
	}
}

// checkWholeRuns checks dir holds exactly n runs, each with all its rows.
func checkWholeRuns(t *testing.T, dir string, n int) {
	t.Helper()
	runs, _ := os.ReadFile(filepath.Join(dir, RunsFile))
	yearly, _ := os.ReadFile(filepath.Join(dir, YearlyFile))
	if len(runs) > 0 && runs[len(runs)-1] != '\n' || len(yearly) > 0 && yearly[len(yearly)-1] != '\n' {
		t.Fatal("a file ends in a partial row")
	}
	if got := bytes.Count(runs, []byte("\n")) - 1; got != n {
		t.Errorf("runs.csv has %d runs, want %d", got, n)
	}
	if got := bytes.Count(yearly, []byte("\n")) - 1; got != n*2*2 {
		t.Errorf("yearly.csv has %d rows, want %d runs x 2 years x 2 metrics", got, n)
	}
}

// TestResumeAfterCrash simulates a process killed while writing: partial
// rows at the end of both files and yearly rows of a run that runs.csv does
// not list. Resume must drop them and finish identically.
func TestResumeAfterCrash(t *testing.T) {
	pl, root, whole := wholeGrid(t)
	runs, _ := os.ReadFile(filepath.Join(whole, RunsFile))
	yearly, _ := os.ReadFile(filepath.Join(whole, YearlyFile))
	cut := func(b []byte, lines int, extra int) []byte {
		off := 0
		for range lines {
			off += bytes.IndexByte(b[off:], '\n') + 1
		}
		return b[:off+extra]
	}
	cases := []struct {
		name                  string
		runsCut, yearlyCut    int // whole lines kept, header included
		runsExtra, yearlyXtra int // bytes of the next line kept
	}{
		{"clean", 6, 21, 0, 0},
		{"partial rows", 6, 21, 3, 9},
		{"yearly ahead", 6, 27, 0, 5},
		{"runs header only", 1, 3, 0, 0},
		{"partial header", 0, 0, 7, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(root, c.name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{ExperimentFile, ManifestFile, PointsFile} {
				b, _ := os.ReadFile(filepath.Join(whole, name))
				os.WriteFile(filepath.Join(dir, name), b, 0o644)
			}
			os.WriteFile(filepath.Join(dir, RunsFile), cut(runs, c.runsCut, c.runsExtra), 0o644)
			os.WriteFile(filepath.Join(dir, YearlyFile), cut(yearly, c.yearlyCut, c.yearlyXtra), 0o644)
			sweep(t, pl, dir, SweepOptions{Resume: true})
			sweeptest.SameFiles(t, whole, dir, sweepFiles...)
		})
	}
}
