package main

import (
	"strings"
	"testing"

	"cogov/scenarios"
	"cogov/sim"
)

// In a world without agencies the run summary says what had nothing to
// measure instead of printing NaN.
func TestNarrateWithoutAgencies(t *testing.T) {
	s, err := scenarios.Load("baseline", []string{"cities[0].agencies=[0, 0, 0]", "cities[1].agencies=[0, 0, 0]",
		"agencies.entry_rate=0", "agencies.incubation_entries=0"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(s, 1, 0, 3, false)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(narrate(res)), " ")
	if strings.Contains(text, "NaN") {
		t.Errorf("summary prints NaN:\n%s", text)
	}
	if !strings.Contains(text, "residents' participation") || strings.Contains(text, "residents' participation had nothing") {
		t.Errorf("residents' participation should be measured without agencies:\n%s", text)
	}
}
