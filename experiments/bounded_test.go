package experiments

import (
	"math"
	"testing"

	"cogov/experiments/stats"
)

// A share's interval stays inside [0, 1] (issue 14: 0.01 ± 0.03 was
// written with ci_low -0.02).
func TestBoundedShareCI(t *testing.T) {
	s := stats.Summarize([]float64{0, 0, 0.05})
	if s.CILow >= 0 {
		t.Fatalf("fixture: the t interval %g..%g should reach below 0", s.CILow, s.CIHigh)
	}
	if b := bounded("show_effort_share", s); b.CILow != 0 || b.CIHigh != s.CIHigh || b.Mean != s.Mean {
		t.Errorf("share: %+v", b)
	}
	if b := bounded("active_agencies", s); b != s {
		t.Errorf("a count was cut: %+v", b)
	}
	hi := stats.Summarize([]float64{1, 1, 0.95})
	if b := bounded("gov_revenue_share", hi); b.CIHigh != 1 {
		t.Errorf("upper bound not cut: %+v", b)
	}
	if n := bounded("gov_revenue_share", stats.Summarize(nil)); !math.IsNaN(n.CILow) {
		t.Errorf("empty summary: %+v", n)
	}
}
