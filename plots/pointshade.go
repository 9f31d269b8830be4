package plots

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// pointShade colours the design points of a many-point sweep by the
// value of one factor (viridis: dark for its lowest value, yellow for its
// highest), so that a line says which part of the design it comes from.
type pointShade struct {
	factor string
	lo, hi float64
	at     map[int]float64 // point id -> position in [0, 1]
}

// factorValue reads a points.csv value: a number, or a switch as 0 or 1.
func factorValue(s string) (float64, bool) {
	switch strings.ToLower(s) {
	case "true":
		return 1, true
	case "false":
		return 0, true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && finite(v)
}

// newPointShade shades by the first factor of p that varies and is
// numeric at every point; nil when there is none.
func newPointShade(p *Points) *pointShade {
	if p == nil {
		return nil
	}
	for _, f := range p.Varying() {
		sh := &pointShade{factor: p.Factors[f], at: map[int]float64{}}
		vals := map[int]float64{}
		ok := true
		for i, r := range p.Rows {
			v, good := factorValue(r.Values[f])
			if !good {
				ok = false
				break
			}
			vals[r.Point] = v
			if i == 0 || v < sh.lo {
				sh.lo = v
			}
			if i == 0 || v > sh.hi {
				sh.hi = v
			}
		}
		if !ok || sh.hi <= sh.lo {
			continue
		}
		for id, v := range vals {
			sh.at[id] = (v - sh.lo) / (sh.hi - sh.lo)
		}
		return sh
	}
	return nil
}

// color returns the colour of a design point (grey if it has no value).
func (sh *pointShade) color(point int) color.Color {
	t, ok := sh.at[point]
	if !ok {
		return withAlpha(grey, 0.45)
	}
	return withAlpha(Viridis(t), 0.85)
}

// legend names the colours of the factor's lowest, middle and highest
// values.
func (sh *pointShade) legend() []legendItem {
	name := sh.factor
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	var items []legendItem
	for _, t := range []float64{0, 0.5, 1} {
		v := sh.lo + t*(sh.hi-sh.lo)
		items = append(items, legendItem{label: fmt.Sprintf("%s = %s", name, strconv.FormatFloat(v, 'g', 3, 64)),
			color: Viridis(t), kind: itemLine})
	}
	return items
}
