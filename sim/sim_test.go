package sim

import (
	"bytes"
	"context"
	"math"
	"sync"
	"testing"

	"cogov/scenarios"
)

// load resolves a built-in scenario with overrides or fails the test.
func load(t testing.TB, name string, sets ...string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// runSeeds runs scenario s for seeds 1..n on two workers, checking
// invariants every year.
func runSeeds(t testing.TB, s *scenarios.Scenario, n, years int) []*Result {
	t.Helper()
	out := make([]*Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range 2 {
		wg.Go(func() {
			for i := range jobs {
				out[i], errs[i] = Run(s, uint64(i+1), 0, years, true)
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// meanSE returns the mean and standard error of xs.
func meanSE(xs []float64) (mean, se float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(v / float64(len(xs)-1) / float64(len(xs)))
}

// at collects metric m at year index i (negative counts from the end) over
// runs.
func at(rs []*Result, m string, i int) []float64 {
	out := make([]float64, len(rs))
	for k, r := range rs {
		col := r.Column(m)
		j := i
		if j < 0 {
			j += len(col)
		}
		out[k] = col[j]
	}
	return out
}

func TestDeterminism(t *testing.T) {
	s := load(t, "baseline")
	csv := func(seed uint64) []byte {
		r, err := Run(s, seed, 0, 6, false)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := r.WriteYearlyCSV(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := csv(7), csv(7), csv(8)
	if !bytes.Equal(a, b) {
		t.Fatal("same scenario and seed gave different yearly.csv")
	}
	if bytes.Equal(a, c) {
		t.Fatal("different seeds gave identical yearly.csv")
	}
}

func TestInvariants(t *testing.T) {
	cases := []struct {
		name string
		sets []string
	}{
		{"baseline", nil},
		{"mech-all", nil},
		{"baseline", []string{"calendar.contract_years=3"}},
		{"baseline", []string{"calendar.implementation_end_month=10", "calendar.acceptance_month=11", "calendar.call_month=12", "calendar.award_month=12"}},
		{"baseline", []string{"government.budget_10k_yuan=200"}},
		{"baseline", []string{"supervision.audit_probability=1", "government.acceptance_threshold=0.9"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runSeeds(t, load(t, c.name, c.sets...), 3, 12)
		})
	}
}

func TestRunContextStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, err := RunContext(ctx, load(t, "baseline"), 1, 0, 15, false); err == nil || r != nil {
		t.Fatalf("cancelled run returned %v, %v", r, err)
	}
}
