package experiments

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"cogov/experiments/design"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// ErrInterrupted is returned (wrapped) by Sweep when its context is
// cancelled before every run is done; the directory then holds whole runs
// only, and a sweep with Resume set finishes it.
var ErrInterrupted = errors.New("sweep interrupted")

// errStopped marks a run abandoned because the sweep was cancelled.
var errStopped = errors.New("run stopped")

// SweepOptions control a sweep.
type SweepOptions struct {
	// Workers is the number of runs done at once (default GOMAXPROCS).
	Workers int
	// Shard restricts the sweep to a subset of the runs.
	Shard Shard
	// Resume continues the sweep already in the directory instead of
	// refusing to overwrite it.
	Resume bool
	// Check runs the model's invariants every year.
	Check bool
	// Agents writes every run's micro-data (the agencies.csv and
	// contracts.csv of cogov run --agents) into AgenciesFile and
	// ContractsFile behind a run_id column, in run-id order, and the rows
	// of each run into MicroRowsFile. The manifest records it, so a
	// resume must ask for the same.
	Agents bool
	// Progress, if set, is called from a single goroutine with the runs
	// done so far (including those found on resume) and the shard's total.
	Progress func(done, total int)

	// fail, set by tests, makes the runs it returns an error for fail.
	fail func(id int) error
}

// SweepStats reports what a sweep did.
type SweepStats struct {
	// Total is the number of runs of the shard; Resumed were on disk
	// already; Ran were done by this call. Redone counts the runs that
	// runs.csv listed but whose yearly rows were not all on disk, which
	// were run again.
	Total, Resumed, Ran, Redone int
	// Failures are the runs that failed (an error or a panic of the model,
	// an invariant under Check), in run-id order, as in failures.csv.
	Failures []Failure
	Elapsed  time.Duration
}

// commit thresholds: rows are made durable at least this often.
const (
	commitBytes    = 1 << 20
	commitInterval = time.Second
)

// runOut is one finished run, formatted.
type runOut struct {
	id           int
	yearly, runs []byte
	micro        microOut // empty without SweepOptions.Agents
	err          error
}

// Sweep runs every run of the plan (or of o.Shard) and writes the sweep
// directory dir: experiment.toml, manifest.json, points.csv, then runs.csv
// and yearly.csv (and with o.Agents the micro-data files) row by row in
// run-id order as runs finish. Run r is
// replication r % Replications of point r / Replications and uses the
// model's random stream sim.Stream(seed, r), so the files are the same
// whatever the number of workers, and the shards of a sweep merge into the
// unsharded files. Memory does not grow with the number of runs: at most
// a few runs per worker wait to be written.
//
// When ctx is cancelled Sweep stops starting runs, writes the runs that
// finished in order, and returns an error wrapping ErrInterrupted.
func Sweep(ctx context.Context, pl *design.Plan, dir string, o SweepOptions) (SweepStats, error) {
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return SweepStats{}, err
	}
	lock, err := fsutil.Lock(dir)
	if err != nil {
		return SweepStats{}, err
	}
	defer lock.Unlock()
	out, err := openOutput(dir, pl, o.Shard, o.Resume, o.Agents)
	if err != nil {
		return SweepStats{}, err
	}
	defer out.close()
	st := SweepStats{Total: o.Shard.count(pl.Runs()), Resumed: out.done, Redone: out.redone}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if o.Progress != nil {
		o.Progress(out.done, st.Total)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := 4 * workers
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	results := make(chan runOut, window)
	step := o.Shard.step()
	go func() {
		defer close(jobs)
		for id := out.next; id < pl.Runs(); id += step {
			if ctx.Err() != nil {
				return
			}
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- id:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			r := runner{pl: pl, check: o.Check, agents: o.Agents, point: -1, fail: o.fail}
			for id := range jobs {
				if ctx.Err() != nil {
					continue // stopping: start no more runs
				}
				results <- r.run(ctx, id)
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	var firstErr error
	pending := map[int]runOut{}
	next, done := out.next, out.done
	last := time.Now()
	for r := range results {
		if r.err == errStopped {
			continue // cancelled mid-run: the run is not done
		}
		pending[r.id] = r
		for {
			q, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if q.err != nil {
				st.Failures = append(st.Failures, newFailure(pl, q))
			} else {
				out.add(q)
				st.Ran++
			}
			<-tokens
			next += step
			done++
			if o.Progress != nil {
				o.Progress(done, st.Total)
			}
		}
		if out.size() >= commitBytes || time.Since(last) >= commitInterval {
			if err := out.commit(); err != nil && firstErr == nil {
				firstErr = err
				cancel()
			}
			last = time.Now()
		}
	}
	if err := out.commit(); err != nil && firstErr == nil {
		firstErr = err
	}
	if err := writeFailures(dir, pl, st.Failures); err != nil && firstErr == nil {
		firstErr = err
	}
	st.Elapsed = time.Since(start)
	if firstErr != nil {
		return st, firstErr
	}
	if done < st.Total {
		return st, fmt.Errorf("%w after %d of %d runs: %w", ErrInterrupted, done, st.Total, context.Cause(ctx))
	}
	if err := out.close(); err != nil {
		return st, err
	}
	return st, failuresError(st.Failures, st.Total)
}

// runner does runs for one worker, keeping the last point's scenario.
type runner struct {
	pl       *design.Plan
	check    bool
	agents   bool
	point    int
	scenario *scenarios.Scenario
	metrics  []int
	fail     func(id int) error
}

// run does run id and formats its rows. A panic of the model is the run's
// error, so that one run cannot stop a sweep.
func (r *runner) run(ctx context.Context, id int) (out runOut) {
	defer func() {
		if p := recover(); p != nil {
			out = runOut{id: id, err: fmt.Errorf("run %d: panic: %v", id, p)}
		}
	}()
	if r.fail != nil {
		if err := r.fail(id); err != nil {
			return runOut{id: id, err: err}
		}
	}
	pl := r.pl
	point, rep := id/pl.Replications, id%pl.Replications
	seed := pl.Exp.Seed
	if pl.Draws != nil {
		pt := &pl.Points[point]
		s, err := scenarios.Load(pt.Scenario, append(pl.Draws(seed, uint64(id)), pt.Sets...))
		if err != nil {
			return runOut{id: id, err: fmt.Errorf("run %d, point %d (%s) with drawn parameters: %w", id, point, pt.Label, err)}
		}
		r.point, r.scenario = -1, s
	} else if point != r.point {
		pt := &pl.Points[point]
		s, err := scenarios.Load(pt.Scenario, pt.Sets)
		if err != nil {
			return runOut{id: id, err: fmt.Errorf("run %d, point %d (%s): %w", id, point, pt.Label, err)}
		}
		r.point, r.scenario = point, s
	}
	if r.metrics == nil {
		r.metrics = metricIndex(pl.Exp.Metrics)
	}
	res, err := sim.RunWith(ctx, r.scenario, seed, uint64(id), pl.Years, sim.Options{Check: r.check, Agents: r.agents})
	if ctx.Err() != nil {
		return runOut{id: id, err: errStopped}
	}
	if err != nil {
		return runOut{id: id, err: fmt.Errorf("run %d, point %d (%s): %w", id, point, pl.Points[point].Label, err)}
	}
	names := sim.MetricNames()
	ids := strconv.Itoa(id)
	yearly := make([]byte, 0, len(res.Years)*len(r.metrics)*40)
	for i, y := range res.Years {
		for _, j := range r.metrics {
			yearly = append(yearly, ids...)
			yearly = append(yearly, ',')
			yearly = strconv.AppendInt(yearly, int64(y), 10)
			yearly = append(yearly, ',')
			yearly = append(yearly, names[j]...)
			yearly = append(yearly, ',')
			yearly = append(yearly, sim.FormatValue(res.Values[i][j])...)
			yearly = append(yearly, '\n')
		}
	}
	row := append([]string{ids, strconv.Itoa(point), strconv.Itoa(rep), sim.StreamID(seed, uint64(id))}, pl.Points[point].Values...)
	done := runOut{id: id, yearly: yearly, runs: []byte(csvfmt.Line(row...))}
	if r.agents {
		if done.micro, err = formatMicro(ids, res); err != nil {
			return runOut{id: id, err: fmt.Errorf("run %d, point %d (%s): micro-data: %w", id, point, pl.Points[point].Label, err)}
		}
	}
	return done
}

// metricIndex returns the columns of the named metrics in a result row.
func metricIndex(metrics []string) []int {
	pos := map[string]int{}
	for j, n := range sim.MetricNames() {
		pos[n] = j
	}
	out := make([]int, len(metrics))
	for i, m := range metrics {
		out[i] = pos[m]
	}
	return out
}
