package plots

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// abcCSVs are an ABC-SMC calibration's posterior.csv (three generations
// of 40 particles of two parameters, one statistic) and generations.csv.
func abcCSVs() (posterior, generations string) {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("generation,particle,weight,distance,a,b[0].c,stat:T1\n")
	for g := range 3 {
		for k := range 40 {
			sd := 1 / float64(g+1)
			fmt.Fprintf(&b, "%d,%d,%g,%g,%g,%g,%g\n", g, k, 1.0/40, r.Float64(), r.NormFloat64()*sd, 0.5+r.NormFloat64()*sd/10, r.Float64())
		}
	}
	return b.String(), "generation,tolerance,simulations,acceptance,ess,total_simulations\n" +
		"0,NA,40,1,40,40\n1,1.2,80,0.5,38.5,120\n2,0.6,200,0.2,35.1,320\n"
}

func TestReadPosterior(t *testing.T) {
	dir := t.TempDir()
	post, gens := abcCSVs()
	p, err := ReadPosterior(writeFile(t, dir, PosteriorFile, post))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Params, []string{"a", "b[0].c"}) || p.Last() != 2 || len(p.rows(1)) != 40 {
		t.Fatalf("params %v, last %d", p.Params, p.Last())
	}
	g, err := ReadGenerations(writeFile(t, dir, GenerationsFile, gens))
	if err != nil || len(g) != 3 || g[2].Acceptance != 0.2 {
		t.Fatalf("%v %+v", err, g)
	}
	for name, c := range map[string]struct{ content, line, frag string }{
		"a.csv": {"generation,particle,weight\n0,0,1\n", "1", "no parameter column"},
		"b.csv": {"generation,weight,x\n-1,1,0.5\n", "2", "negative"},
		"c.csv": {"generation,weight,x\n0,-1,0.5\n", "2", "weight"},
		"d.csv": {"generation,weight,x\n0,1,zz\n", "2", `"zz"`},
		"e.csv": {"weight,x\n1,0.5\n", "1", "generation"},
		"f.csv": {"generation,weight,x\n0,inf,0.5\n", "2", "weight: +Inf is out of range"},
	} {
		p := writeFile(t, dir, name, c.content)
		_, err := ReadPosterior(p)
		wantErr(t, err, p, c.line, c.frag)
	}
}

func TestDrawAllABC(t *testing.T) {
	dir := t.TempDir()
	post, gens := abcCSVs()
	writeFile(t, dir, PosteriorFile, post)
	writeFile(t, dir, GenerationsFile, gens)
	paths, err := DrawAll(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	if want := []string{"abc_marginals.png", "abc_pairs.png", "abc_generations.png"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("drew %v, want %v", names, want)
	}
}

// TestABCTitles checks that Options.Title prefixes the ABC-SMC figures'
// titles as it does every other figure's ("NAME: ...").
func TestABCTitles(t *testing.T) {
	dir := t.TempDir()
	post, gens := abcCSVs()
	p, err := ReadPosterior(writeFile(t, dir, PosteriorFile, post))
	if err != nil {
		t.Fatal(err)
	}
	g, err := ReadGenerations(writeFile(t, dir, GenerationsFile, gens))
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Title: "baseline", Format: SVG}
	for want, draw := range map[string]func() (*Figure, error){
		"baseline: ABC-SMC posterior marginals":           func() (*Figure, error) { return MarginalsFigure(p, opt) },
		"baseline: ABC-SMC posterior pairs, generation 2": func() (*Figure, error) { return PairFigure(p, opt) },
		"baseline: ABC-SMC by generation":                 func() (*Figure, error) { return GenerationsFigure(g, opt) },
	} {
		fig, err := draw()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fig.Render(&b, SVG, 0); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b.Bytes(), []byte(">"+want+"<")) {
			t.Errorf("no title %q", want)
		}
	}
}

func FuzzReadPosterior(f *testing.F) {
	post, _ := abcCSVs()
	f.Add(post)
	f.Add("generation,weight,x\n0,1,NaN\n")
	f.Fuzz(func(t *testing.T, content string) {
		path := filepath.Join(t.TempDir(), PosteriorFile)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := ReadPosterior(path)
		if err != nil {
			return
		}
		for _, col := range p.Theta {
			if len(col) != len(p.Gen) {
				t.Fatal("ragged columns")
			}
		}
	})
}
