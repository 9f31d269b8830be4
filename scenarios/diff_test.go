package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	base, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		sets []string
		want []Change
	}{
		{"same", nil, nil},
		{"scalar", []string{"calendar.festival_capacity=0.5"},
			[]Change{{"calendar.festival_capacity", "0.3", "0.5"}}},
		{"element", []string{"cities[0].communities=7", "mechanisms.risk.enabled=true"},
			[]Change{{"cities[0].communities", "", "7"}, {"mechanisms.risk.enabled", "false", "true"}}},
		{"array", []string{"government.pilot_budget_shares=[0.1]"},
			[]Change{{"government.pilot_budget_shares", "[0.25, 0.5]", "[0.1]"}}},
		{"name only", []string{"name=\"other\""}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load("baseline", tc.sets)
			if err != nil {
				t.Fatal(err)
			}
			got := Diff(base, s)
			if len(got) != len(tc.want) {
				t.Fatalf("Diff = %v, want %v", got, tc.want)
			}
			for i, c := range got {
				w := tc.want[i]
				if c.Path != w.Path || c.To != w.To || (w.From != "" && c.From != w.From) {
					t.Errorf("change %d = %+v, want %+v", i, c, w)
				}
			}
		})
	}
}

// TestExtendsFileReproduces checks that a file written by ExtendsFile
// holds only the differences and loads back to the same scenario.
func TestExtendsFileReproduces(t *testing.T) {
	for _, tc := range []struct {
		parent string
		sets   []string
	}{
		{"baseline", []string{"name=\"mine\"", "calendar.festival_capacity=0.55"}},
		{"mech-all", []string{"name=\"x\"", "cities[1].communities=40", "mechanisms.risk.intensity=0.25",
			"agency_types[2].capacity=0.61", "government.pilot_budget_shares=[0.3, 0.6, 0.9]"}},
		{"baseline", []string{"name=\"same\""}},
	} {
		t.Run(tc.parent, func(t *testing.T) {
			parent, err := Load(tc.parent, nil)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Load(tc.parent, tc.sets)
			if err != nil {
				t.Fatal(err)
			}
			file := ExtendsFile(tc.parent, parent, s, "made by a test")
			path := filepath.Join(t.TempDir(), "s.toml")
			if err := os.WriteFile(path, file, 0o644); err != nil {
				t.Fatal(err)
			}
			back, err := Load(path, nil)
			if err != nil {
				t.Fatalf("%v\n%s", err, file)
			}
			a, _ := Encode(s)
			b, _ := Encode(back)
			if !bytes.Equal(a, b) {
				t.Errorf("loaded file differs from the scenario:\n%s", file)
			}
			keys := 0
			for _, l := range strings.Split(string(file), "\n") {
				if strings.Contains(l, " = ") && !strings.HasPrefix(l, "name = ") && !strings.HasPrefix(l, "extends = ") {
					keys++
				}
			}
			if n := len(Diff(parent, s)); keys != n {
				t.Errorf("file sets %d keys, want the %d differences:\n%s", keys, n, file)
			}
		})
	}
}

func TestSettings(t *testing.T) {
	s, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Setting{}
	for _, st := range Settings(s) {
		got[st.Path] = st
		if st.Param.Path == "" {
			t.Errorf("%s has no catalogue entry", st.Path)
		}
	}
	for path, want := range map[string]string{
		"calendar.festival_capacity":     "0.3",
		"cities[0].communities":          "",
		"mechanisms.risk.enabled":        "false",
		"government.pilot_budget_shares": "[0.25, 0.5]",
	} {
		st, ok := got[path]
		if !ok || (want != "" && st.Value != want) {
			t.Errorf("%s = %+v, want value %q", path, st, want)
		}
	}
	if st := got["cities[0].communities"]; st.Element != "B city" || st.Param.Path != "cities[].communities" {
		t.Errorf("cities[0].communities = %+v", st)
	}
	for _, skip := range []string{"name", "description", "extends", "cities[0].name"} {
		if _, ok := got[skip]; ok {
			t.Errorf("%s listed as a setting", skip)
		}
	}
}
