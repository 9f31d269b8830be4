package experiments

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

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

// problems collects validation errors, each located by key.
type problems struct {
	file  string
	lines scenarios.KeyLines
	errs  []error
}

// add records that key is wrong: format says what is wrong and, in
// parentheses, what is allowed.
func (p *problems) add(key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if n := p.lines.Line(key); n > 0 {
		p.errs = append(p.errs, fmt.Errorf("%s:%d: %s: %s", p.file, n, key, msg))
	} else {
		p.errs = append(p.errs, fmt.Errorf("%s: %s: %s", p.file, key, msg))
	}
}

func (p *problems) err() error { return errors.Join(p.errs...) }

// decodeTop decodes a TOML file's text into its top table, whose problems
// are located by the file's key lines; a syntax error is returned at once
// as FILE:LINE: message.
func decodeTop(file string, src []byte) (tbl, error) {
	if line, msg := scenarios.CheckShape(src); msg != "" {
		return tbl{}, fmt.Errorf("%s:%d: %s", file, line, msg)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return tbl{}, fmt.Errorf("%s:%d: %s", file, pe.Position.Line, pe.Message)
		}
		return tbl{}, fmt.Errorf("%s: %w", file, err)
	}
	return tbl{p: &problems{file: file, lines: scenarios.IndexKeyLines(string(src))}, m: raw}, nil
}

// Parse parses and checks the experiment file text src. file names it in
// errors and dir is the directory of relative scenario paths. Every
// problem found is reported, one per line, as
// FILE:LINE: key.path: what is wrong (what is allowed).
func Parse(file, dir string, src []byte) (*Experiment, error) {
	top, err := decodeTop(file, src)
	if err != nil {
		return nil, err
	}
	p := top.p
	e := &Experiment{File: file, Dir: dir, Source: src, lines: p.lines}
	top.known(topKeys)
	e.Name = top.name("name")
	e.Description = top.str("description", false)
	e.Scenario = top.str("scenario", true)
	e.Set = top.sets("set")
	yr, _ := scenarios.Param("years") // one rule for the years of a run
	e.Years = top.int("years", 0, int(yr.Min), int(yr.Max))
	e.Replications = top.int("replications", 1, 1, maxReplications)
	e.Seed = uint64(top.int("seed", 1, 0, math.MaxInt64))
	e.Metrics = parseMetrics(top)

	design := top.table("design")
	design.known(designKeys)
	e.Design.Kind = design.str("kind", false)
	if e.Design.Kind == "" {
		e.Design.Kind = KindGrid
		if top.has("point") {
			e.Design.Kind = KindList
		}
	} else if !contains(designKinds, e.Design.Kind) {
		p.add("design.kind", "%q is not a design kind (allowed: %s)", e.Design.Kind, strings.Join(designKinds, ", "))
	}
	kind := e.Design.Kind
	if e.Design.Sampled() {
		e.Design.Samples = design.int("samples", required, 1, maxPoints)
	} else if design.has("samples") {
		p.add("design.samples", "not used by a %s design (allowed only for lhs, sobol and morris)", kind)
	}
	if kind == KindMorris {
		e.Design.Levels = design.int("levels", 4, 2, 1000)
		if e.Design.Levels%2 != 0 {
			p.add("design.levels", "%d is odd (allowed: an even number of levels >= 2)", e.Design.Levels)
		}
	} else if design.has("levels") {
		p.add("design.levels", "not used by a %s design (allowed only for morris)", kind)
	}
	if kind == KindMorris || kind == KindSobol {
		e.Design.Bootstrap = design.int("bootstrap", 1000, 0, 100000)
	} else if design.has("bootstrap") {
		p.add("design.bootstrap", "not used by a %s design (allowed only for morris and sobol)", kind)
	}

	factors := top.tables("factor")
	points := top.tables("point")
	if kind == KindList {
		if len(factors) > 0 {
			p.add("factor[0]", "a list design takes [[point]] tables, not [[factor]] (allowed: [[point]] with label, scenario, set)")
		}
		if len(points) == 0 {
			p.add("design.kind", "a list design needs at least one [[point]] table")
		}
		e.Points = parsePoints(points)
	} else {
		if len(points) > 0 {
			p.add("point[0]", "[[point]] tables are for list designs (allowed: design.kind = \"list\", or [[factor]] tables)")
		}
		if len(factors) == 0 {
			p.add("factor", "a %s design needs at least one [[factor]] table", kind)
		}
		e.Factors = parseFactors(p, kind, factors)
		checkDesignSize(p, e)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return e, nil
}

// parseMetrics reads the metrics list, defaulting to every metric, and
// returns the names in the model's order.
func parseMetrics(top tbl) []string {
	all := sim.MetricNames()
	if !top.has("metrics") {
		return all
	}
	names := top.strs("metrics")
	if names == nil {
		return all
	}
	if len(names) == 0 {
		top.p.add("metrics", "empty list (allowed: metric names; leave metrics out for all)")
		return all
	}
	want := map[string]bool{}
	for _, n := range names {
		if want[n] {
			top.p.add("metrics", "%q listed twice", n)
		}
		if !contains(all, n) {
			top.p.add("metrics", "unknown metric %q%s", n, suggest(n, all))
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
func parsePoints(ts []tbl) []ListPoint {
	out := make([]ListPoint, len(ts))
	seen := map[string]bool{}
	for i, t := range ts {
		t.known(pointKeys)
		lp := ListPoint{key: t.path}
		lp.Label = t.str("label", true)
		if lp.Label != "" {
			if seen[lp.Label] {
				t.p.add(t.path+".label", "%q is the label of an earlier point (allowed: a unique label)", lp.Label)
			}
			seen[lp.Label] = true
		}
		lp.Scenario = t.str("scenario", false)
		lp.Set = t.sets("set")
		out[i] = lp
	}
	return out
}

// checkDesignSize rejects designs too large to run or analyse.
func checkDesignSize(p *problems, e *Experiment) {
	k := len(e.Factors)
	switch e.Design.Kind {
	case KindSobol:
		if k > SobolMaxDim/2 {
			p.add("factor", "%d factors (allowed: at most %d for a sobol design)", k, SobolMaxDim/2)
		}
	case KindFactorial:
		if k > maxFactorial {
			p.add("factor", "%d factors (allowed: at most %d for a factorial design)", k, maxFactorial)
		}
	}
	if n := e.NumPoints(); n > maxPoints || n*e.Replications > maxPoints*16 {
		p.add("design", "%d points of %d replications is too many (allowed: at most %d points and %d runs)",
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

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// formatNumber formats a TOML number for a parameter of kind k.
func formatNumber(x float64, k ParamKind) string {
	if k == KindInt {
		return strconv.FormatInt(int64(x), 10)
	}
	return formatFloat(x)
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
