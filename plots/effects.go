package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// whiskers is a plotter of points at (X[i], Y[i]) with horizontal
// whiskers from Low[i] to High[i], each in its own colour.
type whiskers struct {
	X, Y, Low, High []float64
	Colors          []color.Color
	Radius          vg.Length
}

// Plot implements plot.Plotter.
func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	cap := vg.Points(3)
	for i := range w.X {
		y := ty(w.Y[i])
		ls := draw.LineStyle{Color: w.Colors[i], Width: vg.Points(1.3)}
		if finite(w.Low[i]) && finite(w.High[i]) {
			x0, x1 := tx(w.Low[i]), tx(w.High[i])
			c.StrokeLine2(ls, x0, y, x1, y)
			c.StrokeLine2(ls, x0, y-cap, x0, y+cap)
			c.StrokeLine2(ls, x1, y-cap, x1, y+cap)
		}
		if finite(w.X[i]) {
			c.DrawGlyph(draw.GlyphStyle{Color: w.Colors[i], Radius: w.Radius, Shape: draw.CircleGlyph{}},
				vg.Point{X: tx(w.X[i]), Y: y})
		}
	}
}

// DataRange implements plot.DataRanger over finite values only.
func (w *whiskers) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = finiteRange(w.X, w.Low, w.High)
	ymin, ymax = finiteRange(w.Y)
	return
}

// GlyphBoxes implements plot.GlyphBoxer so points are not clipped.
func (w *whiskers) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var bs []plot.GlyphBox
	r := w.Radius + vg.Points(3)
	for i := range w.X {
		if !finite(w.X[i]) {
			continue
		}
		bs = append(bs, plot.GlyphBox{X: p.X.Norm(w.X[i]), Y: p.Y.Norm(w.Y[i]),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}})
	}
	return bs
}

// refLine is a plotter drawing a dashed reference line at X = At
// (vertical) or, if Horizontal, at Y = At.
type refLine struct {
	At         float64
	Horizontal bool
}

// Plot implements plot.Plotter.
func (r *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := draw.LineStyle{Color: grey, Width: vg.Points(0.9), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	if r.Horizontal {
		y := ty(r.At)
		if c.ContainsY(y) {
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
		return
	}
	x := tx(r.At)
	if c.ContainsX(x) {
		c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
	}
}

// DataRange implements plot.DataRanger: the line's position is kept in
// view.
func (r *refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	if r.Horizontal {
		return math.Inf(1), math.Inf(-1), r.At, r.At
	}
	return r.At, r.At, math.Inf(1), math.Inf(-1)
}

// reversed returns names in reverse order (for top-to-bottom axes).
func reversed(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[len(names)-1-i] = n
	}
	return out
}

// EffectsFigure draws effects.csv: per metric one panel of horizontal
// point-and-whisker marks (estimate with 95 % CI) per effect, with a
// dashed zero line. Effects whose CI excludes zero are drawn in blue,
// the others in grey.
func EffectsFigure(effects []Effect, opt Options) (*Figure, error) {
	return effectsFigure(effects, opt, opt.title("Estimated effects"))
}

// effectsFigure is EffectsFigure titled title.
func effectsFigure(effects []Effect, opt Options, title string) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(effects) == 0 {
		return nil, fmt.Errorf("plots: no effects to draw")
	}
	metrics := distinct(len(effects), func(i int) string { return effects[i].Metric })
	names := distinct(len(effects), func(i int) string { return effects[i].Effect })
	pos := map[string]float64{}
	for k, n := range names {
		pos[n] = float64(len(names) - 1 - k) // first effect on top
	}
	sig, ns := OkabeIto[0], grey
	_, cols := gridShape(len(metrics), max(opt.Columns, 4))
	shareLo, shareHi := math.Inf(1), math.Inf(-1)
	var panels, sharePanels []*plot.Plot
	for _, m := range metrics {
		w := &whiskers{Radius: vg.Points(3)}
		for _, e := range effects {
			if e.Metric != m {
				continue
			}
			w.X = append(w.X, e.Estimate)
			w.Y = append(w.Y, pos[e.Effect])
			w.Low = append(w.Low, e.CILow)
			w.High = append(w.High, e.CIHigh)
			clr := color.Color(ns)
			if e.CILow > 0 || e.CIHigh < 0 {
				clr = sig
			}
			w.Colors = append(w.Colors, clr)
		}
		unit := opt.Metrics[m].Unit
		p := newPlot(opt.metricTitle(m), valueLabel("effect", unit), "", true)
		p.Y.Tick.Marker = sharedAxisTicks(reversed(names), len(panels)%cols)
		p.Y.Min, p.Y.Max = -0.6, float64(len(names))-0.4
		lo, hi := finiteRange(w.X, w.Low, w.High, []float64{0})
		p.X.Min, p.X.Max = padRange(lo, hi)
		if unit == "share" {
			shareLo, shareHi = min(shareLo, lo), max(shareHi, hi)
			sharePanels = append(sharePanels, p)
		}
		p.Add(&refLine{At: 0}, w)
		panels = append(panels, p)
	}
	note := "Points: estimated effect; whiskers: 95 % confidence interval; dashed line: no effect."
	if len(sharePanels) > 1 {
		// Effects on shares are compared across panels: one scale.
		lo, hi := padRange(shareLo, shareHi)
		for _, p := range sharePanels {
			p.X.Min, p.X.Max = lo, hi
		}
		note += " Panels in shares share one scale."
	}
	ph := panelHeightFor(opt.PanelHeight, len(names), vg.Points(14))
	return gridSpec{
		title:  title,
		panels: panels, cols: cols,
		panelW: opt.PanelWidth, panelH: ph,
		legend: []legendItem{
			{label: "95 % CI excludes 0", color: sig, kind: itemPoint},
			{label: "95 % CI includes 0", color: ns, kind: itemPoint},
		},
		legendTop: true,
		note:      note,
		bold:      opt.boldFont(),
	}.figure(), nil
}

// padRange widens [lo, hi] by 6 % on each side so that markers and
// whisker caps at the extremes stay inside the panel.
func padRange(lo, hi float64) (float64, float64) {
	if !finite(lo) || !finite(hi) {
		return -1, 1
	}
	d := hi - lo
	if d == 0 {
		d = math.Max(math.Abs(hi), 1)
	}
	return lo - 0.06*d, hi + 0.06*d
}
