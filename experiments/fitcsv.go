package experiments

import (
	"fmt"
	"strings"
)

// FitFile is the file of calibration targets against the model that
// cogov calibrate and cogov patterns --out write.
const FitFile = "fit.csv" // target,observed,mean,ci_low,ci_high,tolerance,pass,reps,seed

// FitCSV returns fit.csv of the target checks among checks, from reps
// replications under master seed seed: the figure drawn from it names the
// runs it shows.
func FitCSV(checks []Check, reps int, seed uint64) []byte {
	var b strings.Builder
	b.WriteString(csvLine("target", "observed", "mean", "ci_low", "ci_high", "tolerance", "pass", "reps", "seed"))
	for _, ch := range checks {
		if ch.Kind != "target" {
			continue
		}
		b.WriteString(csvLine(ch.ID, formatFloat(ch.Observed), formatFloat(ch.Model.Mean),
			formatFloat(ch.Model.CILow), formatFloat(ch.Model.CIHigh), formatFloat(ch.Tolerance), fmt.Sprint(ch.Pass),
			fmt.Sprint(reps), fmt.Sprint(seed)))
	}
	return []byte(b.String())
}
