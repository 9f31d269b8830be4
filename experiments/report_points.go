package experiments

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"cogov/experiments/design"
)

// writePoints prints the design points with their factor values from
// points.csv, numbers to four significant digits, when the design
// varies its factors point by point (lhs, sobol, morris, grid); a
// factorial's labels already name its levels.
func (a *Analysis) writePoints(w io.Writer) {
	if a.Exp.IsFactorial() || len(a.Labels) > maxReportPoints {
		return
	}
	f, err := os.Open(filepath.Join(a.Dir, PointsFile))
	if err != nil {
		return
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		return
	}
	head := append([]string{}, recs[0]...)
	for i, h := range head[2:] {
		head[i+2] = shortFactor(a.Exp, h)
	}
	rows := [][]string{head}
	for _, r := range recs[1:] {
		row := append([]string{}, r...)
		for i := 2; i < len(row); i++ {
			if v, err := strconv.ParseFloat(row[i], 64); err == nil {
				row[i] = num(v)
			}
		}
		rows = append(rows, row)
	}
	fmt.Fprintf(w, "\ndesign points (%s)\n", PointsFile)
	writeAligned(w, rows, 2, "  ")
}

// writeAligned prints rows as columns of the widest cell (display width),
// the first left columns left-aligned and the rest right-aligned, cells
// two spaces apart, each line starting with indent and right-trimmed.
func writeAligned(w io.Writer, rows [][]string, left int, indent string) {
	var width []int
	for _, r := range rows {
		for k, c := range r {
			if k == len(width) {
				width = append(width, 0)
			}
			width[k] = max(width[k], runewidth.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for k, c := range r {
			pad := strings.Repeat(" ", width[k]-runewidth.StringWidth(c))
			sep := "  "
			if k == 0 {
				sep = indent
			}
			if k < left {
				b.WriteString(sep + c + pad)
			} else {
				b.WriteString(sep + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// shortFactor returns the name of the factor whose column is path, or
// path itself.
func shortFactor(e *design.Experiment, path string) string {
	for _, f := range e.Factors {
		if f.Path == path && f.Name != "" {
			return f.Name
		}
	}
	return path
}

// writeLHS prints the SRC and PRCC indices of the shown metrics.
func (a *Analysis) writeLHS(w io.Writer, shown map[string]bool) {
	if len(a.LHS) == 0 {
		return
	}
	fmt.Fprintf(w, "\nLatin hypercube: standardised regression (SRC) and partial rank correlation (PRCC)\ncoefficients of the final-year mean, bootstrap 95%% CIs (* : excludes 0); all metrics in %s\n", LHSFile)
	byMetric(w, a.LHS, shown, func(r LHSRow) string { return r.Metric },
		func(r LHSRow) string {
			return fmt.Sprintf("%s (R² of the regression %s)\n  %-24s  %8s  %-22s  %8s  %s\n", r.Metric, num(r.R2), "factor", "SRC", "SRC 95% CI", "PRCC", "PRCC 95% CI")
		},
		func(r LHSRow) string {
			return strings.TrimRight(fmt.Sprintf("  %-24s  %8s  %-22s  %8s  %-22s", r.Factor, num(r.SRC), interval(r.SRCLow, r.SRCHigh)+star(r.SRCLow, r.SRCHigh),
				num(r.PRCC), interval(r.PRCCLow, r.PRCCHigh)+star(r.PRCCLow, r.PRCCHigh)), " ")
		})
}
