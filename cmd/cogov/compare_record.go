package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"cogov/experiments"
	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// compareScenariosDir is the folder of compare --out holding every
// scenario resolved, as run.
const compareScenariosDir = "scenarios"

// writeCompareRecord writes what a comparison ran into dir:
// scenarios/I.toml, each scenario resolved (extends followed, --set
// applied), which reproduces it, and manifest.json naming them with their
// SHA-256, the seed, replications and years, and the SHA-256 of the
// --posterior file the replications drew their parameters from (posterior,
// empty without one).
func writeCompareRecord(dir string, refs []string, scens []*scenarios.Scenario, c *experiments.Comparison, start time.Time, posterior string) error {
	if err := os.MkdirAll(filepath.Join(dir, compareScenariosDir), 0o755); err != nil {
		return err
	}
	type entry struct {
		Label  string `json:"label"`
		Ref    string `json:"ref"`
		File   string `json:"file"`
		SHA256 string `json:"sha256"`
		Years  int    `json:"years"`
	}
	var list []entry
	for i, s := range scens {
		b, err := scenarios.Encode(s)
		if err != nil {
			return err
		}
		name := filepath.Join(compareScenariosDir, fmt.Sprintf("%d.toml", i))
		if err := fsutil.WriteFile(filepath.Join(dir, name), b); err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		list = append(list, entry{c.Labels[i], refs[i], name, hex.EncodeToString(sum[:]), s.Years})
	}
	record := map[string]any{
		"cogov_version": sim.Version,
		"go_version":    runtime.Version(),
		"command":       "compare",
		"seed":          c.Seed,
		"replications":  c.Reps,
		"streams":       "replication r of every scenario uses random stream r of the seed (common random numbers)",
		"scenarios":     list,
		"start_time":    start.UTC().Format(time.RFC3339),
	}
	if posterior != "" {
		record["posterior_sha256"] = posterior
	}
	m, err := json.MarshalIndent(record, "", "  ")
	if err != nil {
		return err
	}
	return fsutil.WriteFile(filepath.Join(dir, experiments.ManifestFile), append(m, '\n'))
}
