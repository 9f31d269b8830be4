package plots

import (
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// pointLabels is a plotter writing a text label next to each point. For
// each label it tries positions around the point, in rings of growing
// distance, and keeps the one with the least overlap with earlier
// labels, points and whiskers that stays inside the data area; a label
// placed away from its point gets a thin leader line.
type pointLabels struct {
	X, Y   []float64
	Text   []string
	Radius vg.Length // radius of the labelled points
	// Low and High, when set, are horizontal whiskers (in X units) at
	// each point that labels should avoid.
	Low, High []float64
}

// Plot implements plot.Plotter.
func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := textStyle(sansFont, noteSize, draw.XLeft, draw.YBottom)
	h := sty.Height("Mg")
	gap := l.Radius + vg.Points(1.5)

	ok := func(i int) bool { return finite(l.X[i]) && finite(l.Y[i]) }
	pts := make([]vg.Point, len(l.X))
	var marks, labels []vg.Rectangle
	for i := range l.X {
		if !ok(i) {
			continue
		}
		pts[i] = vg.Point{X: tx(l.X[i]), Y: ty(l.Y[i])}
		r := l.Radius
		marks = append(marks, box(pts[i].X-r, pts[i].Y-r, pts[i].X+r, pts[i].Y+r))
		if l.Low != nil && finite(l.Low[i]) && finite(l.High[i]) {
			marks = append(marks, box(tx(l.Low[i]), pts[i].Y-1, tx(l.High[i]), pts[i].Y+1))
		}
	}
	leader := draw.LineStyle{Color: grey, Width: vg.Points(0.5)}
	for i, txt := range l.Text {
		if !ok(i) || txt == "" {
			continue
		}
		w := sty.Width(txt)
		pt := pts[i]
		best, bestCost, bestRing := vg.Point{}, math.Inf(1), 0
		for ring := range 4 {
			d := gap + vg.Length(ring)*h*0.9
			cands := []vg.Point{
				{X: pt.X + d, Y: pt.Y - h/2},     // right
				{X: pt.X - d - w, Y: pt.Y - h/2}, // left
				{X: pt.X - w/2, Y: pt.Y + d},     // above
				{X: pt.X - w/2, Y: pt.Y - d - h}, // below
				{X: pt.X + d*0.7, Y: pt.Y + d*0.7},
				{X: pt.X + d*0.7, Y: pt.Y - d*0.7 - h},
				{X: pt.X - d*0.7 - w, Y: pt.Y + d*0.7},
				{X: pt.X - d*0.7 - w, Y: pt.Y - d*0.7 - h},
			}
			for k, cp := range cands {
				r := box(cp.X, cp.Y, cp.X+w, cp.Y+h)
				cost := 0.02*float64(ring) + 0.001*float64(k)
				cost += 1000 * float64(w*h-overlap(r, c.Rectangle)) / float64(w*h)
				for _, q := range labels {
					cost += 20 * float64(overlap(r, q)) / float64(w*h)
				}
				for _, q := range marks {
					cost += 5 * float64(overlap(r, q)) / float64(w*h)
				}
				if cost < bestCost {
					best, bestCost, bestRing = cp, cost, ring
				}
			}
		}
		r := box(best.X, best.Y, best.X+w, best.Y+h)
		labels = append(labels, r)
		if bestRing > 0 {
			end := vg.Point{X: clamp(pt.X, r.Min.X, r.Max.X), Y: clamp(pt.Y, r.Min.Y, r.Max.Y)}
			dx, dy := float64(end.X-pt.X), float64(end.Y-pt.Y)
			if n := math.Hypot(dx, dy); n > float64(l.Radius) {
				start := vg.Point{X: pt.X + vg.Length(dx/n)*l.Radius, Y: pt.Y + vg.Length(dy/n)*l.Radius}
				c.StrokeLine2(leader, start.X, start.Y, end.X, end.Y)
			}
		}
		c.FillText(sty, best, txt)
	}
}

// box returns the rectangle with the given corners.
func box(x0, y0, x1, y1 vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}
}

// overlap returns the area of the intersection of a and b.
func overlap(a, b vg.Rectangle) vg.Length {
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

func clamp(v, lo, hi vg.Length) vg.Length {
	return max(lo, min(v, hi))
}

// shortNames maps each factor path to its shortest dot- or
// slash-separated suffix that is unique among names, so that
// "agency.capacity.mean" shows as "capacity.mean" (never fewer than
// two segments).
func shortNames(names []string) map[string]string {
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '/' })
	}
	out := make(map[string]string, len(names))
	for _, n := range names {
		parts := split(n)
		out[n] = n
		// At least two segments: "capacity.mean" says more than "mean".
		for k := max(len(parts)-2, 0); k >= 0; k-- {
			cand := strings.Join(parts[k:], ".")
			unique := true
			for _, o := range names {
				if o == n {
					continue
				}
				op := split(o)
				if len(op) >= len(parts)-k && strings.Join(op[len(op)-(len(parts)-k):], ".") == cand {
					unique = false
					break
				}
			}
			if unique {
				out[n] = cand
				break
			}
		}
	}
	return out
}
