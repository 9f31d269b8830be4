// Package report builds one self-contained HTML file from cogov result
// folders (a run, a sweep, a comparison, a pattern check, a calibration):
// what was run and with what, the key metrics with 95 % confidence
// intervals, the effects, sensitivity and fit tables the folder holds, the
// pattern verdicts, provenance, and every figure inline as SVG drawn by
// the same plots code as the PNG files.
//
// The page refers to nothing outside itself (no link, script, font or
// image address), and the same folders give the same bytes: nothing in it
// depends on the time or the machine it was built on. A print stylesheet
// makes a browser's print-to-PDF a clean report.
//
// The package reads result files only; it never runs a model.
package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"cogov/internal/fsutil"
	"cogov/plots"
	"cogov/scenarios"
)

// Options controls a report.
type Options struct {
	// Title heads the page; default "cogov report: " and the folders.
	Title string
	// Figures returns the figure options of a result folder (labels,
	// colours, units); nil draws with the zero plots.Options.
	Figures func(dir string) (plots.Options, error)
	// Metrics are the headline metrics of the tables, in order; default
	// every metric of the folder.
	Metrics []string
	// Describe gives a metric's unit and meaning for table headers.
	Describe func(metric string) (unit, meaning string)
	// Parameters returns, for a scenario file of a folder (or a sweep's
	// experiment.toml, for its base scenario), its name and the
	// parameters in which it differs from its parent or the baseline; nil
	// leaves the parameter tables out. An error is shown in place of the
	// table.
	Parameters func(path string) (name, against string, changes []scenarios.Change, err error)
}

// ErrNoResults is returned for a folder that holds no result file the
// report can show.
var ErrNoResults = errors.New("no cogov result files")

// Build returns the HTML report of the result folders dirs.
func Build(dirs []string, opt Options) ([]byte, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("report: no result folder")
	}
	page := pageData{Title: opt.Title}
	if page.Title == "" {
		page.Title = "cogov report: " + strings.Join(baseNames(dirs), ", ")
	}
	for i, dir := range dirs {
		sec, err := buildSection(dir, i, opt)
		if err != nil {
			return nil, err
		}
		page.Sections = append(page.Sections, sec)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func baseNames(dirs []string) []string {
	var out []string
	for _, d := range dirs {
		out = append(out, filepath.Base(filepath.Clean(d)))
	}
	return out
}

// pageData is what the page template shows.
type pageData struct {
	Title    string
	Sections []section
}

// section is one result folder.
type section struct {
	ID, Name, Kind string
	Provenance     []keyValue
	Scenarios      []scenarioDiff
	Texts          []textFile
	Tables         []table
	Figures        []figure
	Notes          []string
}

type keyValue struct{ Key, Value string }

// scenarioDiff is one scenario of a folder and its differences, or why
// they are not known.
type scenarioDiff struct {
	Name, File, Against, Problem string
	Changes                      []scenarios.Change
}

// textFile is a small input file shown as it is (an experiment file).
type textFile struct{ Name, Text string }

// figure is one inline SVG figure.
type figure struct {
	ID, Name string
	SVG      template.HTML
}

// kindOf names what a result folder holds.
func kindOf(has func(string) bool) string {
	switch {
	case has("experiment.toml"):
		return "sweep"
	case has(plots.CompareFile):
		return "scenario comparison"
	case has("patterns.json"):
		return "pattern check"
	case has(plots.FitFile):
		return "calibration"
	case has(plots.PosteriorFile):
		return "ABC-SMC calibration"
	case has(plots.YearlyFile):
		return "single run"
	}
	return ""
}

func buildSection(dir string, idx int, opt Options) (section, error) {
	has := func(name string) bool { return fsutil.IsRegular(filepath.Join(dir, name)) }
	sec := section{ID: fmt.Sprintf("s%d", idx+1), Name: filepath.Base(filepath.Clean(dir)), Kind: kindOf(has)}
	if sec.Kind == "" {
		return sec, fmt.Errorf("%s: %w (yearly.csv, summary.csv, compare.csv, patterns.json, fit.csv, posterior.csv)", dir, ErrNoResults)
	}
	var err error
	if sec.Provenance, err = provenance(dir, has); err != nil {
		return sec, err
	}
	if sec.Scenarios, err = scenarioDiffs(dir, opt); err != nil {
		return sec, err
	}
	if has("experiment.toml") {
		b, err := os.ReadFile(filepath.Join(dir, "experiment.toml"))
		if err != nil {
			return sec, err
		}
		sec.Texts = append(sec.Texts, textFile{"experiment.toml", string(b)})
	}
	if sec.Tables, err = tables(dir, has, opt); err != nil {
		return sec, err
	}
	if has("patterns.json") {
		t, err := patternsTable(filepath.Join(dir, "patterns.json"))
		if err != nil {
			return sec, err
		}
		sec.Tables = append(sec.Tables, t)
	}
	if sec.Figures, err = figures(dir, sec.ID, opt); err != nil {
		return sec, err
	}
	return sec, nil
}

// provenance lists what the folder says about how it was made: its
// manifest's fields, the command line, and the SHA-256 of its input files.
func provenance(dir string, has func(string) bool) ([]keyValue, error) {
	var out []keyValue
	if has("manifest.json") {
		kv, err := manifestFields(filepath.Join(dir, "manifest.json"))
		if err != nil {
			return nil, err
		}
		out = append(out, kv...)
	}
	if has(CommandFile) {
		b, err := os.ReadFile(filepath.Join(dir, CommandFile))
		if err != nil {
			return nil, err
		}
		out = append(out, keyValue{"command line", strings.TrimSpace(string(b))})
	}
	files, err := inputFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		out = append(out, keyValue{"SHA-256 of " + f, hex.EncodeToString(sum[:])})
	}
	return out, nil
}

// CommandFile is the file, in a result folder, holding the command line
// that wrote the folder.
const CommandFile = "command.txt"

// inputFiles lists the scenario and experiment files of a folder:
// experiment.toml, scenario.toml and scenarios/*.toml.
func inputFiles(dir string) ([]string, error) {
	var out []string
	for _, f := range []string{"experiment.toml", "scenario.toml"} {
		if fsutil.IsRegular(filepath.Join(dir, f)) {
			out = append(out, f)
		}
	}
	more, err := filepath.Glob(filepath.Join(dir, "scenarios", "*.toml"))
	if err != nil {
		return nil, err
	}
	// Numbered files (compare's scenarios/0.toml, 1.toml, ...) in
	// numeric order; names of one length (a sweep's hash prefixes) by name.
	sort.Slice(more, func(i, j int) bool {
		if len(more[i]) != len(more[j]) {
			return len(more[i]) < len(more[j])
		}
		return more[i] < more[j]
	})
	for _, m := range more {
		out = append(out, filepath.Join("scenarios", filepath.Base(m)))
	}
	return out, nil
}

// scenarioDiffs lists each scenario file of the folder with the
// parameters it changes.
func scenarioDiffs(dir string, opt Options) ([]scenarioDiff, error) {
	if opt.Parameters == nil {
		return nil, nil
	}
	files, err := inputFiles(dir)
	if err != nil {
		return nil, err
	}
	var out []scenarioDiff
	for _, f := range files {
		name, against, changes, err := opt.Parameters(filepath.Join(dir, f))
		d := scenarioDiff{Name: name, File: f, Against: against, Changes: changes}
		if err != nil {
			d.Name, d.Problem = f, err.Error()
		}
		out = append(out, d)
	}
	return out, nil
}

// figures renders every figure of the folder as SVG.
func figures(dir, id string, opt Options) ([]figure, error) {
	po := plots.Options{}
	if opt.Figures != nil {
		var err error
		if po, err = opt.Figures(dir); err != nil {
			return nil, err
		}
	}
	po.Format = plots.SVG
	figs, err := plots.RenderAll(dir, po)
	if err != nil {
		return nil, err
	}
	var out []figure
	for i, f := range figs {
		svg := plots.InlineSVG(f.Data, fmt.Sprintf("%s-f%d-", id, i+1))
		out = append(out, figure{ID: fmt.Sprintf("%s-%s", id, f.Name), Name: f.Name, SVG: template.HTML(svg)})
	}
	return out, nil
}
