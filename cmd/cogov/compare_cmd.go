package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"gonum.org/v1/plot/vg"

	"cogov/experiments"
	"cogov/plots"
	"cogov/scenarios"
)

func cmdCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare", stderr)
	reps := fs.Int("reps", 10, "replications of every scenario, at least 2")
	years := fs.Int("years", 0, "years to simulate (default: each scenario's years)")
	seed := fs.Int64("seed", -1, "master seed shared by every scenario (default: the first scenario's seed)")
	workers := fs.Int("workers", 0, "runs done at once (default: the number of CPUs)")
	out := fs.String("out", "", "write summary.csv, compare.csv and figures/ to `DIR`")
	noPlots := fs.Bool("no-plots", false, "with --out, write no figures")
	var sets setFlags
	fs.Var(&sets, "set", "override a parameter of every scenario, `path=value` (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov compare A B [C...] [flags]\n\n"+
			"Runs each scenario (a built-in NAME or a FILE.toml) with the same seeds (common random\n"+
			"numbers) and prints every metric's final-year mean ± 95% CI per scenario and the\n"+
			"difference from A with its 95% Welch interval.\n\nflags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return badInput("want at least two scenarios (a NAME or FILE.toml each), got %d", len(pos))
	}
	if *reps < 2 {
		return badInput("--reps %d: allowed >= 2", *reps)
	}
	if *years < 0 || *workers < 0 {
		return badInput("--years and --workers must not be negative")
	}
	var scens []*scenarios.Scenario
	for _, ref := range pos {
		s, err := loadScenario(ref, sets)
		if err != nil {
			return err
		}
		scens = append(scens, s)
	}
	sd := scens[0].Seed
	if *seed >= 0 {
		sd = uint64(*seed)
	}
	w := *workers
	if w == 0 {
		w = runtime.GOMAXPROCS(0)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c, err := experiments.Compare(ctx, scens, sd, *reps, *years, w)
	if err != nil {
		return err
	}
	c.WriteTable(stdout)
	if *out == "" {
		return nil
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := c.Write(*out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s and %s in %s\n", experiments.SummaryFile, experiments.CompareFile, *out)
	if *noPlots {
		return nil
	}
	paths, err := compareFigures(c, *out)
	listFigures(stdout, paths)
	return err
}

// compareFigures draws the overlay figures of summary.csv, each scenario
// in the colour of its position, and differences.png from compare.csv.
func compareFigures(c *experiments.Comparison, dir string) ([]string, error) {
	opt := compareOptions(c.Labels)
	figs := filepath.Join(dir, figuresDir)
	paths, err := drawFigures(dir, figs, opt)
	if err != nil {
		return paths, err
	}
	p, err := differencesFigure(dir, figs, opt)
	if err != nil {
		return paths, err
	}
	return append(paths, p), nil
}

// compareOptions returns the figure options of a comparison of labels:
// each scenario keeps the colour of its position in every figure.
func compareOptions(labels []string) plots.Options {
	opt := plotOptions()
	opt.Labels = labels
	if len(labels) <= 3 {
		opt.Title = strings.Join(labels, " vs ")
	}
	return opt
}

// differencesFigure draws dir's compare.csv into out/differences.FORMAT:
// per metric, every scenario's final-year difference from the reference
// with its 95 % CI.
func differencesFigure(dir, out string, opt plots.Options) (string, error) {
	path := filepath.Join(dir, experiments.CompareFile)
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 || strings.Join(recs[0], ",") != "scenario,reference,metric,year,n,diff,se,ci_low,ci_high" {
		return "", fmt.Errorf("%s: not a compare.csv of cogov compare", path)
	}
	var rows []plots.Effect
	num := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v } // NaN parses as NaN
	for _, r := range recs[1:] {
		rows = append(rows, plots.Effect{Metric: r[2], Effect: r[0] + " − " + r[1],
			Estimate: num(r[5]), CILow: num(r[7]), CIHigh: num(r[8])})
	}
	opt.PanelHeight = 1.4 * vg.Inch // EffectsFigure makes room for more scenarios
	opt.Title = fmt.Sprintf("Difference from %s in %s", recs[1][1], recs[1][3])
	fig, err := plots.EffectsFigure(rows, opt)
	if err != nil {
		return "", err
	}
	format := opt.Format
	if format == "" {
		format = plots.PNG
	}
	p := filepath.Join(out, "differences."+format)
	if err := fig.Save(p, format, opt.DPI); err != nil {
		return "", err
	}
	return p, nil
}

// compareLabels returns the scenarios of dir's compare.csv, reference
// first, or nil if there is none.
func compareLabels(dir string) []string {
	f, err := os.Open(filepath.Join(dir, experiments.CompareFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 || len(recs[1]) < 2 {
		return nil
	}
	labels := []string{recs[1][1]}
	for _, r := range recs[1:] {
		if len(r) > 0 && !slices.Contains(labels, r[0]) {
			labels = append(labels, r[0])
		}
	}
	return labels
}
