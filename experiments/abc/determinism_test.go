package abc

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

func twoParam(workers int) Config {
	pr := Uniform{Lo: -4, Hi: 4}
	return Config{Priors: []Prior{pr, pr}, Observed: []float64{1, 0.5}, Particles: 120, Quantile: 0.4, Seed: 5,
		Generations: 5, MinAcceptance: 0.01, Workers: workers}
}

// written runs Write on st and returns the files' bytes, the state's too.
func written(t *testing.T, cfg Config, st *State) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, []string{"a", "b"}, []string{"s1", "s2"}, cfg.Priors, st); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range []string{PosteriorFile, GenerationsFile, SummaryFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	b, err := st.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	out["state"] = b
	return out
}

func sameFiles(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs", name)
		}
	}
}

// One worker and three give byte-identical files.
func TestDeterministicAcrossWorkers(t *testing.T) {
	sim := meanOf([][]float64{{1, 0}, {1, 1}}, 10)
	var files []map[string][]byte
	for _, w := range []int{1, 3} {
		cfg := twoParam(w)
		st, err := Run(context.Background(), cfg, sim, nil)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, written(t, cfg, st))
	}
	sameFiles(t, files[0], files[1])
}

// A run cancelled after generation 2 and resumed from its saved state
// writes what the uninterrupted run writes.
func TestResume(t *testing.T) {
	sim := meanOf([][]float64{{1, 0}, {1, 1}}, 10)
	cfg := twoParam(2)
	full, err := Run(context.Background(), cfg, sim, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := written(t, cfg, full)

	ctx, cancel := context.WithCancel(context.Background())
	var saved []byte
	cut := cfg
	cut.Checkpoint = func(s *State) error {
		b, err := s.Marshal()
		saved = b
		if len(s.Generations) == 3 {
			cancel()
		}
		return err
	}
	if _, err := Run(ctx, cut, sim, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	st, err := UnmarshalState(saved)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Generations) != 3 {
		t.Fatalf("saved %d generations", len(st.Generations))
	}
	cfg.Workers = 1
	got, err := Run(context.Background(), cfg, sim, st)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, want, written(t, cfg, got))

	other := cfg
	other.Seed++
	st, _ = UnmarshalState(saved)
	if _, err := Run(context.Background(), other, sim, st); err == nil {
		t.Fatal("resumed under another seed")
	}
}

func FuzzUnmarshalState(f *testing.F) {
	st, err := Run(context.Background(), Config{Priors: []Prior{Uniform{0, 1}}, Observed: []float64{0.5}, Particles: 4,
		Quantile: 0.5, Generations: 2, MinAcceptance: 0.01}, meanOf([][]float64{{1}}, 10), nil)
	if err != nil {
		f.Fatal(err)
	}
	b, _ := st.Marshal()
	f.Add(b)
	f.Add([]byte(`{"format":1,"generations":[{"index":0,"tolerance":"x","particles":[{}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := UnmarshalState(b)
		if err == nil && len(s.Generations) == 0 {
			t.Fatal("a state without generations")
		}
	})
}

// Cancelling in the middle of a generation drops that generation: Run
// returns the complete ones, as the last checkpoint saved them.
func TestCancelMidGeneration(t *testing.T) {
	inner := meanOf([][]float64{{1, 0}, {1, 1}}, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int64
	sim := func(ctx context.Context, theta []float64, seed uint64) ([]float64, error) {
		if calls.Add(1) == 300 {
			cancel()
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return inner(ctx, theta, seed)
	}
	cfg := twoParam(3)
	saved := 0
	cfg.Checkpoint = func(s *State) error { saved = len(s.Generations); return nil }
	st, err := Run(ctx, cfg, sim, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	if len(st.Generations) == 0 || len(st.Generations) != saved || len(st.Generations) >= cfg.Generations {
		t.Fatalf("%d generations returned, %d saved", len(st.Generations), saved)
	}
	for _, g := range st.Generations {
		if len(g.Particles) != cfg.Particles {
			t.Fatalf("generation %d has %d particles", g.Index, len(g.Particles))
		}
	}
}
