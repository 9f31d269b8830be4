package plots

import (
	"fmt"
	"sort"
)

// SummaryRow is one row of summary.csv: the across-replicate statistics
// of one metric in one year at one design point.
type SummaryRow struct {
	Point  int     // design point id
	Label  string  // human label of the point, e.g. "baseline"
	Year   float64 // simulation year
	Metric string  // metric name
	N      int     // number of replicates (0 if the column is absent)
	Mean   float64 // across-replicate mean
	SD     float64 // standard deviation (NaN if absent)
	CILow  float64 // lower bound of the 95 % confidence interval
	CIHigh float64 // upper bound of the 95 % confidence interval
}

// Summary is the content of a sweep's summary.csv in long format.
type Summary struct {
	// Path is the file the data were read from.
	Path string
	// Rows are the rows in file order.
	Rows []SummaryRow
}

// Series is the time series of one metric at one design point.
type Series struct {
	Point int
	Label string
	// Years, Mean, Low and High are parallel and sorted by year.
	Years, Mean, Low, High []float64
}

// ReadSummary reads summary.csv
// (point,label,year,metric,n,mean,sd,ci_low,ci_high). The columns n and
// sd are not needed for drawing and may be absent; the others are
// required.
func ReadSummary(path string) (*Summary, error) {
	t, err := readTable(path, "point", "label", "year", "metric", "mean", "ci_low", "ci_high")
	if err != nil {
		return nil, err
	}
	s := &Summary{Path: path, Rows: make([]SummaryRow, 0, len(t.rows))}
	for i := range t.rows {
		var r SummaryRow
		if r.Point, err = t.integer(i, "point"); err != nil {
			return nil, err
		}
		if t.has("n") && t.str(i, "n") != "" {
			if r.N, err = t.integer(i, "n"); err != nil {
				return nil, err
			}
		}
		r.Label = t.str(i, "label")
		r.Metric = t.str(i, "metric")
		if r.Metric == "" {
			return nil, fmt.Errorf("%s:%d: column metric is empty", path, t.lines[i])
		}
		err = t.floats(i, []string{"year", "mean", "sd", "ci_low", "ci_high"},
			&r.Year, &r.Mean, &r.SD, &r.CILow, &r.CIHigh)
		if err != nil {
			return nil, err
		}
		if err := t.checkYear(i, r.Year); err != nil {
			return nil, err
		}
		s.Rows = append(s.Rows, r)
	}
	if err := checkPanels(path, len(s.Metrics())); err != nil {
		return nil, err
	}
	return s, nil
}

// Metrics returns the metric names in order of first appearance.
func (s *Summary) Metrics() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.Rows {
		if !seen[r.Metric] {
			seen[r.Metric] = true
			out = append(out, r.Metric)
		}
	}
	return out
}

// Labels returns the distinct labels ordered by their smallest point id.
func (s *Summary) Labels() []string {
	first := map[string]int{}
	for _, r := range s.Rows {
		if p, ok := first[r.Label]; !ok || r.Point < p {
			first[r.Label] = r.Point
		}
	}
	out := make([]string, 0, len(first))
	for l := range first {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if first[out[i]] != first[out[j]] {
			return first[out[i]] < first[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Series returns the time series of metric, one per design point,
// ordered by point id.
func (s *Summary) Series(metric string) []Series {
	byPoint := map[int]*Series{}
	var ids []int
	for _, r := range s.Rows {
		if r.Metric != metric {
			continue
		}
		se := byPoint[r.Point]
		if se == nil {
			se = &Series{Point: r.Point, Label: r.Label}
			byPoint[r.Point] = se
			ids = append(ids, r.Point)
		}
		se.Years = append(se.Years, r.Year)
		se.Mean = append(se.Mean, r.Mean)
		se.Low = append(se.Low, r.CILow)
		se.High = append(se.High, r.CIHigh)
	}
	sort.Ints(ids)
	out := make([]Series, len(ids))
	for k, id := range ids {
		se := byPoint[id]
		sort.Stable(byYear{se})
		out[k] = *se
	}
	return out
}

// Final returns, for metric, each point's mean in its last year.
func (s *Summary) Final(metric string) map[int]float64 {
	out := map[int]float64{}
	last := map[int]float64{}
	for _, r := range s.Rows {
		if r.Metric != metric {
			continue
		}
		if y, ok := last[r.Point]; !ok || r.Year >= y {
			last[r.Point] = r.Year
			out[r.Point] = r.Mean
		}
	}
	return out
}

// byYear sorts the parallel slices of a Series by year.
type byYear struct{ s *Series }

func (b byYear) Len() int           { return len(b.s.Years) }
func (b byYear) Less(i, j int) bool { return b.s.Years[i] < b.s.Years[j] }
func (b byYear) Swap(i, j int) {
	s := b.s
	s.Years[i], s.Years[j] = s.Years[j], s.Years[i]
	s.Mean[i], s.Mean[j] = s.Mean[j], s.Mean[i]
	s.Low[i], s.Low[j] = s.Low[j], s.Low[i]
	s.High[i], s.High[j] = s.High[j], s.High[i]
}
