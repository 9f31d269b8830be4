package experiments

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cogov/experiments/design"
	"cogov/internal/sweeptest"
	"cogov/sim"
)

// agentFiles are the files of a sweep with micro-data.
var agentFiles = append(append([]string(nil), sweepFiles...), AgenciesFile, ContractsFile, MicroRowsFile)

// agentsPlan is the 2-point x 2-replication micro-data test sweep.
func agentsPlan(t *testing.T, o design.Overrides) *design.Plan {
	t.Helper()
	pl := sweeptest.LoadPlan(t, "testdata/agents.toml", o)
	if pl.Runs() != 2*pl.Replications {
		t.Fatalf("runs = %d, want 2 points x %d replications", pl.Runs(), pl.Replications)
	}
	return pl
}

// runRows returns the rows of run id in a micro-data file, without their
// run_id column, after the file's header (returned too, without run_id).
func runRows(t *testing.T, path string, id int) (header string, rows []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	header, ok := strings.CutPrefix(lines[0], "run_id,")
	if !ok {
		t.Fatalf("%s: header %q has no leading run_id", path, lines[0])
	}
	prefix := strconv.Itoa(id) + ","
	for _, l := range lines[1:] {
		if r, ok := strings.CutPrefix(l, prefix); ok {
			rows = append(rows, r)
		}
	}
	return header, rows
}

// microCSV returns what cogov run --agents writes for res: its
// agencies.csv and contracts.csv.
func microCSV(t *testing.T, res *sim.Result) (agencies, contracts string) {
	t.Helper()
	var a, c bytes.Buffer
	if err := res.WriteAgenciesCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteContractsCSV(&c); err != nil {
		t.Fatal(err)
	}
	return a.String(), c.String()
}

// TestSweepAgents checks a sweep with micro-data: the same files whatever
// the workers, runs.csv and yearly.csv as without micro-data, and the rows
// of every run those of the run replayed alone with micro-data.
func TestSweepAgents(t *testing.T) {
	pl := agentsPlan(t, design.Overrides{})
	root := t.TempDir()
	one, three, plain := filepath.Join(root, "w1"), filepath.Join(root, "w3"), filepath.Join(root, "plain")
	sweep(t, pl, one, SweepOptions{Workers: 1, Agents: true})
	sweep(t, pl, three, SweepOptions{Workers: 3, Agents: true})
	sweeptest.SameFiles(t, one, three, agentFiles...)
	sweep(t, pl, plain, SweepOptions{Workers: 2})
	sweeptest.SameFiles(t, one, plain, ExperimentFile, PointsFile, RunsFile, YearlyFile)
	for _, name := range []string{AgenciesFile, ContractsFile, MicroRowsFile} {
		if _, err := os.Stat(filepath.Join(plain, name)); err == nil {
			t.Errorf("a sweep without Agents wrote %s", name)
		}
	}
	m, err := ReadManifest(one)
	if err != nil || !m.Agents {
		t.Fatalf("manifest agents = %v (%v), want true", m.Agents, err)
	}
	if pm, _ := ReadManifest(plain); pm.Agents || bytes.Contains(pm.Bytes(), []byte(`"agents"`)) {
		t.Error("the manifest of a sweep without Agents mentions agents")
	}
	counts, _ := os.ReadFile(filepath.Join(one, MicroRowsFile))
	countLines := strings.Split(strings.TrimSuffix(string(counts), "\n"), "\n")
	if countLines[0]+"\n" != microRowsHeader || len(countLines) != 1+pl.Runs() {
		t.Fatalf("%s: %q", MicroRowsFile, counts)
	}
	for id := range pl.Runs() {
		s, stream, err := ReplayRun(one, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.RunWith(context.Background(), s, s.Seed, stream, s.Years, sim.Options{Agents: true})
		if err != nil {
			t.Fatal(err)
		}
		wantA, wantC := microCSV(t, res)
		for _, f := range []struct {
			name, want string
		}{{AgenciesFile, wantA}, {ContractsFile, wantC}} {
			header, rows := runRows(t, filepath.Join(one, f.name), id)
			got := header + "\n" + strings.Join(rows, "\n")
			if len(rows) > 0 {
				got += "\n"
			}
			if got != f.want {
				t.Errorf("run %d: the %s rows (%d) differ from the run's own micro-data:\n%s\nwant\n%s", id, f.name, len(rows), got, f.want)
			}
		}
		want := strconv.Itoa(id) + "," + strconv.Itoa(len(res.AgencyYears)) + "," + strconv.Itoa(len(res.ContractRows))
		if countLines[1+id] != want {
			t.Errorf("%s row %d = %q, want %q", MicroRowsFile, id, countLines[1+id], want)
		}
		if len(res.AgencyYears) == 0 {
			t.Errorf("run %d has no agency rows: the test checks nothing", id)
		}
	}
}

// TestSweepAgentsResume interrupts and crashes sweeps with micro-data and
// checks resume finishes them byte-identically, and that a resume asking
// for micro-data differently is refused.
func TestSweepAgentsResume(t *testing.T) {
	// 30 runs: more than can be in flight when the sweep is cancelled.
	pl := agentsPlan(t, design.Overrides{Replications: 15})
	n := pl.Runs()
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, SweepOptions{Workers: 1, Agents: true})

	t.Run("interrupted", func(t *testing.T) {
		dir := filepath.Join(root, "interrupted")
		for _, stop := range []int{3, 12} {
			ctx, cancel := context.WithCancel(context.Background())
			_, err := Sweep(ctx, pl, dir, SweepOptions{Workers: 2, Resume: true, Agents: true, Progress: func(done, _ int) {
				if done >= stop {
					cancel()
				}
			}})
			cancel()
			if !errors.Is(err, ErrInterrupted) {
				t.Fatalf("stop at %d: err = %v, want ErrInterrupted", stop, err)
			}
		}
		sweep(t, pl, dir, SweepOptions{Workers: 2, Resume: true, Agents: true})
		sweeptest.SameFiles(t, whole, dir, agentFiles...)
	})

	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(whole, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// upTo returns the rows of file name up to those of run id (header
	// included), and extra bytes of the next row.
	upTo := func(name string, id, extra int) []byte {
		b := read(name)
		off := bytes.IndexByte(b, '\n') + 1
		for off < len(b) {
			got, err := leadingID(b[off:])
			if err != nil || got > id {
				break
			}
			off += bytes.IndexByte(b[off:], '\n') + 1
		}
		return b[:min(off+extra, len(b))]
	}
	cases := []struct {
		name   string
		cut    map[string][]byte // files replaced; nil removes the file
		redone int
	}{
		{"clean cut", map[string][]byte{RunsFile: upTo(RunsFile, 4, 0), YearlyFile: upTo(YearlyFile, 4, 0),
			AgenciesFile: upTo(AgenciesFile, 4, 0), ContractsFile: upTo(ContractsFile, 4, 0), MicroRowsFile: upTo(MicroRowsFile, 4, 0)}, 0},
		{"micro-data ahead, partial rows", map[string][]byte{RunsFile: upTo(RunsFile, 4, 0), YearlyFile: upTo(YearlyFile, 4, 0),
			AgenciesFile: upTo(AgenciesFile, 6, 5), ContractsFile: upTo(ContractsFile, 5, 3), MicroRowsFile: upTo(MicroRowsFile, 5, 2)}, 0},
		{"agencies truncated", map[string][]byte{AgenciesFile: upTo(AgenciesFile, 3, 0)}, n - 4},
		{"agencies short by a row", map[string][]byte{AgenciesFile: read(AgenciesFile)[:bytes.LastIndexByte(read(AgenciesFile)[:len(read(AgenciesFile))-1], '\n')+1]}, 1},
		// Runs with no contract before the first with one keep their
		// (empty) contract rows.
		{"contracts deleted", map[string][]byte{ContractsFile: nil}, n - firstWithContracts(t, whole)},
		{"rows file deleted", map[string][]byte{MicroRowsFile: nil}, n},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(root, strings.ReplaceAll(c.name, " ", "-"))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, name := range agentFiles {
				b, ok := c.cut[name]
				if !ok {
					b = read(name)
				} else if b == nil {
					continue
				}
				if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			st := sweep(t, pl, dir, SweepOptions{Workers: 2, Resume: true, Agents: true})
			if st.Redone != c.redone {
				t.Errorf("redone = %d, want %d", st.Redone, c.redone)
			}
			sweeptest.SameFiles(t, whole, dir, agentFiles...)
		})
	}

	t.Run("refused without agents", func(t *testing.T) {
		_, err := Sweep(context.Background(), pl, whole, SweepOptions{Resume: true})
		if !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), "agents (--agents, micro-data) is true there, false now") {
			t.Errorf("err = %v, want ErrMismatch naming agents", err)
		}
		plain := filepath.Join(root, "plain")
		sweep(t, pl, plain, SweepOptions{Workers: 2})
		if _, err := Sweep(context.Background(), pl, plain, SweepOptions{Resume: true, Agents: true}); !errors.Is(err, ErrMismatch) {
			t.Errorf("resume with Agents of a sweep without: err = %v, want ErrMismatch", err)
		}
	})
}

// firstWithContracts returns the first run of the sweep in dir that has
// contract rows (its number of runs if none has).
func firstWithContracts(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, MicroRowsFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	for _, l := range lines[1:] {
		if id, counts, ok := parseMicroRow([]byte(l)); ok && counts[1] > 0 {
			return id
		}
	}
	return len(lines) - 2
}

// TestSweepAgentsShardsMerge checks shards with micro-data merge into the
// files of the whole sweep, and that a merge with a short micro-data file
// is refused.
func TestSweepAgentsShardsMerge(t *testing.T) {
	pl := agentsPlan(t, design.Overrides{Replications: 3}) // 6 runs
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, SweepOptions{Workers: 2, Agents: true})
	var dirs []string
	for i := 1; i <= 4; i++ {
		d := filepath.Join(root, "shard"+strconv.Itoa(i))
		sweep(t, pl, d, SweepOptions{Workers: 2, Shard: Shard{i, 4}, Agents: true})
		dirs = append(dirs, d)
	}
	merged := filepath.Join(root, "merged")
	if err := Merge(dirs, merged); err != nil {
		t.Fatal(err)
	}
	sweeptest.SameFiles(t, whole, merged, agentFiles...)

	b, _ := os.ReadFile(filepath.Join(dirs[1], AgenciesFile))
	os.WriteFile(filepath.Join(dirs[1], AgenciesFile), b[:bytes.LastIndexByte(b[:len(b)-1], '\n')+1], 0o644)
	err := Merge(dirs, filepath.Join(root, "bad"))
	if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), AgenciesFile) {
		t.Errorf("merge with a short %s: err = %v, want ErrIncomplete naming it", AgenciesFile, err)
	}
	if _, err := os.Stat(filepath.Join(root, "bad", ManifestFile)); err == nil {
		t.Error("a failed merge wrote a manifest")
	}
}
