package plots

import (
	"bytes"
	"cogov/internal/fsutil"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Result file names DrawAll looks for.
const (
	YearlyFile  = "yearly.csv"
	SummaryFile = "summary.csv"
	PointsFile  = "points.csv"
	EffectsFile = "effects.csv"
	MorrisFile  = "morris.csv"
	SobolFile   = "sobol.csv"
)

// job is one figure to build and save.
type job struct {
	name  string // file name without extension
	build func() (*Figure, error)
}

// DrawAll inspects dir and draws every figure its result files allow,
// writing them to opt.OutDir (default dir/figures) in opt.Format. It
// returns the written paths in a fixed order:
//
//   - yearly.csv (a single run): yearly_panels, one panel per metric (a
//     sweep's long-format yearly.csv is left to summary.csv);
//   - summary.csv (a sweep or scenario comparison): timeseries_panels
//     (small multiples with CI bands) and timeseries_<metric> for each
//     metric; with points.csv in which exactly two factors vary, also
//     heatmap_<metric> for each of opt.HeatmapMetrics (default all);
//   - effects.csv: effects; morris.csv: morris; sobol.csv: sobol;
//     lhs.csv: lhs;
//   - fit.csv (a calibration): fit;
//   - compare.csv (a scenario comparison): differences;
//   - posterior.csv (an ABC-SMC calibration): abc_marginals and abc_pairs;
//     generations.csv: abc_generations.
//
// Bad options, a folder without result files and a result file that
// cannot be read give an *InputError, and nothing is drawn. Figures are
// drawn concurrently; if some fail, the others are still
// written and the errors are joined.
func DrawAll(dir string, opt Options) ([]string, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, &InputError{err}
	}
	out := opt.OutDir
	if out == "" {
		out = filepath.Join(dir, "figures")
	}
	figs, err := RenderAll(dir, opt)
	if len(figs) == 0 && err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	var written []string
	errs := []error{err}
	for _, f := range figs {
		path := filepath.Join(out, f.Name+"."+opt.Format)
		if werr := fsutil.WriteFile(path, f.Data); werr != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Name, werr))
			continue
		}
		written = append(written, path)
	}
	return written, errors.Join(errs...)
}

// Rendered is one figure rendered in memory by RenderAll.
type Rendered struct {
	// Name is the figure's file name without extension, e.g.
	// "timeseries_panels".
	Name string
	// Data is the figure in the format of the options.
	Data []byte
}

// RenderAll renders, in memory and in the order DrawAll writes them,
// every figure the result files in dir allow, in opt.Format. Errors are
// those of DrawAll; the figures that rendered are returned with the
// joined errors of the others.
func RenderAll(dir string, opt Options) ([]Rendered, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, &InputError{err}
	}
	jobs, err := planJobs(dir, opt)
	if err != nil {
		return nil, &InputError{err}
	}
	if len(jobs) == 0 {
		return nil, &InputError{fmt.Errorf("plots: no result files (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) in %s",
			YearlyFile, SummaryFile, EffectsFile, MorrisFile, SobolFile, LHSFile, FitFile, CompareFile, PosteriorFile, GenerationsFile, dir)}
	}
	figs := make([]Rendered, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f, err := jobs[i].build()
				var buf bytes.Buffer
				if err == nil {
					err = f.Render(&buf, opt.Format, opt.DPI)
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", jobs[i].name, err)
					continue
				}
				figs[i] = Rendered{Name: jobs[i].name, Data: buf.Bytes()}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []Rendered
	for _, f := range figs {
		if f.Data != nil {
			out = append(out, f)
		}
	}
	return out, errors.Join(errs...)
}

// InputError is DrawAll's error when dir cannot be read, holds no result
// file, or holds one that does not parse; nothing has been drawn.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// longYearly reports whether the yearly.csv at path is a sweep's long
// format (run_id,year,metric,value) rather than a single run's table.
func longYearly(path string) bool {
	f, err := fsutil.OpenInput(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, err := csv.NewReader(f).Read()
	if err != nil {
		return false
	}
	cols := map[string]bool{}
	for _, h := range head {
		cols[headerKey(h)] = true
	}
	return cols["metric"] && cols["value"]
}

// planJobs reads the result files present in dir and lists the figures
// to draw.
func planJobs(dir string, opt Options) ([]job, error) {
	p := &planner{dir: dir, opt: opt}
	if p.has(YearlyFile) && !longYearly(filepath.Join(dir, YearlyFile)) {
		y, err := ReadYearly(filepath.Join(dir, YearlyFile))
		if err != nil {
			return nil, err
		}
		p.add("yearly_panels", func() (*Figure, error) { return YearlyPanels(y, opt) })
	}
	if p.has(SummaryFile) {
		s, err := ReadSummary(filepath.Join(dir, SummaryFile))
		if err != nil {
			return nil, err
		}
		var pts *Points
		if p.has(PointsFile) {
			if pts, err = ReadPoints(filepath.Join(dir, PointsFile)); err != nil {
				return nil, err
			}
		}
		sopt := opt
		sopt.Points = pts
		metrics := s.Metrics()
		if len(metrics) > 0 {
			p.add("timeseries_panels", func() (*Figure, error) { return TimeSeriesPanels(s, sopt) })
		}
		names := uniqueNames(metrics)
		for k, m := range metrics {
			p.add("timeseries_"+names[k], func() (*Figure, error) { return TimeSeries(s, m, sopt) })
		}
		if pts != nil && len(pts.Varying()) == 2 {
			hm := opt.HeatmapMetrics
			if len(hm) == 0 {
				hm = metrics
			}
			hnames := uniqueNames(hm)
			for k, m := range hm {
				p.add("heatmap_"+hnames[k], func() (*Figure, error) { return Heatmap(s, pts, m, opt) })
			}
		}
	}
	planRows(p, EffectsFile, ReadEffects, rows, drawing("effects", EffectsFigure))
	planRows(p, MorrisFile, ReadMorris, rows, drawing("morris", MorrisFigure))
	planRows(p, SobolFile, ReadSobol, rows, drawing("sobol", SobolFigure))
	planRows(p, LHSFile, ReadLHS, rows, drawing("lhs", LHSFigure))
	planRows(p, CompareFile, ReadCompare, some, drawing("differences", DifferencesFigure))
	planRows(p, FitFile, ReadFit, rows, drawing("fit", FitFigure))
	planRows(p, PosteriorFile, ReadPosterior, some, drawing("abc_marginals", MarginalsFigure), drawing("abc_pairs", PairFigure))
	planRows(p, GenerationsFile, ReadGenerations, rows, drawing("abc_generations", GenerationsFigure))
	if p.err != nil {
		return nil, p.err
	}
	return p.jobs, nil
}

// planner lists the figures of a result folder's files; err is the first
// file that could not be read.
type planner struct {
	dir  string
	opt  Options
	jobs []job
	err  error
}

// has reports whether the folder holds the regular file name.
func (p *planner) has(name string) bool { return fsutil.IsRegular(filepath.Join(p.dir, name)) }

func (p *planner) add(name string, build func() (*Figure, error)) {
	p.jobs = append(p.jobs, job{name: name, build: build})
}

// figureOf is a figure drawn from what a result file's reader returns.
type figureOf[T any] struct {
	name string
	draw func(T, Options) (*Figure, error)
}

func drawing[T any](name string, draw func(T, Options) (*Figure, error)) figureOf[T] {
	return figureOf[T]{name, draw}
}

// planRows adds the figures of file when the folder holds it and no
// earlier file failed: read parses the file, and each of figs draws what
// it read, none when n counts no row in it.
func planRows[T any](p *planner, file string, read func(string) (T, error), n func(T) int, figs ...figureOf[T]) {
	if p.err != nil || !p.has(file) {
		return
	}
	v, err := read(filepath.Join(p.dir, file))
	if err != nil {
		p.err = err
		return
	}
	if n(v) == 0 {
		return
	}
	for _, f := range figs {
		p.add(f.name, func() (*Figure, error) { return f.draw(v, p.opt) })
	}
}

// rows counts the rows a reader returned as a slice.
func rows[S ~[]E, E any](s S) int { return len(s) }

// some counts a reader's one value: ReadCompare and ReadPosterior refuse
// a file of no row.
func some[T any](T) int { return 1 }

// uniqueNames makes file-safe names of metrics, suffixing duplicates
// that sanitising produced.
func uniqueNames(metrics []string) []string {
	out := make([]string, len(metrics))
	seen := map[string]int{}
	for i, m := range metrics {
		n := fileSafe(m)
		if k := seen[n]; k > 0 {
			out[i] = fmt.Sprintf("%s_%d", n, k+1)
		} else {
			out[i] = n
		}
		seen[n]++
	}
	return out
}
