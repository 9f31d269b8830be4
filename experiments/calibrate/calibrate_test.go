package calibrate

import (
	"cogov/experiments/validate"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseCalibrationProblems(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown key", "name='x'\nscenario='baseline'\nrepz=3\n[[parameter]]\npath='government.weight_ties'\nmin=0\nmax=1\n", "x.toml:3: repz: unknown key"},
		{"not a parameter", "name='x'\nscenario='baseline'\n[[parameter]]\npath='government.weight_tie'\nmin=0\nmax=1\n", "x.toml:4: parameter[0].path: \"government.weight_tie\" is not a numeric scenario parameter"},
		{"range outside", "name='x'\nscenario='baseline'\n[[parameter]]\npath='supervision.audit_probability'\nmin=0\nmax=2\n", "parameter[0]: range [0, 2] leaves the parameter's allowed range"},
		{"min above max", "name='x'\nscenario='baseline'\n[[parameter]]\npath='government.weight_ties'\nmin=0.5\nmax=0.1\n", "min and max must be numbers with min < max"},
		{"unknown target", "name='x'\nscenario='baseline'\ntargets=['T9']\n[[parameter]]\npath='government.weight_ties'\nmin=0\nmax=1\n", "x.toml:3: targets: unknown target \"T9\""},
		{"no parameter", "name='x'\nscenario='baseline'\n", "parameter: no free parameter"},
		{"syntax", "name='x\n", "x.toml:1:"},
		{"name outside", "name='../../tmp/x'\nscenario='baseline'\n[[parameter]]\npath='government.weight_ties'\nmin=0\nmax=1\n", "x.toml:1: name: \"../../tmp/x\" starts with '.'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("x.toml", "", []byte(c.src))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestBuiltinCalibrationLoads(t *testing.T) {
	c, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	// The fit uses only the targets that carry information
	// (docs/CALIBRATION.md): community social work 2017 and 2018 and the
	// professional share.
	want := []string{"T2 community social work 2017", "T2 community social work 2018", "T3 professional"}
	if len(c.Params) == 0 || !slices.Equal(c.Targets, want) {
		t.Fatalf("%d parameters, targets %q, want %q", len(c.Params), c.Targets, want)
	}
}

// A small calibration runs, improves on nothing worse than its screen, and
// writes its files.
func TestCalibrateSmall(t *testing.T) {
	src := "name='small'\nscenario='baseline'\nset=['years=4']\nreps=2\nscreen=3\niterations=3\n" +
		"targets=['T2 elder care 2017']\n[[parameter]]\npath='government.weight_capacity'\nmin=0.1\nmax=0.5\n"
	c, err := Parse("small.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), c, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Evaluations) < 4 {
		t.Fatalf("%d evaluations, want screen 3 plus refinement", len(r.Evaluations))
	}
	if math.IsNaN(r.Best.Loss) || math.IsInf(r.Best.Loss, 0) {
		t.Fatalf("best loss %v", r.Best.Loss)
	}
	for _, e := range r.Evaluations {
		if e.Loss < r.Best.Loss {
			t.Fatalf("best loss %v is not the smallest (%v)", r.Best.Loss, e.Loss)
		}
	}
	dir := t.TempDir()
	if err := Write(dir, c, r); err != nil {
		t.Fatal(err)
	}
	targets := 0
	for _, tg := range validate.Targets() {
		if tg.Kind == "target" {
			targets++
		}
	}
	if len(r.Prior) != targets {
		t.Fatalf("%d prior ranges, want one per target (%d)", len(r.Prior), targets)
	}
	for _, p := range r.Prior {
		if p.N == 0 || !(p.Low <= p.High) {
			t.Errorf("prior of %s: [%v, %v] over %d points", p.ID, p.Low, p.High, p.N)
		}
	}
	for _, f := range []string{"calibration.csv", "fit.csv", "prior.csv", "best-sets.txt"} {
		if b, err := os.ReadFile(filepath.Join(dir, f)); err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", f, err)
		}
	}
}

// A calibration file meets the rule of every input file (issue 14:
// /dev/zero was read until memory ran out).
func TestLoadRefusesDevices(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"/dev/zero", "not a regular file"},
		{t.TempDir(), "it is a directory"},
	} {
		if _, err := Load(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Load(%s): err = %v, want %q", c.path, err, c.want)
		}
		if _, err := LoadPosterior(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadPosterior(%s): err = %v, want %q", c.path, err, c.want)
		}
	}
}

// Builtin tells a calibration loaded by name from one read from a file.
func TestBuiltin(t *testing.T) {
	c, err := Load("baseline")
	if err != nil || !c.Builtin() {
		t.Fatalf("Load(baseline): built-in %v, error %v", c != nil && c.Builtin(), err)
	}
	src := "name='x'\nscenario='baseline'\n[[parameter]]\npath='government.weight_ties'\nmin=0\nmax=1\n"
	p := filepath.Join(t.TempDir(), "x.toml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := Load(p); err != nil || f.Builtin() {
		t.Errorf("Load(%s): built-in %v, error %v", p, f != nil && f.Builtin(), err)
	}
}
