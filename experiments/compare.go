package experiments

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"cogov/experiments/stats"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// CompareFile is the file of final-year differences Comparison.Write writes
// beside summary.csv.
const CompareFile = "compare.csv" // scenario,reference,metric,year,n,diff,se,ci_low,ci_high,share_below_0

// Comparison holds replications of several scenarios run with common random
// numbers: replication r of every scenario is run r of the same master seed.
type Comparison struct {
	// Labels name the scenarios in the order given, made unique by a
	// "#k" suffix when a name repeats; the first is the reference.
	Labels []string
	// Metrics are the metric names, in Result column order.
	Metrics []string
	Seed    uint64
	Reps    int
	// Results[i][r] is replication r of scenario i.
	Results [][]*sim.Result
}

// Compare runs reps replications of each scenario under master seed seed
// on workers goroutines, for years years (0: each scenario's own years).
func Compare(ctx context.Context, scens []*scenarios.Scenario, seed uint64, reps, years, workers int) (*Comparison, error) {
	return CompareDraws(ctx, scens, nil, seed, reps, years, workers)
}

// CompareDraws is Compare where replication r of every scenario applies
// the overrides draws(seed, r) (ReplicateDraws): the scenarios are
// compared on common random numbers and common drawn parameters.
func CompareDraws(ctx context.Context, scens []*scenarios.Scenario, draws Draws, seed uint64, reps, years, workers int) (*Comparison, error) {
	if len(scens) == 0 {
		return nil, fmt.Errorf("compare: no scenarios")
	}
	if reps < 1 {
		return nil, fmt.Errorf("compare: %d replications, want at least 1", reps)
	}
	c := &Comparison{Metrics: sim.MetricNames(), Seed: seed, Reps: reps}
	seen := map[string]int{}
	for _, s := range scens {
		seen[s.Name]++
		label := s.Name
		if k := seen[s.Name]; k > 1 {
			label = fmt.Sprintf("%s#%d", s.Name, k)
		}
		c.Labels = append(c.Labels, label)
		y := years
		if y == 0 {
			y = s.Years
		}
		res, err := ReplicateDraws(ctx, s, draws, seed, reps, y, workers)
		if err != nil {
			return nil, fmt.Errorf("compare %s: %w", label, err)
		}
		c.Results = append(c.Results, res)
	}
	return c, nil
}

// years returns the years measured in scenario i (those of its first
// replication).
func (c *Comparison) years(i int) []int { return c.Results[i][0].Years }

// values returns metric j in year index k over scenario i's replications.
func (c *Comparison) values(i, k, j int) []float64 {
	out := make([]float64, 0, len(c.Results[i]))
	for _, r := range c.Results[i] {
		v := math.NaN()
		if k < len(r.Values) {
			v = r.Values[k][j]
		}
		out = append(out, v)
	}
	return out
}

// Final returns metric j in scenario i's final year over its replications.
func (c *Comparison) Final(i, j int) []float64 { return c.values(i, len(c.years(i))-1, j) }

// FinalYear returns scenario i's final year.
func (c *Comparison) FinalYear(i int) int { y := c.years(i); return y[len(y)-1] }

// Diff returns the final-year difference of metric j, scenario i minus the
// first scenario, with its 95 % paired interval (stats.PairedDiff):
// replication r of both uses random stream r. SD holds the standard error
// of the mean difference, the se column of compare.csv.
func (c *Comparison) Diff(i, j int) stats.Summary {
	d := stats.PairedDiff(c.Final(0, j), c.Final(i, j))
	if d.N >= 2 {
		d.SD /= math.Sqrt(float64(d.N))
	}
	return d
}

// Summary returns the mean, standard deviation and 95 % CI of metric j in
// year index k over scenario i's replications, the interval of a share cut
// to [0, 1]: a row of summary.csv.
func (c *Comparison) Summary(i, k, j int) stats.Summary {
	return bounded(c.Metrics[j], stats.Summarize(c.values(i, k, j)))
}

// SummaryCSV returns summary.csv: point (the scenario's index), label, year,
// metric, n, mean, sd and 95 % CI of every scenario, year and metric, in the
// format of a sweep's summary.csv.
func (c *Comparison) SummaryCSV() []byte {
	var b strings.Builder
	b.WriteString("point,label,year,metric,n,mean,sd,ci_low,ci_high\n")
	f := sim.FormatValue
	for i, label := range c.Labels {
		for k, y := range c.years(i) {
			for j, m := range c.Metrics {
				s := c.Summary(i, k, j)
				b.WriteString(csvfmt.Line(strconv.Itoa(i), label, strconv.Itoa(y), m, strconv.Itoa(s.N),
					f(s.Mean), f(s.SD), f(s.CILow), f(s.CIHigh)))
			}
		}
	}
	return []byte(b.String())
}

// BelowZero is the share of replications whose final-year difference of
// metric j, scenario i minus the first, is below 0 (NaN pairs dropped;
// NaN when none is left). With --posterior each pair shares its parameter
// draw, so this estimates the probability, over parameters and random
// numbers, that scenario i lowers the metric.
func (c *Comparison) BelowZero(i, j int) float64 {
	d := stats.PairedDiffs(c.Final(0, j), c.Final(i, j))
	if len(d) == 0 {
		return math.NaN()
	}
	below := 0
	for _, x := range d {
		if x < 0 {
			below++
		}
	}
	return float64(below) / float64(len(d))
}

// CompareCSV returns compare.csv: for every scenario after the first and
// every metric, the final-year difference from the first scenario with its
// standard error, 95 % paired interval and the share of pairs below 0.
func (c *Comparison) CompareCSV() []byte {
	var b strings.Builder
	b.WriteString("scenario,reference,metric,year,n,diff,se,ci_low,ci_high,share_below_0\n")
	f := sim.FormatValue
	for i := 1; i < len(c.Labels); i++ {
		for j, m := range c.Metrics {
			d := c.Diff(i, j)
			b.WriteString(csvfmt.Line(c.Labels[i], c.Labels[0], m, strconv.Itoa(c.FinalYear(i)), strconv.Itoa(d.N),
				f(d.Mean), f(d.SD), f(d.CILow), f(d.CIHigh), f(c.BelowZero(i, j))))
		}
	}
	return []byte(b.String())
}

// Write writes summary.csv and compare.csv into dir, each atomically.
func (c *Comparison) Write(dir string) error {
	if err := fsutil.WriteFile(filepath.Join(dir, SummaryFile), c.SummaryCSV()); err != nil {
		return err
	}
	return fsutil.WriteFile(filepath.Join(dir, CompareFile), c.CompareCSV())
}

// decimals returns the decimals that show values of magnitude v with
// about three significant digits: 3 for shares, more for small values, 1
// from 10 and none from 100.
func decimals(v float64) int {
	switch v = math.Abs(v); {
	case math.IsNaN(v) || v == 0:
		return 3
	case v < 10:
		return min(max(3, 2-int(math.Floor(math.Log10(v)))), 6)
	case v < 100:
		return 1
	}
	return 0
}

// pm formats mean ± half-width with d decimals; a missing half-width
// (fewer than 2 replications) is left out.
func pm(mean, half float64, d int) string {
	if math.IsNaN(mean) {
		return "NaN"
	}
	s := strconv.FormatFloat(mean, 'f', d, 64)
	if math.IsNaN(half) {
		return s
	}
	return s + " ± " + strconv.FormatFloat(half, 'f', d, 64)
}

// WriteTable prints the final-year table: per metric (rows), every
// scenario's mean ± 95 % CI half-width, then every later scenario's
// difference from the first, starred when its 95 % CI excludes 0.
func (c *Comparison) WriteTable(w io.Writer) {
	head := []string{"metric"}
	for i, l := range c.Labels {
		head = append(head, fmt.Sprintf("%s (%d)", l, c.FinalYear(i)))
	}
	for _, l := range c.Labels[1:] {
		head = append(head, l+" - "+c.Labels[0])
	}
	rows := [][]string{head}
	for j, m := range c.Metrics {
		row := []string{m}
		sums := make([]stats.Summary, len(c.Labels))
		big := 0.0
		for i := range c.Labels {
			sums[i] = bounded(m, stats.Summarize(c.Final(i, j)))
			big = math.Max(big, math.Abs(sums[i].Mean))
		}
		d := decimals(big)
		for _, s := range sums {
			row = append(row, pm(s.Mean, s.HalfWidth(), d))
		}
		for i := 1; i < len(c.Labels); i++ {
			df := c.Diff(i, j)
			cell := pm(df.Mean, df.HalfWidth(), d)
			if df.CILow > 0 || df.CIHigh < 0 {
				cell += " *"
			} else {
				cell += "  "
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	writeAligned(w, rows, 1, "")
	fmt.Fprintf(w, "\nfinal-year mean ± 95%% CI half-width over %d replications (seed %d, common random numbers);\n", c.Reps, c.Seed)
	if len(c.Labels) > 1 {
		fmt.Fprintf(w, "differences from %s with a 95%% paired interval (common random numbers), * where it excludes 0.\n", c.Labels[0])
	}
}
