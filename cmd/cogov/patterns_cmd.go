package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/spf13/cobra"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"

	"cogov/experiments"
)

// errFailed makes the command exit with status 1 after printing its report.
var errFailed = errors.New("some targets failed")

func newPatternsCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "patterns [flags]",
		Short: "check the calibration targets and patterns P1-P7 over replications",
		Long: "Runs a scenario for its replications and checks the paper's calibration targets and\n" +
			"qualitative patterns P1-P7, each with its 95% CI; a pattern also runs with its cause\n" +
			"removed to show that removing it weakens the pattern. Exits 1 if any check fails.",
		Example: "  cogov patterns\n  cogov patterns --scenario my.toml --replications 50 --json",
		Args:    usageArgs(cobra.NoArgs),
	}
	fs := c.Flags()
	ref := fs.String("scenario", "baseline", "built-in scenario `NAME` or FILE.toml")
	reps := fs.Int("replications", 30, "replications `N` of the scenario, at least 2")
	seed := fs.Int64("seed", 0, "master seed `N` (default: the scenario's seed key)")
	workers := fs.Int("workers", 0, "runs done at once (default: the number of CPUs)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	sets := addSets(fs, "override a parameter")
	c.RunE = func(c *cobra.Command, _ []string) error {
		stdout := c.OutOrStdout()
		if *reps < 2 {
			return badInput("--replications: %d is out of range (allowed >= 2: a confidence interval needs two runs)", *reps)
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
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		checks, err := experiments.EvaluatePatterns(ctx, *ref,
			experiments.PatternOptions{Reps: *reps, Workers: w, Seed: s.Seed, Sets: *sets})
		if err != nil {
			return err
		}
		ok := true
		for _, c := range checks {
			ok = ok && c.Pass && (c.Kind == "target" || c.Weakened)
		}
		if *asJSON {
			if err := writePatternsJSON(stdout, *ref, *reps, checks); err != nil {
				return err
			}
		} else {
			printPatterns(stdout, *ref, *reps, checks)
		}
		if !ok {
			return errFailed
		}
		return nil
	}
	return c
}

func printPatterns(w io.Writer, ref string, reps int, checks []experiments.Check) {
	fmt.Fprintf(w, "Patterns of scenario %q, %d replications, model mean [95 %% CI]\n\n", ref, reps)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tobserved/threshold\tmodel\ttolerance\tresult\tcause removed: model\tweakens")
	for _, c := range checks {
		res := "FAIL"
		if c.Pass {
			res = "pass"
		}
		switch c.Kind {
		case "target":
			fmt.Fprintf(tw, "%s\t%.3f\t%s\t±%.2f\t%s\t\t\n", c.ID, c.Observed, ci(c.Model), c.Tolerance, res)
		default:
			op := "<="
			if c.Above {
				op = ">="
			}
			weak := "no"
			if c.Weakened {
				weak = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s %.2f\t%s\t\t%s\t%s\t%s\n", c.ID, op, c.Threshold, ci(c.Model), res, ci(c.RemovedModel), weak)
		}
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, c := range checks {
		fmt.Fprintf(w, "%-16s %s\n", c.ID, c.Statement)
		if c.Cause != "" {
			fmt.Fprintf(w, "%-16s cause removed: %s (%s)\n", "", c.Cause, strings.Join(c.Removed, " "))
		}
	}
}

func ci(s experiments.Summary) string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", s.Mean, s.CILow, s.CIHigh)
}

func writePatternsJSON(w io.Writer, ref string, reps int, checks []experiments.Check) error {
	sum := func(s experiments.Summary) map[string]any {
		return map[string]any{"n": s.N, "mean": jsonValue(s.Mean), "ci_low": jsonValue(s.CILow), "ci_high": jsonValue(s.CIHigh)}
	}
	var rows []map[string]any
	for _, c := range checks {
		row := map[string]any{"id": c.ID, "kind": c.Kind, "statement": c.Statement, "model": sum(c.Model), "pass": c.Pass}
		if c.Kind == "target" {
			row["observed"], row["tolerance"] = c.Observed, c.Tolerance
		} else {
			row["threshold"], row["above"] = c.Threshold, c.Above
			row["cause_removed"], row["removed_sets"] = c.Cause, c.Removed
			row["removed_model"], row["weakened"] = sum(c.RemovedModel), c.Weakened
		}
		rows = append(rows, row)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"scenario": ref, "reps": reps, "checks": rows})
}
