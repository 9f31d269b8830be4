package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"cogov/experiments"
	"cogov/plots"
	"cogov/scenarios"
)

func newCompareCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "compare A B [C...] [flags]",
		Short: "run scenarios with common random numbers and compare final-year metrics (compare A B...)",
		Long: "Runs each scenario (a built-in NAME or a FILE.toml) for the same replications with\n" +
			"common random numbers (replication r of every scenario uses random stream r of the\n" +
			"same master seed) and prints every metric's final-year mean ± 95% CI per scenario and\n" +
			"the paired difference from A with its 95% interval. With --out it writes summary.csv,\n" +
			"compare.csv, manifest.json, scenarios/ (each scenario resolved), figures/ and\n" +
			"report.html.",
		Example: "  cogov compare baseline reform\n" +
			"  cogov compare baseline my.toml --replications 30 --years 20 --out out/cmp",
		Args: cobra.ArbitraryArgs,
	}
	fs := c.Flags()
	reps := fs.Int("replications", 10, "replications `N` of every scenario, at least 2")
	years := fs.Int("years", 0, "years `N` to simulate, 1-200 (default: each scenario's years key)")
	seed := fs.Int64("seed", 0, "master seed `N` shared by every scenario (default: the first scenario's seed key)")
	workers := fs.Int("workers", 0, "runs done at once (default: the number of CPUs)")
	out := fs.String("out", "", "write summary.csv, compare.csv, manifest.json, scenarios/ and figures/ to `DIR`")
	force := fs.Bool("force", false, "with --out, replace a folder that holds another result")
	noPlots := fs.Bool("no-plots", false, "with --out, write no figures and no report (default: DIR/figures and DIR/report.html)")
	sets := addSets(fs, "override a parameter of every scenario")
	posterior := posteriorFlag(fs)
	c.RunE = func(c *cobra.Command, pos []string) error {
		return compareCmd(c, pos, compareFlags{*reps, *years, *seed, *workers, *out, *force, *noPlots, *sets, *posterior})
	}
	return c
}

// compareFlags are the values of cogov compare's flags.
type compareFlags struct {
	reps, years    int
	seed           int64
	workers        int
	out            string
	force, noPlots bool
	sets           []string
	posterior      string
}

func compareCmd(c *cobra.Command, pos []string, f compareFlags) error {
	stdout := c.OutOrStdout()
	if len(pos) < 2 {
		return badInput("want at least two scenarios (a NAME or FILE.toml each), got %d", len(pos))
	}
	if err := intRange("--replications", f.reps, 2, maxCompareReps, ""); err != nil {
		return err
	}
	w, err := workerCount(f.workers)
	if err != nil {
		return err
	}
	more, err := flagSets(c, f.years, f.seed)
	if err != nil {
		return err
	}
	sets := append(append([]string(nil), f.sets...), more...)
	var scens []*scenarios.Scenario
	for _, ref := range pos {
		s, err := loadScenario(c.ErrOrStderr(), ref, sets)
		if err != nil {
			return err
		}
		scens = append(scens, s)
	}
	sd := scens[0].Seed // --seed, if given, is every scenario's seed
	draws, post, err := posteriorDraws(f.posterior, sets)
	if err != nil {
		return err
	}
	if f.out != "" {
		lock, err := claimOutput(f.out, f.force)
		if err != nil {
			return err
		}
		defer lock.Unlock()
	}
	ctx, stop := interruptible()
	defer stop()
	start := time.Now()
	cmp, err := experiments.CompareDraws(ctx, scens, draws, sd, f.reps, 0, w)
	if err != nil {
		return err
	}
	cmp.WriteTable(stdout)
	if f.out == "" {
		return nil
	}
	if err := cmp.Write(f.out); err != nil {
		return err
	}
	postSHA := ""
	if post != nil {
		postSHA = post.SHA256
	}
	if err := writeCompareRecord(f.out, pos, scens, cmp, start, postSHA); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s, %s, %s and %s/ in %s\n", experiments.SummaryFile, experiments.CompareFile, experiments.ManifestFile, compareScenariosDir, f.out)
	if f.noPlots {
		return nil
	}
	warnFont(c.ErrOrStderr(), cmp.Labels...)
	paths, err := compareFigures(cmp, f.out)
	if err == nil {
		var rep string
		rep, err = folderReport(f.out, c)
		paths = append(paths, rep)
	}
	listFigures(stdout, paths)
	return err
}

// maxCompareReps bounds compare's replications (every result is kept in
// memory).
const maxCompareReps = 10000

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
