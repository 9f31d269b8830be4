package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// band is a plotter drawing a filled band between Low and High over X,
// broken where a bound is missing.
type band struct {
	X, Low, High []float64
	Color        color.Color
}

// Plot implements plot.Plotter.
func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, seg := range segments(len(b.X), func(i int) bool {
		return finite(b.X[i]) && finite(b.Low[i]) && finite(b.High[i])
	}) {
		var pts []vg.Point
		for _, i := range seg {
			pts = append(pts, vg.Point{X: tx(b.X[i]), Y: ty(b.High[i])})
		}
		for k := len(seg) - 1; k >= 0; k-- {
			i := seg[k]
			pts = append(pts, vg.Point{X: tx(b.X[i]), Y: ty(b.Low[i])})
		}
		if len(seg) == 1 { // a lone year: draw a short vertical bar
			i := seg[0]
			c.StrokeLine2(draw.LineStyle{Color: b.Color, Width: vg.Points(3)},
				tx(b.X[i]), ty(b.Low[i]), tx(b.X[i]), ty(b.High[i]))
			continue
		}
		c.FillPolygon(b.Color, c.ClipPolygonXY(pts))
	}
}

// DataRange implements plot.DataRanger over finite values only.
func (b *band) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = finiteRange(b.X)
	ymin, ymax = finiteRange(b.Low, b.High)
	return
}

// line is a plotter drawing a polyline broken at NaN values; isolated
// values are drawn as dots.
type line struct {
	X, Y  []float64
	Style draw.LineStyle
}

// Plot implements plot.Plotter.
func (l *line) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, seg := range segments(len(l.X), func(i int) bool { return finite(l.X[i]) && finite(l.Y[i]) }) {
		pts := make([]vg.Point, len(seg))
		for k, i := range seg {
			pts[k] = vg.Point{X: tx(l.X[i]), Y: ty(l.Y[i])}
		}
		if len(pts) == 1 {
			c.DrawGlyph(draw.GlyphStyle{Color: l.Style.Color, Radius: l.Style.Width * 1.5,
				Shape: draw.CircleGlyph{}}, pts[0])
			continue
		}
		c.StrokeLines(l.Style, c.ClipLinesXY(pts)...)
	}
}

// DataRange implements plot.DataRanger over finite values only.
func (l *line) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = finiteRange(l.X)
	ymin, ymax = finiteRange(l.Y)
	return
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// segments splits 0..n-1 into maximal runs where ok holds.
func segments(n int, ok func(int) bool) [][]int {
	var out [][]int
	var cur []int
	for i := range n {
		if ok(i) {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// timePlot returns an empty time-series plot with year ticks.
func timePlot(title, ylabel string) *plot.Plot {
	p := newPlot(title, "year", ylabel, true)
	p.X.Tick.Marker = yearTicks{}
	return p
}

// YearlyPanels draws a single run's yearly.csv as small multiples: one
// panel per metric with a plain line.
func YearlyPanels(y *Yearly, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	var panels []*plot.Plot
	for m, name := range y.Metrics {
		unit := opt.metricUnit(name, y.Values[m])
		p := timePlot(opt.metricTitle(name), unit)
		p.Add(&line{X: y.Years, Y: y.Values[m],
			Style: draw.LineStyle{Color: OkabeIto[0], Width: lineWidth}})
		widenShareAxis(p, unit, y.Values[m])
		panels = append(panels, p)
	}
	return gridSpec{
		title:  opt.title("Yearly metrics of a single run"),
		bold:   opt.boldFont(),
		panels: panels, cols: opt.Columns,
		panelW: opt.PanelWidth, panelH: opt.PanelHeight,
	}.figure(), nil
}

// seriesPick is the choice of series for the time-series figures.
type seriesPick struct {
	order     labelOrder
	show      map[string]bool // labels drawn in colour
	spaghetti bool            // draw every point as a thin line
	shade     *pointShade     // colours of the thin lines, nil: grey
}

func pickSeries(s *Summary, opt *Options) seriesPick {
	data := s.Labels()
	pick := seriesPick{order: newLabelOrder(opt.Labels, data, opt.ColorKeys), show: map[string]bool{}}
	if len(opt.Labels) > 0 {
		for _, l := range opt.Labels {
			pick.show[l] = true
		}
		return pick
	}
	if len(data) > opt.MaxSeries {
		pick.spaghetti = true
		pick.shade = newPointShade(opt.Points)
		return pick
	}
	for _, l := range data {
		pick.show[l] = true
	}
	return pick
}

// legend returns the legend entries of the shown labels present in s.
func (sp seriesPick) legend(s *Summary) []legendItem {
	if sp.spaghetti && sp.shade != nil {
		return sp.shade.legend()
	}
	if sp.spaghetti {
		n := len(s.Labels())
		return []legendItem{{label: fmt.Sprintf("each of %d design points", n),
			color: grey, kind: itemLine}}
	}
	present := map[string]bool{}
	for _, l := range s.Labels() {
		present[l] = true
	}
	var items []legendItem
	for _, l := range sp.order.labels {
		if pos := sp.order.pos[l]; sp.show[l] && present[l] {
			items = append(items, legendItem{label: l, color: LabelColor(pos),
				dashes: LabelDashes(pos), kind: itemBand})
		}
	}
	return items
}

// note returns the figure note explaining lines and bands.
func (sp seriesPick) note() string {
	if sp.spaghetti && sp.shade != nil {
		return fmt.Sprintf("Lines: mean over replicates, one per design point, coloured by its %s "+
			"(dark: lowest, yellow: highest; points.csv has every factor); confidence bands omitted for readability.", sp.shade.factor)
	}
	if sp.spaghetti {
		return "Lines: mean over replicates, one per design point (confidence bands omitted for readability)."
	}
	return "Lines: mean over replicates; shaded bands: 95 % confidence interval of the mean."
}

// metricPlot draws the series of one metric onto a new plot.
func (sp seriesPick) metricPlot(s *Summary, metric, title string, opt *Options, single bool) *plot.Plot {
	series := s.Series(metric)
	var vals, bounds [][]float64
	for _, se := range series {
		vals = append(vals, se.Mean)
		bounds = append(bounds, se.Mean)
		if !sp.spaghetti {
			bounds = append(bounds, se.Low, se.High)
		}
	}
	unit := opt.metricUnit(metric, vals...)
	ylabel := unit
	if single {
		ylabel = valueLabel(metric, unit)
	}
	p := timePlot(title, ylabel)
	if single {
		p.Y.Tick.Marker = niceTicks{N: 6}
	}
	widenShareAxis(p, unit, bounds...)
	if sp.spaghetti {
		for _, se := range series {
			c := withAlpha(grey, 0.45)
			if sp.shade != nil {
				c = sp.shade.color(se.Point)
			}
			p.Add(&line{X: se.Years, Y: se.Mean, Style: draw.LineStyle{Color: c, Width: vg.Points(0.8)}})
		}
		return p
	}
	var lines []plot.Plotter
	for _, l := range sp.order.labels {
		pos := sp.order.pos[l]
		if !sp.show[l] {
			continue
		}
		for _, se := range series {
			if se.Label != l {
				continue
			}
			p.Add(&band{X: se.Years, Low: se.Low, High: se.High, Color: withAlpha(LabelColor(pos), bandAlpha)})
			lines = append(lines, &line{X: se.Years, Y: se.Mean,
				Style: draw.LineStyle{Color: LabelColor(pos), Width: lineWidth, Dashes: LabelDashes(pos)}})
		}
	}
	p.Add(lines...) // lines above every band
	return p
}

// TimeSeriesPanels draws summary.csv as small multiples: one panel per
// metric, each label's mean as a line with its 95 % CI as a shaded
// band, and one shared legend below the panels.
func TimeSeriesPanels(s *Summary, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	metrics := s.Metrics()
	if len(metrics) == 0 {
		return nil, fmt.Errorf("plots: %s has no rows", s.Path)
	}
	sp := pickSeries(s, &opt)
	var panels []*plot.Plot
	for _, m := range metrics {
		panels = append(panels, sp.metricPlot(s, m, opt.metricTitle(m), &opt, false))
	}
	return gridSpec{
		title:  opt.seriesTitle("Metrics over time"),
		panels: panels, cols: opt.Columns,
		panelW: opt.PanelWidth, panelH: opt.PanelHeight,
		legend: sp.legend(s), note: sp.note(),
		bold: opt.boldFont(),
	}.figure(), nil
}

// TimeSeries draws one metric of summary.csv as a single figure that
// overlays every shown label (mean line and 95 % CI band), with the
// legend below the plot. Colours follow Options.Labels.
func TimeSeries(s *Summary, metric string, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(s.Series(metric)) == 0 {
		return nil, fmt.Errorf("plots: metric %q not in %s", metric, s.Path)
	}
	sp := pickSeries(s, &opt)
	p := sp.metricPlot(s, metric, "", &opt, true)
	return gridSpec{
		title:  opt.seriesTitle(opt.metricTitle(metric)),
		panels: []*plot.Plot{p}, cols: 1,
		width: opt.Width, height: opt.Height,
		legend: sp.legend(s), note: sp.note(),
		bold: opt.boldFont(),
	}.figure(), nil
}
