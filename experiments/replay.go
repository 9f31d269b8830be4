package experiments

import (
	"fmt"
	"os"
	"path/filepath"

	"cogov/experiments/design"
	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// ReplayRun returns the scenario and random stream of run id of the sweep
// in dir, so that sim.Run(s, s.Seed, stream, s.Years, false) reproduces
// the run exactly: the point's scenario is rebuilt from the directory's
// experiment.toml and its stored resolved scenarios, and the rebuilt plan
// must give the directory's manifest (bar the shard), or the replay is
// refused naming what differs. sets apply on top (after the sweep's own).
func ReplayRun(dir string, id int, sets []string) (*scenarios.Scenario, uint64, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, 0, err
	}
	src, err := os.ReadFile(filepath.Join(dir, ExperimentFile))
	if err != nil {
		return nil, 0, err
	}
	e, err := design.Parse(filepath.Join(dir, ExperimentFile), "", src)
	if err != nil {
		return nil, 0, err
	}
	e.Stored = map[string]string{}
	for ref, sha := range m.Scenarios {
		e.Stored[ref] = filepath.Join(dir, storedScenario(sha))
	}
	pl, err := design.NewPlan(e, design.Overrides{Years: m.Years, Replications: m.Replications})
	if err != nil {
		return nil, 0, err
	}
	old := m
	old.Shard, old.ShardRuns = "", 0
	old.Agents = false // micro-data or not, the runs are the same
	if why := manifestDiff(old, NewManifest(pl, Shard{})); why != "" {
		return nil, 0, fmt.Errorf("%s: cannot replay exactly: %s", dir, why)
	}
	if id < 0 || id >= pl.Runs() {
		return nil, 0, fmt.Errorf("--run-id: %d is out of range (allowed 0-%d, the runs of %s)", id, pl.Runs()-1, dir)
	}
	pt := pl.Points[id/pl.Replications]
	all := append(append([]string(nil), pt.Sets...), fmt.Sprintf("years=%d", pl.Years), fmt.Sprintf("seed=%d", m.Seed))
	s, err := scenarios.Load(pt.Scenario, append(all, sets...))
	if err != nil {
		return nil, 0, err
	}
	return s, uint64(id), nil
}

// copyStoredScenarios copies the stored scenarios of manifest m from the
// sweep directory src into dst.
func copyStoredScenarios(src, dst string, m Manifest) error {
	if err := os.MkdirAll(filepath.Join(dst, StoredScenariosDir), 0o755); err != nil {
		return err
	}
	for _, sha := range m.Scenarios {
		b, err := os.ReadFile(filepath.Join(src, storedScenario(sha)))
		if err != nil {
			return err
		}
		if err := fsutil.WriteFile(filepath.Join(dst, storedScenario(sha)), b); err != nil {
			return err
		}
	}
	return nil
}
