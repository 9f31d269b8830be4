package experiments

import "math"

// PairedDiffCI returns the mean difference b - a over paired observations
// (b[r] and a[r] come from the same random stream r: common random numbers)
// with its 95 % paired-t interval. Pairs with a NaN on either side are
// skipped; N counts the pairs used. SD holds the standard error of the mean
// difference, as in DiffCI. Identical samples give exactly 0 with a
// zero-width interval.
func PairedDiffCI(a, b []float64) Summary {
	d := make([]float64, 0, min(len(a), len(b)))
	for r := range min(len(a), len(b)) {
		if !math.IsNaN(a[r]) && !math.IsNaN(b[r]) {
			d = append(d, b[r]-a[r])
		}
	}
	s := Summarize(d)
	if s.N >= 2 {
		s.SD /= math.Sqrt(float64(s.N))
	}
	return s
}
