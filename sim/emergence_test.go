package sim

import (
	"math"
	"testing"
)

// The emergence tests run the model over ten seeds and check a statistic
// with a tolerance. They can fail: each states what the model would have to
// do for it to fail.

const emergenceSeeds = 10

// In the baseline the dependence index rises from its first-year value: the
// mean rise over seeds is positive by more than two standard errors. The
// first year lacks incumbency (there is no earlier round), so the index
// averages six indicators there and seven after; the rise is also checked
// from the second year, the first with all seven.
func TestBaselineDependenceRises(t *testing.T) {
	rs := runSeeds(t, load(t, "baseline"), emergenceSeeds, 15)
	last := at(rs, "dependence_index", -1)
	for _, from := range []int{0, 1} {
		first := at(rs, "dependence_index", from)
		d := make([]float64, len(rs))
		for i := range d {
			d[i] = last[i] - first[i]
		}
		mean, se := meanSE(d)
		t.Logf("dependence_index: year %d %.3f, last %.3f, rise %.3f ± %.3f (SE)", from+1, avg(first), avg(last), mean, se)
		if mean-2*se <= 0 {
			t.Errorf("dependence index did not rise from year %d: mean rise %.3f, SE %.3f", from+1, mean, se)
		}
	}
}

// With learning off, the show-effort share stays near its initial value:
// within 0.06, which is what selection among fixed strategies (initial
// spread 0.1) can move an effort-weighted mean. With learning on it moves
// further than without, by more than two standard errors of the
// difference.
func TestNoLearningShowStays(t *testing.T) {
	fixed := runSeeds(t, load(t, "baseline", "agencies.learning=false"), emergenceSeeds, 15)
	learning := runSeeds(t, load(t, "baseline"), emergenceSeeds, 15)
	drift := func(rs []*Result) []float64 {
		first, last := at(rs, "show_effort_share", 0), at(rs, "show_effort_share", -1)
		d := make([]float64, len(rs))
		for i := range d {
			d[i] = last[i] - first[i]
		}
		return d
	}
	mf, sf := meanSE(drift(fixed))
	ml, sl := meanSE(drift(learning))
	t.Logf("show_effort_share drift: without learning %.3f ± %.3f, with learning %.3f ± %.3f", mf, sf, ml, sl)
	if math.Abs(mf) > 0.06 {
		t.Errorf("show share moved by %.3f without learning (tolerance 0.06)", mf)
	}
	if ml-mf <= 2*math.Sqrt(sf*sf+sl*sl) {
		t.Errorf("learning did not move the show share beyond selection: %.3f vs %.3f", ml, mf)
	}
}

// mech-all ends with a lower dependence index than the baseline, by more
// than two standard errors of the difference.
func TestMechAllLowersDependence(t *testing.T) {
	base := at(runSeeds(t, load(t, "baseline"), emergenceSeeds, 15), "dependence_index", -1)
	all := at(runSeeds(t, load(t, "mech-all"), emergenceSeeds, 15), "dependence_index", -1)
	mb, sb := meanSE(base)
	ma, sa := meanSE(all)
	se := sb*sb + sa*sa
	t.Logf("final dependence_index: baseline %.3f ± %.3f, mech-all %.3f ± %.3f", mb, sb, ma, sa)
	if mb-ma <= 2*math.Sqrt(se) {
		t.Errorf("mech-all (%.3f) is not lower than baseline (%.3f) beyond 2 SE", ma, mb)
	}
}

func avg(xs []float64) float64 { m, _ := meanSE(xs); return m }
