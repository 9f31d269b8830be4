package scenarios

import (
	"flag"
	"math"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/PARAMETERS.md")

// TestCatalogueCoversSchema fails when a field of the Scenario struct
// (nested structs and array-of-table elements included) has no catalogue
// entry, or an entry names no field.
func TestCatalogueCoversSchema(t *testing.T) {
	fields := map[string]bool{}
	for _, l := range schemaLeaves() {
		fields[l.path] = true
		e, ok := entryFor(l.path)
		if !ok {
			t.Errorf("scenario field %q (%s) has no catalogue entry: add one to scenarios/catalogue_world.go or catalogue_agents.go, then regenerate docs/PARAMETERS.md", l.path, l.kind)
			continue
		}
		if e.meaning == "" {
			t.Errorf("%s: empty meaning", l.path)
		}
		numeric := l.kind == KindInt || l.kind == KindFloat || l.kind == KindInts || l.kind == KindFloats
		if numeric && (e.b.min > e.b.max || math.IsInf(e.b.min, -1)) {
			t.Errorf("%s: numeric parameter needs a lower bound <= its upper bound, got [%v, %v]", l.path, e.b.min, e.b.max)
		}
		if !numeric && (e.b.min != 0 || e.b.max != 0) {
			t.Errorf("%s: a %s takes no numeric range", l.path, l.kind)
		}
	}
	for _, list := range [][]entry{worldEntries, agentEntries} {
		for _, e := range list {
			if !fields[e.path] {
				t.Errorf("catalogue entry %q names no field of the Scenario struct (renamed or removed?)", e.path)
			}
		}
	}
}

func TestCatalogueDefaults(t *testing.T) {
	for _, p := range Catalogue() {
		if p.Default == "" && !p.Optional && p.Path != "extends" {
			t.Errorf("%s: no default from the baseline", p.Path)
		}
	}
}

func TestParam(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		kind       Kind
		min, max   float64
	}{
		{"calendar.implementation_end_month", "calendar.implementation_end_month", KindInt, 1, 12},
		{"mechanisms.risk.intensity", "mechanisms.risk.intensity", KindFloat, 0, 1},
		{"cities[0].communities", "cities[].communities", KindInt, 1, 10000},
		{"cities[].communities", "cities[].communities", KindInt, 1, 10000},
		{"cities.communities", "cities[].communities", KindInt, 1, 10000},
		{"government.pilot_budget_shares", "government.pilot_budget_shares", KindFloats, 0, 1},
	} {
		p, ok := Param(tc.path)
		if !ok {
			t.Errorf("Param(%q) not found", tc.path)
			continue
		}
		if p.Path != tc.want || p.Kind != tc.kind || p.Min != tc.min || p.Max != tc.max {
			t.Errorf("Param(%q) = %s %s [%v, %v], want %s %s [%v, %v]", tc.path, p.Path, p.Kind, p.Min, p.Max, tc.want, tc.kind, tc.min, tc.max)
		}
	}
	for _, bad := range []string{"calendar", "calendar.nope", "Calendar.call_month", ""} {
		if _, ok := Param(bad); ok {
			t.Errorf("Param(%q) found, want not found", bad)
		}
	}
	p, _ := Param("categories[].project_size_10k_yuan")
	if p.Contains(0) || !p.Contains(20) || p.Contains(math.NaN()) {
		t.Errorf("project size range: Contains(0)=%v Contains(20)=%v", p.Contains(0), p.Contains(20))
	}
}

// TestParametersDoc fails when docs/PARAMETERS.md differs from the
// catalogue; go test ./scenarios -run TestParametersDoc -update rewrites it.
func TestParametersDoc(t *testing.T) {
	const path = "../docs/PARAMETERS.md"
	want := ParamsMarkdown(Catalogue())
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (generate it: go test ./scenarios -run TestParametersDoc -update)", err)
	}
	if string(got) != string(want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("docs/PARAMETERS.md is stale (first difference at line %d):\n  file: %s\n  want: %s\nregenerate: go test ./scenarios -run TestParametersDoc -update", i+1, g, w)
			}
		}
	}
}
