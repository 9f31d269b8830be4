package main

import (
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"cogov/experiments"
)

func newSummarizeCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "summarize DIR [flags]",
		Short: "statistics, factorial effects and sensitivity indices of a sweep DIR",
		Long: "Writes DIR/summary.csv (every point, year and metric: n, mean, sd and 95% CI)\n" +
			"and, as the design allows, effects.csv, morris.csv or sobol.csv; prints a table.",
		Example: "  cogov summarize out/mechanisms\n  cogov summarize out/mechanisms --year 2020 --metrics dependence_index,show_effort_share",
		Args:    cobra.ArbitraryArgs,
	}
	year := c.Flags().Int("year", 0, "year of the table on stdout (default: the final year)")
	metrics := c.Flags().String("metrics", "", "comma-separated metrics of the table on stdout (default: the headline ones; all go to the CSV files)")
	c.RunE = func(c *cobra.Command, pos []string) error {
		return summarizeCmd(c.OutOrStdout(), pos, year, metrics)
	}
	return c
}

func summarizeCmd(stdout io.Writer, pos []string, year *int, metrics *string) error {
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
			if !slices.Contains(a.Metrics, m) {
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
