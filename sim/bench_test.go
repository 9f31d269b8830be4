package sim

import (
	"runtime"
	"testing"
)

// BenchmarkDefaultRun is one 15-year run of the default scenario.
func BenchmarkDefaultRun(b *testing.B) {
	s := load(b, "baseline")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Run(s, uint64(i+1), 0, 15, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/run")
}

// millionResidents is the baseline with about 1,000,000 resident agents.
func millionResidents(tb testing.TB) *Model {
	s := load(tb, "baseline")
	communities := 0
	for _, c := range s.Cities {
		communities += c.Communities * max(c.Count, 1)
	}
	s.Community.AgentsPerCommunity = (1_000_000 + communities - 1) / communities
	s.Community.HouseholdsPerAgent = 1
	m, err := New(s, 1, 0)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// BenchmarkResidents runs one simulated year with 1,000,000 resident agents
// and reports the cost per resident-month of the whole monthly step (agents
// of every kind and the calendar's events included).
func BenchmarkResidents(b *testing.B) {
	m := millionResidents(b)
	if err := m.RunYears(1); err != nil { // reach steady state
		b.Fatal(err)
	}
	n := m.W.Residents.Len()
	b.ReportAllocs()
	for b.Loop() {
		if err := m.RunYears(1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/12/float64(n), "ns/resident-month")
	b.ReportMetric(float64(n), "residents")
}

// An ordinary month (no acceptance, call, award or year end) allocates
// nothing, with a million residents.
func TestMonthStepDoesNotAllocate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a million residents")
	}
	m := millionResidents(t)
	if err := m.RunYears(1); err != nil {
		t.Fatal(err)
	}
	cal := m.W.S.Calendar
	events := map[int]bool{cal.AcceptanceMonth: true, cal.CallMonth: true, cal.AwardMonth: true, 12: true}
	var before, after runtime.MemStats
	for range 12 {
		mo := m.Month
		if events[mo] {
			m.StepMonth()
			continue
		}
		runtime.GC() // so a collection's own bookkeeping is not counted
		runtime.ReadMemStats(&before)
		m.StepMonth()
		runtime.ReadMemStats(&after)
		if n := after.Mallocs - before.Mallocs; n != 0 {
			t.Errorf("month %d: %d allocations", mo, n)
		}
	}
}
