package experiments

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"cogov/experiments/design"
	"cogov/experiments/stats"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
	"cogov/sim"
)

// The files Analyze writes.
const (
	SummaryFile = "summary.csv" // point,label,year,metric,n,mean,sd,ci_low,ci_high
	EffectsFile = "effects.csv" // metric,effect,estimate,ci_low,ci_high
	MorrisFile  = "morris.csv"  // metric,factor,mu,mu_star,sigma,mu_star_low,mu_star_high
	SobolFile   = "sobol.csv"   // metric,factor,s1,s1_low,s1_high,st,st_low,st_high
)

// AllEffect names the effect of every factor on at once against every
// factor off (cell 1...1 minus cell 0...0), in effects.csv.
const AllEffect = "all"

// analyze computes the analyses the design allows.
func (a *Analysis) analyze(cells [][][]float64) {
	e := a.Exp
	switch {
	case e.IsFactorial():
		a.factorial(cells)
	case e.Design.Kind == design.KindMorris:
		a.morris()
	case e.Design.Kind == design.KindSobol:
		a.sobol()
	case e.Design.Kind == design.KindLHS:
		a.lhs()
	}
}

// factorial estimates main effects, the all-on effect and two-way
// interactions on every metric's final-year value.
func (a *Analysis) factorial(cells [][][]float64) {
	names := a.Exp.FactorNames()
	k := len(names)
	for j, metric := range a.Metrics {
		cell := make([][]float64, len(cells))
		for c := range cells {
			if cells[c] != nil {
				cell[c] = cells[c][j]
			}
		}
		effects, err := stats.FactorialEffects(names, cell)
		if err != nil {
			a.Warnings = append(a.Warnings, fmt.Sprintf("no effects on %s: %v", metric, err))
			continue
		}
		for _, ef := range effects[:k] {
			a.Effects = append(a.Effects, MetricEffect{metric, ef})
		}
		d := stats.DiffCI(cell[0], cell[len(cell)-1])
		a.Effects = append(a.Effects, MetricEffect{metric, stats.Effect{Name: AllEffect, Estimate: d.Mean, CILow: d.CILow, CIHigh: d.CIHigh, SE: d.SD}})
		for _, ef := range effects[k:] {
			a.Effects = append(a.Effects, MetricEffect{metric, ef})
		}
	}
}

// bootSeed returns the bootstrap stream index of metric, so each metric's
// intervals do not depend on which other metrics were analysed.
func (a *Analysis) bootSeed(metric string) uint64 {
	for j, name := range sim.MetricNames() {
		if name == metric {
			return design.BootstrapStream - uint64(j)
		}
	}
	return design.BootstrapStream - 1000
}

// morris computes elementary-effect indices on every metric.
func (a *Analysis) morris() {
	e := a.Exp
	k := len(e.Factors)
	unit := design.UnitPoints(e)
	traj := make([][][]float64, e.Design.Samples)
	for t := range traj {
		traj[t] = unit[t*(k+1) : (t+1)*(k+1)]
	}
	for j, metric := range a.Metrics {
		y := make([][]float64, len(traj))
		for t := range y {
			y[t] = make([]float64, k+1)
			for s := range y[t] {
				y[t][s] = a.Final[t*(k+1)+s][j]
			}
		}
		idx := stats.MorrisIndices(traj, y, sim.Stream(e.Seed, a.bootSeed(metric)), e.Design.Bootstrap)
		for i, ix := range idx {
			a.Morris = append(a.Morris, MorrisRow{metric, e.Factors[i].Name, ix})
		}
	}
}

// sobol computes first-order and total Sobol' indices on every metric.
func (a *Analysis) sobol() {
	e := a.Exp
	n, k := e.Design.Samples, len(e.Factors)
	for j, metric := range a.Metrics {
		col := func(block int) []float64 {
			out := make([]float64, n)
			for r := range out {
				out[r] = a.Final[block*n+r][j]
			}
			return out
		}
		yA, yB := col(0), col(1)
		yABi := make([][]float64, k)
		for i := range yABi {
			yABi[i] = col(2 + i)
		}
		idx := stats.CentredSobolIndices(yA, yB, yABi, sim.Stream(e.Seed, a.bootSeed(metric)), e.Design.Bootstrap)
		for i, ix := range idx {
			a.Sobol = append(a.Sobol, SobolRow{metric, e.Factors[i].Name, ix})
		}
	}
}

// writeAnalyses writes effects.csv, morris.csv or sobol.csv.
func (a *Analysis) writeAnalyses() error {
	f := sim.FormatValue
	var b bytes.Buffer
	switch {
	case a.Effects != nil:
		b.WriteString("metric,effect,estimate,ci_low,ci_high\n")
		for _, r := range a.Effects {
			b.WriteString(csvfmt.Line(r.Metric, r.Name, f(r.Estimate), f(r.CILow), f(r.CIHigh)))
		}
		return fsutil.WriteFile(filepath.Join(a.Dir, EffectsFile), b.Bytes())
	case a.Morris != nil:
		b.WriteString("metric,factor,mu,mu_star,sigma,mu_star_low,mu_star_high\n")
		for _, r := range a.Morris {
			b.WriteString(csvfmt.Line(r.Metric, r.Factor, f(r.Mu), f(r.MuStar), f(r.Sigma), f(r.MuStarLow), f(r.MuStarHigh)))
		}
		return fsutil.WriteFile(filepath.Join(a.Dir, MorrisFile), b.Bytes())
	case a.Sobol != nil:
		b.WriteString("metric,factor,s1,s1_low,s1_high,st,st_low,st_high\n")
		for _, r := range a.Sobol {
			b.WriteString(csvfmt.Line(r.Metric, r.Factor, f(r.S1), f(r.S1Low), f(r.S1High), f(r.ST), f(r.STLow), f(r.STHigh)))
		}
		return fsutil.WriteFile(filepath.Join(a.Dir, SobolFile), b.Bytes())
	case a.LHS != nil:
		return fsutil.WriteFile(filepath.Join(a.Dir, LHSFile), a.lhsCSV())
	}
	return nil
}

// summaryWriter streams summary.csv to a temporary file renamed into place
// by finish, so a failed Analyze leaves no partial summary.
type summaryWriter struct {
	a   *Analysis
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

func newSummaryWriter(dir string, a *Analysis) (*summaryWriter, error) {
	f, err := os.CreateTemp(dir, "."+SummaryFile+".tmp*")
	if err != nil {
		return nil, err
	}
	s := &summaryWriter{a: a, f: f, w: bufio.NewWriterSize(f, 1<<16)}
	s.w.WriteString("point,label,year,metric,n,mean,sd,ci_low,ci_high\n")
	return s, nil
}

// point writes the rows of one point: every year, every metric.
func (s *summaryWriter) point(p int, years map[int][]stats.Accumulator) error {
	label := csvfmt.Field(s.a.Labels[p])
	for _, y := range sortedYears(years) {
		for j, acc := range years[y] {
			sm := bounded(s.a.Metrics[j], acc.Summary())
			b := strconv.AppendInt(s.buf[:0], int64(p), 10)
			b = append(append(append(b, ','), label...), ',')
			b = append(strconv.AppendInt(b, int64(y), 10), ',')
			b = append(append(b, s.a.Metrics[j]...), ',')
			b = append(strconv.AppendInt(b, int64(sm.N), 10), ',')
			for i, v := range []float64{sm.Mean, sm.SD, sm.CILow, sm.CIHigh} {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, sim.FormatValue(v)...)
			}
			s.buf = append(b, '\n')
			if _, err := s.w.Write(s.buf); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *summaryWriter) finish() error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	if err := s.f.Sync(); err != nil {
		return err
	}
	if err := s.f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(s.f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(s.f.Name(), filepath.Join(s.a.Dir, SummaryFile)); err != nil {
		return err
	}
	s.f = nil
	return nil
}

// abort removes the temporary file unless finish succeeded.
func (s *summaryWriter) abort() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}
