package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"cogov/experiments"
	"cogov/experiments/design"
	"cogov/internal/fsutil"
	"cogov/plots"
	htmlreport "cogov/report"
	"cogov/scenarios"
	"cogov/sim"
)

// reportFile is the report that run --out, compare --out, sweep and
// patterns --out write into their result folder.
const reportFile = "report.html"

func newReportCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "report DIR... [flags]",
		Short: "write one self-contained HTML report of result folders (report DIR... [--out FILE.html])",
		Long: "Writes one self-contained HTML file of the result folders (run, sweep, compare,\n" +
			"patterns, calibration): provenance, scenarios and the parameters they change, key\n" +
			"metrics with 95% CIs, effects, sensitivity and fit tables, pattern verdicts and\n" +
			"every figure inline. It refers to no address outside itself. run --out, compare\n" +
			"--out and sweep write DIR/report.html themselves unless --no-plots, and so does\n" +
			"patterns --out.",
		Example: "  cogov report out/mechanisms\n" +
			"  cogov report out/run out/cmp out/mechanisms --out out/all.html",
		Args: cobra.ArbitraryArgs,
	}
	out := c.Flags().String("out", "", "write the report to `FILE.html` (default: DIR/report.html for one DIR)")
	c.RunE = func(c *cobra.Command, dirs []string) error {
		return reportCmd(c.OutOrStdout(), dirs, *out)
	}
	return c
}

func reportCmd(stdout io.Writer, dirs []string, out string) error {
	if len(dirs) == 0 {
		return badInput("want at least one result directory")
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return badInput("%s: not a directory", d)
		}
	}
	path := out
	switch {
	case path == "" && len(dirs) > 1:
		return badInput("--out FILE.html is needed with more than one directory")
	case path == "":
		path = filepath.Join(dirs[0], reportFile)
	case !strings.HasSuffix(strings.ToLower(path), ".html"):
		return badInput("--out %q: allowed a file name ending in .html", path)
	}
	if err := writeReport(path, dirs); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return nil
}

// writeReport builds the report of dirs and writes it to path atomically.
// A folder without result files is bad input.
func writeReport(path string, dirs []string) error {
	html, err := htmlreport.Build(dirs, reportOptions())
	if errors.Is(err, htmlreport.ErrNoResults) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	return fsutil.WriteFile(path, html)
}

// reportOptions gives reports the figures, units and scenario differences
// the command line uses.
func reportOptions() htmlreport.Options {
	units := map[string]string{}
	for _, m := range sim.Metrics() {
		units[m.Name] = m.Unit
	}
	var head []string
	for _, c := range tableColumns {
		head = append(head, c.metric)
	}
	return htmlreport.Options{
		Figures: func(dir string) (plots.Options, error) {
			opt, _, err := folderOptions(dir)
			return opt, err
		},
		Metrics:    head,
		Describe:   func(m string) (string, string) { return units[m], "" },
		Parameters: scenarioChanges,
	}
}

// scenarioChanges loads a scenario file of a result folder, or the base
// scenario of a sweep's experiment.toml with the experiment's overrides,
// and lists the parameters in which it differs from the baseline.
func scenarioChanges(path string) (name, against string, changes []scenarios.Change, err error) {
	var s *scenarios.Scenario
	if filepath.Base(path) == experiments.ExperimentFile {
		s, err = experimentBase(path)
	} else {
		s, err = scenarios.Load(path, nil)
	}
	if err != nil {
		return "", "", nil, err
	}
	base, err := scenarios.Load("baseline", nil)
	if err != nil {
		return "", "", nil, err
	}
	return s.Name, "baseline", scenarios.Diff(base, s), nil
}

// folderOptions returns the figure options of a result folder, as cogov
// plot draws it: a sweep's (summarized first if it has no summary.csv,
// which wrote reports), a comparison's, or a run's titled with its
// scenario.
func folderOptions(dir string) (opt plots.Options, wrote bool, err error) {
	opt = plotOptions()
	if isSweepDir(dir) {
		a, w, err := summarizeSweep(dir, false)
		if err != nil {
			return opt, false, err
		}
		opt, wrote = sweepOptions(a), w
	} else if name := runScenario(dir); name != "" {
		opt.Title = name
	}
	if labels := compareLabels(dir); labels != nil {
		opt = compareOptions(labels)
	}
	return opt, wrote, nil
}

// runScenario returns the scenario named by the manifest of a single
// run's folder, or "".
func runScenario(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return ""
	}
	var m struct {
		Scenario string `json:"scenario"`
	}
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	return m.Scenario
}

// writeCommand records the command line that wrote a result folder, for
// the report's provenance.
func writeCommand(dir, line string) error {
	return fsutil.WriteFile(filepath.Join(dir, htmlreport.CommandFile), []byte(line+"\n"))
}

// experimentBase resolves the base scenario of the experiment file at path
// with the experiment's overrides (set), as its sweep ran it.
func experimentBase(path string) (*scenarios.Scenario, error) {
	e, err := design.Load(path)
	if err != nil {
		return nil, err
	}
	s, err := scenarios.Load(e.ScenarioRef(e.Scenario), e.Set)
	if err != nil {
		return nil, err
	}
	s.Name = "base scenario " + e.Scenario + " of experiment " + e.Name
	return s, nil
}
