package experiments

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cogov/experiments/stats"
	"cogov/scenarios"
	"cogov/sim"
)

// tinySets shrink the baseline to two small cities (as testdata/grid.toml).
var tinySets = []string{"cities[0].communities=6", "cities[0].agencies=[4, 3, 2]", "cities[1].count=1",
	"cities[1].communities=3", "community.agents_per_community=10"}

func tinyScenarios(t *testing.T, names ...string) []*scenarios.Scenario {
	t.Helper()
	var out []*scenarios.Scenario
	for _, n := range names {
		s, err := scenarios.Load(n, tinySets)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestCompare(t *testing.T) {
	scens := tinyScenarios(t, "baseline", "mech-all", "baseline")
	c, err := Compare(context.Background(), scens, 5, 3, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"baseline", "mech-all", "baseline#2"}; !reflect.DeepEqual(c.Labels, want) {
		t.Fatalf("labels %v, want %v", c.Labels, want)
	}
	// Common random numbers: the repeated baseline is the same runs.
	j := sim.DependenceIndex
	if !reflect.DeepEqual(c.Final(0, j), c.Final(2, j)) {
		t.Error("same scenario, same seed: replications differ")
	}
	// Paired differences: the same scenario twice differs by exactly 0
	// with a zero-width interval (issue 14: Welch gave 0 ± a wide band).
	if d := c.Diff(2, j); d.Mean != 0 || d.CILow != 0 || d.CIHigh != 0 || d.SD != 0 || d.N != 3 {
		t.Errorf("difference of identical samples %+v", d)
	}
	want := stats.PairedDiff(c.Final(0, j), c.Final(1, j))
	want.SD /= math.Sqrt(float64(want.N))
	if got := c.Diff(1, j); got != want && !math.IsNaN(want.Mean) {
		t.Errorf("Diff %+v, want stats.PairedDiff with its SE %+v", got, want)
	}

	dir := t.TempDir()
	if err := c.Write(dir); err != nil {
		t.Fatal(err)
	}
	sum := readCSVFile(t, filepath.Join(dir, SummaryFile))
	if got := strings.Join(sum[0], ","); got != "point,label,year,metric,n,mean,sd,ci_low,ci_high" {
		t.Errorf("summary header %s", got)
	}
	if n := len(sum) - 1; n != 3*3*len(c.Metrics) {
		t.Errorf("summary has %d rows, want scenarios x years x metrics", n)
	}
	// The last row of a metric every run defines (the ring metrics are
	// NaN without bid rings).
	last := sum[0]
	for _, r := range sum[1:] {
		if r[3] == "dependence_index" {
			last = r
		}
	}
	if r := last; r[0] != "2" || r[1] != "baseline#2" || r[4] != "3" {
		t.Errorf("last dependence_index summary row %v", r)
	}
	cmp := readCSVFile(t, filepath.Join(dir, CompareFile))
	if got := strings.Join(cmp[0], ","); got != "scenario,reference,metric,year,n,diff,se,ci_low,ci_high,share_below_0" {
		t.Errorf("compare header %s", got)
	}
	if n := len(cmp) - 1; n != 2*len(c.Metrics) || cmp[1][0] != "mech-all" || cmp[1][1] != "baseline" {
		t.Errorf("compare.csv: %d rows, first %v", n, cmp[1])
	}

	// The share below 0 counts the pairs whose difference is negative,
	// NaN pairs dropped: differences −1, +2, NaN, −3 give 2 of 3.
	final := func(vs ...float64) []*sim.Result {
		var rs []*sim.Result
		for _, v := range vs {
			rs = append(rs, &sim.Result{Years: []int{2029}, Values: [][]float64{{v}}})
		}
		return rs
	}
	known := &Comparison{Metrics: []string{"m"}, Reps: 4, Results: [][]*sim.Result{
		final(1, 1, 1, 5), final(0, 3, math.NaN(), 2)}}
	if got := known.BelowZero(1, 0); got != 2.0/3 {
		t.Errorf("share below 0 of −1, +2, NaN, −3: %v, want 2/3", got)
	}
	if got := (&Comparison{Metrics: []string{"m"}, Results: [][]*sim.Result{final(math.NaN()), final(1)}}).BelowZero(1, 0); !math.IsNaN(got) {
		t.Errorf("share below 0 with no pair: %v, want NaN", got)
	}

	// The same inputs give the same bytes, whatever the workers.
	c2, err := Compare(context.Background(), scens, 5, 3, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.SummaryCSV(), c2.SummaryCSV()) || !bytes.Equal(c.CompareCSV(), c2.CompareCSV()) {
		t.Error("CSV output depends on workers")
	}

	var b bytes.Buffer
	c.WriteTable(&b)
	out := b.String()
	for _, frag := range []string{"baseline (2017)", "mech-all - baseline", "dependence_index", " ± ", "3 replications (seed 5"} {
		if !strings.Contains(out, frag) {
			t.Errorf("table lacks %q:\n%s", frag, out)
		}
	}
}

func TestCompareErrors(t *testing.T) {
	if _, err := Compare(context.Background(), nil, 1, 3, 3, 1); err == nil {
		t.Error("no scenarios accepted")
	}
	if _, err := Compare(context.Background(), tinyScenarios(t, "baseline"), 1, 0, 3, 1); err == nil {
		t.Error("0 replications accepted")
	}
}

func TestPlusMinus(t *testing.T) {
	cases := []struct {
		mean, half float64
		want       string
	}{
		{0.6741, 0.0043, "0.674 ± 0.004"},
		{186.2, 4.4, "186 ± 4"},
		{-12.34, 1.25, "-12.3 ± 1.2"},
		{0.5, math.NaN(), "0.500"},
		{0.00712, 0.00031, "0.00712 ± 0.00031"},
		{3.5, 0.25, "3.500 ± 0.250"},
		{math.NaN(), math.NaN(), "NaN"},
	}
	for _, c := range cases {
		if got := pm(c.mean, c.half, decimals(c.mean)); got != c.want {
			t.Errorf("pm(%v, %v) = %q, want %q", c.mean, c.half, got, c.want)
		}
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
