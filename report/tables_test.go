package report

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0.123456, "0.1235"}, {1234567, "1.235e+06"}, {-0.00012345, "-0.0001234"}, {math.NaN(), "-"}, {math.Inf(1), "-"}, {3, "3"},
	} {
		if got := num(tc.v); got != tc.want {
			t.Errorf("num(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// TestJSONText checks the manifest values the provenance shows, among
// them compare's list of scenario objects (once shown as raw JSON).
func TestJSONText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`3`, "3"}, {`0.25`, "0.25"}, {`"a"`, "a"}, {`null`, "-"}, {`true`, "true"},
		{`[1, 2]`, "1, 2"},
		{`{"years": 3, "file": "scenarios/0.toml"}`, "file scenarios/0.toml, years 3"},
		{`[{"label": "baseline", "sha256": "ab"}, {"label": "mech-all", "sha256": "cd"}]`, "label baseline, sha256 ab; label mech-all, sha256 cd"},
		{`{"point_count": [1, 2]}`, "point count 1, 2"},
	} {
		var v any
		if err := json.Unmarshal([]byte(tc.in), &v); err != nil {
			t.Fatal(err)
		}
		if got := jsonText(v); got != tc.want {
			t.Errorf("jsonText(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSVTableMarksIntervals(t *testing.T) {
	path := filepath.Join(t.TempDir(), "effects.csv")
	os.WriteFile(path, []byte("metric,effect,estimate,ci_low,ci_high\nm,a,0.5,0.1,0.9\nm,b,0.1,-0.2,0.4\nm,c,-0.3,-0.5,-0.1\n"), 0o644)
	tb, err := csvTable(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true} {
		if got := tb.Rows[i][2].Sig; got != want {
			t.Errorf("row %d: marked %v, want %v", i, got, want)
		}
		if !tb.Rows[i][2].Num || tb.Rows[i][0].Num {
			t.Errorf("row %d: numbers not right-aligned or names aligned as numbers", i)
		}
	}
	if _, err := csvTable(filepath.Join(t.TempDir(), "nosuch.csv")); err == nil {
		t.Error("a missing file gave no error")
	}
	// The checks of plots' readers: a short row, a duplicate column.
	for body, want := range map[string]string{
		"metric,effect,estimate\nm,a,0.5\nm,b\n": "effects.csv:3: 2 fields, header has 3",
		"metric,effect,Metric\nm,a,b\n":          `effects.csv:1: duplicate column "Metric"`,
	} {
		os.WriteFile(path, []byte(body), 0o644)
		if _, err := csvTable(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
}

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		files []string
		want  string
	}{
		{[]string{"experiment.toml", "summary.csv"}, "sweep"},
		{[]string{"compare.csv", "summary.csv"}, "scenario comparison"},
		{[]string{"patterns.json", "fit.csv"}, "pattern check"},
		{[]string{"fit.csv", "calibration.csv"}, "calibration"},
		{[]string{"posterior.csv", "generations.csv"}, "ABC-SMC calibration"},
		{[]string{"yearly.csv"}, "single run"},
		{[]string{"notes.txt"}, ""},
	} {
		has := func(name string) bool {
			for _, f := range tc.files {
				if f == name {
					return true
				}
			}
			return false
		}
		if got := kindOf(has); got != tc.want {
			t.Errorf("%v: kind %q, want %q", tc.files, got, tc.want)
		}
	}
}

func TestPatternsTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "patterns.json")
	os.WriteFile(path, []byte(`{"scenario":"baseline","reps":5,"seed":2,"checks":[
		{"id":"T1","kind":"target","statement":"s1","pass":true,"observed":0.2,"tolerance":0.05,"model":{"mean":0.21,"ci_low":0.2,"ci_high":0.22}},
		{"id":"T4","kind":"target","statement":"s4","pass":false,"observed":0.5,"bound":true,"model":{"mean":0.2,"ci_low":0.1,"ci_high":0.3}},
		{"id":"P1","kind":"pattern","statement":"s","pass":true,"threshold":0.6,"above":true,"verdict":"absent","null":"n","model":{"mean":0.7}}]}`), 0o644)
	tb, err := patternsTable(path)
	if err != nil {
		t.Fatal(err)
	}
	got := func(r, c int) string { return tb.Rows[r][c].Text }
	if got(0, 1) != "pass" || got(0, 3) != "0.2 ± 0.05" || got(1, 3) != "≥ 0.5" || !tb.Rows[1][1].Sig ||
		got(2, 3) != "≥ 0.6" || !strings.Contains(got(2, 1), "absent (null: n)") || got(2, 2) != "0.7 [-, -]" {
		t.Errorf("rows %+v", tb.Rows)
	}
	if !strings.Contains(tb.Note, "5 replications, master seed 2") {
		t.Errorf("note %q", tb.Note)
	}
}
