package calibrate

import (
	"math"

	"cogov/experiments/abc"
	"cogov/experiments/internal/tomltable"
)

// ABCSettings are the [abc] table of a calibration file: the settings of
// cogov calibrate --method abc-smc (docs/CALIBRATION.md, ABC-SMC).
type ABCSettings struct {
	// Particles is the population size; Generations the most
	// generations, generation 0 (the prior) included.
	Particles, Generations int
	// Quantile sets each tolerance as that quantile of the previous
	// generation's distances.
	Quantile float64
	// MinAcceptance, Budget and Tolerance are the other stopping rules
	// (0: not used): stop after a generation accepting fewer than that
	// share of its simulations, before one that the budget of
	// simulations cannot complete, after one whose tolerance reaches
	// Tolerance.
	MinAcceptance float64
	Budget        int
	Tolerance     float64
	// Spread standardises the statistics: "mad" or "sd".
	Spread string
	// Reps is the number of replications per particle (default the
	// file's reps); a particle's statistics are the targets' means over
	// them.
	Reps int
}

var abcKeys = []string{"particles", "generations", "quantile", "min_acceptance", "budget", "tolerance", "spread", "reps"}

// parseABC reads the [abc] table; reps is the file's reps, the default.
func parseABC(t tomltable.Table, reps int) ABCSettings {
	t.Known(abcKeys)
	s := ABCSettings{
		Particles:     t.Int("particles", 200, 4, 100000),
		Generations:   t.Int("generations", 10, 1, 1000),
		Quantile:      floatIn(t, "quantile", 0.5, 0, 1, false),
		MinAcceptance: floatIn(t, "min_acceptance", 0.02, 0, 1, true),
		Budget:        t.Int("budget", 0, 0, math.MaxInt32),
		Tolerance:     floatIn(t, "tolerance", 0, 0, math.Inf(1), true),
		Spread:        t.Str("spread", false),
		Reps:          t.Int("reps", reps, 1, 10000),
	}
	switch s.Spread {
	case "":
		s.Spread = abc.MAD
	case abc.MAD, abc.SD:
	default:
		t.P.Add(t.Key("spread"), "%q (allowed: %s, %s)", s.Spread, abc.MAD, abc.SD)
	}
	if s.MinAcceptance == 0 && s.Budget == 0 {
		t.P.Add(t.Key("min_acceptance"), "0 with no budget leaves the run unbounded (allowed: min_acceptance > 0 or budget > 0)")
	}
	return s
}

// floatIn returns the number at k, def when absent; it must lie in
// (lo, hi), or [lo, hi) when loClosed.
func floatIn(t tomltable.Table, k string, def, lo, hi float64, loClosed bool) float64 {
	v, ok := t.Float(k)
	if !ok {
		return def
	}
	if v < lo || (v == lo && !loClosed) || v >= hi {
		open := "("
		if loClosed {
			open = "["
		}
		t.P.Add(t.Key(k), "%s is out of range (allowed: %s%s, %s))", tomltable.FormatFloat(v), open, tomltable.FormatFloat(lo), tomltable.FormatFloat(hi))
		return def
	}
	return v
}

// parsePrior reads a [[parameter]] table's prior, mean and sd into p.
func parsePrior(t tomltable.Table, p *Param) {
	p.Prior = t.Str("prior", false)
	mean, hasMean := t.Float("mean")
	sd, hasSD := t.Float("sd")
	switch p.Prior {
	case "", "uniform":
		p.Prior = "uniform"
		if hasMean || hasSD {
			t.P.Add(t.Key("prior"), "mean and sd need prior = \"normal\" (allowed: uniform, normal)")
		}
	case "normal":
		switch {
		case !hasMean || !hasSD:
			t.P.Add(t.Key("prior"), "a normal prior needs mean and sd")
		case !(sd > 0):
			t.P.Add(t.Key("sd"), "%s (allowed: a number > 0)", tomltable.FormatFloat(sd))
		case p.Min < p.Max && (mean < p.Min || mean > p.Max):
			t.P.Add(t.Key("mean"), "%s lies outside [min, max] (allowed: min <= mean <= max)", tomltable.FormatFloat(mean))
		}
		p.Mean, p.SD = mean, sd
	default:
		t.P.Add(t.Key("prior"), "%q (allowed: uniform, normal)", p.Prior)
	}
}

// abcPrior is p's prior for the sampler.
func (p Param) abcPrior() abc.Prior {
	if p.Prior == "normal" {
		return abc.Normal{Mean: p.Mean, SD: p.SD, Lo: p.Min, Hi: p.Max}
	}
	return abc.Uniform{Lo: p.Min, Hi: p.Max}
}
