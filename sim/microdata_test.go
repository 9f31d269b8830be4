package sim

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"cogov/agents"
)

// The micro-data agree with the yearly metrics: each year's living
// agencies are active_agencies, every awarded contract has a row, and the
// files have one line per row plus the header.
func TestMicrodataAgreesWithMetrics(t *testing.T) {
	s := load(t, "baseline")
	r, err := RunWith(context.Background(), s, 1, 0, 5, Options{Agents: true})
	if err != nil {
		t.Fatal(err)
	}
	alive := map[int]float64{}
	for _, a := range r.AgencyYears {
		if a.Alive {
			alive[a.Year]++
		}
	}
	active := r.Column("active_agencies")
	for i, y := range r.Years {
		if alive[y] != active[i] {
			t.Errorf("%d: %v living agencies in the micro-data, active_agencies %v", y, alive[y], active[i])
		}
	}
	if len(r.ContractRows) != len(r.Awards) {
		t.Errorf("%d contract rows, %d awards", len(r.ContractRows), len(r.Awards))
	}
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
		rows  int
	}{
		{"agencies", func(b *bytes.Buffer) error { return r.WriteAgenciesCSV(b) }, len(r.AgencyYears)},
		{"contracts", func(b *bytes.Buffer) error { return r.WriteContractsCSV(b) }, len(r.ContractRows)},
	} {
		var b bytes.Buffer
		if err := c.write(&b); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(b.String(), "\n"); n != c.rows+1 {
			t.Errorf("%s.csv: %d lines, want %d rows and a header", c.name, n, c.rows)
		}
	}
	plain, err := RunWith(context.Background(), s, 1, 0, 5, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plain.AgencyYears != nil || plain.ContractRows != nil {
		t.Error("micro-data recorded without Options.Agents")
	}
	for i := range plain.Values {
		for j, v := range plain.Values[i] {
			if w := r.Values[i][j]; v != w && v == v {
				t.Fatalf("recording micro-data changed %s in %d", Metrics()[j].Name, r.Years[i])
			}
		}
	}
}

// vulnerable_share is the share of operating agencies whose cash at year
// end plus non-government revenue of the year is below the year's cost,
// recomputed here from the micro-data; with exit off (null-no-exit) no
// agency ever exits.
func TestVulnerableShareAndNoExit(t *testing.T) {
	r, err := RunWith(context.Background(), load(t, "baseline"), 1, 0, 4, Options{Agents: true})
	if err != nil {
		t.Fatal(err)
	}
	vuln, alive := map[int]float64{}, map[int]float64{}
	for _, a := range r.AgencyYears {
		if !a.Alive {
			continue
		}
		alive[a.Year]++
		other := 0.0
		for k, v := range a.Revenue {
			if k != agents.SourceGov {
				other += max(0, v)
			}
		}
		if a.Cash+other < a.Cost {
			vuln[a.Year]++
		}
	}
	got := r.Column("vulnerable_share")
	for i, y := range r.Years {
		if want := vuln[y] / alive[y]; math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("%d: vulnerable_share %v, recomputed %v", y, got[i], want)
		}
	}
	for _, r := range runSeeds(t, load(t, "null-no-exit"), 3, 10) {
		for i, v := range r.Column("agency_exits") {
			if v != 0 {
				t.Errorf("null-no-exit run %d: %v exits in %d", r.Run, v, r.Years[i])
			}
		}
	}
}
