package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cogov/internal/sweeptest"
)

// agentsExperiment is a 2-point x 2-replication, 2-year experiment on a
// tiny scenario.
const agentsExperiment = "../../experiments/testdata/agents.toml"

// TestSweepAgentsMatchesReplay checks cogov sweep --agents writes the same
// files with 1 and 3 workers, and that the micro-data rows of every run are
// what cogov run --from DIR --run-id K --agents writes for that run.
func TestSweepAgentsMatchesReplay(t *testing.T) {
	root := t.TempDir()
	one, three := filepath.Join(root, "w1"), filepath.Join(root, "w3")
	cogov(t, 0, "sweep", agentsExperiment, "--agents", "--workers", "1", "--no-plots", "-q", "--out", one)
	cogov(t, 0, "sweep", agentsExperiment, "--agents", "--workers", "3", "--no-plots", "-q", "--out", three)
	micro := []string{"agencies.csv", "contracts.csv", "microdata_rows.csv"}
	sweeptest.SameFiles(t, one, three, append(append([]string(nil), sweepFiles...), micro...)...)
	for k := range 4 {
		replay := filepath.Join(root, "replay"+strconv.Itoa(k))
		cogov(t, 0, "run", "--from", one, "--run-id", strconv.Itoa(k), "--agents", "--no-plots", "--out", replay)
		for _, name := range micro[:2] {
			swept, err := os.ReadFile(filepath.Join(one, name))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitAfter(string(swept), "\n")
			got := strings.TrimPrefix(lines[0], "run_id,")
			rows := 0
			for _, l := range lines[1:] {
				if r, ok := strings.CutPrefix(l, strconv.Itoa(k)+","); ok {
					got += r
					rows++
				}
			}
			want, err := os.ReadFile(filepath.Join(replay, name))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("run %d: its %d rows of the sweep's %s differ from the replay's:\n%s\nwant\n%s", k, rows, name, got, want)
			}
			if name == "agencies.csv" && rows == 0 {
				t.Errorf("run %d has no agency rows: the test checks nothing", k)
			}
		}
	}
	_, stderr := cogov(t, 2, "sweep", agentsExperiment, "--out", one, "--resume", "-q", "--no-plots")
	if !strings.Contains(stderr, "--agents") {
		t.Errorf("resume without --agents of a sweep with: stderr %q does not name --agents", stderr)
	}
}
