package design

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"cogov/experiments/internal/tomltable"
	"cogov/scenarios"
	"cogov/sim"
)

// Streams reserved for the experiment itself, far from any run index:
// DesignStream draws lhs points and Morris trajectories; BootstrapStream
// and the indices just below it (one a metric) resample Morris and Sobol'
// indices.
const (
	DesignStream    = ^uint64(0)
	BootstrapStream = ^uint64(1)
)

// Plan is an experiment resolved against its scenarios: every design point
// with its scenario and overrides, checked to load.
type Plan struct {
	Exp *Experiment
	// Years is the number of years every run simulates.
	Years int
	// Replications is the number of runs of every point.
	Replications int
	// Columns name the factor columns of points.csv and runs.csv: factor
	// paths, and "scenario" for a list design whose points change it.
	Columns []string
	// Points are the design points in order; run r is replication
	// r % Replications of point r / Replications.
	Points []Point
	// ScenarioSHA256 maps every scenario reference of the experiment, as
	// written in it, to the SHA-256 of the scenario resolved and encoded.
	ScenarioSHA256 map[string]string
	// ScenarioText holds those scenarios encoded, by SHA-256.
	ScenarioText map[string][]byte
	// Draws, if set, gives run r of master seed seed the overrides
	// Draws(seed, r) (free parameters drawn from a posterior), applied
	// before the point's; DrawsID identifies them (the posterior file's
	// SHA-256) in the manifest.
	Draws   func(seed, run uint64) []string
	DrawsID string
}

// Point is one design point.
type Point struct {
	// Label names the point in outputs.
	Label string
	// Scenario is the scenario reference and Sets the overrides that
	// build the point's scenario with scenarios.Load.
	Scenario string
	Sets     []string
	// Values are the point's values of the plan's Columns.
	Values []string
}

// Overrides change an experiment's years or replications for one sweep
// (zero keeps the file's).
type Overrides struct {
	Years, Replications int
}

// NewPlan resolves the design points of e and checks that every point's
// scenario loads, reporting problems in Parse's format.
func NewPlan(e *Experiment, o Overrides) (*Plan, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	p := &tomltable.Problems{File: e.File, Lines: e.Lines}
	ref := e.ScenarioRef(e.Scenario)
	if _, err := scenarios.Load(ref, nil); err != nil {
		p.Add("scenario", "%v", err)
		return nil, p.Err()
	}
	base, err := scenarios.Load(ref, e.Set)
	if err != nil {
		p.Add("set", "%v", err)
		return nil, p.Err()
	}
	pl := &Plan{Exp: e, Years: e.Years, Replications: e.Replications}
	if pl.Years == 0 {
		pl.Years = base.Years
	}
	if o.Years != 0 {
		pl.Years = o.Years
	}
	if o.Replications != 0 {
		pl.Replications = o.Replications
	}
	if e.Design.Kind == KindList {
		pl.listPoints(p)
	} else {
		checkFactorValues(p, e, ref)
		if err := p.Err(); err != nil {
			return nil, err
		}
		pl.factorPoints()
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if e.Design.Kind != KindList {
		if err := pl.check(p); err != nil {
			return nil, err
		}
	}
	var err2 error
	if pl.ScenarioSHA256, pl.ScenarioText, err2 = scenarioHashes(e); err2 != nil {
		return nil, err2
	}
	return pl, nil
}

// Runs returns the number of runs of the plan.
func (pl *Plan) Runs() int { return len(pl.Points) * pl.Replications }

// checkFactorValues checks each factor's values, or the ends of its range,
// against the base scenario one at a time.
func checkFactorValues(p *tomltable.Problems, e *Experiment, ref string) {
	try := func(key string, set string) {
		if _, err := scenarios.Load(ref, append(append([]string(nil), e.Set...), set)); err != nil {
			p.Add(key, "%v", err)
		}
	}
	for _, f := range e.Factors {
		if f.HasRange {
			try(f.key+".min", f.Path+"="+formatNumber(f.Min, f.Kind))
			try(f.key+".max", f.Path+"="+formatNumber(f.Max, f.Kind))
			continue
		}
		for _, v := range f.Values {
			try(f.key+".values", f.setValue(v))
		}
	}
}

// listPoints builds the points of a list design; the columns are the
// paths the points set, in order of first appearance.
func (pl *Plan) listPoints(p *tomltable.Problems) {
	e := pl.Exp
	seen := map[string]bool{}
	anyScenario := false
	for _, lp := range e.Points {
		if lp.Scenario != "" {
			anyScenario = true
		}
		for _, s := range append(append([]string(nil), e.Set...), lp.Set...) {
			path, _, _ := strings.Cut(s, "=")
			path = strings.TrimSpace(path)
			if !seen[path] {
				seen[path] = true
				pl.Columns = append(pl.Columns, path)
			}
		}
	}
	if anyScenario {
		pl.Columns = append([]string{"scenario"}, pl.Columns...)
	}
	for _, lp := range e.Points {
		ref := e.Scenario
		if lp.Scenario != "" {
			ref = lp.Scenario
		}
		pt := Point{Label: lp.Label, Scenario: e.ScenarioRef(ref), Sets: append(append([]string(nil), e.Set...), lp.Set...)}
		s, err := scenarios.Load(pt.Scenario, pt.Sets)
		if err != nil {
			p.Add(lp.key, "%v", err)
			continue
		}
		for _, c := range pl.Columns {
			if c == "scenario" {
				pt.Values = append(pt.Values, ref)
			} else {
				pt.Values = append(pt.Values, paramValue(s, c))
			}
		}
		pl.Points = append(pl.Points, pt)
	}
}

// factorPoints builds the points of a grid, factorial or sampled design.
func (pl *Plan) factorPoints() {
	e := pl.Exp
	for _, f := range e.Factors {
		pl.Columns = append(pl.Columns, f.Path)
	}
	ref := e.ScenarioRef(e.Scenario)
	add := func(label string, values []string) {
		sets := append([]string(nil), e.Set...)
		for i, f := range e.Factors {
			sets = append(sets, f.setValue(values[i]))
		}
		pl.Points = append(pl.Points, Point{Label: label, Scenario: ref, Sets: sets, Values: values})
	}
	if !e.Design.Sampled() {
		levels := make([]int, len(e.Factors))
		for i, f := range e.Factors {
			levels[i] = f.numLevels()
		}
		for c := range pointCount(levels) {
			values := make([]string, len(levels))
			r := c
			for i, l := range levels {
				values[i] = e.Factors[i].Values[r%l]
				r /= l
			}
			add(gridLabel(e, c, values), values)
		}
		return
	}
	for i, u := range UnitPoints(e) {
		values := make([]string, len(e.Factors))
		for j := range e.Factors {
			values[j] = e.Factors[j].sampleValue(u[j])
		}
		add(sampleLabel(e, i), values)
	}
}

func pointCount(levels []int) int {
	n := 1
	for _, l := range levels {
		n *= l
	}
	return n
}

// gridLabel names grid point c: for a factorial over booleans "baseline"
// (all off), "all" (all on) or the names of the factors on joined by "+";
// otherwise name=value pairs.
func gridLabel(e *Experiment, c int, values []string) string {
	if e.IsFactorial() && allBool(e) {
		var on []string
		for i, f := range e.Factors {
			if values[i] == f.Values[1] {
				on = append(on, f.Name)
			}
		}
		switch {
		case len(on) == 0:
			return "baseline"
		case len(on) == len(e.Factors) && len(on) > 1:
			return "all"
		}
		return strings.Join(on, "+")
	}
	parts := make([]string, len(values))
	for i, f := range e.Factors {
		parts[i] = f.Name + "=" + values[i]
	}
	return strings.Join(parts, " ")
}

func allBool(e *Experiment) bool {
	for _, f := range e.Factors {
		if f.Kind != KindBool {
			return false
		}
	}
	return true
}

// sampleLabel names point i of a sampled design: S<i> for lhs; A<r>, B<r>
// and AB<factor>.<r> for sobol; T<trajectory>.<step> for morris.
func sampleLabel(e *Experiment, i int) string {
	n, k := e.Design.Samples, len(e.Factors)
	switch e.Design.Kind {
	case KindSobol:
		switch b := i / n; b {
		case 0:
			return fmt.Sprintf("A%d", i%n)
		case 1:
			return fmt.Sprintf("B%d", i%n)
		default:
			return fmt.Sprintf("AB%s.%d", e.Factors[b-2].Name, i%n)
		}
	case KindMorris:
		return fmt.Sprintf("T%d.%d", i/(k+1), i%(k+1))
	}
	return fmt.Sprintf("S%d", i)
}

// UnitPoints returns the points of a sampled design (lhs, sobol, morris)
// in the unit cube, in point order: the lhs sample; the Saltelli matrices
// A, B, then AB_i for every factor i (Samples rows each); or the Morris
// trajectories one after the other (k+1 points each). The random draws
// come from the experiment's seed, so every call returns the same design.
func UnitPoints(e *Experiment) [][]float64 {
	n, k := e.Design.Samples, len(e.Factors)
	switch e.Design.Kind {
	case KindLHS:
		return LatinHypercube(n, k, sim.Stream(e.Seed, DesignStream))
	case KindSobol:
		A, B, ABi := SaltelliMatrices(n, k)
		out := append(append([][]float64(nil), A...), B...)
		for _, m := range ABi {
			out = append(out, m...)
		}
		return out
	case KindMorris:
		var out [][]float64
		for _, t := range MorrisTrajectories(n, k, e.Design.Levels, sim.Stream(e.Seed, DesignStream)) {
			out = append(out, t...)
		}
		return out
	}
	return nil
}

// check loads every point's scenario, in parallel, and reports the first
// few that fail.
func (pl *Plan) check(p *tomltable.Problems) error {
	errs := make([]error, len(pl.Points))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				_, errs[i] = scenarios.Load(pl.Points[i].Scenario, pl.Points[i].Sets)
			}
		})
	}
	for i := range pl.Points {
		next <- i
	}
	close(next)
	wg.Wait()
	key := "design"
	if _, ok := pl.Exp.Lines.At(key); !ok {
		key = "factor[0]"
	}
	bad := 0
	for i, err := range errs {
		if err == nil {
			continue
		}
		if bad++; bad <= 5 {
			p.Add(key, "point %d (%s): %v", i, pl.Points[i].Label, err)
		}
	}
	if bad > 5 {
		p.AddError(fmt.Errorf("%s: and %d more points that do not load", pl.Exp.File, bad-5))
	}
	return p.Err()
}
