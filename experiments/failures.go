package experiments

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cogov/experiments/design"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
	"cogov/sim"
)

// FailuresFile lists the runs of a sweep that failed.
const FailuresFile = "failures.csv" // run_id,point,replication,stream,error

// ErrRunsFailed is returned (wrapped) by Sweep when it finished every run
// but some failed; they are in failures.csv, and a sweep with Resume set
// retries them.
var ErrRunsFailed = errors.New("runs failed")

// Failure is one failed run.
type Failure struct {
	RunID, Point, Replication int
	// Stream is the run's random stream (sim.StreamID of the sweep's seed
	// and the run id).
	Stream string
	Err    string
}

func newFailure(pl *design.Plan, r runOut) Failure {
	return Failure{RunID: r.id, Point: r.id / pl.Replications, Replication: r.id % pl.Replications,
		Stream: sim.StreamID(pl.Exp.Seed, uint64(r.id)), Err: r.err.Error()}
}

// writeFailures writes failures.csv into dir, or removes a stale one when
// no run failed.
func writeFailures(dir string, pl *design.Plan, fs []Failure) error {
	path := filepath.Join(dir, FailuresFile)
	if len(fs) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	var b bytes.Buffer
	b.WriteString("run_id,point,replication,stream,error\n")
	for _, f := range fs {
		b.WriteString(csvfmt.Line(strconv.Itoa(f.RunID), strconv.Itoa(f.Point), strconv.Itoa(f.Replication),
			f.Stream, strings.ReplaceAll(f.Err, "\n", " ")))
	}
	return fsutil.WriteFile(path, b.Bytes())
}

// failuresError names the failed runs, or returns nil when none failed.
func failuresError(fs []Failure, total int) error {
	if len(fs) == 0 {
		return nil
	}
	var b strings.Builder
	for i, f := range fs {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(fs)-3)
			break
		}
		fmt.Fprintf(&b, "; run %d (point %d, replication %d): %s", f.RunID, f.Point, f.Replication, f.Err)
	}
	return fmt.Errorf("%w: %d of %d runs failed, listed in %s (the others are written)%s", ErrRunsFailed, len(fs), total, FailuresFile, b.String())
}
