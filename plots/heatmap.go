package plots

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// cells is a plotter filling a grid of unit cells centred on integer
// positions, coloured by Viridis over [Min, Max], optionally annotated
// with their values.
type cells struct {
	Z        [][]float64 // Z[col][row]
	Min, Max float64
	Annotate bool
	Decimals int // decimals of the annotations
}

// Plot implements plot.Plotter.
func (h *cells) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := textStyle(sansFont, noteSize, draw.XCenter, draw.YCenter)
	for i, col := range h.Z {
		for j, v := range col {
			clr := Viridis(h.norm(v))
			c.FillPolygon(clr, rect(tx(float64(i)-0.5), ty(float64(j)-0.5), tx(float64(i)+0.5), ty(float64(j)+0.5)))
			if h.Annotate && !math.IsNaN(v) {
				sty.Color = OkabeIto[6]
				if luminance(clr) < 0.4 {
					sty.Color = lightGrey
				}
				c.FillText(sty, vg.Point{X: tx(float64(i)), Y: ty(float64(j))},
					strconv.FormatFloat(v, 'f', h.Decimals, 64))
			}
		}
	}
}

func (h *cells) norm(v float64) float64 {
	if h.Max == h.Min {
		return 0.5
	}
	return (v - h.Min) / (h.Max - h.Min)
}

// DataRange implements plot.DataRanger.
func (h *cells) DataRange() (xmin, xmax, ymin, ymax float64) {
	rows := 0
	if len(h.Z) > 0 {
		rows = len(h.Z[0])
	}
	return -0.5, float64(len(h.Z)) - 0.5, -0.5, float64(rows) - 0.5
}

// colorBar is a plotter drawing the Viridis scale from Min to Max along
// the x axis.
type colorBar struct{ Min, Max float64 }

// Plot implements plot.Plotter.
func (b *colorBar) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	const n = 128
	for k := range n {
		x0 := b.Min + (b.Max-b.Min)*float64(k)/n
		x1 := b.Min + (b.Max-b.Min)*float64(k+1)/n
		// Overlap the next stripe (drawn over it) to avoid anti-aliasing seams.
		ext := vg.Points(1)
		if k == n-1 {
			ext = 0
		}
		c.FillPolygon(Viridis((float64(k)+0.5)/n), rect(tx(x0), ty(0), tx(x1)+ext, ty(1)))
	}
	c.StrokeLines(draw.LineStyle{Color: grey, Width: vg.Points(0.5)},
		[]vg.Point{{X: tx(b.Min), Y: ty(0)}, {X: tx(b.Max), Y: ty(0)}, {X: tx(b.Max), Y: ty(1)},
			{X: tx(b.Min), Y: ty(1)}, {X: tx(b.Min), Y: ty(0)}})
}

// DataRange implements plot.DataRanger.
func (b *colorBar) DataRange() (xmin, xmax, ymin, ymax float64) { return b.Min, b.Max, 0, 1 }

// factorLevels returns the distinct values of factor f in points, sorted
// numerically when all are numbers, else in order of first appearance.
func factorLevels(pts *Points, f int) []string {
	lv := distinct(len(pts.Rows), func(i int) string { return pts.Rows[i].Values[f] })
	num := make(map[string]float64, len(lv))
	for _, s := range lv {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return lv
		}
		num[s] = v
	}
	sort.SliceStable(lv, func(i, j int) bool { return num[lv[i]] < num[lv[j]] })
	return lv
}

// thinTicks keeps every k-th label so that at most max are shown.
func thinTicks(names []string, max int) indexTicks {
	out := make(indexTicks, len(names))
	step := (len(names) + max - 1) / max
	for i, n := range names {
		if i%step == 0 {
			out[i] = n
		}
	}
	return out
}

// Heatmap draws metric's final-year mean over the two factors that vary
// across the design points of pts, with a colour bar below the map and
// the axes labelled with the factor paths. It fails unless exactly two
// factors vary.
func Heatmap(s *Summary, pts *Points, metric string, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	vary := pts.Varying()
	if len(vary) != 2 {
		return nil, fmt.Errorf("plots: heatmap needs exactly two varying factors in %s, found %d", pts.Path, len(vary))
	}
	fx, fy := vary[0], vary[1]
	xl, yl := factorLevels(pts, fx), factorLevels(pts, fy)
	xi, yi := indexOf(xl), indexOf(yl)
	final := s.Final(metric)
	if len(final) == 0 {
		return nil, fmt.Errorf("plots: metric %q not in %s", metric, s.Path)
	}
	sum := make([][]float64, len(xl))
	cnt := make([][]int, len(xl))
	for i := range sum {
		sum[i] = make([]float64, len(yl))
		cnt[i] = make([]int, len(yl))
	}
	for _, r := range pts.Rows {
		v, ok := final[r.Point]
		if !ok || math.IsNaN(v) {
			continue
		}
		i, j := xi[r.Values[fx]], yi[r.Values[fy]]
		sum[i][j] += v
		cnt[i][j]++
	}
	var all []float64
	for i := range sum {
		for j := range sum[i] {
			if cnt[i][j] == 0 {
				sum[i][j] = math.NaN()
				continue
			}
			sum[i][j] /= float64(cnt[i][j])
			all = append(all, sum[i][j])
		}
	}
	lo, hi := finiteRange(all)
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	lastYear := math.Inf(-1)
	for _, r := range s.Rows {
		if r.Metric == metric {
			lastYear = math.Max(lastYear, r.Year)
		}
	}

	hp := newPlot("", pts.Factors[fx], pts.Factors[fy], false)
	hp.X.Padding, hp.Y.Padding = 0, 0
	hp.X.Tick.Marker = thinTicks(xl, 12)
	hp.Y.Tick.Marker = thinTicks(yl, 12)
	// Annotate with enough decimals to tell about 20 steps of the range.
	_, dec := niceStep(hi-lo, 20)
	hp.Add(&cells{Z: sum, Min: lo, Max: hi, Annotate: len(xl) <= 12 && len(yl) <= 12, Decimals: min(dec, 4)})

	unit := opt.metricUnit(metric, all)
	cp := newPlot("", valueLabel("mean "+metric, unit), "", false)
	cp.HideY()
	cp.X.Padding = 0
	cp.X.Tick.Marker = niceTicks{N: 6}
	cp.Add(&colorBar{Min: lo, Max: hi})

	title := opt.title(fmt.Sprintf("%s, final year (%g)", opt.metricTitle(metric), lastYear))
	note := "Cells: mean over replicates in the final year; grey: no design point."
	w, h := opt.Width, opt.Height
	cbH := vg.Points(52)
	drawFn := func(c draw.Canvas) {
		c = draw.Crop(c, figMargin, -figMargin, figMargin, -figMargin)
		ts := titleStyle(opt.boldFont())
		c.FillText(ts, vg.Point{X: c.Center().X, Y: c.Max.Y}, title)
		c.Max.Y -= ts.Height(title) + vg.Points(8)
		drawNote(&c, note)
		c.Min.Y += vg.Points(2)
		cc, hc := c, c
		cc.Max.Y = c.Min.Y + cbH
		hc.Min.Y = cc.Max.Y + vg.Points(10)
		// Leave room right of the map for half the colour bar's last
		// tick label, then align the colour bar's data area with the map's.
		if ticks := cp.X.Tick.Marker.Ticks(lo, hi); len(ticks) > 0 {
			last := ticks[len(ticks)-1]
			if last.Value >= hi-(hi-lo)*0.05 {
				hc.Max.X -= cp.X.Tick.Label.Width(last.Label)/2 + vg.Points(2)
			}
		}
		hd := hp.DataCanvas(hc)
		for range 3 {
			cd := cp.DataCanvas(cc)
			cc = draw.Crop(cc, hd.Min.X-cd.Min.X, hd.Max.X-cd.Max.X, 0, 0)
		}
		hp.Draw(hc)
		cp.Draw(cc)
	}
	return &Figure{Width: w, Height: h, draw: drawFn}, nil
}

// indexOf maps each string to its position.
func indexOf(ss []string) map[string]int {
	m := make(map[string]int, len(ss))
	for i, s := range ss {
		m[s] = i
	}
	return m
}
