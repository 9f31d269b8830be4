package experiments

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cogov/experiments/design"
	"cogov/internal/fsutil"
	"cogov/internal/sweeptest"
)

// wholeGrid loads the grid test plan and sweeps it whole into
// ROOT/whole, returning the plan, ROOT and the sweep's directory.
func wholeGrid(t *testing.T) (*design.Plan, string, string) {
	t.Helper()
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, SweepOptions{})
	return pl, root, whole
}

// copySweep copies the files of the sweep in src into a new directory.
func copySweep(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range sweepFiles {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A folder in use by another sweep, resume or merge is refused; a lock file
// left by a dead process is taken over and removed at the end.
func TestSweepLocksItsDirectory(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	dir := filepath.Join(root, "busy")
	os.MkdirAll(dir, 0o755)
	lock, err := fsutil.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, resume := range []bool{false, true} {
		if _, err := Sweep(t.Context(), pl, dir, SweepOptions{Resume: resume}); !errors.Is(err, fsutil.ErrLocked) {
			t.Errorf("resume %v: err = %v, want ErrLocked", resume, err)
		}
	}
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, SweepOptions{Shard: Shard{1, 1}})
	if err := Merge([]string{whole}, dir); !errors.Is(err, fsutil.ErrLocked) {
		t.Errorf("merge into a locked folder: err = %v, want ErrLocked", err)
	}
	if err := Merge([]string{dir}, filepath.Join(root, "m")); !errors.Is(err, fsutil.ErrLocked) && !errors.Is(err, ErrNoSweep) {
		t.Errorf("merge from a locked folder: err = %v", err)
	}
	lock.Unlock()

	stale := filepath.Join(root, "stale")
	os.MkdirAll(stale, 0o755)
	os.WriteFile(filepath.Join(stale, fsutil.LockFile), []byte("999999999\n"), 0o644)
	sweep(t, pl, stale, SweepOptions{})
	sweeptest.SameFiles(t, whole, stale, sweepFiles...)
	if _, err := os.Stat(filepath.Join(stale, fsutil.LockFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left behind: %v", err)
	}
}

// Resume checks every listed run's yearly rows and reruns the short ones,
// so a truncated, deleted or holed yearly.csv is repaired.
func TestResumeRerunsShortRuns(t *testing.T) {
	pl, root, whole := wholeGrid(t)
	yearly, _ := os.ReadFile(filepath.Join(whole, YearlyFile))
	lines := strings.SplitAfter(string(yearly), "\n")
	cases := []struct {
		name   string
		yearly string
		redone int
	}{
		{"truncated mid-run", strings.Join(lines[:1+4*5+2], ""), 18 - 5},
		{"deleted", "", 18},
		{"header only", lines[0], 18},
		{"rows missing in the middle", strings.Join(lines[:1+4*3+1], "") + strings.Join(lines[1+4*3+2:], ""), 18 - 3},
		{"a run's rows twice", strings.Join(lines[:1+4*2], "") + strings.Join(lines[1+4*1:], ""), 18 - 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(root, c.name)
			copySweep(t, whole, dir)
			if c.yearly == "" {
				os.Remove(filepath.Join(dir, YearlyFile))
			} else {
				os.WriteFile(filepath.Join(dir, YearlyFile), []byte(c.yearly), 0o644)
			}
			if _, err := Analyze(dir, AnalyzeOptions{}); err == nil || c.yearly != "" && !errors.Is(err, ErrIncomplete) {
				t.Errorf("summarize of the damaged sweep: err = %v, want ErrIncomplete", err)
			}
			st := sweep(t, pl, dir, SweepOptions{Resume: true})
			if st.Redone != c.redone || st.Ran != c.redone || st.Resumed != 18-c.redone {
				t.Errorf("redone %d, ran %d, resumed %d; want %d, %d, %d", st.Redone, st.Ran, st.Resumed, c.redone, c.redone, 18-c.redone)
			}
			sweeptest.SameFiles(t, whole, dir, sweepFiles...)
		})
	}
}

// Merge refuses a shard with a short run, and the --resume it asks for
// repairs the shard, so the merge then succeeds.
func TestMergeRefusesShortRun(t *testing.T) {
	pl, root, whole := wholeGrid(t)
	var dirs []string
	for i := 1; i <= 2; i++ {
		d := filepath.Join(root, "s", string(rune('0'+i)))
		sweep(t, pl, d, SweepOptions{Shard: Shard{i, 2}})
		dirs = append(dirs, d)
	}
	path := filepath.Join(dirs[0], YearlyFile)
	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	os.WriteFile(path, []byte(strings.Join(lines[:1+4*3+2], "")+strings.Join(lines[1+4*3+3:], "")), 0o644)
	out := filepath.Join(root, "merged")
	err := Merge(dirs, out)
	if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "run 6 has 3 rows, want 4") {
		t.Fatalf("err = %v, want run 6 named as short", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused merge left its directory")
	}
	sweep(t, pl, dirs[0], SweepOptions{Shard: Shard{1, 2}, Resume: true})
	if err := Merge(dirs, out); err != nil {
		t.Fatal(err)
	}
	sweeptest.SameFiles(t, whole, out, sweepFiles...)
}

// A folder holding sweep rows but no manifest is not overwritten.
func TestSweepKeepsRowsWithoutManifest(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/grid.toml", design.Overrides{})
	dir := filepath.Join(t.TempDir(), "s")
	sweep(t, pl, dir, SweepOptions{})
	os.Remove(filepath.Join(dir, ManifestFile))
	before, _ := os.ReadFile(filepath.Join(dir, YearlyFile))
	if _, err := Sweep(t.Context(), pl, dir, SweepOptions{}); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, YearlyFile)); !bytes.Equal(before, after) {
		t.Error("yearly.csv was changed")
	}
}

// Resume and merge refuse a sweep whose scenario file was edited since,
// naming the scenario.
func TestScenarioEditRefused(t *testing.T) {
	root := t.TempDir()
	scen := filepath.Join(root, "mine.toml")
	write := func(budget string) {
		os.WriteFile(scen, []byte("extends = \"baseline\"\n[government]\nbudget_10k_yuan = "+budget+"\n"), 0o644)
	}
	src, _ := os.ReadFile("testdata/grid.toml")
	exp := filepath.Join(root, "exp.toml")
	os.WriteFile(exp, bytes.Replace(src, []byte(`scenario = "baseline"`), []byte(`scenario = "mine.toml"`), 1), 0o644)
	write("3000")
	pl := sweeptest.LoadPlan(t, exp, design.Overrides{})
	dir := filepath.Join(root, "out")
	sweep(t, pl, dir, SweepOptions{})
	shard := filepath.Join(root, "shard1")
	sweep(t, pl, shard, SweepOptions{Shard: Shard{1, 2}})
	write("4000")
	pl2 := sweeptest.LoadPlan(t, exp, design.Overrides{})
	_, err := Sweep(t.Context(), pl2, dir, SweepOptions{Resume: true})
	if !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), `scenario "mine.toml" changed`) {
		t.Errorf("resume: err = %v, want the edited scenario named", err)
	}
	shard2 := filepath.Join(root, "shard2")
	sweep(t, pl2, shard2, SweepOptions{Shard: Shard{2, 2}})
	if err := Merge([]string{shard, shard2}, filepath.Join(root, "merged")); !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), `scenario "mine.toml" changed`) {
		t.Errorf("merge of shards run on two scenario versions: err = %v, want ErrMismatch", err)
	}
}

// A failing run is recorded in failures.csv, the sweep goes on and ends
// with ErrRunsFailed; --resume retries it and the sweep is then whole.
func TestSweepRecordsFailuresAndResumeRetries(t *testing.T) {
	pl, root, whole := wholeGrid(t)
	dir := filepath.Join(root, "failing")
	o := SweepOptions{Workers: 2, fail: func(id int) error {
		switch id {
		case 5:
			return errors.New("invariant: budget below zero")
		case 11:
			panic("index out of range")
		}
		return nil
	}}
	st, err := Sweep(t.Context(), pl, dir, o)
	if !errors.Is(err, ErrRunsFailed) || !strings.Contains(err.Error(), "2 of 18 runs failed") || !strings.Contains(err.Error(), "run 5 (point 1, replication 2): invariant") {
		t.Fatalf("err = %v", err)
	}
	if st.Ran != 16 || len(st.Failures) != 2 || st.Failures[1].RunID != 11 || !strings.Contains(st.Failures[1].Err, "panic: index out of range") {
		t.Errorf("ran %d, failures %+v", st.Ran, st.Failures)
	}
	b, _ := os.ReadFile(filepath.Join(dir, FailuresFile))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 3 || lines[0] != "run_id,point,replication,stream,error" || !strings.HasPrefix(lines[1], "5,1,2,") {
		t.Errorf("failures.csv:\n%s", b)
	}
	runs, _ := os.ReadFile(filepath.Join(dir, RunsFile))
	if n := strings.Count(string(runs), "\n"); n != 1+16 {
		t.Errorf("runs.csv has %d lines, want header + 16 runs", n)
	}
	st = sweep(t, pl, dir, SweepOptions{Resume: true})
	if st.Resumed != 5 || st.Ran != 13 {
		t.Errorf("resume: resumed %d, ran %d; want 5 and 13 (from the first failed run on)", st.Resumed, st.Ran)
	}
	sweeptest.SameFiles(t, whole, dir, sweepFiles...)
	if _, err := os.Stat(filepath.Join(dir, FailuresFile)); !errors.Is(err, os.ErrNotExist) {
		t.Error("failures.csv left after a whole resume")
	}
}
