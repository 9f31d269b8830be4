package validate

import (
	"fmt"
	"strings"

	"cogov/experiments/internal/tomltable"
	"cogov/internal/csvfmt"
)

// FitFile is the file of calibration targets against the model that
// cogov calibrate and cogov patterns --out write.
const FitFile = "fit.csv" // target,observed,mean,ci_low,ci_high,tolerance,pass,reps,seed

// FitCSV returns fit.csv of the target checks among checks, from reps
// replications under master seed seed: the figure drawn from it names the
// runs it shows. A bound target (met at or above its observed value) has
// no tolerance band.
func FitCSV(checks []Check, reps int, seed uint64) []byte {
	var b strings.Builder
	b.WriteString(csvfmt.Line("target", "observed", "mean", "ci_low", "ci_high", "tolerance", "pass", "reps", "seed"))
	for _, ch := range checks {
		if ch.Kind != "target" {
			continue
		}
		tol := tomltable.FormatFloat(ch.Tolerance)
		if ch.Bound { // passes at or above Observed: no band around it
			tol = ""
		}
		b.WriteString(csvfmt.Line(ch.ID, tomltable.FormatFloat(ch.Observed), tomltable.FormatFloat(ch.Model.Mean),
			tomltable.FormatFloat(ch.Model.CILow), tomltable.FormatFloat(ch.Model.CIHigh), tol, fmt.Sprint(ch.Pass),
			fmt.Sprint(reps), fmt.Sprint(seed)))
	}
	return []byte(b.String())
}
