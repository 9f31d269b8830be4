package calibrate

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	xstats "golang.org/x/exp/stats"

	"cogov/experiments/design"
	"cogov/experiments/internal/tomltable"
	"cogov/experiments/validate"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// PriorRange is a calibration target's prior-predictive spread: the 5 %
// and 95 % quantiles of its statistic over a Latin hypercube of the free
// parameters' ranges, one run per point.
type PriorRange struct {
	ID        string
	Low, High float64
	// N is the number of points where the statistic was defined.
	N int
}

// Width is High minus Low: about 0 for a target the rules fix.
func (p PriorRange) Width() float64 { return p.High - p.Low }

// PriorPredictive runs one replication at each of points Latin-hypercube
// points of c's parameter ranges (point i is run i of master seed c.Seed,
// the hypercube drawn from the same seed) and returns every calibration
// target's 5-95 % range, in the order of validate.Targets.
func PriorPredictive(ctx context.Context, c *Calibration, points int) ([]PriorRange, error) {
	var targets []validate.Target
	for _, t := range validate.Targets() {
		if t.Kind == "target" {
			targets = append(targets, t)
		}
	}
	values := make([][]float64, len(targets))
	rng := rand.New(rand.NewPCG(c.Seed, 0x7072696f72)) // "prior"
	for i, u := range design.LatinHypercube(points, len(c.Params), rng) {
		s, err := scenarios.Load(c.scenarioRef(), c.sets(u))
		if err != nil {
			return nil, err
		}
		r, err := sim.RunContext(ctx, s, c.Seed, uint64(i), s.Years, false)
		if err != nil {
			return nil, err
		}
		f := validate.FrameOf(s)
		for j, t := range targets {
			if v := t.Stat(r, f); !math.IsNaN(v) {
				values[j] = append(values[j], v)
			}
		}
	}
	out := make([]PriorRange, len(targets))
	for j, t := range targets {
		out[j] = PriorRange{ID: t.ID, Low: math.NaN(), High: math.NaN(), N: len(values[j])}
		if len(values[j]) > 0 {
			v := slices.Clone(values[j])
			slices.Sort(v)
			q := xstats.Quantiles(v, 0.05, 0.95)
			out[j].Low, out[j].High = q[0], q[1]
		}
	}
	return out, nil
}

// writePrior writes prior.csv: target, p05, p95, n, fitted.
func writePrior(dir string, c *Calibration, prior []PriorRange) error {
	var b strings.Builder
	b.WriteString(csvfmt.Line("target", "p05", "p95", "n", "fitted"))
	for _, p := range prior {
		b.WriteString(csvfmt.Line(p.ID, tomltable.FormatFloat(p.Low), tomltable.FormatFloat(p.High),
			strconv.Itoa(p.N), strconv.FormatBool(slices.Contains(c.Targets, p.ID))))
	}
	return fsutil.WriteFile(filepath.Join(dir, "prior.csv"), []byte(b.String()))
}
