package calibrate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const posteriorCSV = "generation,particle,weight,distance,government.weight_ties,government.max_awards_per_agency,stat:T3 professional\n" +
	"0,0,0.5,1,0.1,5,0.4\n0,1,0.5,2,0.2,6,0.5\n" +
	"1,0,0.25,0.5,0.3,2.4,0.45\n1,1,0.75,0.4,0.35,3.6,0.5\n"

func writePosterior(t testing.TB, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "posterior.csv")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The last generation is kept; draws follow the weights, depend only on
// (seed, run), and round integer parameters.
func TestLoadPosteriorAndDraw(t *testing.T) {
	p, err := LoadPosterior(writePosterior(t, posteriorCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Theta) != 2 || !reflect.DeepEqual(p.Params, []string{"government.weight_ties", "government.max_awards_per_agency"}) {
		t.Fatalf("%+v", p)
	}
	counts := map[string]int{}
	for run := range uint64(400) {
		d := p.Draw(7, run)
		counts[strings.Join(d, " ")]++
		if !reflect.DeepEqual(d, p.Draw(7, run)) {
			t.Fatal("draw not deterministic")
		}
	}
	a, b := counts["government.weight_ties=0.3 government.max_awards_per_agency=2"], counts["government.weight_ties=0.35 government.max_awards_per_agency=4"]
	if a+b != 400 || b < 260 || b > 340 {
		t.Fatalf("draws %v, want about 100 and 300", counts)
	}
}

func TestLoadPosteriorProblems(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"not a parameter", "generation,weight,government.weight_tie\n0,1,0.1\n", `:1: column "government.weight_tie": not a numeric scenario parameter`},
		{"no weight", "generation,government.weight_ties\n0,0.1\n", ":1: header: want generation, weight and parameter columns"},
		{"bad weight", "generation,weight,government.weight_ties\n0,-1,0.1\n", ":2: weight: \"-1\" (allowed: a finite number >= 0)"},
		{"out of range", "generation,weight,government.weight_ties\n0,1,1.5\n", ":2: government.weight_ties: \"1.5\" (allowed: 0-1)"},
		{"generation order", "generation,weight,government.weight_ties\n1,1,0.1\n0,1,0.1\n", ":3: generation: 0 after 1"},
		{"fields", "generation,weight,government.weight_ties\n0,1\n", ":2: "},
		{"zero weights", "generation,weight,government.weight_ties\n0,0,0.1\n", "no particle with a positive weight"},
		{"empty", "", ":1: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadPosterior(writePosterior(t, c.content))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

func FuzzLoadPosterior(f *testing.F) {
	f.Add(posteriorCSV)
	f.Add("generation,weight,government.weight_ties\n0,1,NaN\n")
	f.Fuzz(func(t *testing.T, content string) {
		p, err := LoadPosterior(writePosterior(t, content))
		if err != nil {
			return
		}
		if d := p.Draw(1, 0); len(d) != len(p.Params) {
			t.Fatalf("draw %v", d)
		}
	})
}

// The built-in posterior of the baseline loads: the last generation of
// the ABC-SMC run of docs/CALIBRATION.md over the calibration's ten
// parameters.
func TestDefaultPosterior(t *testing.T) {
	p, err := LoadPosterior(DefaultPosterior)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load("baseline")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Theta) != c.ABC.Particles || len(p.Params) != len(c.Params) || !reflect.DeepEqual(p.Fitted, c.FittedIDs()) {
		t.Fatalf("%d particles of %v fitted to %v", len(p.Theta), p.Params, p.Fitted)
	}
	for i, path := range p.Params {
		if path != c.Params[i].Path {
			t.Fatalf("parameter %d is %s, the calibration's is %s", i, path, c.Params[i].Path)
		}
	}
}
