package plots

import "fmt"

// Effect is one row of effects.csv: the estimated effect of a treatment
// (or interaction such as "dynamics:risk") on a metric, with its 95 % CI.
type Effect struct {
	Metric   string
	Effect   string
	Estimate float64
	CILow    float64
	CIHigh   float64
}

// ReadEffects reads effects.csv (metric,effect,estimate,ci_low,ci_high).
func ReadEffects(path string) ([]Effect, error) {
	t, err := readTable(path, "metric", "effect", "estimate", "ci_low", "ci_high")
	if err != nil {
		return nil, err
	}
	out := make([]Effect, 0, len(t.rows))
	for i := range t.rows {
		e := Effect{Metric: t.str(i, "metric"), Effect: t.str(i, "effect")}
		if e.Metric == "" || e.Effect == "" {
			return nil, fmt.Errorf("%s:%d: metric and effect must not be empty", path, t.lines[i])
		}
		err := t.floats(i, []string{"estimate", "ci_low", "ci_high"}, &e.Estimate, &e.CILow, &e.CIHigh)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Morris is one row of morris.csv: elementary-effect statistics of one
// factor for one metric.
type Morris struct {
	Metric     string
	Factor     string
	Mu         float64 // mean elementary effect (NaN if absent)
	MuStar     float64 // mean absolute elementary effect
	Sigma      float64 // standard deviation of the elementary effects
	MuStarLow  float64 // lower CI bound of MuStar (NaN if absent)
	MuStarHigh float64 // upper CI bound of MuStar (NaN if absent)
}

// ReadMorris reads morris.csv
// (metric,factor,mu,mu_star,sigma,mu_star_low,mu_star_high). metric,
// factor, mu_star and sigma are required; the rest may be absent.
func ReadMorris(path string) ([]Morris, error) {
	t, err := readTable(path, "metric", "factor", "mu_star", "sigma")
	if err != nil {
		return nil, err
	}
	out := make([]Morris, 0, len(t.rows))
	for i := range t.rows {
		m := Morris{Metric: t.str(i, "metric"), Factor: t.str(i, "factor")}
		if m.Metric == "" || m.Factor == "" {
			return nil, fmt.Errorf("%s:%d: metric and factor must not be empty", path, t.lines[i])
		}
		err := t.floats(i, []string{"mu", "mu_star", "sigma", "mu_star_low", "mu_star_high"},
			&m.Mu, &m.MuStar, &m.Sigma, &m.MuStarLow, &m.MuStarHigh)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Sobol is one row of sobol.csv: first-order (S1) and total (ST) Sobol
// indices of one factor for one metric, with CI bounds.
type Sobol struct {
	Metric string
	Factor string
	S1     float64
	S1Low  float64 // NaN if absent
	S1High float64 // NaN if absent
	ST     float64
	STLow  float64 // NaN if absent
	STHigh float64 // NaN if absent
}

// ReadSobol reads sobol.csv (metric,factor,s1,s1_low,s1_high,st,st_low,
// st_high). metric, factor, s1 and st are required; the CI bounds may be
// absent.
func ReadSobol(path string) ([]Sobol, error) {
	t, err := readTable(path, "metric", "factor", "s1", "st")
	if err != nil {
		return nil, err
	}
	out := make([]Sobol, 0, len(t.rows))
	for i := range t.rows {
		s := Sobol{Metric: t.str(i, "metric"), Factor: t.str(i, "factor")}
		if s.Metric == "" || s.Factor == "" {
			return nil, fmt.Errorf("%s:%d: metric and factor must not be empty", path, t.lines[i])
		}
		err := t.floats(i, []string{"s1", "s1_low", "s1_high", "st", "st_low", "st_high"},
			&s.S1, &s.S1Low, &s.S1High, &s.ST, &s.STLow, &s.STHigh)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// distinct returns the distinct values of key over n items in order of
// first appearance.
func distinct(n int, key func(i int) string) []string {
	var out []string
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		k := key(i)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
