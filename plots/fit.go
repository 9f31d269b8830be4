package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FitFile is the calibration fit file DrawAll looks for.
const FitFile = "fit.csv"

// Fit is one row of fit.csv: a calibration target's observed value and
// tolerance, and the model's mean with its 95 % CI.
type Fit struct {
	Target    string
	Observed  float64
	Mean      float64
	CILow     float64 // NaN if absent
	CIHigh    float64 // NaN if absent
	Tolerance float64 // NaN if absent (no band is drawn)
	// Pass is the file's pass column when present, else whether Mean
	// lies within Observed ± Tolerance.
	Pass bool
	// Reps and Seed are the replications and master seed of the model
	// runs (columns reps and seed), 0 and "" when the file has none.
	Reps int
	Seed string
}

// ReadFit reads fit.csv (target,observed,mean,ci_low,ci_high,tolerance
// and optional pass, reps and seed columns). target, observed and mean
// are required.
func ReadFit(path string) ([]Fit, error) {
	t, err := readTable(path, "target", "observed", "mean")
	if err != nil {
		return nil, err
	}
	out := make([]Fit, 0, len(t.rows))
	for i := range t.rows {
		f := Fit{Target: t.str(i, "target")}
		if f.Target == "" {
			return nil, fmt.Errorf("%s:%d: target must not be empty", path, t.lines[i])
		}
		err := t.floats(i, []string{"observed", "mean", "ci_low", "ci_high", "tolerance"},
			&f.Observed, &f.Mean, &f.CILow, &f.CIHigh, &f.Tolerance)
		if err != nil {
			return nil, err
		}
		f.Pass = math.Abs(f.Mean-f.Observed) <= f.Tolerance
		if s := t.str(i, "reps"); s != "" {
			if f.Reps, err = t.integer(i, "reps"); err != nil {
				return nil, err
			}
		}
		f.Seed = t.str(i, "seed")
		if s := t.str(i, "pass"); s != "" {
			if f.Pass, err = strconv.ParseBool(s); err != nil {
				return nil, fmt.Errorf("%s:%d: column pass: %q is not true or false", path, t.lines[i], s)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// fitRows is a plotter drawing, per calibration target at Y = position,
// the observed value ± tolerance as a grey band with a black tick at the
// observed value, and the model mean as a point with a CI whisker.
type fitRows struct {
	Rows   []Fit
	Y      []float64
	Radius vg.Length
}

// fitColor is the colour of a model mean within (or outside) tolerance.
func fitColor(pass bool) color.Color {
	if pass {
		return OkabeIto[0]
	}
	return OkabeIto[1]
}

// Plot implements plot.Plotter.
func (f *fitRows) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	obs := draw.LineStyle{Color: color.Black, Width: vg.Points(1.6)}
	for i, r := range f.Rows {
		y := ty(f.Y[i])
		half := vg.Points(9)
		if finite(r.Observed) && finite(r.Tolerance) {
			x0, x1 := tx(r.Observed-r.Tolerance), tx(r.Observed+r.Tolerance)
			c.FillPolygon(lightGrey, c.ClipPolygonXY(rect(x0, y-half, x1, y+half)))
		}
		if finite(r.Observed) {
			x := tx(r.Observed)
			c.StrokeLine2(obs, x, y-half, x, y+half)
		}
		clr := fitColor(r.Pass)
		ls := draw.LineStyle{Color: clr, Width: vg.Points(1.3)}
		cap := vg.Points(3)
		if finite(r.CILow) && finite(r.CIHigh) {
			x0, x1 := tx(r.CILow), tx(r.CIHigh)
			c.StrokeLine2(ls, x0, y, x1, y)
			c.StrokeLine2(ls, x0, y-cap, x0, y+cap)
			c.StrokeLine2(ls, x1, y-cap, x1, y+cap)
		}
		if finite(r.Mean) {
			c.DrawGlyph(draw.GlyphStyle{Color: clr, Radius: f.Radius, Shape: draw.CircleGlyph{}},
				vg.Point{X: tx(r.Mean), Y: y})
		}
	}
}

// DataRange implements plot.DataRanger over finite values only.
func (f *fitRows) DataRange() (xmin, xmax, ymin, ymax float64) {
	var xs []float64
	for _, r := range f.Rows {
		xs = append(xs, r.Observed, r.Mean, r.CILow, r.CIHigh,
			r.Observed-r.Tolerance, r.Observed+r.Tolerance)
	}
	xmin, xmax = finiteRange(xs)
	ymin, ymax = finiteRange(f.Y)
	return
}

// GlyphBoxes implements plot.GlyphBoxer so points are not clipped.
func (f *fitRows) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var bs []plot.GlyphBox
	r := f.Radius + vg.Points(3)
	for i, row := range f.Rows {
		if !finite(row.Mean) {
			continue
		}
		bs = append(bs, plot.GlyphBox{X: p.X.Norm(row.Mean), Y: p.Y.Norm(f.Y[i]),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}})
	}
	return bs
}

// fitShares reports whether every finite value of rows lies in [0,1],
// so that all targets can share one axis.
func fitShares(rows []Fit) bool {
	for _, r := range rows {
		for _, v := range []float64{r.Observed, r.Mean, r.CILow, r.CIHigh} {
			if finite(v) && (v < 0 || v > 1) {
				return false
			}
		}
	}
	return true
}

// FitFigure draws fit.csv: one row per calibration target, first target
// on top, with the observed value (black tick) and its ± tolerance band
// (grey), and the model mean with its 95 % CI whisker, blue when the
// target passes and vermillion when it does not. Targets whose values
// are all shares share one axis; otherwise each target gets a strip
// with its own axis.
func FitFigure(rows []Fit, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("plots: no calibration targets to draw")
	}
	strip := func(rs []Fit, xlabel string) *plot.Plot {
		names := make([]string, len(rs))
		ys := make([]float64, len(rs))
		for k, r := range rs {
			names[k] = r.Target
			ys[k] = float64(len(rs) - 1 - k)
		}
		p := newPlot("", xlabel, "", true)
		p.X.Tick.Marker = niceTicks{N: 6}
		p.Y.Tick.Marker = indexTicks(reversed(names))
		fr := &fitRows{Rows: rs, Y: ys, Radius: vg.Points(3.5)}
		p.Add(fr)
		// A little room beyond the bands and whiskers, but never below 0
		// or above 1 for shares that stay inside [0,1].
		lo, hi, _, _ := fr.DataRange()
		if pad := 0.04 * (hi - lo); pad > 0 {
			p.X.Min, p.X.Max = lo-pad, hi+pad
			if lo >= 0 {
				p.X.Min = math.Max(0, p.X.Min)
			}
			if hi <= 1 && lo >= 0 {
				p.X.Max = math.Min(1, p.X.Max)
			}
		}
		p.Y.Min, p.Y.Max = -0.6, float64(len(rs))-0.4
		return p
	}
	inner := opt.Width - 2*figMargin
	var panels []*plot.Plot
	var panelH vg.Length
	if fitShares(rows) {
		panels = []*plot.Plot{strip(rows, "value (share)")}
		panelH = max(vg.Points(26)*vg.Length(len(rows))+vg.Points(40), 1.5*vg.Inch)
	} else {
		for _, r := range rows {
			panels = append(panels, strip([]Fit{r}, ""))
		}
		panelH = vg.Points(48)
	}
	pass := 0
	for _, r := range rows {
		if r.Pass {
			pass++
		}
	}
	legend := []legendItem{{label: "observed ± tolerance", color: lightGrey, kind: itemBar}}
	if pass > 0 {
		legend = append(legend, legendItem{label: "model, within tolerance", color: fitColor(true), kind: itemPoint})
	}
	if pass < len(rows) {
		legend = append(legend, legendItem{label: "model, outside tolerance", color: fitColor(false), kind: itemPoint})
	}
	title := fmt.Sprintf("Calibration fit: %d of %d targets within tolerance", pass, len(rows))
	if r := rows[0]; r.Reps > 0 {
		title += fmt.Sprintf(" (%d replications, seed %s)", r.Reps, r.Seed)
	}
	return gridSpec{
		title:  opt.title(title),
		panels: panels, cols: 1,
		panelW: inner, panelH: panelH,
		legend: legend,
		note: "Black tick: observed value; grey band: the target's tolerance around it; " +
			"points: model mean over replications; whiskers: 95 % confidence interval.",
		bold: opt.boldFont(),
	}.figure(), nil
}
