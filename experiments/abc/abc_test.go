package abc

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// meanOf simulates the sample mean of n draws from N(theta[i], 1) for each
// parameter, through the linear map h: statistic j is the mean of n draws
// from N(Σ_i h[j][i] θ_i, 1), drawn directly as N(Σ h θ, 1/n), its exact
// sampling distribution.
func meanOf(h [][]float64, n int) Simulator {
	return func(_ context.Context, theta []float64, seed uint64) ([]float64, error) {
		r := rand.New(rand.NewPCG(seed, 1))
		out := make([]float64, len(h))
		for j, row := range h {
			mu := 0.0
			for i, c := range row {
				mu += c * theta[i]
			}
			out[j] = mu + r.NormFloat64()/math.Sqrt(float64(n))
		}
		return out, nil
	}
}

// weighted mean, SD and correlation of the last generation.
func moments(st *State) (mean, sd []float64, corr float64) {
	ps := st.Last().Particles
	k := len(ps[0].Theta)
	mean, sd = make([]float64, k), make([]float64, k)
	for _, p := range ps {
		for i, x := range p.Theta {
			mean[i] += p.Weight * x
		}
	}
	cov01 := 0.0
	for _, p := range ps {
		for i, x := range p.Theta {
			sd[i] += p.Weight * (x - mean[i]) * (x - mean[i])
		}
		if k > 1 {
			cov01 += p.Weight * (p.Theta[0] - mean[0]) * (p.Theta[1] - mean[1])
		}
	}
	for i := range sd {
		sd[i] = math.Sqrt(sd[i])
	}
	if k > 1 {
		corr = cov01 / (sd[0] * sd[1])
	}
	return mean, sd, corr
}

// The normal mean with known variance: n = 10 draws of N(θ, 1) with
// sample mean 1. Under the conjugate prior N(0, 1) the posterior is
// N(10/11, 1/11); under the uniform prior on [-5, 5] it is (to 1e-50)
// N(1, 1/10). ABC-SMC to a standardised tolerance of 0.02 must give the
// posterior mean within 0.05 and the posterior SD within 10 %.
func TestNormalMeanKnownPosterior(t *testing.T) {
	cases := []struct {
		name         string
		prior        Prior
		mean, sd     float64
		particles    int
		tolerance    float64
		wantStopped  string
		wantMaxGens  int
		wantMinSteps int
	}{
		{"conjugate normal prior", Normal{Mean: 0, SD: 1, Lo: math.Inf(-1), Hi: math.Inf(1)}, 10.0 / 11, math.Sqrt(1.0 / 11), 600, 0.02, StopTolerance, 30, 3},
		{"uniform prior", Uniform{Lo: -5, Hi: 5}, 1, math.Sqrt(0.1), 600, 0.01, StopTolerance, 30, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{Priors: []Prior{c.prior}, Observed: []float64{1}, Particles: c.particles, Quantile: 0.5,
				Seed: 7, Generations: c.wantMaxGens, Tolerance: c.tolerance, MinAcceptance: 0.005, Workers: 2}
			st, err := Run(context.Background(), cfg, meanOf([][]float64{{1}}, 10), nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.Stopped != c.wantStopped || len(st.Generations) < c.wantMinSteps {
				t.Fatalf("stopped by %q after %d generations", st.Stopped, len(st.Generations))
			}
			mean, sd, _ := moments(st)
			t.Logf("%d generations, %d simulations: mean %.4f (want %.4f), sd %.4f (want %.4f)", len(st.Generations), st.Simulations(), mean[0], c.mean, sd[0], c.sd)
			if math.Abs(mean[0]-c.mean) > 0.05 || math.Abs(sd[0]/c.sd-1) > 0.10 {
				t.Fatalf("posterior mean %.4f sd %.4f, want %.4f and %.4f", mean[0], sd[0], c.mean, c.sd)
			}
			sum := Summarize(st, cfg.Priors)[0]
			if !(sum.Low < c.mean && c.mean < sum.High) || sum.WidthRatio <= 0 || sum.WidthRatio >= 1 {
				t.Fatalf("summary %+v", sum)
			}
		})
	}
}

// Two parameters with correlated posterior: statistic 1 is the mean of 10
// draws of N(a, 1), statistic 2 the mean of 10 draws of N(a + b, 1),
// observed (1, 0.5), priors a, b ~ N(0, 4). The posterior is normal with
// precision P = I/4 + 10 HᵀH and mean P⁻¹ 10 Hᵀ s (H = [[1 0] [1 1]]):
// means within 0.05, SDs within 12 %, correlation within 0.1.
func TestTwoParameterKnownPosterior(t *testing.T) {
	h := [][]float64{{1, 0}, {1, 1}}
	obs := []float64{1, 0.5}
	prec := mat.NewSymDense(2, []float64{0.25 + 20, 10, 10, 0.25 + 10})
	var cov mat.Dense
	if err := cov.Inverse(prec); err != nil {
		t.Fatal(err)
	}
	var mu mat.VecDense
	mu.MulVec(&cov, mat.NewVecDense(2, []float64{10 * (obs[0] + obs[1]), 10 * obs[1]}))
	wantSD := []float64{math.Sqrt(cov.At(0, 0)), math.Sqrt(cov.At(1, 1))}
	wantCorr := cov.At(0, 1) / (wantSD[0] * wantSD[1])

	inf := math.Inf(1)
	pr := Normal{Mean: 0, SD: 2, Lo: -inf, Hi: inf}
	cfg := Config{Priors: []Prior{pr, pr}, Observed: obs, Particles: 800, Quantile: 0.5, Seed: 11,
		Generations: 40, Tolerance: 0.03, MinAcceptance: 0.003, Workers: 2}
	st, err := Run(context.Background(), cfg, meanOf(h, 10), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Stopped != StopTolerance {
		t.Fatalf("stopped by %q at tolerance %v", st.Stopped, st.Last().Tolerance)
	}
	mean, sd, corr := moments(st)
	t.Logf("%d generations, %d simulations: means %.4f %.4f (want %.4f %.4f), sds %.4f %.4f (want %.4f %.4f), corr %.3f (want %.3f)",
		len(st.Generations), st.Simulations(), mean[0], mean[1], mu.AtVec(0), mu.AtVec(1), sd[0], sd[1], wantSD[0], wantSD[1], corr, wantCorr)
	for i := range 2 {
		if math.Abs(mean[i]-mu.AtVec(i)) > 0.05 || math.Abs(sd[i]/wantSD[i]-1) > 0.12 {
			t.Errorf("parameter %d: mean %.4f sd %.4f, want %.4f and %.4f", i, mean[i], sd[i], mu.AtVec(i), wantSD[i])
		}
	}
	if math.Abs(corr-wantCorr) > 0.1 {
		t.Errorf("correlation %.3f, want %.3f", corr, wantCorr)
	}
}

// The stopping rules end the run for the reason they name.
func TestStoppingRules(t *testing.T) {
	base := Config{Priors: []Prior{Uniform{-5, 5}}, Observed: []float64{1}, Particles: 50, Quantile: 0.5, Seed: 3, Workers: 2}
	cases := []struct {
		name string
		edit func(*Config)
		want string
		gens int
	}{
		{"generations", func(c *Config) { c.Generations, c.MinAcceptance = 3, 0.01 }, StopGenerations, 3},
		{"budget", func(c *Config) { c.Generations, c.Budget = 50, 400 }, StopBudget, 0},
		{"acceptance", func(c *Config) { c.Generations, c.MinAcceptance = 50, 0.3 }, StopAcceptance, 0},
		{"tolerance", func(c *Config) { c.Generations, c.MinAcceptance, c.Tolerance = 50, 0.001, 0.2 }, StopTolerance, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := base
			c.edit(&cfg)
			st, err := Run(context.Background(), cfg, meanOf([][]float64{{1}}, 10), nil)
			if err != nil {
				t.Fatal(err)
			}
			if st.Stopped != c.want || (c.gens > 0 && len(st.Generations) != c.gens) {
				t.Fatalf("stopped by %q after %d generations", st.Stopped, len(st.Generations))
			}
			if cfg.Budget > 0 && st.Simulations() > cfg.Budget {
				t.Fatalf("%d simulations, budget %d", st.Simulations(), cfg.Budget)
			}
			if c.want == StopTolerance && st.Last().Tolerance > cfg.Tolerance {
				t.Fatalf("last tolerance %v", st.Last().Tolerance)
			}
		})
	}
}

func TestConfigProblems(t *testing.T) {
	ok := Config{Priors: []Prior{Uniform{0, 1}}, Observed: []float64{1}, Particles: 10, Quantile: 0.5, Generations: 2, MinAcceptance: 0.1}
	cases := []struct {
		name string
		edit func(*Config)
	}{
		{"no prior", func(c *Config) { c.Priors = nil }},
		{"few particles", func(c *Config) { c.Particles = 3 }},
		{"quantile", func(c *Config) { c.Quantile = 1 }},
		{"spread", func(c *Config) { c.Spread = "iqr" }},
		{"unbounded", func(c *Config) { c.MinAcceptance = 0 }},
		{"lower flags", func(c *Config) { c.Lower = []bool{true, false} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.edit(&cfg)
			if _, err := Run(context.Background(), cfg, meanOf([][]float64{{1}}, 10), nil); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
