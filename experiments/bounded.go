package experiments

import (
	"cogov/experiments/stats"
	"cogov/sim"
)

// shareMetrics are the metrics whose every value lies in [0, 1] (unit
// "share"): their mean does too, so a confidence interval reaching outside
// is cut at the bounds.
var shareMetrics = func() map[string]bool {
	m := map[string]bool{}
	for _, mi := range sim.Metrics() {
		if mi.Unit == "share" {
			m[mi.Name] = true
		}
	}
	return m
}()

// bounded returns s with its interval cut to [0, 1] when metric is a
// share. The t interval of a mean near 0 or 1 over few replications can
// reach past the bound, where the mean cannot be.
func bounded(metric string, s stats.Summary) stats.Summary {
	if shareMetrics[metric] {
		s.CILow, s.CIHigh = max(s.CILow, 0), min(s.CIHigh, 1)
	}
	return s
}
