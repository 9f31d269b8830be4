package plots

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes chosen to stay readable when a figure is printed at its
// nominal size.
const (
	titleSize      = 12
	panelTitleSize = 10.5
	labelSize      = 10
	tickSize       = 9
	legendSize     = 9.5
	noteSize       = 8.5
)

var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// textStyle returns a plain-text style in the report font.
func textStyle(f font.Font, size vg.Length, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(f, size),
		XAlign:  xa,
		YAlign:  ya,
		Handler: textHandler,
	}
}

// newPlot returns a plot styled for reports: sans-serif fonts, light
// grid lines under the data and no in-plot legend (legends are drawn
// outside the plot area by the figure layout).
func newPlot(title, xlabel, ylabel string, grid bool) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(boldFont, panelTitleSize, draw.XCenter, draw.YTop)
	p.Title.Padding = vg.Points(5)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sansFont, labelSize)
		ax.Label.Padding = vg.Points(3)
		ax.Tick.Label.Font = font.From(sansFont, tickSize)
		ax.Label.TextStyle.Handler = textHandler
		ax.Tick.Label.Handler = textHandler
		ax.Color = grey
		ax.Tick.Color = grey
		ax.Padding = vg.Points(3)
		ax.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	if grid {
		g := plotter.NewGrid()
		g.Vertical.Color = gridGrey
		g.Horizontal.Color = gridGrey
		g.Vertical.Width = vg.Points(0.6)
		g.Horizontal.Width = vg.Points(0.6)
		p.Add(g)
	}
	return p
}

// MetricInfo describes a metric for axis labels and titles.
type MetricInfo struct {
	// Unit is shown on value axes, e.g. "share", "agencies", "CNY m".
	Unit string
	// Description is a short human name used in titles, e.g.
	// "Dependence on government contracts".
	Description string
}

// metricTitle returns the description of metric if known, else its name.
func (o *Options) metricTitle(metric string) string {
	if mi, ok := o.Metrics[metric]; ok && mi.Description != "" {
		return mi.Description
	}
	return metric
}

// metricUnit returns the unit of metric: the caller's, else "share" when
// every value given (pass means, not CI bounds) lies in [0,1], else "".
func (o *Options) metricUnit(metric string, values ...[]float64) string {
	if mi, ok := o.Metrics[metric]; ok && mi.Unit != "" {
		return mi.Unit
	}
	any := false
	for _, vs := range values {
		for _, v := range vs {
			if math.IsNaN(v) {
				continue
			}
			if v < 0 || v > 1 {
				return ""
			}
			any = true
		}
	}
	if any {
		return "share"
	}
	return ""
}

// valueLabel returns a value-axis label such as "metric (unit)".
func valueLabel(name, unit string) string {
	if unit == "" {
		return name
	}
	return name + " (" + unit + ")"
}

// yearTicks marks whole years with a step of 1, 2, 5, 10, ... chosen
// so that at most about eight ticks are shown.
type yearTicks struct{}

// Ticks implements plot.Ticker.
func (yearTicks) Ticks(min, max float64) []plot.Tick {
	span := max - min
	step := 1.0
	for _, s := range []float64{1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000} {
		step = s
		if span/s <= 8 {
			break
		}
	}
	var ts []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+1e-9; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ts
}

// niceTicks places about N (default 4, suiting small panels) intervals
// between major ticks at multiples of 1, 2, 2.5 or 5 times a power of
// ten, all labelled with the same number of decimals, and no minor ticks.
type niceTicks struct{ N int }

// Ticks implements plot.Ticker. Long labels (many digits or decimals)
// get fewer intervals, so that they do not run into each other: the
// labels of the chosen ticks, two characters apart, fit in about nine
// characters per interval asked for.
func (t niceTicks) Ticks(min, max float64) []plot.Tick {
	n := t.N
	if n <= 0 {
		n = 4
	}
	budget := 9 * (n + 1)
	for {
		ts := niceTicksN(min, max, n)
		width := 0
		for _, tk := range ts {
			width = mx(width, len(tk.Label)+2)
		}
		if n <= 2 || len(ts)*width <= budget {
			return ts
		}
		n--
	}
}

// mx returns the larger of a and b (the parameters of Ticks shadow max).
func mx(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// niceTicksN returns the ticks of about n intervals over [min, max].
func niceTicksN(min, max float64, n int) []plot.Tick {
	step, dec := niceStep(max-min, n)
	if step == 0 {
		return []plot.Tick{{Value: min, Label: strconv.FormatFloat(min, 'g', 4, 64)}}
	}
	var ts []plot.Tick
	for k := math.Ceil(min/step - 1e-9); k*step <= max+step*1e-9; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no "-0"
		}
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', dec, 64)})
	}
	return ts
}

// niceStep returns a round step giving about n intervals over span, and
// the decimals needed to print its multiples.
func niceStep(span float64, n int) (step float64, decimals int) {
	if !(span > 0) || math.IsInf(span, 0) {
		return 0, 0
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	best := math.Inf(1)
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		// Pick the step whose interval count is closest to n (in ratio).
		if cost := math.Abs(math.Log(span / (m * mag) / float64(n))); cost < best-1e-9 {
			best, step = cost, m*mag
		}
	}
	decimals = int(math.Max(0, -math.Floor(math.Log10(step)+1e-9)))
	if r := step / math.Pow(10, -float64(decimals)); math.Abs(r-math.Round(r)) > 1e-6 {
		decimals++ // 2.5, 0.25, ...
	}
	return step, decimals
}

// indexTicks labels integer positions 0..n-1 with names.
type indexTicks []string

// Ticks implements plot.Ticker.
func (t indexTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for i, name := range t {
		if v := float64(i); v >= min-1e-9 && v <= max+1e-9 {
			ts = append(ts, plot.Tick{Value: v, Label: name})
		}
	}
	return ts
}

// sharedAxisTicks returns the ticks of names for a panel in column col:
// labelled in the first column, blank elsewhere, so that panels sharing
// a nominal axis spend their width on data rather than repeated labels.
func sharedAxisTicks(names []string, col int) indexTicks {
	if col == 0 {
		return indexTicks(names)
	}
	return make(indexTicks, len(names))
}

// fileSafe turns a metric or factor name into a file-name fragment.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "unnamed"
	}
	return b.String()
}

// gridShape returns the number of rows for n panels in cols columns.
func gridShape(n, cols int) (rows, c int) {
	if n <= 0 {
		return 0, cols
	}
	if cols > n {
		cols = n
	}
	return (n + cols - 1) / cols, cols
}

// finiteRange returns the min and max of the finite values in vs, or
// (+Inf, -Inf) when there is none.
func finiteRange(vs ...[]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range vs {
		for _, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi
}

// minShareSpan is the smallest range a value axis of shares shows: over a
// narrower one, replication noise of a thousandth looks like a jump.
const minShareSpan = 0.1

// widenShareAxis gives the value axis of p at least minShareSpan when
// unit is "share", centred on the data and kept within [0, 1].
func widenShareAxis(p *plot.Plot, unit string, values ...[]float64) {
	if unit != "share" {
		return
	}
	lo, hi := finiteRange(values...)
	if !finite(lo) || !finite(hi) || hi-lo >= minShareSpan {
		return
	}
	mid := (lo + hi) / 2
	a, b := mid-minShareSpan/2, mid+minShareSpan/2
	switch {
	case a < 0:
		a, b = 0, minShareSpan
	case b > 1:
		a, b = 1-minShareSpan, 1
	}
	p.Y.Min, p.Y.Max = math.Min(a, lo), math.Max(b, hi)
}
