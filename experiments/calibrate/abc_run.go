package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"cogov/experiments"
	"cogov/experiments/abc"
	"cogov/experiments/stats"
	"cogov/experiments/validate"
	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// StateFile is the file in the output folder from which an interrupted
// ABC-SMC calibration resumes.
const StateFile = "abc-state.json"

// fitted returns the calibration's targets in the order of
// validate.Targets.
func (c *Calibration) fitted() []validate.Target {
	var out []validate.Target
	for _, t := range validate.Targets() {
		if slices.Contains(c.Targets, t.ID) {
			out = append(out, t)
		}
	}
	return out
}

// FittedIDs are the IDs of the fitted targets in the order of the
// summary statistics (that of validate.Targets).
func (c *Calibration) FittedIDs() []string {
	var ids []string
	for _, t := range c.fitted() {
		ids = append(ids, t.ID)
	}
	return ids
}

// Priors are the free parameters' ABC-SMC priors.
func (c *Calibration) Priors() []abc.Prior {
	out := make([]abc.Prior, len(c.Params))
	for i, p := range c.Params {
		out[i] = p.abcPrior()
	}
	return out
}

// exact formats x as p's value: rounded for an integer parameter, else in
// full precision, so the model runs at the particle's very value.
func (p Param) exact(x float64) string { return formatValue(x, p.Int) }

// formatValue writes x as a parameter's value: rounded for an integer
// parameter, else in full precision.
func formatValue(x float64, isInt bool) string {
	if isInt {
		return strconv.Itoa(int(math.Round(x)))
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// Simulator is the ABC-SMC model of c: the calibration's scenario with
// the particle's parameter values, c.ABC.Reps replications with the
// particle's master seed (run r is run r of that seed), and as summary
// statistics each fitted target's mean over the replications where it
// is defined (NaN where it is defined in none).
func (c *Calibration) Simulator() abc.Simulator {
	targets := c.fitted()
	return func(ctx context.Context, theta []float64, seed uint64) ([]float64, error) {
		sets := slices.Clone(c.Set)
		for i, p := range c.Params {
			sets = append(sets, p.Path+"="+p.exact(theta[i]))
		}
		s, err := scenarios.Load(c.scenarioRef(), sets)
		if err != nil {
			return nil, err
		}
		rs, err := experiments.Replicate(ctx, s, seed, c.ABC.Reps, s.Years, 1)
		if err != nil {
			return nil, err
		}
		f := validate.FrameOf(s)
		out := make([]float64, len(targets))
		for j, t := range targets {
			out[j] = stats.Summarize(validate.PerRun(rs, f, t.Stat)).Mean
		}
		return out, nil
	}
}

// ABCConfig is the sampler's configuration for c, with workers
// evaluating particles in parallel (each particle's replications run in
// sequence).
func (c *Calibration) ABCConfig(workers int) abc.Config {
	cfg := abc.Config{Priors: c.Priors(), Particles: c.ABC.Particles, Quantile: c.ABC.Quantile, Spread: c.ABC.Spread,
		Seed: c.Seed, Generations: c.ABC.Generations, Tolerance: c.ABC.Tolerance, MinAcceptance: c.ABC.MinAcceptance,
		Budget: c.ABC.Budget, Workers: workers}
	for _, t := range c.fitted() {
		cfg.Observed = append(cfg.Observed, t.Observed)
		cfg.Lower = append(cfg.Lower, t.Bound)
	}
	return cfg
}

// RunABC calibrates c by ABC-SMC, writing into dir after every complete
// generation the state (StateFile) and the result files (WriteABC). With
// resume it continues from dir's StateFile. progress, if not nil, is
// called after each generation. When ctx is cancelled, dir holds the
// complete generations and RunABC returns ctx's error.
func RunABC(ctx context.Context, c *Calibration, dir string, workers int, resume bool, progress func(*abc.Generation)) (*abc.State, error) {
	cfg := c.ABCConfig(workers)
	var prev *abc.State
	if resume {
		var err error
		if prev, err = readState(dir); err != nil {
			return nil, fmt.Errorf("resume: %w", err)
		}
	}
	cfg.Checkpoint = func(st *abc.State) error {
		if err := saveABC(dir, c, st); err != nil {
			return err
		}
		if progress != nil {
			progress(st.Last())
		}
		return nil
	}
	st, err := abc.Run(ctx, cfg, c.Simulator(), prev)
	if err != nil && !errors.Is(err, ctx.Err()) {
		return nil, err
	}
	if err == nil {
		// Also when no generation was added (a resume of a finished run).
		err = WriteABC(dir, c, st)
	}
	return st, err
}

// readState reads dir's StateFile; an error wrapping os.ErrNotExist
// when there is none.
func readState(dir string) (*abc.State, error) {
	path := filepath.Join(dir, StateFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	st, err := abc.UnmarshalState(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// saveABC writes st to dir's StateFile, then the result files (WriteABC).
func saveABC(dir string, c *Calibration, st *abc.State) error {
	b, err := st.Marshal()
	if err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, StateFile), b); err != nil {
		return err
	}
	return WriteABC(dir, c, st)
}

// WriteABC writes posterior.csv, generations.csv and
// posterior_summary.csv (abc.Write) for c's parameters and targets.
func WriteABC(dir string, c *Calibration, st *abc.State) error {
	names := make([]string, len(c.Params))
	for i, p := range c.Params {
		names[i] = p.Path
	}
	return abc.Write(dir, names, c.FittedIDs(), c.Priors(), st)
}
