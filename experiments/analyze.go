package experiments

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"cogov/experiments/design"
	"cogov/experiments/stats"
)

// Analysis is what Analyze finds in a sweep directory: the statistics of
// every point, and the effects or sensitivity indices its design allows.
type Analysis struct {
	Dir      string
	Manifest Manifest
	Exp      *design.Experiment
	// Labels are the points' labels, from points.csv.
	Labels []string
	// Metrics are the metrics of yearly.csv, in order.
	Metrics []string
	// Runs is the number of runs found (fewer than Manifest.Runs for an
	// unfinished sweep or a shard).
	Runs int
	// Year is the year of Table: the final year, or the one asked for.
	Year int
	// Table[point][metric] summarizes the replications of each point in
	// Year; N is 0 for points with no run.
	Table [][]stats.Summary
	// Final[point][metric] is the mean over replications of each run's
	// final-year value (the response of the sensitivity analyses).
	Final [][]float64
	// Effects, Morris and Sobol are filled for factorial, morris and sobol
	// designs; Warnings say why an analysis was left out.
	Effects []MetricEffect
	Morris  []MorrisRow
	Sobol   []SobolRow
	// LHS is filled for lhs designs (lhs.go).
	LHS      []LHSRow
	Warnings []string

	yearSeen bool
}

// HasYear reports whether any run has values for Year.
func (a *Analysis) HasYear() bool { return a.yearSeen }

// MetricEffect is one row of effects.csv.
type MetricEffect struct {
	Metric string
	stats.Effect
}

// MorrisRow is one row of morris.csv.
type MorrisRow struct {
	Metric, Factor string
	stats.MorrisIndex
}

// SobolRow is one row of sobol.csv.
type SobolRow struct {
	Metric, Factor string
	stats.SobolIndex
}

// AnalyzeOptions control Analyze.
type AnalyzeOptions struct {
	// Year selects the year of Analysis.Table (0: the final year).
	Year int
	// Write writes summary.csv and, as the design allows, effects.csv,
	// morris.csv and sobol.csv into the directory.
	Write bool
}

// Analyze reads the sweep directory dir: manifest.json, experiment.toml,
// points.csv and yearly.csv, which is streamed, so memory grows with the
// number of points but not of runs or years.
func Analyze(dir string, o AnalyzeOptions) (*Analysis, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(filepath.Join(dir, ExperimentFile))
	if err != nil {
		return nil, err
	}
	e, err := design.Parse(filepath.Join(dir, ExperimentFile), "", src)
	if err != nil {
		return nil, err
	}
	a := &Analysis{Dir: dir, Manifest: m, Exp: e, Metrics: m.Metrics}
	if a.Labels, err = readLabels(filepath.Join(dir, PointsFile), m.Points); err != nil {
		return nil, err
	}
	var sum *summaryWriter
	if o.Write {
		if sum, err = newSummaryWriter(dir, a); err != nil {
			return nil, err
		}
		defer sum.abort()
	}
	cells, err := a.scan(o.Year, sum)
	if err != nil {
		return nil, err
	}
	if sum != nil {
		if err := sum.finish(); err != nil {
			return nil, err
		}
	}
	if a.Runs < m.Runs {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d of %d runs found: the sweep is a shard or unfinished (cogov sweep --resume, cogov merge)", a.Runs, m.Runs))
	}
	a.analyze(cells)
	if o.Write {
		if err := a.writeAnalyses(); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// readLabels reads the labels of points.csv.
func readLabels(path string, points int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) != points+1 {
		return nil, fmt.Errorf("%s: %d points, manifest says %d", path, len(recs)-1, points)
	}
	out := make([]string, points)
	for i, rec := range recs[1:] {
		if len(rec) < 2 || rec[0] != strconv.Itoa(i) {
			return nil, fmt.Errorf("%s:%d: want point %d and its label", path, i+2, i)
		}
		out[i] = rec[1]
	}
	return out, nil
}

// scan streams yearly.csv. It fills Table, Final and Runs, passes every
// point's statistics to sum, and returns each point's final-year values by
// replication ([point][metric][] values) when the design is factorial.
func (a *Analysis) scan(year int, sum *summaryWriter) ([][][]float64, error) {
	path := filepath.Join(a.Dir, YearlyFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	np, nm, reps := a.Manifest.Points, len(a.Metrics), max(a.Manifest.Replications, 1)
	metric := map[string]int{}
	for j, name := range a.Metrics {
		metric[name] = j
	}
	a.Year = year
	if year == 0 {
		a.Year = lastYear(path)
	}
	a.Table, a.Final = make([][]stats.Summary, np), make([][]float64, np)
	var cells [][][]float64
	if a.Exp.IsFactorial() {
		cells = make([][][]float64, np)
	}
	var (
		point  = -1
		run    = -1
		runV   = make([]float64, nm) // the current run's latest values
		years  = map[int][]stats.Accumulator{}
		table  = make([]stats.Accumulator, nm)
		final  = make([]stats.Accumulator, nm)
		values = make([][]float64, nm) // final values by replication
		rows   = 0                     // the current run's rows
		perRun = a.Manifest.Years * nm
	)
	endRun := func() error {
		if run < 0 {
			return nil
		}
		if rows != perRun {
			return fmt.Errorf("%s: run %d has %d rows, want %d (%d years x %d metrics): the file was truncated or edited; cogov sweep --resume reruns short runs: %w", path, run, rows, perRun, a.Manifest.Years, nm, ErrIncomplete)
		}
		rows = 0
		a.Runs++
		for j, v := range runV {
			final[j].Add(v)
			if cells != nil {
				values[j] = append(values[j], v)
			}
			runV[j] = math.NaN()
		}
		return nil
	}
	endPoint := func() error {
		if point < 0 {
			return nil
		}
		row := make([]stats.Summary, nm)
		mean := make([]float64, nm)
		for j := range nm {
			row[j], mean[j] = bounded(a.Metrics[j], table[j].Summary()), final[j].Summary().Mean
			table[j], final[j] = stats.Accumulator{}, stats.Accumulator{}
		}
		a.Table[point], a.Final[point] = row, mean
		if cells != nil {
			cells[point] = values
			values = make([][]float64, nm)
		}
		if sum != nil {
			if err := sum.point(point, years); err != nil {
				return err
			}
		}
		clear(years)
		return nil
	}
	for j := range runV {
		runV[j] = math.NaN()
	}
	r := bufio.NewReaderSize(f, 1<<16)
	line, lineNo := []byte(nil), 0
	for {
		line, err = r.ReadSlice('\n')
		if errors.Is(err, io.EOF) && len(line) == 0 {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if lineNo++; lineNo == 1 {
			if string(line) != yearlyHeader {
				return nil, fmt.Errorf("%s:1: header %q is not %q", path, bytes.TrimSpace(line), yearlyHeader[:len(yearlyHeader)-1])
			}
			continue
		}
		id, y, j, v, perr := parseYearly(line, metric)
		if perr != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, lineNo, perr)
		}
		if id != run {
			if id < run || id/reps >= np {
				return nil, fmt.Errorf("%s:%d: run %d out of order or beyond the sweep's %d points", path, lineNo, id, np)
			}
			if err := endRun(); err != nil {
				return nil, err
			}
			if p := id / reps; p != point {
				if err := endPoint(); err != nil {
					return nil, err
				}
				point = p
			}
			run = id
		}
		runV[j] = v
		rows++
		acc := years[y]
		if acc == nil {
			acc = make([]stats.Accumulator, nm)
			years[y] = acc
		}
		acc[j].Add(v)
		if y == a.Year {
			table[j].Add(v)
			a.yearSeen = true
		}
	}
	if err := endRun(); err != nil {
		return nil, err
	}
	if err := endPoint(); err != nil {
		return nil, err
	}
	if listed, err := countRows(filepath.Join(a.Dir, RunsFile)); err == nil && listed != a.Runs {
		return nil, fmt.Errorf("%s lists %d runs but %s holds the rows of %d: the files were truncated or edited; cogov sweep --resume reruns the missing runs: %w", RunsFile, listed, path, a.Runs, ErrIncomplete)
	}
	for p := range a.Table {
		if a.Table[p] == nil {
			a.Table[p] = make([]stats.Summary, nm)
			a.Final[p] = make([]float64, nm)
			for j := range nm {
				a.Table[p][j] = stats.Summarize(nil)
				a.Final[p][j] = math.NaN()
			}
		}
	}
	return cells, nil
}

// countRows returns the number of lines after the header of a row file.
func countRows(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	n := -1
	for {
		_, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return max(n, 0), nil
		}
		n++
	}
}

// parseYearly parses a row run_id,year,metric,value.
func parseYearly(line []byte, metric map[string]int) (id, year, j int, v float64, err error) {
	line = bytes.TrimRight(line, "\r\n")
	f := bytes.Split(line, []byte{','})
	if len(f) != 4 {
		return 0, 0, 0, 0, fmt.Errorf("%d fields (want run_id,year,metric,value)", len(f))
	}
	if id, err = strconv.Atoi(string(f[0])); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("run_id %q is not an integer", f[0])
	}
	if year, err = strconv.Atoi(string(f[1])); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("year %q is not an integer", f[1])
	}
	j, ok := metric[string(f[2])]
	if !ok {
		return 0, 0, 0, 0, fmt.Errorf("metric %q is not in the manifest", f[2])
	}
	if v, err = strconv.ParseFloat(string(f[3]), 64); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("value %q is not a number", f[3])
	}
	return id, year, j, v, nil
}

// lastYear returns the year of the last row of a yearly.csv file, or 0.
func lastYear(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() <= int64(len(yearlyHeader)) {
		return 0
	}
	_, line, err := lineBefore(f, int64(len(yearlyHeader)), fi.Size())
	if err != nil {
		return 0
	}
	parts := bytes.Split(bytes.TrimSpace(line), []byte{','})
	if len(parts) < 2 {
		return 0
	}
	y, _ := strconv.Atoi(string(parts[1]))
	return y
}

// sortedYears returns the years of a point's accumulators in order.
func sortedYears(m map[int][]stats.Accumulator) []int {
	out := make([]int, 0, len(m))
	for y := range m {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}
