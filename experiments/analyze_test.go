package experiments

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cogov/experiments/design"
	"cogov/experiments/stats"
	"cogov/internal/sweeptest"
)

// readCSV reads a whole CSV file.
func readCSV(t *testing.T, path string) [][]string {
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

func analyzed(t *testing.T, ref string) (*design.Plan, *Analysis) {
	t.Helper()
	pl := sweeptest.LoadPlan(t, ref, design.Overrides{})
	dir := t.TempDir()
	sweep(t, pl, dir, SweepOptions{Workers: 2})
	a, err := Analyze(dir, AnalyzeOptions{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	return pl, a
}

// finalValues reads each run's final-year value of metric from yearly.csv,
// by point.
func finalValues(t *testing.T, dir string, reps int, metric string) map[int][]float64 {
	t.Helper()
	last := map[int][2]float64{} // run -> year, value
	for _, r := range readCSV(t, filepath.Join(dir, YearlyFile))[1:] {
		if r[2] != metric {
			continue
		}
		id, _ := strconv.Atoi(r[0])
		y, _ := strconv.ParseFloat(r[1], 64)
		v, _ := strconv.ParseFloat(r[3], 64)
		if p, ok := last[id]; !ok || y > p[0] {
			last[id] = [2]float64{y, v}
		}
	}
	out := map[int][]float64{}
	for id := 0; id < len(last); id++ {
		out[id/reps] = append(out[id/reps], last[id][1])
	}
	return out
}

func sameFloat(a, b float64) bool {
	return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(a))
}

func TestSummaryMatchesRuns(t *testing.T) {
	pl, a := analyzed(t, "testdata/grid.toml")
	recs := readCSV(t, filepath.Join(a.Dir, SummaryFile))
	if got := strings.Join(recs[0], ","); got != "point,label,year,metric,n,mean,sd,ci_low,ci_high" {
		t.Fatalf("summary.csv header %s", got)
	}
	if len(recs)-1 != len(pl.Points)*pl.Years*2 {
		t.Fatalf("summary.csv has %d rows, want points x years x metrics", len(recs)-1)
	}
	final := finalValues(t, a.Dir, pl.Replications, "dependence_index")
	checked := 0
	for _, r := range recs[1:] {
		if r[2] != strconv.Itoa(a.Year) || r[3] != "dependence_index" {
			continue
		}
		p, _ := strconv.Atoi(r[0])
		want := stats.Summarize(final[p])
		mean, _ := strconv.ParseFloat(r[5], 64)
		lo, _ := strconv.ParseFloat(r[7], 64)
		if r[1] != pl.Points[p].Label || r[4] != strconv.Itoa(want.N) || !sameFloat(mean, want.Mean) || !sameFloat(lo, want.CILow) {
			t.Errorf("row %v, want label %q and %+v", r, pl.Points[p].Label, want)
		}
		if tab := a.Table[p][1]; !sameFloat(tab.Mean, want.Mean) {
			t.Errorf("table point %d: %v, want %v", p, tab, want)
		}
		checked++
	}
	if checked != len(pl.Points) {
		t.Errorf("checked %d points", checked)
	}
}

func TestFactorialEffectsOfSweep(t *testing.T) {
	pl, a := analyzed(t, "testdata/factorial.toml")
	recs := readCSV(t, filepath.Join(a.Dir, EffectsFile))
	if got := strings.Join(recs[0], ","); got != "metric,effect,estimate,ci_low,ci_high" {
		t.Fatalf("effects.csv header %s", got)
	}
	var effects []string
	for _, r := range recs[1:] {
		if r[0] == "dependence_index" {
			effects = append(effects, r[1])
		}
	}
	if got := strings.Join(effects, " "); got != "risk supervision all risk:supervision" {
		t.Errorf("effects %s", got)
	}
	if len(recs)-1 != 3*4 {
		t.Errorf("effects.csv has %d rows, want 3 metrics x 4 effects", len(recs)-1)
	}
	cells := finalValues(t, a.Dir, pl.Replications, "dependence_index")
	mean := func(c int) float64 { return stats.Summarize(cells[c]).Mean }
	wantRisk := (mean(1) + mean(3) - mean(0) - mean(2)) / 2
	wantAll := stats.DiffCI(cells[0], cells[3])
	for _, e := range a.Effects {
		if e.Metric != "dependence_index" {
			continue
		}
		switch e.Name {
		case "risk":
			if !sameFloat(e.Estimate, wantRisk) {
				t.Errorf("risk effect %v, want %v", e.Estimate, wantRisk)
			}
		case AllEffect:
			if !sameFloat(e.Estimate, wantAll.Mean) || !sameFloat(e.CILow, wantAll.CILow) {
				t.Errorf("all effect %+v, want %+v", e, wantAll)
			}
		}
	}
	if got := strings.Join(a.Labels, ","); got != "baseline,risk,supervision,all" {
		t.Errorf("labels %s", got)
	}
}

func TestSensitivityOfSweeps(t *testing.T) {
	cases := []struct {
		ref, file, header string
		factors           []string
	}{
		{"testdata/morris.toml", MorrisFile, "metric,factor,mu,mu_star,sigma,mu_star_low,mu_star_high",
			[]string{"audit_probability", "festival_capacity", "risk"}},
		{"testdata/sobol.toml", SobolFile, "metric,factor,s1,s1_low,s1_high,st,st_low,st_high",
			[]string{"audit_probability", "max_awards_per_agency"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			_, a := analyzed(t, c.ref)
			recs := readCSV(t, filepath.Join(a.Dir, c.file))
			if got := strings.Join(recs[0], ","); got != c.header {
				t.Fatalf("header %s", got)
			}
			if len(recs)-1 != 2*len(c.factors) {
				t.Fatalf("%d rows, want 2 metrics x %d factors", len(recs)-1, len(c.factors))
			}
			for i, r := range recs[1:] {
				if r[1] != c.factors[i%len(c.factors)] {
					t.Errorf("row %d factor %s", i, r[1])
				}
				for _, v := range r[2:] {
					if _, err := strconv.ParseFloat(v, 64); err != nil {
						t.Errorf("row %d: %q", i, v)
					}
				}
			}
			// The analysis is deterministic: analysing again gives the same file.
			before, _ := os.ReadFile(filepath.Join(a.Dir, c.file))
			if _, err := Analyze(a.Dir, AnalyzeOptions{Write: true}); err != nil {
				t.Fatal(err)
			}
			after, _ := os.ReadFile(filepath.Join(a.Dir, c.file))
			if string(before) != string(after) {
				t.Error("a second analysis differs")
			}
		})
	}
}

func TestAnalyzeShardWarns(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "testdata/factorial.toml", design.Overrides{})
	dir := t.TempDir()
	sweep(t, pl, dir, SweepOptions{Shard: Shard{1, 2}})
	a, err := Analyze(dir, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Runs != pl.Runs()/2 || len(a.Warnings) == 0 || !strings.Contains(a.Warnings[0], "8 of 16 runs") {
		t.Errorf("runs %d, warnings %q", a.Runs, a.Warnings)
	}
	var b strings.Builder
	a.WriteReport(&b, nil)
	if !strings.Contains(b.String(), "dependence_index") {
		t.Errorf("report:\n%s", b.String())
	}
}
