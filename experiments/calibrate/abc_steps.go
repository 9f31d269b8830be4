package calibrate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"cogov/experiments/abc"
	"cogov/internal/fsutil"
)

// The files of the stepwise ABC-SMC route (cogov calibrate --emit slurm)
// in the output folder, besides StateFile and the result files, which
// are those of the in-process route.
const (
	// RoundFile is the generation in progress and the round of
	// proposals the array tasks evaluate (or why the run stopped).
	RoundFile = "abc-round.json"
	// RoundsDir holds rounds/gG-FROM/task-I.json, array task I's
	// outcomes of the round of generation G from proposal FROM; removed
	// once collected.
	RoundsDir = "rounds"
)

const stepFormat = 1

// roundFile is RoundFile. Pending says Round awaits its tasks; Progress
// is the generation in progress before Round (nil between generations);
// Stopped is set once the run has ended.
type roundFile struct {
	Format      int           `json:"format"`
	Fingerprint string        `json:"fingerprint"`
	Pending     bool          `json:"pending"`
	Round       abc.Round     `json:"round"`
	Shards      int           `json:"shards"`
	Progress    *abc.Progress `json:"progress"`
	Stopped     string        `json:"stopped,omitempty"`
}

// shardFile is one task's outcomes of a round, in index order.
type shardFile struct {
	Format      int            `json:"format"`
	Fingerprint string         `json:"fingerprint"`
	Round       abc.Round      `json:"round"`
	Task        int            `json:"task"`
	Of          int            `json:"of"`
	Outcomes    []shardOutcome `json:"outcomes"`
}

// shardOutcome is an abc.Outcome; only an accepted one keeps its
// parameters, statistics and distance (all finite), all the next steps
// need.
type shardOutcome struct {
	K        int       `json:"k"`
	OK       bool      `json:"ok,omitempty"`
	Theta    []float64 `json:"theta,omitempty"`
	Stats    []float64 `json:"stats,omitempty"`
	Distance float64   `json:"distance,omitempty"`
	Err      string    `json:"error,omitempty"`
}

// Step is where a stepwise run stands after a step.
type Step struct {
	// Round is the round planned or evaluated; Pending whether it
	// awaits its tasks.
	Round   abc.Round
	Pending bool
	// Generation is the generation Collect completed, nil if none.
	Generation *abc.Generation
	// State is the run's complete generations; Stopped (in State) says
	// why it ended, "" while it goes on.
	State *abc.State
}

func (c *Calibration) roundDir(dir string, r abc.Round) string {
	return filepath.Join(dir, RoundsDir, fmt.Sprintf("g%d-%d", r.Generation, r.From))
}

func taskFile(rd string, i int) string { return filepath.Join(rd, "task-"+strconv.Itoa(i)+".json") }

// loadSteps reads dir's state (nil when there is none) and round file
// (nil when there is none, or when it is stale: made before the last
// complete generation, as a crash between Collect's writes leaves it).
func loadSteps(c *Calibration, dir string) (*abc.State, *roundFile, error) {
	st, err := readState(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	want := c.ABCConfig(1)
	fp := want.Fingerprint()
	if st != nil && st.Fingerprint != fp {
		return nil, nil, fmt.Errorf("%s was made with other settings (%s), not those of %s (%s)", filepath.Join(dir, StateFile), st.Fingerprint, c.File, fp)
	}
	b, err := os.ReadFile(filepath.Join(dir, RoundFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var rf roundFile
	if err := json.Unmarshal(b, &rf); err != nil || rf.Format != stepFormat {
		return nil, nil, fmt.Errorf("%s: not a round file of format %d", filepath.Join(dir, RoundFile), stepFormat)
	}
	if rf.Fingerprint != fp {
		return nil, nil, fmt.Errorf("%s was made with other settings (%s), not those of %s", filepath.Join(dir, RoundFile), rf.Fingerprint, c.File)
	}
	done := 0
	if st != nil {
		done = len(st.Generations)
	}
	if (rf.Pending && rf.Round.Generation != done) || (rf.Progress != nil && rf.Progress.Generation != done) {
		return st, nil, nil
	}
	return st, &rf, nil
}

func writeRound(dir string, rf *roundFile) error {
	rf.Format = stepFormat
	b, err := json.Marshal(rf)
	if err != nil {
		return err
	}
	return fsutil.WriteFile(filepath.Join(dir, RoundFile), b)
}

// sampler rebuilds the run of c from its saved state and progress.
func (c *Calibration) sampler(st *abc.State, rf *roundFile) (*abc.Sampler, error) {
	var p *abc.Progress
	if rf != nil {
		p = rf.Progress
		if rf.Pending && p == nil {
			p = &abc.Progress{Generation: rf.Round.Generation}
		}
	}
	return abc.NewSampler(c.ABCConfig(1), st, p)
}

// PlanABC is the serial step that starts every round of the stepwise
// route: it plans the next round of proposals of dir's run of c for
// shards tasks of workers each (all the more proposals the more of
// them), or says the run has stopped. A round already planned and not yet
// collected is kept, so planning again resubmits the same round. When the
// run has stopped it writes the result files (as the in-process route
// does on stopping).
func PlanABC(c *Calibration, dir string, shards, workers int) (*Step, error) {
	if shards < 1 || workers < 1 {
		return nil, fmt.Errorf("plan: %d shards of %d workers (allowed: at least 1 of each)", shards, workers)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	st, rf, err := loadSteps(c, dir)
	if err != nil {
		return nil, err
	}
	m, err := c.sampler(st, rf)
	if err != nil {
		return nil, err
	}
	if rf != nil && rf.Pending {
		if rf.Shards != shards {
			return nil, fmt.Errorf("plan: the round pending in %s is cut into %d shards, not %d", filepath.Join(dir, RoundFile), rf.Shards, shards)
		}
		return &Step{Round: rf.Round, Pending: true, State: m.State()}, nil
	}
	r, ok, err := m.Next(shards * workers)
	if err != nil {
		return nil, err
	}
	out := &roundFile{Fingerprint: m.State().Fingerprint, Pending: ok, Round: r, Shards: shards, Progress: m.Progress()}
	if !ok {
		out.Stopped = m.State().Stopped
		if err := WriteABC(dir, c, m.State()); err != nil {
			return nil, err
		}
	}
	if err := writeRound(dir, out); err != nil {
		return nil, err
	}
	return &Step{Round: r, Pending: ok, State: m.State()}, nil
}

// SimulateABC is array task i of n: it evaluates its share of the
// pending round (proposals From+i-1, From+i-1+n, ...) with workers in
// parallel into the round's task file. A task whose file is already
// there is done and returns at once (skipped). When ctx is cancelled it
// writes nothing.
func SimulateABC(ctx context.Context, c *Calibration, dir string, i, n, workers int) (done int, skipped bool, err error) {
	st, rf, err := loadSteps(c, dir)
	if err != nil {
		return 0, false, err
	}
	if rf == nil || !rf.Pending {
		return 0, false, fmt.Errorf("simulate: %s has no round pending (run the plan step first)", dir)
	}
	if n != rf.Shards {
		return 0, false, fmt.Errorf("simulate: --shard %d/%d, but the pending round is cut into %d shards", i, n, rf.Shards)
	}
	rd := c.roundDir(dir, rf.Round)
	path := taskFile(rd, i)
	if _, err := readTask(path, rf, i); err == nil {
		return 0, true, nil
	}
	m, err := c.sampler(st, rf)
	if err != nil {
		return 0, false, err
	}
	ks := rf.Round.Indices(i, n)
	res := m.EvaluateAll(ctx, ks, workers, c.Simulator())
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	outs := make([]shardOutcome, len(ks))
	for j, o := range res {
		so := shardOutcome{K: ks[j], OK: o.OK && o.Err == nil}
		if o.Err != nil {
			so.Err = o.Err.Error()
		}
		if so.OK {
			so.Theta, so.Stats, so.Distance = o.Theta, o.Stats, o.Distance
		}
		outs[j] = so
	}
	b, err := json.Marshal(shardFile{Format: stepFormat, Fingerprint: rf.Fingerprint, Round: rf.Round, Task: i, Of: n, Outcomes: outs})
	if err != nil {
		return 0, false, err
	}
	if err := os.MkdirAll(rd, 0o755); err != nil {
		return 0, false, err
	}
	return len(ks), false, fsutil.WriteFile(path, b)
}

// readTask reads task i's file of round rf and checks it is that task's.
func readTask(path string, rf *roundFile, i int) (*shardFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f shardFile
	if err := json.Unmarshal(b, &f); err != nil || f.Format != stepFormat || f.Fingerprint != rf.Fingerprint ||
		f.Round != rf.Round || f.Task != i || f.Of != rf.Shards {
		return nil, fmt.Errorf("%s: not task %d/%d's outcomes of round %+v", path, i, rf.Shards, rf.Round)
	}
	ks := rf.Round.Indices(i, rf.Shards)
	if len(f.Outcomes) != len(ks) {
		return nil, fmt.Errorf("%s: %d outcomes, want %d", path, len(f.Outcomes), len(ks))
	}
	for j, o := range f.Outcomes {
		if o.K != ks[j] {
			return nil, fmt.Errorf("%s: outcome %d is proposal %d, want %d", path, j, o.K, ks[j])
		}
	}
	return &f, nil
}

// CollectABC is the step after a round's tasks: it gathers their
// outcomes in index order and folds them into the run exactly as the
// in-process sampler does. A generation that completes is written (the
// state file and the result files, as after each generation in process);
// otherwise the generation waits for another round. It names the tasks
// whose outcomes are missing.
func CollectABC(c *Calibration, dir string) (*Step, error) {
	st, rf, err := loadSteps(c, dir)
	if err != nil {
		return nil, err
	}
	if rf == nil || !rf.Pending {
		return nil, fmt.Errorf("collect: %s has no round pending (it was collected already; run the plan step)", dir)
	}
	rd := c.roundDir(dir, rf.Round)
	outs := make([]abc.Outcome, rf.Round.To-rf.Round.From)
	var missing []string
	var bad []error
	for i := 1; i <= rf.Shards; i++ {
		f, err := readTask(taskFile(rd, i), rf, i)
		if errors.Is(err, os.ErrNotExist) {
			missing = append(missing, strconv.Itoa(i))
			continue
		}
		if err != nil {
			bad = append(bad, err)
			continue
		}
		for _, o := range f.Outcomes {
			ao := abc.Outcome{Theta: o.Theta, Stats: o.Stats, Distance: o.Distance, OK: o.OK}
			if o.Err != "" {
				ao.Err = errors.New(o.Err)
			}
			outs[o.K-rf.Round.From] = ao
		}
	}
	if len(missing) > 0 {
		bad = append(bad, fmt.Errorf("collect: no outcomes of task %s of %d in %s (rerun those tasks: submit.sh resubmits the round, and the tasks done return at once)",
			strings.Join(missing, ", "), rf.Shards, rd))
	}
	if err := errors.Join(bad...); err != nil {
		return nil, err
	}
	m, err := c.sampler(st, rf)
	if err != nil {
		return nil, err
	}
	g, err := m.Fold(rf.Round, outs)
	if err != nil {
		return nil, err
	}
	if g != nil {
		if err := saveABC(dir, c, m.State()); err != nil {
			return nil, err
		}
	}
	if err := writeRound(dir, &roundFile{Fingerprint: rf.Fingerprint, Round: rf.Round, Shards: rf.Shards, Progress: m.Progress()}); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(rd); err != nil {
		return nil, err
	}
	return &Step{Round: rf.Round, Generation: g, State: m.State()}, nil
}

// FinishedABC returns the state of dir's stepwise run of c once it has
// stopped (the plan step said so), with the reason it stopped.
func FinishedABC(c *Calibration, dir string) (*abc.State, error) {
	st, rf, err := loadSteps(c, dir)
	if err != nil {
		return nil, err
	}
	if st == nil || rf == nil || rf.Stopped == "" {
		return nil, fmt.Errorf("finish: the run in %s has not stopped (the plan step says when it has)", dir)
	}
	st.Stopped = rf.Stopped
	return st, nil
}
