package calibrate

import (
	"strings"
	"testing"
)

func TestBuiltinABCSettings(t *testing.T) {
	cases := []struct {
		name           string
		particles, gen int
		params         int
	}{
		{"baseline", 100, 6, 9},
		{"baseline-recovery", 40, 4, 3},
	}
	for _, c := range cases {
		cal, err := Load(c.name)
		if err != nil {
			t.Fatal(err)
		}
		if cal.ABC.Particles != c.particles || cal.ABC.Generations != c.gen || len(cal.Params) != c.params || cal.ABC.Spread != "mad" {
			t.Errorf("%s: %+v, %d parameters", c.name, cal.ABC, len(cal.Params))
		}
	}
}

// Defaults of the [abc] table, and its reps falling back to the file's.
func TestABCDefaults(t *testing.T) {
	src := "name='x'\nscenario='baseline'\nreps=7\n[[parameter]]\npath='government.weight_ties'\nmin=0\nmax=1\n"
	c, err := Parse("x.toml", "", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := ABCSettings{Particles: 200, Generations: 10, Quantile: 0.5, MinAcceptance: 0.02, Spread: "mad", Reps: 7}
	if c.ABC != want || c.Params[0].Prior != "uniform" {
		t.Fatalf("%+v, prior %q", c.ABC, c.Params[0].Prior)
	}
	_, err = Parse("x.toml", "", []byte(src+"[abc]\nbudget=-1\ntolerance=-0.5\n"))
	for _, frag := range []string{"x.toml:9: abc.budget: -1 is out of range", "x.toml:10: abc.tolerance: -0.5 is out of range"} {
		if err == nil || !strings.Contains(err.Error(), frag) {
			t.Errorf("got %v, want %q", err, frag)
		}
	}
}
