// Package slurm writes a sweep as a Slurm job array (Emit): sweep.sbatch
// runs shard I/N in array task I, merge.sbatch merges the shards, and
// submit.sh submits both; it runs nothing itself.
package slurm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"cogov/experiments"
	"cogov/experiments/design"
	"cogov/experiments/internal/slurmlayout"
	"cogov/internal/fsutil"
	"cogov/sim"
)

// The files Emit writes into a sweep directory, besides
// experiments.ExperimentFile (the experiment the tasks run).
const (
	SweepScript = slurmlayout.SweepScript // the job array: task I runs shard I/N
	MergeScript = slurmlayout.MergeScript // merges the shards into the directory
	Submit      = slurmlayout.Submit      // submits both, the merge after the array
	Manifest    = slurmlayout.Manifest    // the binary, its SHA-256 and version
	ShardsDir   = slurmlayout.ShardsDir   // shards/I holds shard I/N
	LogsDir     = slurmlayout.LogsDir     // the jobs' output
)

// ErrOptions is returned (wrapped) for options Emit cannot use.
var ErrOptions = errors.New("bad Slurm option")

// Options describe the Slurm job array Emit writes.
type Options struct {
	// Shards is the number of array tasks; task I runs shard I/Shards.
	Shards int
	// Partition, Time ([D-]HH:MM:SS) and Mem (such as 4G) are passed to
	// sbatch when not empty.
	Partition, Time, Mem string
	// CPUsPerTask is every task's --cpus-per-task and cogov --workers.
	CPUsPerTask int
	// Binary is the cogov binary the tasks run; it is made absolute.
	Binary string
	// Overrides, Check and Agents (--agents: micro-data) are passed on to
	// every task's cogov sweep.
	Overrides design.Overrides
	Check     bool
	Agents    bool
}

var (
	slurmTime      = regexp.MustCompile(`^([0-9]+-)?[0-9]+:[0-5][0-9]:[0-5][0-9]$`)
	slurmMem       = regexp.MustCompile(`^[1-9][0-9]*[KMGT]?$`)
	slurmPartition = regexp.MustCompile(`^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$`)
)

// Validate reports the first problem with o for a sweep of runs runs.
func (o Options) Validate(runs int) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrOptions, fmt.Sprintf(format, args...))
	}
	switch {
	case o.Shards < 1:
		return bad("--shards %d: want at least 1 array task", o.Shards)
	case o.Shards > runs:
		return bad("--shards %d: the sweep has only %d runs (want at most one task per run)", o.Shards, runs)
	case o.CPUsPerTask < 1:
		return bad("--cpus-per-task %d: want at least 1", o.CPUsPerTask)
	case o.Time != "" && (!slurmTime.MatchString(o.Time) || strings.Trim(o.Time, "0:-") == ""):
		return bad("--time %q: want HH:MM:SS or D-HH:MM:SS, such as 02:00:00 or 1-12:00:00", o.Time)
	case o.Mem != "" && !slurmMem.MatchString(o.Mem):
		return bad("--mem %q: want a positive whole number with an optional unit K, M, G or T, such as 4G", o.Mem)
	case o.Partition != "" && !slurmPartition.MatchString(o.Partition):
		return bad("--partition %q: want a partition name (letters, digits, _ . -; several separated by commas)", o.Partition)
	case o.Binary == "":
		return bad("no cogov binary given")
	}
	return nil
}

// Record is DIR/slurm.json: what the scripts run, so that a task can
// refuse another binary.
type Record struct {
	CogovVersion string `json:"cogov_version"`
	Binary       string `json:"binary"`
	BinarySHA256 string `json:"binary_sha256"`
	Experiment   string `json:"experiment"`
	// Source is the experiment as given: a path or builtin:NAME.
	Source string `json:"source"`
	// Absolute lists the scenario references made absolute in DIR's copy.
	Absolute []string `json:"absolute_scenarios,omitempty"`
	Runs     int      `json:"runs"`
	Shards   int      `json:"shards"`
	// Task is the command every array task runs.
	Task string `json:"task"`
}

// Sweep is what Emit wrote.
type Sweep struct {
	Dir    string
	Record Record
	// Submit is the one command that submits the sweep: bash DIR/submit.sh.
	Submit string
}

// Emit writes into dir, which must not hold a sweep yet, the scripts
// that run the sweep of pl as a Slurm job array and merge its shards:
// sweep.sbatch, merge.sbatch, submit.sh, the experiment the tasks run
// (experiment.toml, with relative scenario paths made absolute) and
// slurm.json. It runs nothing.
func Emit(pl *design.Plan, dir string, o Options) (*Sweep, error) {
	if err := o.Validate(pl.Runs()); err != nil {
		return nil, err
	}
	dir, err := absPaths(dir, &o)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{experiments.ManifestFile, ShardsDir} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return nil, fmt.Errorf("%s: %w (it has %s; write the scripts into another --out)", dir, experiments.ErrExists, name)
		}
	}
	sum, err := fileSHA256(o.Binary)
	if err != nil {
		return nil, fmt.Errorf("%w: cogov binary: %w", ErrOptions, err)
	}
	src, absolute, err := portableSource(pl)
	if err != nil {
		return nil, err
	}
	rec := Record{
		CogovVersion: sim.Version, Binary: o.Binary, BinarySHA256: sum,
		Experiment: pl.Exp.Name, Source: pl.Exp.File, Absolute: absolute,
		Runs: pl.Runs(), Shards: o.Shards,
	}
	s := slurmScripts{o: o, dir: dir, rec: &rec, name: pl.Exp.Name, sha: sum, emit: "cogov sweep --emit slurm"}
	files := []file{
		{experiments.ExperimentFile, src, false},
		{SweepScript, []byte(s.sweep()), true},
		{MergeScript, []byte(s.merge()), true},
		{Submit, []byte(s.submit()), true},
	}
	if err := writeFiles(dir, files, rec); err != nil {
		return nil, err
	}
	return &Sweep{Dir: dir, Record: rec, Submit: "bash " + slurmlayout.ShellQuote(filepath.Join(dir, Submit))}, nil
}

// file is one file Emit or EmitABC writes; exec marks a script.
type file struct {
	name string
	data []byte
	exec bool
}

// writeFiles makes dir and its logs folder and writes files (each
// atomically), then the record rec as Manifest.
func writeFiles(dir string, files []file, rec any) error {
	if err := os.MkdirAll(filepath.Join(dir, LogsDir), 0o755); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := fsutil.WriteFile(path, f.data); err != nil {
			return err
		}
		if f.exec {
			if err := os.Chmod(path, 0o755); err != nil {
				return err
			}
		}
	}
	b, _ := json.MarshalIndent(rec, "", "  ")
	return fsutil.WriteFile(filepath.Join(dir, Manifest), append(b, '\n'))
}

// absPaths makes dir and o.Binary absolute and refuses line breaks in
// them, which the scripts cannot quote.
func absPaths(dir string, o *Options) (string, error) {
	var err error
	if dir, err = filepath.Abs(dir); err != nil {
		return "", err
	}
	if o.Binary, err = filepath.Abs(o.Binary); err != nil {
		return "", err
	}
	for _, p := range []string{dir, o.Binary} {
		if strings.ContainsAny(p, "\x00\n\r") {
			return "", fmt.Errorf("%w: path %q holds a line break", ErrOptions, p)
		}
	}
	return dir, nil
}

// fileSHA256 returns the hex SHA-256 of a regular file.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
