package plots

import (
	"fmt"
	"math"
	"strings"

	"cogov/experiments/abc"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ABC-SMC result files DrawAll looks for: those abc.Write writes.
const (
	PosteriorFile   = abc.PosteriorFile
	GenerationsFile = abc.GenerationsFile
)

// Posterior is posterior.csv: every generation's weighted particles.
type Posterior struct {
	Params []string
	Gen    []int
	Weight []float64
	// Theta[j][i] is parameter j of row i.
	Theta [][]float64
}

// Last is the last generation's number.
func (p *Posterior) Last() int {
	g := 0
	for _, x := range p.Gen {
		g = max(g, x)
	}
	return g
}

// rows returns the row indices of generation g.
func (p *Posterior) rows(g int) []int {
	var out []int
	for i, x := range p.Gen {
		if x == g {
			out = append(out, i)
		}
	}
	return out
}

// ReadPosterior reads posterior.csv: generation, weight and one column
// per parameter (every column after distance that does not start with
// abc.StatPrefix, "stat:"; particle and distance are optional).
func ReadPosterior(path string) (*Posterior, error) {
	t, err := readTable(path, "generation", "weight")
	if err != nil {
		return nil, err
	}
	p := &Posterior{}
	for _, h := range t.header {
		switch k := strings.ToLower(h); {
		case k == "generation", k == "particle", k == "weight", k == "distance", strings.HasPrefix(k, abc.StatPrefix):
		default:
			p.Params = append(p.Params, h)
		}
	}
	if len(p.Params) == 0 {
		return nil, fmt.Errorf("%s:1: no parameter column", path)
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("%s: no particle", path)
	}
	p.Theta = make([][]float64, len(p.Params))
	for i := range t.rows {
		g, err := t.integer(i, "generation")
		if err != nil {
			return nil, err
		}
		if g < 0 {
			return nil, fmt.Errorf("%s:%d: column generation: %d is negative", path, t.lines[i], g)
		}
		w, err := t.float(i, "weight") // refuses infinities
		if err != nil {
			return nil, err
		}
		if !(w >= 0) {
			return nil, fmt.Errorf("%s:%d: column weight: %v (allowed: a finite number >= 0)", path, t.lines[i], w)
		}
		p.Gen, p.Weight = append(p.Gen, g), append(p.Weight, w)
		for j, name := range p.Params {
			v, err := t.float(i, name)
			if err != nil {
				return nil, err
			}
			p.Theta[j] = append(p.Theta[j], v)
		}
	}
	return p, nil
}

// GenerationRow is one row of generations.csv.
type GenerationRow struct {
	Generation                 int
	Tolerance, Acceptance, ESS float64
}

// ReadGenerations reads generations.csv (generation, tolerance,
// acceptance; ess optional).
func ReadGenerations(path string) ([]GenerationRow, error) {
	t, err := readTable(path, "generation", "tolerance", "acceptance")
	if err != nil {
		return nil, err
	}
	out := make([]GenerationRow, 0, len(t.rows))
	for i := range t.rows {
		var r GenerationRow
		if r.Generation, err = t.integer(i, "generation"); err != nil {
			return nil, err
		}
		if err := t.floats(i, []string{"tolerance", "acceptance", "ess"}, &r.Tolerance, &r.Acceptance, &r.ESS); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// weightedXY holds values with weights for a weighted histogram.
type weightedXY struct{ x, w []float64 }

func (v weightedXY) Len() int                    { return len(v.x) }
func (v weightedXY) XY(i int) (float64, float64) { return v.x[i], v.w[i] }

// histogram is a normalised weighted histogram of rows of parameter j.
func (p *Posterior) histogram(j int, rows []int, fill bool, pos int) (*plotter.Histogram, error) {
	var v weightedXY
	for _, i := range rows {
		if finite(p.Theta[j][i]) {
			v.x, v.w = append(v.x, p.Theta[j][i]), append(v.w, p.Weight[i])
		}
	}
	if len(v.x) == 0 {
		return nil, fmt.Errorf("plots: parameter %s has no finite value", p.Params[j])
	}
	h, err := plotter.NewHistogram(v, min(30, max(5, int(math.Sqrt(float64(len(v.x)))))))
	if err != nil {
		return nil, err
	}
	h.Normalize(1)
	h.LineStyle = draw.LineStyle{Color: LabelColor(pos), Width: vg.Points(1)}
	if fill {
		h.FillColor = withAlpha(LabelColor(pos), 0.35)
	} else {
		h.FillColor = nil
	}
	return h, nil
}

// MarginalsFigure draws each parameter's posterior (the last generation,
// weighted) as a filled histogram over generation 0's (the prior sample)
// outline.
func MarginalsFigure(p *Posterior, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	last, first := p.rows(p.Last()), p.rows(0)
	var panels []*plot.Plot
	for j, name := range p.Params {
		pl := newPlot(name, "", "density", true)
		if len(first) > 0 && p.Last() > 0 {
			h, err := p.histogram(j, first, false, 1)
			if err != nil {
				return nil, err
			}
			pl.Add(h)
		}
		h, err := p.histogram(j, last, true, 0)
		if err != nil {
			return nil, err
		}
		pl.Add(h)
		panels = append(panels, pl)
	}
	legend := []legendItem{{label: fmt.Sprintf("posterior (generation %d)", p.Last()), color: LabelColor(0), kind: itemBar}}
	if p.Last() > 0 {
		legend = append(legend, legendItem{label: "prior sample (generation 0)", color: LabelColor(1), kind: itemLine})
	}
	return gridSpec{title: opt.title("ABC-SMC posterior marginals"), panels: panels, cols: opt.Columns,
		panelW: opt.PanelWidth, panelH: opt.PanelHeight, legend: legend, bold: opt.boldFont()}.figure(), nil
}

// PairFigure draws the last generation's particles: each parameter's
// histogram on the diagonal and every pair as a scatter below it.
func PairFigure(p *Posterior, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	rows, k := p.rows(p.Last()), len(p.Params)
	panels := make([]*plot.Plot, k*k)
	for i := range panels {
		panels[i] = plot.New() // above the diagonal: blank
		panels[i].HideAxes()
	}
	for a := range k {
		for b := 0; b <= a; b++ {
			title := ""
			if a == b {
				title = shortName(p.Params[a])
			}
			pl := newPlot(title, "", "", false)
			pl.X.Tick.Marker, pl.Y.Tick.Marker = niceTicks{N: 3}, niceTicks{N: 3}
			if a == b {
				h, err := p.histogram(a, rows, true, 0)
				if err != nil {
					return nil, err
				}
				pl.Add(h)
			} else {
				var xy plotter.XYs
				for _, i := range rows {
					if finite(p.Theta[b][i]) && finite(p.Theta[a][i]) {
						xy = append(xy, plotter.XY{X: p.Theta[b][i], Y: p.Theta[a][i]})
					}
				}
				s, err := plotter.NewScatter(xy)
				if err != nil {
					return nil, err
				}
				s.GlyphStyle = draw.GlyphStyle{Color: withAlpha(LabelColor(0), 0.5), Radius: vg.Points(1.2), Shape: draw.CircleGlyph{}}
				pl.Add(s)
			}
			panels[a*k+b] = pl
		}
	}
	size := vg.Length(max(1.4, math.Min(2.2, 9/float64(k)), 5.5/float64(k))) * vg.Inch
	return gridSpec{title: opt.title(fmt.Sprintf("ABC-SMC posterior pairs, generation %d", p.Last())),
		panels: panels, cols: k, panelW: size, panelH: size, bold: opt.boldFont()}.figure(), nil
}

// GenerationsFigure draws the tolerance and the acceptance rate by
// generation (generation 0's infinite tolerance is left out).
func GenerationsFigure(rows []GenerationRow, opt Options) (*Figure, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("plots: no generation to draw")
	}
	var tol, acc plotter.XYs
	for _, r := range rows {
		if finite(r.Tolerance) {
			tol = append(tol, plotter.XY{X: float64(r.Generation), Y: r.Tolerance})
		}
		if finite(r.Acceptance) {
			acc = append(acc, plotter.XY{X: float64(r.Generation), Y: r.Acceptance})
		}
	}
	panel := func(title, ylabel string, xy plotter.XYs, pos int) (*plot.Plot, error) {
		pl := newPlot(title, "generation", ylabel, true)
		if len(xy) == 0 {
			return pl, nil
		}
		l, s, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: LabelColor(pos), Width: lineWidth}
		s.GlyphStyle = draw.GlyphStyle{Color: LabelColor(pos), Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
		pl.Add(l, s)
		pl.Y.Min = 0
		return pl, nil
	}
	pt, err := panel("tolerance ε", "standardised distance", tol, 0)
	if err != nil {
		return nil, err
	}
	pa, err := panel("acceptance rate", "accepted / simulated", acc, 2)
	if err != nil {
		return nil, err
	}
	return gridSpec{title: opt.title("ABC-SMC by generation"), panels: []*plot.Plot{pt, pa}, cols: 2,
		panelW: opt.PanelWidth, panelH: opt.PanelHeight, bold: opt.boldFont()}.figure(), nil
}

// shortName is the last element of a parameter path, with the index of
// its table when it has one: "agency_types[2].discount" gives
// "[2].discount", "government.weight_ties" gives "weight_ties".
func shortName(path string) string {
	i := strings.LastIndex(path, ".")
	if i < 0 {
		return path
	}
	head, tail := path[:i], path[i+1:]
	if j := strings.LastIndex(head, "["); j >= 0 && strings.HasSuffix(head, "]") {
		return head[j:] + "." + tail
	}
	return tail
}
