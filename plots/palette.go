package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
)

// OkabeIto is the colour-blind-safe qualitative palette of Okabe and Ito
// (2008), in the order in which series colours are handed out: blue,
// vermillion, bluish green, reddish purple, orange, sky blue, black and
// yellow (last, as it is faint on white).
var OkabeIto = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// Neutral colours used for reference lines, grids and de-emphasised data.
var (
	grey      = color.NRGBA{0x80, 0x80, 0x80, 0xFF}
	lightGrey = color.NRGBA{0xD9, 0xD9, 0xD9, 0xFF}
	gridGrey  = color.NRGBA{0xEB, 0xEB, 0xEB, 0xFF}
)

// dashCycle gives the dash pattern used for the k-th pass through the
// palette, so that more than len(OkabeIto) labels stay distinguishable.
var dashCycle = [][]vg.Length{
	nil,
	{vg.Points(5), vg.Points(2.5)},
	{vg.Points(1.5), vg.Points(1.5)},
	{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)},
}

// LabelColor returns the colour of position pos in an ordered label
// list: OkabeIto[pos mod 8]. Assigning colours by position in one
// caller-given list gives a label the same colour in every figure.
func LabelColor(pos int) color.Color {
	if pos < 0 {
		return grey
	}
	return OkabeIto[pos%len(OkabeIto)]
}

// LabelDashes returns the dash pattern of position pos in an ordered
// label list: solid for the first 8 labels, then dashed, dotted, ...
func LabelDashes(pos int) []vg.Length {
	if pos < 0 {
		return nil
	}
	return dashCycle[(pos/len(OkabeIto))%len(dashCycle)]
}

// labelOrder is an ordered label list with the palette position of each
// label.
type labelOrder struct {
	labels []string
	pos    map[string]int
}

// newLabelOrder returns the caller's ordered labels followed by any
// labels in extra that the caller did not list, in extra's order. A label
// in fixed takes its position there; the others take, in order, the
// lowest positions that no fixed label of the list takes.
func newLabelOrder(given, extra []string, fixed map[string]int) labelOrder {
	o := labelOrder{pos: map[string]int{}}
	for _, l := range append(append([]string{}, given...), extra...) {
		if _, ok := o.pos[l]; !ok {
			o.pos[l] = -1
			o.labels = append(o.labels, l)
		}
	}
	used := map[int]bool{}
	for _, l := range o.labels {
		if p, ok := fixed[l]; ok && p >= 0 {
			o.pos[l], used[p] = p, true
		}
	}
	next := 0
	for _, l := range o.labels {
		if o.pos[l] >= 0 {
			continue
		}
		for used[next] {
			next++
		}
		o.pos[l], used[next] = next, true
	}
	return o
}

// withAlpha returns c with its alpha set to a (0..1), non-premultiplied.
func withAlpha(c color.Color, a float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(math.Round(a * 255))
	return n
}

// viridisAnchors are nine evenly spaced samples of the viridis colour
// map (perceptually uniform, colour-blind-safe, prints in grey scale).
var viridisAnchors = []color.NRGBA{
	{0x44, 0x01, 0x54, 0xFF},
	{0x47, 0x2D, 0x7B, 0xFF},
	{0x3B, 0x52, 0x8B, 0xFF},
	{0x2C, 0x72, 0x8E, 0xFF},
	{0x21, 0x90, 0x8C, 0xFF},
	{0x27, 0xAD, 0x81, 0xFF},
	{0x5D, 0xC8, 0x63, 0xFF},
	{0xAA, 0xDC, 0x32, 0xFF},
	{0xFD, 0xE7, 0x25, 0xFF},
}

// Viridis returns the viridis colour at t in [0,1] (clamped); NaN gives
// light grey.
func Viridis(t float64) color.NRGBA {
	if math.IsNaN(t) {
		return lightGrey
	}
	t = math.Max(0, math.Min(1, t))
	f := t * float64(len(viridisAnchors)-1)
	i := int(math.Floor(f))
	if i >= len(viridisAnchors)-1 {
		return viridisAnchors[len(viridisAnchors)-1]
	}
	a, b := viridisAnchors[i], viridisAnchors[i+1]
	u := f - float64(i)
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + u*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
}

// luminance returns the relative luminance of c in [0,1].
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}
