package main

import "testing"

// TestScenarioColours checks that each mechanism has one colour whether
// it comes from cogov compare (mech-risk) or from a point of the
// mechanisms sweep (risk): "all four mechanisms" was vermillion in one
// figure and sky blue in another.
func TestScenarioColours(t *testing.T) {
	keys := plotOptions().ColorKeys
	seen := map[int]string{}
	for _, pair := range [][2]string{{"mech-all", "all"}, {"mech-dynamics", "dynamics"}, {"mech-risk", "risk"},
		{"mech-supervision", "supervision"}, {"mech-evaluation", "evaluation"}, {"baseline", "baseline"}} {
		a, okA := keys[pair[0]]
		b, okB := keys[pair[1]]
		if !okA || !okB || a != b {
			t.Errorf("%s has colour %d (%v), %s %d (%v)", pair[0], a, okA, pair[1], b, okB)
		}
		if other, dup := seen[a]; dup {
			t.Errorf("%s and %s share colour %d", pair[0], other, a)
		}
		seen[a] = pair[0]
	}
}
