package abc

import (
	"math"
	"slices"

	"cogov/experiments/stats"
)

// Spread measures of the prior-predictive sample that standardise the
// summary statistics.
const (
	// MAD is 1.4826 × the median absolute deviation (the SD for normal
	// data, robust to outliers); where it is 0, the SD is used.
	MAD = "mad"
	// SD is the sample standard deviation.
	SD = "sd"
)

// scales returns each statistic's spread over rows (the
// generation-0 simulations, drawn from the prior): MAD or SD as spread
// says. A statistic whose spread is 0 gets scale 0 and is left out of
// the distance.
func scales(rows [][]float64, spread string) []float64 {
	m := len(rows[0])
	out := make([]float64, m)
	col := make([]float64, len(rows))
	for j := range m {
		for i, s := range rows {
			col[i] = s[j]
		}
		sd := stats.Summarize(col).SD
		out[j] = sd
		if spread == MAD {
			if mad := 1.4826 * medianAbsDev(col); mad > 0 {
				out[j] = mad
			}
		}
		if !(out[j] > 0) || math.IsInf(out[j], 0) {
			out[j] = 0
		}
	}
	return out
}

func medianAbsDev(xs []float64) float64 {
	med := median(xs)
	dev := make([]float64, len(xs))
	for i, x := range xs {
		dev[i] = math.Abs(x - med)
	}
	return median(dev)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// distance is the Euclidean distance between standardised statistics:
// sqrt(Σ_j c_j²) with c_j = (s_j - o_j) / σ_j, c_j = min(0, c_j) for a
// lower bound, statistics with σ_j = 0 left out. A statistic that is not
// a number makes the distance +Inf.
func distance(s, obs, scale []float64, lower []bool) float64 {
	d := 0.0
	for j, x := range s {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return math.Inf(1)
		}
		if scale[j] == 0 {
			continue
		}
		c := (x - obs[j]) / scale[j]
		if lower != nil && lower[j] {
			c = math.Min(0, c)
		}
		d += c * c
	}
	return math.Sqrt(d)
}

// quantile is the p-quantile of xs by linear interpolation between order
// statistics (Hyndman and Fan's type 7, as R's default).
func quantile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	h := p * float64(len(s)-1)
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}
