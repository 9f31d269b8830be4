package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"cogov/experiments"
	"cogov/internal/fsutil"
	"cogov/plots"
	"cogov/sim"
)

// figuresDir is the folder, inside a result folder, that run, sweep and
// compare draw their figures into.
const figuresDir = "figures"

// plotOptions returns figure options whose metrics carry the units and
// pattern tags of sim.Metrics, so that every value axis names its unit.
func plotOptions() plots.Options {
	m := map[string]plots.MetricInfo{}
	for _, mi := range sim.Metrics() {
		desc := mi.Name
		if mi.Pattern != "" {
			desc += " (" + mi.Pattern + ")"
		}
		m[mi.Name] = plots.MetricInfo{Unit: mi.Unit, Description: desc}
	}
	return plots.Options{Metrics: m, ColorKeys: scenarioColours}
}

// isSweepDir reports whether dir holds a sweep written by cogov sweep.
func isSweepDir(dir string) bool {
	for _, name := range []string{experiments.ManifestFile, experiments.ExperimentFile, experiments.RunsFile} {
		if !fsutil.IsRegular(filepath.Join(dir, name)) {
			return false
		}
	}
	return true
}

// summarizeSweep analyzes the sweep in dir as cogov summarize does and
// writes summary.csv (and effects.csv, morris.csv or sobol.csv as the
// design allows), unless summary.csv is there and force is false. It
// reports whether it wrote them.
func summarizeSweep(dir string, force bool) (*experiments.Analysis, bool, error) {
	_, err := os.Stat(filepath.Join(dir, experiments.SummaryFile))
	write := force || err != nil
	a, err := experiments.Analyze(dir, experiments.AnalyzeOptions{Write: write})
	if err != nil {
		return nil, false, err
	}
	return a, write, nil
}

// sweepOptions returns the figure options of a sweep: titled with the
// experiment's name, and for a factorial design of up to six factors,
// time series of the points with every factor off, each factor alone
// on, and every factor on (the other points only add clutter).
func sweepOptions(a *experiments.Analysis) plots.Options {
	opt := plotOptions()
	opt.Title = a.Exp.Name
	k := len(a.Exp.Factors)
	if !a.Exp.IsFactorial() || k > 6 || len(a.Labels) != 1<<k {
		return opt
	}
	opt.Labels = []string{a.Labels[0]}
	for i := range k {
		opt.Labels = append(opt.Labels, a.Labels[1<<i])
	}
	opt.Labels = append(opt.Labels, a.Labels[len(a.Labels)-1])
	opt.SeriesSubset = fmt.Sprintf("%d of %d points", len(opt.Labels), len(a.Labels))
	return opt
}

// sweepFigures summarizes a finished sweep in dir (as cogov summarize
// does) and draws its figures into dir/figures. A shard is left alone:
// its statistics would cover only some runs.
func sweepFigures(w io.Writer, dir string, shard bool, quiet bool) error {
	if shard {
		if !quiet {
			fmt.Fprintln(w, "no figures for a shard: merge the shards (cogov merge), then cogov plot the merged DIR")
		}
		return nil
	}
	a, _, err := summarizeSweep(dir, true)
	if err != nil {
		return err
	}
	warnFont(w, a.Labels...)
	paths, err := drawFigures(dir, filepath.Join(dir, figuresDir), sweepOptions(a))
	if !quiet {
		fmt.Fprintf(w, "summarized %s as cogov summarize does (%s and the analyses of its design)\n", dir, experiments.SummaryFile)
		listFigures(w, paths)
	}
	return err
}

// drawFigures draws every figure of the result folder dir into out with
// opt (its metric information from plotOptions). A folder DrawAll cannot
// read is bad input.
func drawFigures(dir, out string, opt plots.Options) ([]string, error) {
	opt.OutDir = out
	paths, err := plots.DrawAll(dir, opt)
	if ie := (*plots.InputError)(nil); errors.As(err, &ie) {
		return nil, usageError{err}
	}
	return paths, err
}

// listFigures prints the written figure paths, one a line.
func listFigures(w io.Writer, paths []string) {
	fmt.Fprintf(w, "figures (%d):\n", len(paths))
	for _, p := range paths {
		fmt.Fprintln(w, "  "+p)
	}
}

func newPlotCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "plot DIR [flags]",
		Short: "draw every figure the result files in DIR allow (plot DIR [--out DIR] [--format png|svg|pdf])",
		Long: "Draws every figure the result files in DIR allow: a run's yearly.csv, a sweep's or a\n" +
			"comparison's summary.csv (written first from a sweep's runs if missing), effects.csv,\n" +
			"morris.csv, sobol.csv, a comparison's compare.csv and a calibration's fit.csv.",
		Example: "  cogov plot out/mechanisms\n  cogov plot out/run --format svg --out out/run/svg",
		Args:    cobra.ArbitraryArgs,
	}
	out := c.Flags().String("out", "", "write the figures to `DIR` (default: DIR/figures)")
	format := c.Flags().String("format", plots.PNG, "figure `FORMAT`: png, svg or pdf")
	dpi := c.Flags().Int("dpi", 150, "resolution `N` of PNG figures, 50-1200")
	c.RunE = func(c *cobra.Command, pos []string) error {
		return plotCmd(c.OutOrStdout(), c.ErrOrStderr(), pos, out, format, dpi)
	}
	return c
}

func plotCmd(stdout, stderr io.Writer, pos []string, out, format *string, dpi *int) error {
	if len(pos) != 1 {
		return badInput("want one result directory, got %d arguments", len(pos))
	}
	dir := pos[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return badInput("%s: not a directory", dir)
	}
	f := strings.ToLower(*format)
	if f != plots.PNG && f != plots.SVG && f != plots.PDF {
		return badInput("--format %q: allowed png, svg or pdf", *format)
	}
	if *dpi < 50 || *dpi > 1200 {
		return badInput("--dpi %d: allowed 50-1200", *dpi)
	}
	opt, wrote, err := folderOptions(dir)
	if err != nil {
		return err
	}
	if wrote {
		fmt.Fprintf(stdout, "summarized %s as cogov summarize does (%s and the analyses of its design)\n", dir, experiments.SummaryFile)
	}
	if *out == "" {
		*out = filepath.Join(dir, figuresDir)
	}
	opt.Format, opt.DPI = f, *dpi
	warnFont(stderr, append([]string{opt.Title}, opt.Labels...)...)
	paths, err := drawFigures(dir, *out, opt)
	listFigures(stdout, paths)
	return err
}

// runFigures draws the figures of a folder of one scenario's results (a
// run's yearly.csv, patterns' fit.csv) into dir/figures, titled with the
// scenario's name.
func runFigures(dir, scenario string) ([]string, error) {
	opt := plotOptions()
	opt.Title = scenario
	return drawFigures(dir, filepath.Join(dir, figuresDir), opt)
}

// folderReport records the command line that ran c in its result folder
// dir and writes the folder's report.html; it returns the report's path.
func folderReport(dir string, c *cobra.Command) (string, error) {
	if err := writeCommand(dir, commandLine(c)); err != nil {
		return "", err
	}
	path := filepath.Join(dir, reportFile)
	return path, writeReport(path, []string{dir})
}
