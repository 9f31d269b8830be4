package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"text/tabwriter"

	"cogov/experiments/calibrate"
	"cogov/experiments/stats"
	"cogov/experiments/validate"
)

// errFailed makes the command exit with status 1 after printing its report.
var errFailed = errors.New("some targets failed")

func cmdPatterns(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("patterns", stderr)
	ref := fs.String("scenario", "baseline", "built-in scenario `NAME` or FILE.toml")
	reps := fs.Int("reps", 30, "replications per scenario")
	seed := fs.Uint64("seed", 1, "master seed")
	workers := fs.Int("workers", runtime.NumCPU(), "parallel runs")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	calFile := fs.String("calibration", "baseline", "calibration `NAME` or FILE.toml whose parameter ranges give the targets' prior-predictive ranges")
	priorPoints := fs.Int("prior-points", 64, "Latin-hypercube points of the prior-predictive ranges (0: none)")
	var sets setFlags
	fs.Var(&sets, "set", "override a parameter, `path=value` (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *reps < 2 || *reps > 100000 {
		return badInput("--reps %d: allowed 2-100000 (a confidence interval needs two runs)", *reps)
	}
	if *priorPoints < 0 || *priorPoints > 100000 {
		return badInput("--prior-points %d: allowed 0-100000", *priorPoints)
	}
	if _, err := loadScenario(*ref, sets); err != nil {
		return err
	}
	var cal *calibrate.Calibration
	if *priorPoints > 0 {
		c, err := calibrate.Load(*calFile)
		if err != nil {
			return usageError{err}
		}
		cal = c
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	checks, err := validate.Evaluate(ctx, *ref,
		validate.Options{Reps: *reps, Workers: *workers, Seed: *seed, Sets: sets})
	if err != nil {
		return err
	}
	var prior []calibrate.PriorRange
	if cal != nil {
		if prior, err = calibrate.PriorPredictive(ctx, cal, *priorPoints); err != nil {
			return err
		}
	}
	if *asJSON {
		if err := writePatternsJSON(stdout, *ref, *reps, *seed, checks, prior); err != nil {
			return err
		}
	} else {
		printPatterns(stdout, *ref, *reps, *seed, checks, prior)
	}
	if !validate.AllHold(checks) {
		return errFailed
	}
	return nil
}

func priorOf(prior []calibrate.PriorRange, id string) (calibrate.PriorRange, bool) {
	for _, p := range prior {
		if p.ID == id {
			return p, true
		}
	}
	return calibrate.PriorRange{}, false
}

func printPatterns(w io.Writer, ref string, reps int, seed uint64, checks []validate.Check, prior []calibrate.PriorRange) {
	fmt.Fprintf(w, "Scenario %q, %d replications from seed %d; means with 95 %% CIs over replications (replication noise only).\n\n", ref, reps, seed)
	fmt.Fprintln(w, "Calibration targets")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tobserved\tmodel\tprior 5-95 %\tresult")
	for _, c := range checks {
		if c.Kind != "target" {
			continue
		}
		obs := fmt.Sprintf("%.3f ± %.2f", c.Observed, c.Tolerance)
		if c.Bound {
			obs = fmt.Sprintf(">= %.3f", c.Observed)
		}
		pr := "-"
		if p, ok := priorOf(prior, c.ID); ok {
			pr = fmt.Sprintf("[%.3f, %.3f]", p.Low, p.High)
		}
		res := "FAIL"
		if c.Pass {
			res = "pass"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ID, obs, ci(c.Model), pr, res)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nPatterns against their nulls (paired: same seeds; difference oriented so + means more of the pattern than the null)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tthreshold\tmodel\tnull\tnull model\tpaired difference\tmargin\tverdict\tcause removed\tweakens")
	for _, c := range checks {
		if c.Kind != "pattern" {
			continue
		}
		op := "<="
		if c.Above {
			op = ">="
		}
		weak := "no"
		if c.Weakened {
			weak = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s %.3f\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\n", c.ID, op, c.Threshold, ci(c.Model),
			c.Null, ci(c.NullModel), fmt.Sprintf("%s n=%d", ci(c.Paired), c.Paired.N), c.Margin, c.Verdict, ci(c.RemovedModel), weak)
	}
	tw.Flush()
	for _, c := range checks {
		if c.ID != "P5b" || len(c.Yearly) == 0 {
			continue
		}
		fmt.Fprintf(w, "\nAward regression: multi-role coefficient β_MR by year, replications pooled (Wald 95 %% CI)\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "year\t%s\t%s\n", ref, c.Null)
		for i, y := range c.Yearly {
			fmt.Fprintf(tw, "%d\t%s\t%s\n", y.Year, fitCI(y), fitCI(c.NullYearly[i]))
		}
		tw.Flush()
	}
	fmt.Fprintln(w)
	for _, c := range checks {
		fmt.Fprintf(w, "%-16s %s\n", c.ID, c.Statement)
		if c.Null != "" {
			fmt.Fprintf(w, "%-16s null: %s (%s); cause removed: %s (%s)\n", "", c.Null, strings.Join(c.NullSets, " "), c.Cause, strings.Join(c.Removed, " "))
		}
	}
}

func fitCI(f validate.MultiRoleFit) string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", f.Coef, f.Low, f.High)
}

func ci(s stats.Summary) string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", s.Mean, s.CILow, s.CIHigh)
}

func writePatternsJSON(w io.Writer, ref string, reps int, seed uint64, checks []validate.Check, prior []calibrate.PriorRange) error {
	sum := func(s stats.Summary) map[string]any {
		return map[string]any{"n": s.N, "mean": jsonValue(s.Mean), "ci_low": jsonValue(s.CILow), "ci_high": jsonValue(s.CIHigh)}
	}
	fits := func(fs []validate.MultiRoleFit) []map[string]any {
		var out []map[string]any
		for _, f := range fs {
			out = append(out, map[string]any{"year": f.Year, "coef": jsonValue(f.Coef), "ci_low": jsonValue(f.Low), "ci_high": jsonValue(f.High), "rows": f.Rows})
		}
		return out
	}
	var rows []map[string]any
	for _, c := range checks {
		row := map[string]any{"id": c.ID, "kind": c.Kind, "statement": c.Statement, "model": sum(c.Model), "pass": c.Pass}
		if c.Kind == "target" {
			row["observed"], row["tolerance"], row["bound"] = c.Observed, c.Tolerance, c.Bound
			if p, ok := priorOf(prior, c.ID); ok {
				row["prior"] = map[string]any{"p05": jsonValue(p.Low), "p95": jsonValue(p.High), "n": p.N}
			}
		} else {
			row["threshold"], row["above"] = c.Threshold, c.Above
			row["null"], row["null_sets"], row["null_model"] = c.Null, c.NullSets, sum(c.NullModel)
			row["paired_difference"], row["sign"], row["margin"], row["verdict"] = sum(c.Paired), c.Sign, c.Margin, c.Verdict
			row["cause_removed"], row["removed_sets"] = c.Cause, c.Removed
			row["removed_model"], row["weakened"] = sum(c.RemovedModel), c.Weakened
			if len(c.Yearly) > 0 {
				row["yearly_multi_role"], row["null_yearly_multi_role"] = fits(c.Yearly), fits(c.NullYearly)
			}
		}
		rows = append(rows, row)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"scenario": ref, "reps": reps, "seed": seed, "checks": rows})
}
