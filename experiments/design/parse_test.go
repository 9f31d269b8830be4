package design

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"cogov/scenarios"
	"cogov/sim"
)

const head = `name = "t"
scenario = "baseline"
`

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // substrings of the error
	}{
		{"syntax", head + "years = = 3\n", []string{"x.toml:3:"}},
		{"unknown top key", head + "replication = 3\n", []string{`x.toml:3: replication: unknown key; did you mean "replications"?`}},
		{"case-sensitive key", head + "Years = 3\n", []string{`x.toml:3: Years: unknown key; did you mean "years"?`}},
		{"missing scenario", "name = \"t\"\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n", []string{"x.toml: scenario: missing (allowed: a string)"}},
		{"bad type", head + "replications = \"ten\"\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n",
			[]string{`x.toml:3: replications: the string "ten" (allowed: an integer from 1 to`}},
		{"out of range", head + "years = 0\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n", []string{"x.toml:3: years: 0 is out of range (allowed: 1 to 200)"}},
		{"min equals max", head + "[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.5\nmax = 0.5\nlevels = 3\n",
			[]string{"x.toml:6: factor[0].max: 0.5 equals min (allowed: max > min; for a single value, values = [0.5])"}},
		{"name climbs out", "name = \"../../../../tmp/x\"\nscenario = \"baseline\"\n", []string{`x.toml:1: name: "../../../../tmp/x" starts with '.' (allowed: 1-64 letters, digits, '.', '_' or '-', not starting with '.')`}},
		{"name is ..", "name = \"..\"\nscenario = \"baseline\"\n", []string{`x.toml:1: name: ".." starts with '.'`}},
		{"name with newline", "name = \"a\\nb\"\nscenario = \"baseline\"\n", []string{`x.toml:1: name: "a\nb" contains '\n'`}},
		{"name below", "name = \"x/../../y\"\nscenario = \"baseline\"\n", []string{`x.toml:1: name: "x/../../y" contains '/'`}},
		{"name absolute", "name = \"/tmp/x\"\nscenario = \"baseline\"\n", []string{`x.toml:1: name: "/tmp/x" contains '/'`}},
		{"unknown metric", head + "metrics = [\"dependance_index\"]\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n",
			[]string{`x.toml:3: metrics: unknown metric "dependance_index"; did you mean "dependence_index"?`}},
		{"bad kind", head + "[design]\nkind = \"grd\"\n", []string{`x.toml:4: design.kind: "grd" is not a design kind (allowed: grid, factorial, list, lhs, sobol, morris)`}},
		{"unknown factor key", head + "[[factor]]\npath = \"mechanisms.risk.enabled\"\n\n[[factor]]\npth = \"x\"\n",
			[]string{`x.toml:6: factor[1].path: missing`, `x.toml:7: factor[1].pth: unknown key; did you mean "path"?`}},
		{"unknown parameter", head + "[[factor]]\npath = \"supervision.audit_probabilty\"\nvalues = [0.1]\n",
			[]string{`x.toml:4: factor[0].path: "supervision.audit_probabilty" is not a parameter; did you mean "supervision.audit_probability"? (cogov params lists them)`}},
		{"value out of range", head + "[[factor]]\npath = \"supervision.audit_probability\"\nvalues = [0.5, 1.5]\n",
			[]string{"x.toml:5: factor[0].values: 1.5 is outside the range of supervision.audit_probability (allowed 0-1)"}},
		{"range out of range", head + "[design]\nkind = \"lhs\"\nsamples = 4\n[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.0\nmax = 2.0\n",
			[]string{"x.toml:9: factor[0].max: 2 is outside the range of supervision.audit_probability (allowed 0-1)"}},
		{"whole array", head + "[[factor]]\npath = \"government.pilot_budget_shares\"\nvalues = [0.5]\n",
			[]string{`x.toml:4: factor[0].path: "government.pilot_budget_shares" is an array of numbers; a factor varies one value (allowed: an element, such as government.pilot_budget_shares[0])`}},
		{"reserved parameter", head + "[[factor]]\npath = \"seed\"\nvalues = [1, 2]\n", []string{`x.toml:4: factor[0].path: "seed" cannot be a factor`}},
		{"integer parameter", head + "[[factor]]\npath = \"calendar.implementation_end_month\"\nvalues = [5, 6.5]\n",
			[]string{"x.toml:5: factor[0].values: element 1 is the float 6.5 (allowed: an integer, the type of calendar.implementation_end_month)"}},
		{"range order", head + "[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.5\nmax = 0.2\nlevels = 3\n",
			[]string{"x.toml:6: factor[0].max: 0.2 is not above min 0.5 (allowed: max > min)"}},
		{"levels missing", head + "[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.0\nmax = 1.0\n",
			[]string{"x.toml:3: factor[0].levels: missing (allowed: an integer from 2 to"}},
		{"factorial values", head + "[design]\nkind = \"factorial\"\n[[factor]]\npath = \"supervision.audit_probability\"\nvalues = [0.1, 0.2, 0.3]\n",
			[]string{"x.toml:7: factor[0].values: 3 values (allowed: exactly 2 in a factorial design, low then high)"}},
		{"samples missing", head + "[design]\nkind = \"lhs\"\n[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.0\nmax = 1.0\n",
			[]string{"x.toml:3: design.samples: missing"}},
		{"odd morris levels", head + "[design]\nkind = \"morris\"\nsamples = 4\nlevels = 5\n[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.0\nmax = 1.0\n",
			[]string{"x.toml:6: design.levels: 5 is odd"}},
		{"values in lhs", head + "[design]\nkind = \"lhs\"\nsamples = 4\n[[factor]]\npath = \"supervision.audit_probability\"\nvalues = [0.1]\n",
			[]string{"x.toml:8: factor[0].values: not used by a lhs design (allowed: min and max)", "x.toml:6: factor[0]: no range"}},
		{"duplicate label", head + "[[point]]\nlabel = \"a\"\n[[point]]\nlabel = \"a\"\n",
			[]string{`x.toml:6: point[1].label: "a" is the label of an earlier point`}},
		{"bad set", head + "set = [\"audit\"]\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n", []string{`x.toml:3: set: "audit" is not an override`}},
		{"points in grid", head + "[design]\nkind = \"grid\"\n[[point]]\nlabel = \"a\"\n",
			[]string{"x.toml:5: point[0]: [[point]] tables are for list designs", "x.toml: factor: a grid design needs at least one [[factor]] table"}},
		{"factor twice", head + "[[factor]]\npath = \"mechanisms.risk.enabled\"\n[[factor]]\npath = \"mechanisms.risk.enabled\"\n",
			[]string{`x.toml:6: factor[1].path: "mechanisms.risk.enabled" is varied by an earlier factor`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("x.toml", "", []byte(c.src))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range c.want {
				i := strings.Index(msg, w)
				if i < 0 {
					t.Fatalf("error\n%s\ndoes not contain\n%s", msg, w)
				}
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	src := head + `[[factor]]
path = "mechanisms.risk.enabled"
[[factor]]
path = "mechanisms.risk.intensity"
values = [0.5, 1]
[[factor]]
name = "end"
path = "calendar.implementation_end_month"
min = 4
max = 6
levels = 3
`
	e, err := Parse("x.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if e.Design.Kind != KindGrid || e.Replications != 1 || e.Seed != 1 || e.Years != 0 || len(e.Metrics) != len(allMetrics()) {
		t.Errorf("defaults: %+v", e)
	}
	want := []Factor{
		{Name: "risk", Path: "mechanisms.risk.enabled", Kind: KindBool, Values: []string{"false", "true"}},
		{Name: "intensity", Path: "mechanisms.risk.intensity", Kind: KindFloat, Values: []string{"0.5", "1"}},
		{Name: "end", Path: "calendar.implementation_end_month", Kind: KindInt, Values: []string{"4", "5", "6"}, Min: 4, Max: 6, HasRange: true, Levels: 3},
	}
	for i := range want {
		got := e.Factors[i]
		got.key = ""
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("factor %d = %+v, want %+v", i, got, want[i])
		}
	}
	if n := e.NumPoints(); n != 12 {
		t.Errorf("points = %d, want 2 x 2 x 3", n)
	}
}

func TestBuiltinsParse(t *testing.T) {
	if len(Builtins()) == 0 {
		t.Fatal("no built-in experiments")
	}
	for _, name := range Builtins() {
		e, err := Load(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if e.NumPoints() > 500 {
			continue // loading every point takes seconds; cogov sweep does it
		}
		if _, err := NewPlan(e, Overrides{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	e, err := Load("mechanisms")
	if err != nil {
		t.Fatal(err)
	}
	if !e.IsFactorial() || e.NumPoints() != 16 || e.Replications < 30 {
		t.Errorf("mechanisms: factorial %v, %d points, %d replications", e.IsFactorial(), e.NumPoints(), e.Replications)
	}
	if got := strings.Join(e.FactorNames(), ","); got != "dynamics,risk,supervision,evaluation" {
		t.Errorf("mechanisms factors %s", got)
	}
}

func TestPlanChecksScenarios(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown scenario", `name = "t"
scenario = "basline"
[[factor]]
path = "mechanisms.risk.enabled"
`, "x.toml:2: scenario: "},
		{"value against the others", head + `[[factor]]
path = "calendar.implementation_end_month"
values = [5, 8]
`, "x.toml:5: factor[0].values: "},
		{"combination", head + `[[factor]]
path = "calendar.implementation_start_month"
values = [1, 3]
[[factor]]
path = "calendar.implementation_end_month"
values = [2, 5]
`, "x.toml:3: factor[0]: point 1 (implementation_start_month=3 implementation_end_month=2): "},
		{"list point", head + `[[point]]
label = "ok"
[[point]]
label = "bad"
set = ["supervision.audit_probability=3"]
`, "x.toml:5: point[1]: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, err := Parse("x.toml", "", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			_, err = NewPlan(e, Overrides{})
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("err = %v, want prefix %q", err, c.want)
			}
		})
	}
}

func allMetrics() []string { return sim.MetricNames() }

func TestListPlanColumns(t *testing.T) {
	src := head + `set = ["cities[0].communities=6"]
[[point]]
label = "base"
[[point]]
label = "risk"
scenario = "mech-risk"
[[point]]
label = "audited"
set = ["supervision.audit_probability=0.5", "cities[1].communities=4"]
`
	e, err := Parse("x.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	pl, err := NewPlan(e, Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	// The rows of points.csv: point, label, then the columns' values.
	got := "point,label," + strings.Join(pl.Columns, ",") + "\n"
	for i, p := range pl.Points {
		got += strconv.Itoa(i) + "," + p.Label + "," + strings.Join(p.Values, ",") + "\n"
	}
	base, _ := scenarios.Load("baseline", nil)
	want := "point,label,scenario,cities[0].communities,supervision.audit_probability,cities[1].communities\n" +
		"0,base,baseline,6," + paramValue(base, "supervision.audit_probability") + "," + paramValue(base, "cities[1].communities") + "\n" +
		"1,risk,mech-risk,6," + paramValue(base, "supervision.audit_probability") + "," + paramValue(base, "cities[1].communities") + "\n" +
		"2,audited,baseline,6,0.5,4\n"
	if got != want {
		t.Errorf("points\n%s\nwant\n%s", got, want)
	}
}

func TestIndexedFactorPath(t *testing.T) {
	src := head + `[[factor]]
path = "cities[0].communities"
values = [4, 6]
`
	e, err := Parse("x.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if e.Factors[0].Kind != KindInt || e.Factors[0].Name != "communities" {
		t.Errorf("factor %+v", e.Factors[0])
	}
	if _, err := NewPlan(e, Overrides{}); err != nil {
		t.Fatal(err)
	}
}

// Flag overrides meet the same rules as the file's values (issue 14: a
// huge --replications gave "0 runs" and a negative run count).
func TestOverridesChecked(t *testing.T) {
	e, err := Load("../testdata/grid.toml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		o    Overrides
		want string
	}{
		{Overrides{Replications: 9223372036854775807}, "--replications: 9223372036854775807 is out of range (allowed 1 to 1048576"},
		{Overrides{Replications: -3}, "--replications: -3 is out of range"},
		{Overrides{Years: 2000000000}, "--years: 2000000000 is out of range (allowed 1-200"},
		{Overrides{Years: -1}, "--years: -1 is out of range"},
	}
	for _, c := range cases {
		if _, err := NewPlan(e, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.o, err, c.want)
		}
	}
}

// Every input file meets the scenario loader's rule: /dev/zero was read
// until memory ran out (issue 14).
func TestLoadRefusesDevices(t *testing.T) {
	dir := t.TempDir()
	big := dir + "/big.toml"
	if err := os.WriteFile(big, make([]byte, 5<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{"/dev/zero", "not a regular file"},
		{dir, "it is a directory"},
		{big, "larger than 5 MB (allowed up to 4 MB)"},
	} {
		if _, err := Load(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load(%s): err = %v, want %q", c.path, err, c.want)
		}
	}
}

func TestParseBoundsShape(t *testing.T) {
	src := head + "set = [" + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "]\n"
	if _, err := Parse("x.toml", "", []byte(src)); err == nil || !strings.Contains(err.Error(), "x.toml:3: arrays and inline tables nested deeper than 32 levels") {
		t.Errorf("err = %v", err)
	}
}

// Grid levels are written as given, without binary noise (issue 14: a
// level 0.6 was written 0.6000000000000001).
func TestGridLevelsTidy(t *testing.T) {
	src := head + "[[factor]]\npath = \"supervision.audit_probability\"\nmin = 0.2\nmax = 1.0\nlevels = 5\n"
	e, err := Parse("x.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"0.2", "0.4", "0.6", "0.8", "1"}; !reflect.DeepEqual(e.Factors[0].Values, want) {
		t.Errorf("levels %v, want %v", e.Factors[0].Values, want)
	}
}
