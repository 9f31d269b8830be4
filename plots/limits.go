package plots

import (
	"fmt"
	"math"
)

// Ranges a result file handed to plot must respect, so that a hostile or
// damaged CSV cannot make a figure with billions of ticks or an endless
// canvas fill.
const (
	// MinYear and MaxYear bound a year: the scenario rule allows start
	// years 1900-2100 and runs of up to 200 years, so the model's years
	// lie in 1900-2300; hand-made files may count years from 0.
	MinYear, MaxYear = 0, 2300
	// MaxAbsValue bounds every number (metric values, intervals, indices).
	MaxAbsValue = 1e15
	// MaxPanels bounds the metrics (one panel each) of a figure.
	MaxPanels = 64
)

// checkValue refuses a number no figure can draw: infinite or beyond
// MaxAbsValue. NaN stands for a missing value and passes.
func (t *table) checkValue(i int, name string, v float64) error {
	if math.IsInf(v, 0) || math.Abs(v) > MaxAbsValue {
		return fmt.Errorf("%s:%d: column %s: %g is out of range (allowed finite numbers within ±%g)", t.path, t.lines[i], name, v, MaxAbsValue)
	}
	return nil
}

// checkYear refuses a year that is not a whole number in MinYear-MaxYear.
func (t *table) checkYear(i int, v float64) error {
	if math.IsNaN(v) {
		return fmt.Errorf("%s:%d: column year is empty", t.path, t.lines[i])
	}
	if v != math.Trunc(v) || v < MinYear || v > MaxYear {
		return fmt.Errorf("%s:%d: column year: %g is out of range (allowed whole years %d-%d)", t.path, t.lines[i], v, MinYear, MaxYear)
	}
	return nil
}

// checkPanels refuses more metrics than MaxPanels.
func checkPanels(path string, n int) error {
	if n > MaxPanels {
		return fmt.Errorf("%s: %d metrics (allowed up to %d, one panel each)", path, n, MaxPanels)
	}
	return nil
}
