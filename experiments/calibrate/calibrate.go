// Package calibrate fits free scenario parameters to the paper's
// calibration targets (validate.Targets of kind "target"): a Latin
// hypercube screen, then Nelder-Mead, on common random numbers. Built-in
// calibration files are in calibrations/.
package calibrate

import (
	"context"
	"embed"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"cogov/experiments"
	"cogov/experiments/internal/tomltable"
	"cogov/experiments/stats"
	"cogov/experiments/validate"
	"cogov/internal/fsutil"
	"cogov/scenarios"
)

//go:embed calibrations/*.toml
var calibrationLibrary embed.FS

// Calibration is a calibration file: free parameters with ranges, the
// targets to fit (IDs of validate.Targets of kind "target") and the search
// budget.
type Calibration struct {
	File, Name, Description string
	Scenario                string
	Set                     []string
	// Reps replications per evaluation, all with master seed Seed (common
	// random numbers across parameter sets).
	Reps int
	Seed uint64
	// Screen is the number of Latin hypercube points; Iterations the
	// Nelder-Mead evaluations of the refinement.
	Screen, Iterations int
	Targets            []string
	Params             []Param
	// ABC holds the settings of --method abc-smc (the [abc] table).
	ABC ABCSettings
	dir string
}

// Param is one free parameter.
type Param struct {
	Path     string
	Min, Max float64
	Int      bool
	// Prior is the parameter's ABC-SMC prior: "uniform" over [Min, Max]
	// (the default) or "normal" with Mean and SD, truncated to [Min, Max].
	Prior    string
	Mean, SD float64
}

var (
	calTopKeys   = []string{"name", "description", "scenario", "set", "reps", "seed", "screen", "iterations", "targets", "parameter", "abc"}
	calParamKeys = []string{"path", "min", "max", "prior", "mean", "sd"}
)

// builtinPrefix begins the File of a built-in calibration: builtin:NAME.
const builtinPrefix = "builtin:"

// Load reads a calibration file, or a built-in one by name.
func Load(ref string) (*Calibration, error) {
	if b, err := calibrationLibrary.ReadFile("calibrations/" + ref + ".toml"); err == nil && !strings.HasSuffix(ref, ".toml") {
		return Parse(builtinPrefix+ref, "", b)
	}
	b, err := fsutil.ReadInput(ref, fsutil.MaxInputFile)
	if err != nil {
		return nil, fmt.Errorf("calibration %q: not a built-in and not a readable file: %w", ref, err)
	}
	return Parse(ref, filepath.Dir(ref), b)
}

// Builtin reports whether c is a built-in calibration, loaded by name.
func (c *Calibration) Builtin() bool { return strings.HasPrefix(c.File, builtinPrefix) }

// Parse parses and checks a calibration file; every problem is
// reported as FILE:LINE: key: what is wrong (what is allowed).
func Parse(file, dir string, src []byte) (*Calibration, error) {
	top, err := tomltable.Decode(file, src)
	if err != nil {
		return nil, err
	}
	p := top.P
	top.Known(calTopKeys)
	c := &Calibration{File: file, dir: dir}
	c.Name = top.Name("name")
	c.Description = top.Str("description", false)
	c.Scenario = top.Str("scenario", true)
	c.Set = top.Sets("set")
	c.Reps = top.Int("reps", 10, 2, 10000)
	c.Seed = uint64(top.Int("seed", 1, 0, math.MaxInt64))
	c.Screen = top.Int("screen", 32, 1, 100000)
	c.Iterations = top.Int("iterations", 60, 0, 100000)
	known := map[string]bool{}
	var ids []string
	for _, t := range validate.Targets() {
		if t.Kind == "target" {
			known[t.ID] = true
			ids = append(ids, t.ID)
		}
	}
	c.Targets = top.Strs("targets")
	for _, id := range c.Targets {
		if !known[id] {
			p.Add("targets", "unknown target %q (allowed: %s)", id, strings.Join(ids, ", "))
		}
	}
	if len(c.Targets) == 0 {
		c.Targets = ids
	}
	for i, t := range top.Tables("parameter") {
		t.Known(calParamKeys)
		cp := Param{Path: t.Str("path", true)}
		lo, okLo := t.Float("min")
		hi, okHi := t.Float("max")
		key := fmt.Sprintf("parameter[%d]", i)
		info, ok := scenarios.Param(cp.Path)
		switch {
		case cp.Path == "":
		case !ok || !info.Numeric():
			p.Add(key+".path", "%q is not a numeric scenario parameter (see cogov params)", cp.Path)
		case !okLo || !okHi || !(lo < hi):
			p.Add(key, "min and max must be numbers with min < max")
		case !info.Contains(lo) || !info.Contains(hi):
			p.Add(key, "range [%s, %s] leaves the parameter's allowed range (%s)", tomltable.FormatFloat(lo), tomltable.FormatFloat(hi), info.Allowed)
		default:
			cp.Min, cp.Max = lo, hi
			cp.Int = info.Kind == scenarios.KindInt || info.Kind == scenarios.KindInts
		}
		parsePrior(t, &cp)
		c.Params = append(c.Params, cp)
	}
	c.ABC = parseABC(top.Sub("abc"), c.Reps)
	if len(c.Params) == 0 {
		p.Add("parameter", "no free parameter (add [[parameter]] tables with path, min and max)")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if _, err := scenarios.Load(c.scenarioRef(), c.Set); err != nil {
		return nil, fmt.Errorf("%s: scenario: %w", file, err)
	}
	return c, nil
}

func (c *Calibration) scenarioRef() string {
	if c.dir != "" && strings.HasSuffix(c.Scenario, ".toml") && !filepath.IsAbs(c.Scenario) {
		return filepath.Join(c.dir, c.Scenario)
	}
	return c.Scenario
}

// sets turns a point of the unit cube into overrides.
func (c *Calibration) sets(u []float64) []string {
	out := append([]string(nil), c.Set...)
	for i, p := range c.Params {
		out = append(out, p.Path+"="+p.value(u[i]))
	}
	return out
}

func (p Param) value(u float64) string {
	x := p.Min + math.Max(0, math.Min(1, u))*(p.Max-p.Min)
	if p.Int {
		return strconv.Itoa(int(math.Round(x)))
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// Evaluation is one evaluated parameter set.
type Evaluation struct {
	Stage string // "screen" or "refine"
	U     []float64
	Sets  []string
	Loss  float64
	Means []float64
}

// Result is the outcome of Run.
type Result struct {
	Evaluations []Evaluation
	Best        Evaluation
	// Fit holds the targets' checks at the best parameters.
	Fit []validate.Check
	// Prior holds every target's prior-predictive range over the
	// parameters' ranges (c.Screen points).
	Prior []PriorRange
}

// loss runs the scenario with overrides sets and returns the sum over
// targets of ((mean - observed) / tolerance)^2 (for a bound, of the
// shortfall below it only), an undefined mean costing 100, and the
// targets' per-run statistics.
func (c *Calibration) loss(ctx context.Context, sets []string, workers int) (float64, []validate.Check, error) {
	s, err := scenarios.Load(c.scenarioRef(), sets)
	if err != nil {
		return 0, nil, err
	}
	rs, err := experiments.Replicate(ctx, s, c.Seed, c.Reps, s.Years, workers)
	if err != nil {
		return 0, nil, err
	}
	var checks []validate.Check
	total := 0.0
	for _, t := range c.fitted() {
		ch := validate.Check{Target: t, Model: stats.Summarize(validate.PerRun(rs, validate.FrameOf(s), t.Stat))}
		ch.Pass = t.Passes(ch.Model.Mean)
		switch z := (ch.Model.Mean - t.Observed) / t.Tolerance; {
		case math.IsNaN(z):
			total += 100
		case t.Bound:
			total += math.Pow(math.Min(0, z), 2)
		default:
			total += z * z
		}
		checks = append(checks, ch)
	}
	return total, checks, nil
}
