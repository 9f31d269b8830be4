package plots

import (
	"image/color"
	"testing"

	"gonum.org/v1/plot"
)

func TestWidenShareAxis(t *testing.T) {
	for _, tc := range []struct {
		name           string
		unit           string
		vals           []float64
		wantLo, wantHi float64 // NaN-free; 0,0: left to gonum
	}{
		{"narrow share", "share", []float64{0.5625, 0.570}, 0.51625, 0.61625},
		{"near zero", "share", []float64{0.001, 0.01}, 0, 0.1},
		{"near one", "share", []float64{0.99, 0.999}, 0.9, 1},
		{"wide share", "share", []float64{0.2, 0.6}, 0, 0},
		{"index", "index", []float64{0.5625, 0.570}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plot.New()
			p.Y.Min, p.Y.Max = 0, 0
			widenShareAxis(p, tc.unit, tc.vals)
			if d := p.Y.Min - tc.wantLo; d > 1e-9 || d < -1e-9 || p.Y.Max-tc.wantHi > 1e-9 || p.Y.Max-tc.wantHi < -1e-9 {
				t.Errorf("axis %v-%v, want %v-%v", p.Y.Min, p.Y.Max, tc.wantLo, tc.wantHi)
			}
		})
	}
}

func TestPointShade(t *testing.T) {
	pts := &Points{Factors: []string{"fixed", "a.audit", "b"}, Rows: []PointRow{
		{0, "S0", []string{"1", "0.0", "true"}},
		{1, "S1", []string{"1", "0.5", "false"}},
		{2, "S2", []string{"1", "1.0", "true"}},
	}}
	sh := newPointShade(pts)
	if sh == nil || sh.factor != "a.audit" {
		t.Fatalf("shade %+v, want by a.audit (the first factor that varies)", sh)
	}
	if c := color.NRGBAModel.Convert(sh.color(0)).(color.NRGBA); c.R != Viridis(0).R || c.B != Viridis(0).B {
		t.Errorf("lowest point's colour %v, want viridis 0", c)
	}
	if items := sh.legend(); len(items) != 3 || items[0].label != "audit = 0" || items[2].label != "audit = 1" {
		t.Errorf("legend %+v", items)
	}
	if newPointShade(&Points{Factors: []string{"x"}, Rows: []PointRow{{0, "a", []string{"u"}}, {1, "b", []string{"v"}}}}) != nil {
		t.Error("a non-numeric factor shaded the points")
	}
}

// TestColorKeys checks that a fixed label keeps its colour whatever its
// position, and that the others take the free colours.
func TestColorKeys(t *testing.T) {
	keys := map[string]int{"baseline": 0, "all": 1, "risk": 3}
	for _, tc := range []struct {
		labels []string
		want   map[string]int
	}{
		{[]string{"baseline", "all"}, map[string]int{"baseline": 0, "all": 1}},
		{[]string{"risk", "other", "all", "more"}, map[string]int{"risk": 3, "all": 1, "other": 0, "more": 2}},
		{[]string{"x", "y"}, map[string]int{"x": 0, "y": 1}},
	} {
		o := newLabelOrder(tc.labels, nil, keys)
		for l, p := range tc.want {
			if o.pos[l] != p {
				t.Errorf("%v: %s at %d, want %d", tc.labels, l, o.pos[l], p)
			}
		}
	}
}

// TestSeriesSubsetTitle checks that the subset of points a sweep's time
// series show is named in their titles only: effects use every point.
func TestSeriesSubsetTitle(t *testing.T) {
	o := Options{Title: "mechanisms", SeriesSubset: "6 of 16 points"}
	if got := o.title("Estimated effects"); got != "mechanisms: Estimated effects" {
		t.Errorf("title = %q", got)
	}
	if got := o.seriesTitle("Metrics over time"); got != "mechanisms (6 of 16 points): Metrics over time" {
		t.Errorf("seriesTitle = %q", got)
	}
}
