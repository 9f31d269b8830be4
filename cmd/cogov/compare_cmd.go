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
	"strings"
	"syscall"

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
	noPlots := fs.Bool("no-plots", false, "with --out, write no figures and no report (default: DIR/figures and DIR/report.html)")
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
	if err := writeCompareInputs(*out, scens, sd, *reps); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s and %s in %s\n", experiments.SummaryFile, experiments.CompareFile, *out)
	if *noPlots {
		return nil
	}
	warnFont(stderr, c.Labels...)
	paths, err := compareFigures(c, *out)
	if err == nil {
		var rep string
		rep, err = folderReport(*out, "compare", args)
		paths = append(paths, rep)
	}
	listFigures(stdout, paths)
	return err
}

// compareFigures draws the overlay figures of summary.csv, each scenario
// in its colour, and differences.png from compare.csv.
func compareFigures(c *experiments.Comparison, dir string) ([]string, error) {
	return drawFigures(dir, filepath.Join(dir, figuresDir), compareOptions(c.Labels))
}

// compareOptions returns the figure options of a comparison of labels:
// each scenario keeps its colour in every figure.
func compareOptions(labels []string) plots.Options {
	opt := plotOptions()
	opt.Labels = labels
	if len(labels) <= 3 {
		opt.Title = strings.Join(labels, " vs ")
	}
	return opt
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
