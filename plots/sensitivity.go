package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// diagonal is a plotter drawing the dashed line y = Slope*x through the
// origin across the data area (not part of the data range).
type diagonal struct{ Slope float64 }

// Plot implements plot.Plotter.
func (d *diagonal) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	x0, x1 := math.Max(p.X.Min, 0), p.X.Max
	pts := []vg.Point{{X: tx(x0), Y: ty(d.Slope * x0)}, {X: tx(x1), Y: ty(d.Slope * x1)}}
	sty := draw.LineStyle{Color: lightGrey, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	c.StrokeLines(sty, c.ClipLinesXY(pts)...)
}

// MorrisFigure draws morris.csv: per metric one panel plotting sigma
// against mu* for every factor, each point labelled with its factor
// (shortest unique suffix of the factor path) and, where given, a
// whisker for the CI of mu*. The dashed diagonal marks sigma = mu*.
func MorrisFigure(rows []Morris, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("plots: no Morris rows to draw")
	}
	metrics := distinct(len(rows), func(i int) string { return rows[i].Metric })
	factors := distinct(len(rows), func(i int) string { return rows[i].Factor })
	short := shortNames(factors)
	mu, sigma := opt.sym("μ*", "mu*"), opt.sym("σ", "sigma")
	var panels []*plot.Plot
	for _, m := range metrics {
		w := &whiskers{Radius: vg.Points(3)}
		lb := &pointLabels{Radius: w.Radius}
		cut := labelCut(rows, m)
		for _, r := range rows {
			if r.Metric != m {
				continue
			}
			w.X, w.Y = append(w.X, r.MuStar), append(w.Y, r.Sigma)
			w.Low, w.High = append(w.Low, r.MuStarLow), append(w.High, r.MuStarHigh)
			w.Colors = append(w.Colors, OkabeIto[0])
			text := ""
			if r.MuStar >= cut {
				text = short[r.Factor]
			}
			lb.X, lb.Y, lb.Text = append(lb.X, r.MuStar), append(lb.Y, r.Sigma), append(lb.Text, text)
		}
		lb.Low, lb.High = w.Low, w.High
		p := newPlot(opt.metricTitle(m), mu, sigma, true)
		p.X.Min, p.Y.Min = 0, 0
		p.Add(&diagonal{Slope: 1}, w, lb)
		// Head-room for labels next to the largest points.
		p.X.Max += 0.12 * (p.X.Max - p.X.Min)
		p.Y.Max += 0.08 * (p.Y.Max - p.Y.Min)
		panels = append(panels, p)
	}
	return gridSpec{
		title: opt.title("Morris screening"),
		// Larger panels in at most two columns leave room for labels.
		panels: panels, cols: min(opt.Columns, 2),
		panelW: opt.PanelWidth * 1.3, panelH: opt.PanelHeight * 1.3,
		legend: []legendItem{{label: "factor: " + mu + " with 95 % CI", color: OkabeIto[0], kind: itemPoint}},
		note: mu + ": mean absolute elementary effect; " + sigma + ": s.d. of elementary effects; dashed line: " +
			sigma + " = " + mu + " (above it: strongly non-linear or interacting)." + labelNote(len(factors), mu),
		bold: opt.boldFont(),
	}.figure(), nil
}

// panelHeightFor is the height of a panel with one row of height row for
// each of n items plus room for title and axis, at least min.
func panelHeightFor(min vg.Length, n int, row vg.Length) vg.Length {
	return max(min, row*vg.Length(n)+vg.Points(70))
}

// maxMorrisLabels is the number of factors labelled in a Morris panel: the
// ones with the largest mu*; with more, labels would pile up near zero.
const maxMorrisLabels = 10

// labelCut is the smallest mu* of metric m that gets a label.
func labelCut(rows []Morris, m string) float64 {
	var v []float64
	for _, r := range rows {
		if r.Metric == m && !math.IsNaN(r.MuStar) {
			v = append(v, r.MuStar)
		}
	}
	if len(v) <= maxMorrisLabels {
		return math.Inf(-1)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(v)))
	return v[maxMorrisLabels-1]
}

func labelNote(factors int, mu string) string {
	if factors <= maxMorrisLabels {
		return ""
	}
	return fmt.Sprintf(" Labels: the %d factors with the largest %s in each panel.", maxMorrisLabels, mu)
}

// hbars is a plotter of horizontal bars from 0 to V[i] centred on Y[i]
// with thickness Thick (in data units) and CI whiskers Low..High.
type hbars struct {
	Y, V, Low, High []float64
	Thick           float64
	Color           color.Color
}

// Plot implements plot.Plotter.
func (b *hbars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	ls := draw.LineStyle{Color: color.NRGBA{0x33, 0x33, 0x33, 0xFF}, Width: vg.Points(0.9)}
	for i := range b.Y {
		y0, y1 := ty(b.Y[i]-b.Thick/2), ty(b.Y[i]+b.Thick/2)
		if finite(b.V[i]) {
			c.FillPolygon(b.Color, c.ClipPolygonXY(rect(tx(0), y0, tx(b.V[i]), y1)))
		}
		if finite(b.Low[i]) && finite(b.High[i]) {
			y, cap := ty(b.Y[i]), (y1-y0)/4
			x0, x1 := tx(b.Low[i]), tx(b.High[i])
			c.StrokeLine2(ls, x0, y, x1, y)
			c.StrokeLine2(ls, x0, y-cap, x0, y+cap)
			c.StrokeLine2(ls, x1, y-cap, x1, y+cap)
		}
	}
}

// DataRange implements plot.DataRanger; 0 is always in range.
func (b *hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = finiteRange(b.V, b.Low, b.High, []float64{0})
	ymin, ymax = finiteRange(b.Y)
	return xmin, xmax, ymin - b.Thick, ymax + b.Thick
}

// SobolFigure draws sobol.csv: per metric one panel of horizontal
// grouped bars, first-order (S1) and total (ST) index per factor, with
// 95 % CI whiskers.
func SobolFigure(rows []Sobol, opt Options) (*Figure, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("plots: no Sobol rows to draw")
	}
	pairs := make([]indexPair, len(rows))
	for i, r := range rows {
		pairs[i] = indexPair{r.Metric, r.Factor, [2][3]float64{{r.S1, r.S1Low, r.S1High}, {r.ST, r.STLow, r.STHigh}}}
	}
	return pairFigure(pairs, pairSpec{title: "Sobol sensitivity indices", xlabel: "Sobol index",
		names: [2]string{"S1 (first order)", "ST (total)"}, unitRange: true}, opt)
}

// indexPair is two indices of one factor on one metric, each estimate,
// low and high bound.
type indexPair struct {
	Metric, Factor string
	V              [2][3]float64
}

// pairSpec names the indices of a pair figure.
type pairSpec struct {
	title, xlabel string
	names         [2]string
	// unitRange extends a scale that reaches past 0.5 to 1 (Sobol);
	// otherwise the scale is fixed to [-1, 1] (correlations).
	unitRange bool
}

// pairFigure draws two indices per factor as grouped horizontal bars with
// 95 % CI whiskers, one panel per metric, on one scale.
func pairFigure(rows []indexPair, spec pairSpec, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	metrics := distinct(len(rows), func(i int) string { return rows[i].Metric })
	factors := distinct(len(rows), func(i int) string { return rows[i].Factor })
	short := shortNames(factors)
	names := make([]string, len(factors))
	pos := map[string]float64{}
	for k, f := range factors {
		names[k] = short[f]
		pos[f] = float64(len(factors) - 1 - k) // first factor on top
	}
	colors := [2]color.Color{OkabeIto[0], OkabeIto[4]}
	const off, thick = 0.19, 0.36
	_, cols := gridShape(len(metrics), opt.Columns)
	var panels []*plot.Plot
	var all []float64
	for _, m := range metrics {
		bars := [2]*hbars{{Thick: thick, Color: colors[0]}, {Thick: thick, Color: colors[1]}}
		for _, r := range rows {
			if r.Metric != m {
				continue
			}
			for k, b := range bars {
				b.Y = append(b.Y, pos[r.Factor]+off*float64(1-2*k))
				b.V, b.Low, b.High = append(b.V, r.V[k][0]), append(b.Low, r.V[k][1]), append(b.High, r.V[k][2])
				all = append(all, r.V[k][:]...)
			}
		}
		p := newPlot(opt.metricTitle(m), spec.xlabel, "", true)
		p.Y.Tick.Marker = sharedAxisTicks(reversed(names), len(panels)%cols)
		p.Add(bars[0], bars[1], &refLine{At: 0})
		p.Y.Min, p.Y.Max = -0.55, float64(len(factors))-0.45
		panels = append(panels, p)
	}
	// One index scale for all panels so that bars compare across metrics.
	lo, hi := finiteRange(all, []float64{0})
	switch {
	case !spec.unitRange:
		lo, hi = -1.05, 1.05
	case hi > 0.5 && hi < 1:
		hi = 1
	}
	for _, p := range panels {
		p.X.Min, p.X.Max = lo, hi
	}
	ph := panelHeightFor(opt.PanelHeight, len(factors), vg.Points(24))
	return gridSpec{
		title:  opt.title(spec.title),
		panels: panels, cols: cols,
		panelW: opt.PanelWidth, panelH: ph,
		legend: []legendItem{
			{label: spec.names[0], color: colors[0], kind: itemBar},
			{label: spec.names[1], color: colors[1], kind: itemBar},
		},
		note: "Bars: index estimate; whiskers: 95 % confidence interval.",
		bold: opt.boldFont(),
	}.figure(), nil
}
