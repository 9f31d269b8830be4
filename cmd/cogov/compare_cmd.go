package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
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
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
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
// in the colour of its position, and differences.png: every metric's
// final-year difference from the first scenario with its 95 % CI.
func compareFigures(c *experiments.Comparison, dir string) ([]string, error) {
	opt := plotOptions()
	opt.Labels = c.Labels
	if len(c.Labels) <= 3 {
		opt.Title = strings.Join(c.Labels, " vs ")
	}
	figs := filepath.Join(dir, figuresDir)
	paths, err := drawFigures(dir, figs, opt)
	if err != nil {
		return paths, err
	}
	var rows []plots.Effect
	for i := 1; i < len(c.Labels); i++ {
		for j, m := range c.Metrics {
			d := c.Diff(i, j)
			rows = append(rows, plots.Effect{Metric: m, Effect: c.Labels[i] + " − " + c.Labels[0],
				Estimate: d.Mean, CILow: d.CILow, CIHigh: d.CIHigh})
		}
	}
	opt.PanelHeight = 1.4 * vg.Inch
	opt.Title = fmt.Sprintf("Difference from %s in %d", c.Labels[0], c.FinalYear(0))
	f, err := plots.EffectsFigure(rows, opt)
	if err != nil {
		return paths, err
	}
	p := filepath.Join(figs, "differences.png")
	if err := f.Save(p, plots.PNG, 150); err != nil {
		return paths, err
	}
	return append(paths, p), nil
}
