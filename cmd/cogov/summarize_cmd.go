package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"cogov/experiments"
)

func cmdSummarize(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("summarize", stderr)
	year := fs.Int("year", 0, "year of the table on stdout (default: the final year)")
	metrics := fs.String("metrics", "", "comma-separated metrics of the table on stdout (default: the headline ones; all go to the CSV files)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov summarize DIR [flags]\n\nWrites DIR/summary.csv (every point, year and metric: n, mean, sd and 95% CI)\nand, as the design allows, effects.csv, morris.csv or sobol.csv; prints a table.\n\nflags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return badInput("want one sweep directory, got %d arguments", len(pos))
	}
	a, err := experiments.Analyze(pos[0], experiments.AnalyzeOptions{Year: *year, Write: true})
	if err != nil {
		if errors.Is(err, experiments.ErrNoSweep) {
			return usageError{err}
		}
		return err
	}
	var show []string
	if *metrics != "" {
		for _, m := range strings.Split(*metrics, ",") {
			m = strings.TrimSpace(m)
			if !hasString(a.Metrics, m) {
				return badInput("--metrics: %q is not a metric of this sweep (allowed: %s)", m, strings.Join(a.Metrics, ", "))
			}
			show = append(show, m)
		}
	}
	if *year != 0 && a.Runs > 0 && !a.HasYear() {
		return badInput("--year %d: the sweep has no such year", *year)
	}
	a.WriteReport(stdout, show)
	return nil
}

func hasString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
