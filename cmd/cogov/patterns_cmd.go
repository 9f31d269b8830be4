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
	var sets setFlags
	fs.Var(&sets, "set", "override a parameter, `path=value` (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *reps < 2 {
		return badInput("--reps %d: allowed >= 2 (a confidence interval needs two runs)", *reps)
	}
	if _, err := loadScenario(*ref, sets); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	checks, err := validate.Evaluate(ctx, *ref,
		validate.Options{Reps: *reps, Workers: *workers, Seed: *seed, Sets: sets})
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

func printPatterns(w io.Writer, ref string, reps int, checks []validate.Check) {
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

func ci(s stats.Summary) string {
	return fmt.Sprintf("%.3f [%.3f, %.3f]", s.Mean, s.CILow, s.CIHigh)
}

func writePatternsJSON(w io.Writer, ref string, reps int, checks []validate.Check) error {
	sum := func(s stats.Summary) map[string]any {
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
