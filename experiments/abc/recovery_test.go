package abc

import (
	"context"
	"testing"
)

// On the normal mean (uniform prior on [-5, 5], known variance) the 95 %
// credible intervals of 20 recoveries cover the truth at least 17 times
// (if the coverage is 0.95, fewer than 17 of 20 has probability 1.6 %),
// and the statistic identifies the mean (width ratio well under 0.5).
func TestRecoveryCoverage(t *testing.T) {
	cfg := Config{Priors: []Prior{Uniform{Lo: -5, Hi: 5}}, Particles: 300, Quantile: 0.5, Seed: 21,
		Generations: 30, Tolerance: 0.02, MinAcceptance: 0.01, Workers: 2}
	r, err := Recover(context.Background(), cfg, meanOf([][]float64{{1}}, 10), 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	cov, wr := r.Coverage(0)
	t.Logf("coverage %.2f, width ratio %.3f, %d simulations", cov, wr, r.Simulations)
	if cov < 0.85 || wr > 0.5 || Identified(wr) != "identified" || len(r.Rows) != 20 {
		t.Fatalf("coverage %.2f, width ratio %.3f, %d rows", cov, wr, len(r.Rows))
	}
}
