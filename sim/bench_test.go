package sim

import (
	"runtime"
	"strings"
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
// nothing, with a million residents. Allocations are counted from the heap
// profile at rate 1, on call stacks through Model.StepMonth only, so the
// test runner's own goroutines do not count.
func TestMonthStepDoesNotAllocate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a million residents")
	}
	defer func(r int) { runtime.MemProfileRate = r }(runtime.MemProfileRate)
	runtime.MemProfileRate = 1
	m := millionResidents(t)
	if err := m.RunYears(1); err != nil {
		t.Fatal(err)
	}
	cal := m.W.S.Calendar
	events := map[int]bool{cal.AcceptanceMonth: true, cal.CallMonth: true, cal.AwardMonth: true, 12: true}
	for range 12 {
		mo := m.Month
		if events[mo] {
			m.StepMonth()
			continue
		}
		before := stepAllocs()
		m.StepMonth()
		if n := stepAllocs() - before; n != 0 {
			t.Errorf("month %d: %d allocations", mo, n)
		}
	}
}

// stepAllocs counts the objects ever allocated on stacks through
// Model.StepMonth, from the heap profile.
func stepAllocs() int64 {
	runtime.GC()
	runtime.GC() // the profile is published one cycle late
	var recs []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, true)
	for {
		recs = make([]runtime.MemProfileRecord, n+50)
		var ok bool
		if n, ok = runtime.MemProfile(recs, true); ok {
			recs = recs[:n]
			break
		}
	}
	var total int64
	for _, r := range recs {
		frames := runtime.CallersFrames(r.Stack())
		for {
			f, more := frames.Next()
			if strings.HasSuffix(f.Function, "(*Model).StepMonth") {
				total += r.AllocObjects
				break
			}
			if !more {
				break
			}
		}
	}
	return total
}
