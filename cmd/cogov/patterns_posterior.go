package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"text/tabwriter"

	xstats "golang.org/x/exp/stats"

	"cogov/experiments/calibrate"
	"cogov/experiments/validate"
)

// predictive is the 2.5-97.5 % range of a statistic's defined values run
// by run: with parameters drawn from the posterior per replication, the
// 95 % posterior predictive interval of one realisation.
func predictive(values []float64) (lo, hi float64, n int) {
	var v []float64
	for _, x := range values {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN(), math.NaN(), 0
	}
	slices.Sort(v)
	q := xstats.Quantiles(v, 0.025, 0.975)
	return q[0], q[1], len(v)
}

// printPredictive prints every target and pattern against its observed
// value or threshold as a posterior predictive interval, marking the
// targets the posterior was fitted to (a check of those is not
// independent of the fit).
func printPredictive(w io.Writer, post *calibrate.Posterior, checks []validate.Check) {
	fmt.Fprintf(w, "\nPosterior predictive check: each replication drew its parameters from %s (%d particles);\n"+
		"95 %% predictive interval of the statistic run by run, against the observed value or threshold.\n", post.File, len(post.Theta))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tobserved or threshold\tpredictive 95 %\truns\tinside\tused in the fit")
	for _, c := range checks {
		lo, hi, n := predictive(c.Values)
		var ref string
		var inside bool
		switch {
		case c.Kind == "target" && c.Bound:
			ref, inside = fmt.Sprintf(">= %.3f", c.Observed), hi >= c.Observed
		case c.Kind == "target":
			ref, inside = fmt.Sprintf("%.3f", c.Observed), lo <= c.Observed && c.Observed <= hi
		case c.Above:
			ref, inside = fmt.Sprintf(">= %.3f", c.Threshold), hi >= c.Threshold
		default:
			ref, inside = fmt.Sprintf("<= %.3f", c.Threshold), lo <= c.Threshold
		}
		fitted := "no"
		if slices.Contains(post.Fitted, c.ID) {
			fitted = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t[%.3f, %.3f]\t%d\t%v\t%s\n", c.ID, ref, lo, hi, n, inside, fitted)
	}
	tw.Flush()
}
