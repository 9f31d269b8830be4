package experiments

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"cogov/experiments/design"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
	"cogov/sim"
)

// The files of a sweep directory.
const (
	ExperimentFile = "experiment.toml" // the experiment file as given
	ManifestFile   = "manifest.json"   // what was run: see Manifest
	PointsFile     = "points.csv"      // point,label,<factor column>...
	RunsFile       = "runs.csv"        // run_id,point,replication,stream,<factor column>...
	YearlyFile     = "yearly.csv"      // run_id,year,metric,value
)

// Manifest describes a sweep directory. It depends only on the experiment,
// the overrides, the shard and the model version, so a resumed or merged
// sweep writes the same bytes.
type Manifest struct {
	CogovVersion     string   `json:"cogov_version"`
	Experiment       string   `json:"experiment"`
	ExperimentSHA256 string   `json:"experiment_sha256"`
	Design           string   `json:"design"`
	Points           int      `json:"points"`
	Replications     int      `json:"replications"`
	Runs             int      `json:"runs"`
	Years            int      `json:"years"`
	Seed             uint64   `json:"seed"`
	Metrics          []string `json:"metrics"`
	Columns          []string `json:"columns"`
	// Scenarios maps each scenario the experiment names, as written in
	// it, to the SHA-256 of that scenario resolved (its extends chain
	// followed) and encoded: an edited scenario file changes it.
	Scenarios map[string]string `json:"scenarios"`
	// Shard is "I/N" for a shard holding the runs with run_id % N == I-1,
	// empty for a whole sweep.
	Shard string `json:"shard,omitempty"`
	// ShardRuns is the number of runs of the shard.
	ShardRuns int `json:"shard_runs,omitempty"`
	// Posterior is the SHA-256 of the posterior file the runs drew their
	// free parameters from, empty without one.
	Posterior string `json:"posterior_sha256,omitempty"`
	// Agents is set when the sweep writes micro-data (cogov sweep
	// --agents): AgenciesFile, ContractsFile and MicroRowsFile.
	Agents bool `json:"agents,omitempty"`
}

// Shard selects the runs with run_id % Of == Index-1; the zero value
// selects every run.
type Shard struct{ Index, Of int }

// String formats the shard as I/N, or "" for the whole sweep.
func (s Shard) String() string {
	if s.Of <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Of)
}

// ParseShard parses I/N with 1 <= I <= N.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	a, err1 := strconv.Atoi(i)
	b, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || b < 1 || a < 1 || a > b {
		return Shard{}, fmt.Errorf("--shard %q: want I/N with 1 <= I <= N, such as 1/4", s)
	}
	return Shard{a, b}, nil
}

// first and step give the shard's run ids: first, first+step, ...
func (s Shard) first() int { return max(s.Index-1, 0) }
func (s Shard) step() int  { return max(s.Of, 1) }

// count returns the number of the shard's runs among total.
func (s Shard) count(total int) int {
	if total <= s.first() {
		return 0
	}
	return (total-s.first()-1)/s.step() + 1
}

// NewManifest returns the manifest of a sweep of pl restricted to shard,
// without micro-data (set Agents for a sweep with).
func NewManifest(pl *design.Plan, shard Shard) Manifest {
	sum := sha256.Sum256(pl.Exp.Source)
	m := Manifest{
		CogovVersion: sim.Version, Experiment: pl.Exp.Name, ExperimentSHA256: hex.EncodeToString(sum[:]),
		Design: pl.Exp.Design.Kind, Points: len(pl.Points), Replications: pl.Replications, Runs: pl.Runs(),
		Years: pl.Years, Seed: pl.Exp.Seed, Metrics: pl.Exp.Metrics, Columns: pl.Columns,
		Scenarios: pl.ScenarioSHA256,
	}
	if m.Columns == nil {
		m.Columns = []string{}
	}
	m.Posterior = pl.DrawsID
	if shard.Of > 1 {
		m.Shard, m.ShardRuns = shard.String(), shard.count(m.Runs)
	}
	return m
}

// Bytes returns the manifest as written to manifest.json.
func (m Manifest) Bytes() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	return append(b, '\n')
}

// ErrNoSweep is returned (wrapped) for a directory that holds no sweep.
var ErrNoSweep = errors.New("not a sweep directory")

// ReadManifest reads DIR/manifest.json.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if errors.Is(err, os.ErrNotExist) {
		return m, fmt.Errorf("%s: %w (it has no %s)", dir, ErrNoSweep, ManifestFile)
	}
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	return m, nil
}

// pointsCSV returns the content of points.csv.
func pointsCSV(pl *design.Plan) []byte {
	var b bytes.Buffer
	b.WriteString(csvfmt.Line(append([]string{"point", "label"}, pl.Columns...)...))
	for i, p := range pl.Points {
		b.WriteString(csvfmt.Line(append([]string{strconv.Itoa(i), p.Label}, p.Values...)...))
	}
	return b.Bytes()
}

// runsHeader and yearlyHeader are the first lines of runs.csv and yearly.csv.
func runsHeader(columns []string) string {
	return csvfmt.Line(append([]string{"run_id", "point", "replication", "stream"}, columns...)...)
}

const yearlyHeader = "run_id,year,metric,value\n"

// writeStatic writes the files that do not grow during a sweep, with m
// as its manifest.
func writeStatic(dir string, pl *design.Plan, m Manifest) error {
	type file struct {
		name string
		data []byte
	}
	var files []file
	for _, sha := range slices.Sorted(maps.Keys(pl.ScenarioText)) {
		files = append(files, file{storedScenario(sha), pl.ScenarioText[sha]})
	}
	// The manifest last: its presence says the others are written.
	files = append(files, file{ExperimentFile, pl.Exp.Source}, file{PointsFile, pointsCSV(pl)}, file{ManifestFile, m.Bytes()})
	if err := os.MkdirAll(filepath.Join(dir, StoredScenariosDir), 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := fsutil.WriteFile(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// appender appends whole rows to a file and makes them durable on commit.
type appender struct {
	f       *os.File
	pending bytes.Buffer
}

func (a *appender) commit() error {
	if a.pending.Len() == 0 {
		return nil
	}
	if _, err := a.f.Write(a.pending.Bytes()); err != nil {
		return err
	}
	a.pending.Reset()
	return a.f.Sync()
}
