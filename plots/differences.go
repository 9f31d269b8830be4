package plots

import (
	"fmt"

	"gonum.org/v1/plot/vg"
)

// CompareFile is the file of differences a scenario comparison writes:
// scenario,reference,metric,year,n,diff,se,ci_low,ci_high.
const CompareFile = "compare.csv"

// Differences is a comparison's compare.csv: each scenario's final-year
// difference from the reference per metric.
type Differences struct {
	// Reference is the scenario every other is compared with; Year is
	// the year of the differences.
	Reference string
	Year      int
	// Scenarios are the compared scenarios in file order, the reference
	// not included.
	Scenarios []string
	// Rows hold one difference each, Effect naming "scenario − reference".
	Rows []Effect
}

// ReadCompare reads a compare.csv written by cogov compare.
func ReadCompare(path string) (*Differences, error) {
	t, err := readTable(path, "scenario", "reference", "metric", "year", "diff", "ci_low", "ci_high")
	if err != nil {
		return nil, err
	}
	d := &Differences{}
	seen := map[string]bool{}
	for i := range t.rows {
		var e Effect
		if err := t.floats(i, []string{"diff", "ci_low", "ci_high"}, &e.Estimate, &e.CILow, &e.CIHigh); err != nil {
			return nil, err
		}
		year, err := t.integer(i, "year")
		if err != nil {
			return nil, err
		}
		sc, ref := t.str(i, "scenario"), t.str(i, "reference")
		if i == 0 {
			d.Reference, d.Year = ref, year
		} else if ref != d.Reference {
			return nil, fmt.Errorf("%s:%d: reference %q differs from %q on line %d", path, t.lines[i], ref, d.Reference, t.lines[0])
		}
		if !seen[sc] {
			seen[sc] = true
			d.Scenarios = append(d.Scenarios, sc)
		}
		e.Metric, e.Effect = t.str(i, "metric"), sc+" − "+ref
		d.Rows = append(d.Rows, e)
	}
	if len(d.Rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return d, nil
}

// DifferencesFigure draws a comparison's differences: per metric, every
// scenario's final-year difference from the reference with its 95 % CI,
// the scenarios compared named in the title.
func DifferencesFigure(d *Differences, opt Options) (*Figure, error) {
	if opt.PanelHeight == 0 {
		opt.PanelHeight = 1.4 * vg.Inch // EffectsFigure makes room for more scenarios
	}
	what := fmt.Sprintf("%d scenarios", len(d.Scenarios))
	if len(d.Scenarios) <= 3 {
		what = joinAnd(d.Scenarios)
	}
	return effectsFigure(d.Rows, opt, fmt.Sprintf("Difference of %s from %s in %d", what, d.Reference, d.Year))
}

// joinAnd joins names as "a", "a and b" or "a, b and c".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	out := names[0]
	for _, n := range names[1 : len(names)-1] {
		out += ", " + n
	}
	return out + " and " + names[len(names)-1]
}
