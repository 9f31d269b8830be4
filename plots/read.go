package plots

import (
	"cogov/internal/fsutil"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// table is a CSV file read into memory with its header indexed by
// column name. Rows keep the 1-based line number they came from so that
// errors can point at the offending line.
type table struct {
	path   string
	header []string
	col    map[string]int
	rows   [][]string
	lines  []int
}

// readTable reads the CSV file at path. Column order is free; every name
// in required must be present in the header (names compare
// case-insensitively, surrounding blanks and a UTF-8 BOM are ignored).
func readTable(path string, required ...string) (*table, error) {
	f, err := fsutil.OpenInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	t := &table{path: path, col: map[string]int{}}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %v", path, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			for i, h := range rec {
				h = headerName(h)
				rec[i] = h
				key := headerKey(h)
				if _, dup := t.col[key]; dup {
					return nil, fmt.Errorf("%s:%d: duplicate column %q", path, line, h)
				}
				t.col[key] = i
			}
			t.header = rec
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(t.header) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", path, line, len(rec), len(t.header))
		}
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	if t.header == nil {
		return nil, fmt.Errorf("%s: empty file, no header", path)
	}
	var missing []string
	for _, name := range required {
		if !t.has(name) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:1: missing required column(s) %s", path, strings.Join(missing, ", "))
	}
	return t, nil
}

// headerName is a header cell without a UTF-8 BOM and surrounding blanks.
func headerName(h string) string { return strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) }

// headerKey is the name a column is looked up by: its headerName, lower
// case.
func headerKey(h string) string { return strings.ToLower(headerName(h)) }

// ReadCSV reads the CSV file at path with the checks of every result
// file plots reads: a regular file, a header without duplicate columns
// (names compare as headerKey does), every row as long as the header,
// blank lines skipped. It returns the header (each name without a BOM
// and surrounding blanks) and the rows as written.
func ReadCSV(path string) (header []string, rows [][]string, err error) {
	t, err := readTable(path)
	if err != nil {
		return nil, nil, err
	}
	return t.header, t.rows, nil
}

// has reports whether the table has the named column.
func (t *table) has(name string) bool {
	_, ok := t.col[strings.ToLower(name)]
	return ok
}

// str returns the trimmed text of column name in row i ("" if the column
// is absent).
func (t *table) str(i int, name string) string {
	j, ok := t.col[strings.ToLower(name)]
	if !ok {
		return ""
	}
	return strings.TrimSpace(t.rows[i][j])
}

// float parses column name of row i. Empty cells, "NA" and "NaN" (any
// case) read as NaN, as does an absent optional column.
func (t *table) float(i int, name string) (float64, error) {
	j, ok := t.col[strings.ToLower(name)]
	if !ok {
		return math.NaN(), nil
	}
	return t.parseFloat(i, t.header[j], t.rows[i][j])
}

func (t *table) parseFloat(i int, name, s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "na", "nan", "null":
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s:%d: column %s: %q is not a number", t.path, t.lines[i], name, s)
	}
	return v, t.checkValue(i, name, v)
}

// integer parses column name of row i as an integer (a float with no
// fractional part such as "3.0" is accepted).
func (t *table) integer(i int, name string) (int, error) {
	s := t.str(i, name)
	if v, err := strconv.Atoi(s); err == nil {
		return v, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != math.Trunc(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s:%d: column %s: %q is not an integer", t.path, t.lines[i], name, s)
	}
	return int(v), nil
}

// floats parses the named columns of row i into dst, in order.
func (t *table) floats(i int, names []string, dst ...*float64) error {
	for k, name := range names {
		v, err := t.float(i, name)
		if err != nil {
			return err
		}
		*dst[k] = v
	}
	return nil
}

// Yearly is the content of a single run's yearly.csv: one row per year,
// one column per metric.
type Yearly struct {
	// Path is the file the data were read from.
	Path string
	// Metrics are the metric column names in file order.
	Metrics []string
	// Years holds the year of each row.
	Years []float64
	// Values[m][i] is metric Metrics[m] in row i (NaN when missing).
	Values [][]float64
}

// Column returns the values of the named metric, or nil if absent.
func (y *Yearly) Column(metric string) []float64 {
	for m, name := range y.Metrics {
		if name == metric {
			return y.Values[m]
		}
	}
	return nil
}

// ReadYearly reads a single run's yearly.csv (header year,<metric>,...).
func ReadYearly(path string) (*Yearly, error) {
	t, err := readTable(path, "year")
	if err != nil {
		return nil, err
	}
	y := &Yearly{Path: path}
	yearCol := t.col["year"]
	var cols []int
	for j, h := range t.header {
		if j != yearCol {
			y.Metrics = append(y.Metrics, h)
			cols = append(cols, j)
		}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("%s:1: no metric columns besides year", path)
	}
	if err := checkPanels(path, len(cols)); err != nil {
		return nil, err
	}
	y.Values = make([][]float64, len(cols))
	for i, rec := range t.rows {
		yr, err := t.parseFloat(i, "year", rec[yearCol])
		if err != nil {
			return nil, err
		}
		if err := t.checkYear(i, yr); err != nil {
			return nil, err
		}
		y.Years = append(y.Years, yr)
		for m, j := range cols {
			v, err := t.parseFloat(i, t.header[j], rec[j])
			if err != nil {
				return nil, err
			}
			y.Values[m] = append(y.Values[m], v)
		}
	}
	return y, nil
}

// Points is the content of a sweep's points.csv: the factor values of
// each design point.
type Points struct {
	// Path is the file the data were read from.
	Path string
	// Factors are the factor paths (column names after point and label).
	Factors []string
	// Rows holds one entry per design point in file order.
	Rows []PointRow
}

// PointRow is one design point of points.csv.
type PointRow struct {
	// Point is the design point id.
	Point int
	// Label is the human label of the point.
	Label string
	// Values are the factor values as written, parallel to Points.Factors.
	Values []string
}

// ReadPoints reads points.csv (header point,label,<factor>,...).
func ReadPoints(path string) (*Points, error) {
	t, err := readTable(path, "point", "label")
	if err != nil {
		return nil, err
	}
	p := &Points{Path: path}
	var cols []int
	for j, h := range t.header {
		if k := strings.ToLower(h); k != "point" && k != "label" {
			p.Factors = append(p.Factors, h)
			cols = append(cols, j)
		}
	}
	seen := map[int]bool{}
	for i, rec := range t.rows {
		id, err := t.integer(i, "point")
		if err != nil {
			return nil, err
		}
		if seen[id] {
			return nil, fmt.Errorf("%s:%d: point %d listed twice", path, t.lines[i], id)
		}
		seen[id] = true
		row := PointRow{Point: id, Label: t.str(i, "label")}
		for _, j := range cols {
			row.Values = append(row.Values, strings.TrimSpace(rec[j]))
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// Varying returns the indices (into Factors) of the factors that take
// more than one distinct value across the points.
func (p *Points) Varying() []int {
	var out []int
	for f := range p.Factors {
		distinct := map[string]bool{}
		for _, r := range p.Rows {
			distinct[r.Values[f]] = true
		}
		if len(distinct) > 1 {
			out = append(out, f)
		}
	}
	return out
}
