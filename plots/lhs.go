package plots

import "fmt"

// LHSFile is a Latin hypercube's sensitivity file DrawAll looks for:
// metric,factor,src,src_low,src_high,prcc,prcc_low,prcc_high,r2.
const LHSFile = "lhs.csv"

// LHS is one row of lhs.csv: a factor's standardised regression
// coefficient (SRC) and partial rank correlation coefficient (PRCC) on a
// metric, with 95 % intervals.
type LHS struct {
	Metric, Factor          string
	SRC, SRCLow, SRCHigh    float64
	PRCC, PRCCLow, PRCCHigh float64
}

// ReadLHS reads lhs.csv.
func ReadLHS(path string) ([]LHS, error) {
	t, err := readTable(path, "metric", "factor", "src", "prcc")
	if err != nil {
		return nil, err
	}
	out := make([]LHS, 0, len(t.rows))
	for i := range t.rows {
		r := LHS{Metric: t.str(i, "metric"), Factor: t.str(i, "factor")}
		if r.Metric == "" || r.Factor == "" {
			return nil, fmt.Errorf("%s:%d: metric and factor must not be empty", path, t.lines[i])
		}
		err := t.floats(i, []string{"src", "src_low", "src_high", "prcc", "prcc_low", "prcc_high"},
			&r.SRC, &r.SRCLow, &r.SRCHigh, &r.PRCC, &r.PRCCLow, &r.PRCCHigh)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// LHSFigure draws lhs.csv: per metric one panel of grouped horizontal
// bars, SRC and PRCC per factor with 95 % CI whiskers, on the scale
// -1 to 1.
func LHSFigure(rows []LHS, opt Options) (*Figure, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("plots: no LHS rows to draw")
	}
	pairs := make([]indexPair, len(rows))
	for i, r := range rows {
		pairs[i] = indexPair{r.Metric, r.Factor, [2][3]float64{{r.SRC, r.SRCLow, r.SRCHigh}, {r.PRCC, r.PRCCLow, r.PRCCHigh}}}
	}
	return pairFigure(pairs, pairSpec{title: "Latin hypercube sensitivity: SRC and PRCC", xlabel: "coefficient",
		names: [2]string{"SRC (standardised regression)", "PRCC (partial rank correlation)"}}, opt)
}
