package design

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"cogov/experiments/internal/tomltable"
	"cogov/scenarios"
	"cogov/sim"
)

// The keys allowed in each table of an experiment file.
var (
	topKeys    = []string{"name", "description", "scenario", "set", "years", "replications", "seed", "metrics", "design", "factor", "point"}
	designKeys = []string{"kind", "samples", "levels", "bootstrap"}
	factorKeys = []string{"name", "path", "values", "min", "max", "levels"}
	pointKeys  = []string{"label", "scenario", "set"}
)

// Limits on the size of an experiment.
const (
	maxPoints       = 1 << 22
	maxReplications = 1 << 20
	maxFactorial    = 12
)

// Parse parses and checks the experiment file text src. file names it in
// errors and dir is the directory of relative scenario paths. Every
// problem found is reported, one per line, as
// FILE:LINE: key.path: what is wrong (what is allowed).
func Parse(file, dir string, src []byte) (*Experiment, error) {
	top, err := tomltable.Decode(file, src)
	if err != nil {
		return nil, err
	}
	p := top.P
	e := &Experiment{File: file, Dir: dir, Source: src, Lines: p.Lines}
	top.Known(topKeys)
	e.Name = top.Name("name")
	e.Description = top.Str("description", false)
	e.Scenario = top.Str("scenario", true)
	e.Set = top.Sets("set")
	yr, _ := scenarios.Param("years") // one rule for the years of a run
	e.Years = top.Int("years", 0, int(yr.Min), int(yr.Max))
	e.Replications = top.Int("replications", 1, 1, maxReplications)
	e.Seed = uint64(top.Int("seed", 1, 0, math.MaxInt64))
	e.Metrics = parseMetrics(top)

	design := top.Sub("design")
	design.Known(designKeys)
	e.Design.Kind = design.Str("kind", false)
	if e.Design.Kind == "" {
		e.Design.Kind = KindGrid
		if top.Has("point") {
			e.Design.Kind = KindList
		}
	} else if !slices.Contains(designKinds, e.Design.Kind) {
		p.Add("design.kind", "%q is not a design kind (allowed: %s)", e.Design.Kind, strings.Join(designKinds, ", "))
	}
	kind := e.Design.Kind
	if e.Design.Sampled() {
		e.Design.Samples = design.Int("samples", tomltable.Required, 1, maxPoints)
	} else if design.Has("samples") {
		p.Add("design.samples", "not used by a %s design (allowed only for lhs, sobol and morris)", kind)
	}
	if kind == KindMorris {
		e.Design.Levels = design.Int("levels", 4, 2, 1000)
		if e.Design.Levels%2 != 0 {
			p.Add("design.levels", "%d is odd (allowed: an even number of levels >= 2)", e.Design.Levels)
		}
	} else if design.Has("levels") {
		p.Add("design.levels", "not used by a %s design (allowed only for morris)", kind)
	}
	if kind == KindMorris || kind == KindSobol || kind == KindLHS {
		e.Design.Bootstrap = design.Int("bootstrap", 1000, 0, 100000)
	} else if design.Has("bootstrap") {
		p.Add("design.bootstrap", "not used by a %s design (allowed only for morris, sobol and lhs)", kind)
	}

	factors := top.Tables("factor")
	points := top.Tables("point")
	if kind == KindList {
		if len(factors) > 0 {
			p.Add("factor[0]", "a list design takes [[point]] tables, not [[factor]] (allowed: [[point]] with label, scenario, set)")
		}
		if len(points) == 0 {
			p.Add("design.kind", "a list design needs at least one [[point]] table")
		}
		e.Points = parsePoints(points)
	} else {
		if len(points) > 0 {
			p.Add("point[0]", "[[point]] tables are for list designs (allowed: design.kind = \"list\", or [[factor]] tables)")
		}
		if len(factors) == 0 {
			p.Add("factor", "a %s design needs at least one [[factor]] table", kind)
		}
		e.Factors = parseFactors(p, kind, factors)
		checkDesignSize(p, e)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// parseMetrics reads the metrics list, defaulting to every metric, and
// returns the names in the model's order.
func parseMetrics(top tomltable.Table) []string {
	all := sim.MetricNames()
	if !top.Has("metrics") {
		return all
	}
	names := top.Strs("metrics")
	if names == nil {
		return all
	}
	if len(names) == 0 {
		top.P.Add("metrics", "empty list (allowed: metric names; leave metrics out for all)")
		return all
	}
	want := map[string]bool{}
	for _, n := range names {
		if want[n] {
			top.P.Add("metrics", "%q listed twice", n)
		}
		if !slices.Contains(all, n) {
			top.P.Add("metrics", "unknown metric %q%s", n, tomltable.Suggest(n, all))
		}
		want[n] = true
	}
	var out []string
	for _, n := range all {
		if want[n] {
			out = append(out, n)
		}
	}
	return out
}

// parsePoints reads the [[point]] tables of a list design.
func parsePoints(ts []tomltable.Table) []ListPoint {
	out := make([]ListPoint, len(ts))
	seen := map[string]bool{}
	for i, t := range ts {
		t.Known(pointKeys)
		lp := ListPoint{key: t.Path}
		lp.Label = t.Str("label", true)
		if lp.Label != "" {
			if seen[lp.Label] {
				t.P.Add(t.Path+".label", "%q is the label of an earlier point (allowed: a unique label)", lp.Label)
			}
			seen[lp.Label] = true
		}
		lp.Scenario = t.Str("scenario", false)
		lp.Set = t.Sets("set")
		out[i] = lp
	}
	return out
}

// checkDesignSize rejects designs too large to run or analyse.
func checkDesignSize(p *tomltable.Problems, e *Experiment) {
	k := len(e.Factors)
	switch e.Design.Kind {
	case KindSobol:
		if k > SobolMaxDim/2 {
			p.Add("factor", "%d factors (allowed: at most %d for a sobol design)", k, SobolMaxDim/2)
		}
	case KindFactorial:
		if k > maxFactorial {
			p.Add("factor", "%d factors (allowed: at most %d for a factorial design)", k, maxFactorial)
		}
	}
	if n := e.NumPoints(); n > maxPoints || n*e.Replications > maxPoints*16 {
		p.Add("design", "%d points of %d replications is too many (allowed: at most %d points and %d runs)",
			n, e.Replications, maxPoints, maxPoints*16)
	}
}

// NumPoints returns the number of design points.
func (e *Experiment) NumPoints() int {
	k := len(e.Factors)
	switch e.Design.Kind {
	case KindList:
		return len(e.Points)
	case KindLHS:
		return e.Design.Samples
	case KindSobol:
		return e.Design.Samples * (k + 2)
	case KindMorris:
		return e.Design.Samples * (k + 1)
	}
	n := 1
	for _, f := range e.Factors {
		n *= max(1, f.numLevels())
		if n > maxPoints {
			return n
		}
	}
	return n
}

// formatNumber formats a TOML number for a parameter of kind k.
func formatNumber(x float64, k ParamKind) string {
	if k == KindInt {
		return strconv.FormatInt(int64(x), 10)
	}
	return tomltable.FormatFloat(x)
}
