package abc

import (
	"cmp"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
)

// File names Write uses.
const (
	PosteriorFile   = "posterior.csv"
	GenerationsFile = "generations.csv"
	SummaryFile     = "posterior_summary.csv"
	// StatPrefix starts the names of posterior.csv's statistic columns.
	StatPrefix = "stat:"
)

// Summary is one parameter's posterior (the last generation's weighted
// particles) against its prior.
type Summary struct {
	Mean, Median float64
	// Low and High bound the 95 % credible interval (weighted 2.5 % and
	// 97.5 % quantiles).
	Low, High float64
	// PriorLow and PriorHigh are the prior's 2.5 % and 97.5 % quantiles;
	// WidthRatio is (High - Low) / (PriorHigh - PriorLow).
	PriorLow, PriorHigh, WidthRatio float64
}

// Summarize summarises each parameter of the last generation of st.
func Summarize(st *State, priors []Prior) []Summary {
	ps := st.Last().Particles
	out := make([]Summary, len(priors))
	for i, pr := range priors {
		s := Summary{PriorLow: pr.Quantile(0.025), PriorHigh: pr.Quantile(0.975)}
		for _, p := range ps {
			s.Mean += p.Weight * p.Theta[i]
		}
		s.Median = WeightedQuantile(ps, i, 0.5)
		s.Low, s.High = WeightedQuantile(ps, i, 0.025), WeightedQuantile(ps, i, 0.975)
		s.WidthRatio = (s.High - s.Low) / (s.PriorHigh - s.PriorLow)
		out[i] = s
	}
	return out
}

// WeightedQuantile is the p-quantile of parameter i over weighted
// particles: the smallest value whose cumulative weight reaches p.
func WeightedQuantile(ps []Particle, i int, p float64) float64 {
	s := slices.Clone(ps)
	slices.SortStableFunc(s, func(a, b Particle) int { return cmp.Compare(a.Theta[i], b.Theta[i]) })
	c := 0.0
	for _, q := range s {
		c += q.Weight
		if c >= p-1e-12 {
			return q.Theta[i]
		}
	}
	return s[len(s)-1].Theta[i]
}

func ff(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// Write writes st into dir: posterior.csv (every generation's particles:
// generation, particle, weight, distance, each parameter, each statistic
// as stat:NAME), generations.csv (generation, tolerance, simulations,
// acceptance, ess, cumulative simulations; generation 0's tolerance, +Inf,
// is written NA) and posterior_summary.csv
// (Summarize). Floats are written in full precision.
func Write(dir string, params, statNames []string, priors []Prior, st *State) error {
	var b strings.Builder
	head := append([]string{"generation", "particle", "weight", "distance"}, params...)
	for _, n := range statNames {
		head = append(head, StatPrefix+n)
	}
	b.WriteString(csvfmt.Line(head...))
	for _, g := range st.Generations {
		for k, p := range g.Particles {
			row := []string{strconv.Itoa(g.Index), strconv.Itoa(k), ff(p.Weight), ff(p.Distance)}
			for _, x := range p.Theta {
				row = append(row, ff(x))
			}
			for _, x := range p.Stats {
				row = append(row, ff(x))
			}
			b.WriteString(csvfmt.Line(row...))
		}
	}
	if err := fsutil.WriteFile(filepath.Join(dir, PosteriorFile), []byte(b.String())); err != nil {
		return err
	}
	b.Reset()
	b.WriteString(csvfmt.Line("generation", "tolerance", "simulations", "acceptance", "ess", "total_simulations"))
	total := 0
	for _, g := range st.Generations {
		total += g.Simulations
		tol := ff(g.Tolerance)
		if math.IsInf(g.Tolerance, 1) {
			tol = "NA" // generation 0 accepts every defined proposal
		}
		b.WriteString(csvfmt.Line(strconv.Itoa(g.Index), tol, strconv.Itoa(g.Simulations), ff(g.Acceptance), ff(g.ESS), strconv.Itoa(total)))
	}
	if err := fsutil.WriteFile(filepath.Join(dir, GenerationsFile), []byte(b.String())); err != nil {
		return err
	}
	b.Reset()
	b.WriteString(csvfmt.Line("parameter", "mean", "median", "ci_low", "ci_high", "prior_low", "prior_high", "width_ratio"))
	for i, s := range Summarize(st, priors) {
		b.WriteString(csvfmt.Line(params[i], ff(s.Mean), ff(s.Median), ff(s.Low), ff(s.High), ff(s.PriorLow), ff(s.PriorHigh), ff(s.WidthRatio)))
	}
	return fsutil.WriteFile(filepath.Join(dir, SummaryFile), []byte(b.String()))
}
