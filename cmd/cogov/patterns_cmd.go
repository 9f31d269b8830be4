package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"cogov/experiments/calibrate"
	"cogov/experiments/stats"
	"cogov/experiments/validate"
)

// errFailed makes the command exit with status 1 after printing its report.
var errFailed = errors.New("some targets failed")

func newPatternsCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "patterns [flags]",
		Short: "check the calibration targets and patterns P1-P7 against their nulls over replications",
		Long: "Runs a scenario for its replications and checks the paper's calibration targets and\n" +
			"qualitative patterns P1-P7, each against its null model with paired differences (same\n" +
			"seeds) and the margins of docs/ODD.md 7.11, plus the targets' prior-predictive ranges.\n" +
			"With --out it also writes patterns.json, fit.csv, the fit figure and report.html.\n" +
			"Exits 1 unless every target passes and every pattern is produced.",
		Example: "  cogov patterns\n  cogov patterns --scenario my.toml --replications 50 --json\n  cogov patterns --prior-points 0\n" +
			"  cogov patterns --replications 50 --out out/patterns",
		Args: usageArgs(cobra.NoArgs),
	}
	fs := c.Flags()
	ref := fs.String("scenario", "baseline", "built-in scenario `NAME` or FILE.toml")
	reps := fs.Int("replications", 30, "replications `N` of every scenario, 2-100000")
	seed := fs.Int64("seed", 0, "master seed `N` (default: the scenario's seed key)")
	workers := fs.Int("workers", 0, "runs done at once (default: the number of CPUs)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	out := fs.String("out", "", "also write patterns.json, fit.csv, scenario.toml, manifest.json, figures/fit.png and report.html to `DIR`")
	force := fs.Bool("force", false, "with --out, replace a folder that holds another result")
	calFile := fs.String("calibration", "baseline", "calibration `NAME` or FILE.toml whose parameter ranges give the targets' prior-predictive ranges")
	priorPoints := fs.Int("prior-points", 64, "Latin-hypercube points `N` of the prior-predictive ranges, 0-100000 (0: none)")
	sets := addSets(fs, "override a parameter")
	posterior := posteriorFlag(fs)
	c.RunE = func(c *cobra.Command, _ []string) error {
		stdout := c.OutOrStdout()
		draws, post, err := posteriorDraws(*posterior, *sets)
		if err != nil {
			return err
		}
		if err := intRange("--replications", *reps, 2, 100000, "a confidence interval needs two runs"); err != nil {
			return err
		}
		if err := intRange("--prior-points", *priorPoints, 0, 100000, ""); err != nil {
			return err
		}
		w, err := workerCount(*workers)
		if err != nil {
			return err
		}
		more, err := flagSets(c, 0, *seed)
		if err != nil {
			return err
		}
		s, err := loadScenario(c.ErrOrStderr(), *ref, append(append([]string(nil), *sets...), more...))
		if err != nil {
			return err
		}
		var cal *calibrate.Calibration
		if *priorPoints > 0 {
			if cal, err = calibrate.Load(*calFile); err != nil {
				return usageError{err}
			}
		}
		if *out != "" {
			lock, err := claimOutput(*out, *force)
			if err != nil {
				return err
			}
			defer lock.Unlock()
		}
		ctx, stop := interruptible()
		defer stop()
		checks, err := validate.Evaluate(ctx, *ref,
			validate.Options{Reps: *reps, Workers: w, Seed: s.Seed, Sets: *sets, Draws: draws})
		if err != nil {
			return err
		}
		var prior []calibrate.PriorRange
		if cal != nil {
			if prior, err = calibrate.PriorPredictive(ctx, cal, *priorPoints); err != nil {
				return err
			}
		}
		if *out != "" {
			if err := writePatterns(c, *out, s, *ref, *reps, checks, prior, post); err != nil {
				return err
			}
		}
		if *asJSON {
			if err := writePatternsJSON(stdout, *ref, *reps, s.Seed, checks, prior); err != nil {
				return err
			}
		} else {
			printPatterns(stdout, *ref, *reps, s.Seed, checks, prior)
			if post != nil {
				printPredictive(stdout, post, checks)
			}
		}
		if !validate.AllHold(checks) {
			return errFailed
		}
		return nil
	}
	return c
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
