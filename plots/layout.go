package plots

import (
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// itemKind is the kind of swatch drawn for a legend entry.
type itemKind int

const (
	itemLine  itemKind = iota // a line
	itemBand                  // a translucent CI band with its mean line
	itemPoint                 // a point with a horizontal whisker
	itemBar                   // a filled bar
)

// legendItem is one entry of a figure legend.
type legendItem struct {
	label  string
	color  color.Color
	dashes []vg.Length
	kind   itemKind
}

// Layout constants.
var (
	figMargin = vg.Points(8)
	swatchW   = vg.Points(24)
	swatchGap = vg.Points(5)
	itemGap   = vg.Points(16)
	bandAlpha = 0.18
	lineWidth = vg.Points(1.4)
)

func legendTextStyle() text.Style {
	return textStyle(sansFont, legendSize, draw.XLeft, draw.YCenter)
}

// legendRows flows the items left to right into rows no wider than
// width and returns the item indices of each row and each row's width.
func legendRows(items []legendItem, width vg.Length) (rows [][]int, widths []vg.Length) {
	sty := legendTextStyle()
	var cur []int
	var w vg.Length
	for i, it := range items {
		iw := swatchW + swatchGap + sty.Width(it.label)
		if len(cur) > 0 && w+itemGap+iw > width {
			rows, widths = append(rows, cur), append(widths, w)
			cur, w = nil, 0
		}
		if len(cur) > 0 {
			w += itemGap
		}
		cur = append(cur, i)
		w += iw
	}
	if len(cur) > 0 {
		rows, widths = append(rows, cur), append(widths, w)
	}
	return rows, widths
}

// legendRowHeight is the height of one legend row.
func legendRowHeight() vg.Length {
	return legendTextStyle().Height("Mg") * 1.5
}

// legendHeight is the height of the legend strip for items at width.
func legendHeight(items []legendItem, width vg.Length) vg.Length {
	if len(items) == 0 {
		return 0
	}
	rows, _ := legendRows(items, width)
	return vg.Length(len(rows)) * legendRowHeight()
}

// drawLegend draws the items as centred rows filling c from the top.
func drawLegend(c draw.Canvas, items []legendItem) {
	sty := legendTextStyle()
	rows, widths := legendRows(items, c.Max.X-c.Min.X)
	rh := legendRowHeight()
	for r, row := range rows {
		y := c.Max.Y - rh*vg.Length(r) - rh/2
		x := c.Min.X + (c.Max.X-c.Min.X-widths[r])/2
		for _, i := range row {
			it := items[i]
			drawSwatch(c, it, x, y, rh)
			x += swatchW + swatchGap
			c.FillText(sty, vg.Point{X: x, Y: y}, it.label)
			x += sty.Width(it.label) + itemGap
		}
	}
}

// drawSwatch draws the legend thumbnail of it, left edge x, centred at y.
func drawSwatch(c draw.Canvas, it legendItem, x, y, rh vg.Length) {
	line := draw.LineStyle{Color: it.color, Width: lineWidth, Dashes: it.dashes}
	half := rh * 0.3
	switch it.kind {
	case itemBand:
		c.FillPolygon(withAlpha(it.color, bandAlpha+0.07), rect(x, y-half, x+swatchW, y+half))
		c.StrokeLine2(line, x, y, x+swatchW, y)
	case itemPoint:
		c.StrokeLine2(draw.LineStyle{Color: it.color, Width: vg.Points(1.2)}, x+2, y, x+swatchW-2, y)
		c.DrawGlyph(draw.GlyphStyle{Color: it.color, Radius: vg.Points(3), Shape: draw.CircleGlyph{}},
			vg.Point{X: x + swatchW/2, Y: y})
	case itemBar:
		c.FillPolygon(it.color, rect(x+swatchW/4, y-half, x+swatchW*3/4, y+half))
	default:
		c.StrokeLine2(line, x, y, x+swatchW, y)
	}
}

// rect returns the corners of an axis-aligned rectangle.
func rect(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// gridSpec describes a figure made of a title, a grid of panels, a
// legend strip below the panels and an optional note below the legend.
type gridSpec struct {
	title  string
	panels []*plot.Plot // row-major; len <= rows*cols
	cols   int
	// Either the panel size (panelW, panelH) or the total size
	// (width, height) is given; the other is derived.
	panelW, panelH vg.Length
	width, height  vg.Length
	legend         []legendItem
	note           string
	bold           font.Font // font of titles, see Options.boldFont
	// legendTop puts the legend under the title rather than below the
	// panels, for tall figures whose legend would be far from the top.
	legendTop bool
}

func titleStyle(bold font.Font) text.Style {
	return textStyle(bold, titleSize, draw.XCenter, draw.YTop)
}
func noteStyle() text.Style { return textStyle(sansFont, noteSize, draw.XCenter, draw.YBottom) }

// wrapText breaks txt into lines no wider than width (a single word
// longer than width gets a line of its own).
func wrapText(sty text.Style, txt string, width vg.Length) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(txt) {
		if cur != "" && sty.Width(cur+" "+w) > width {
			lines = append(lines, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// noteHeight is the height taken by a note wrapped to width.
func noteHeight(note string, width vg.Length) vg.Length {
	if note == "" {
		return 0
	}
	n := len(wrapText(noteStyle(), note, width))
	return vg.Length(n)*noteStyle().Height("Mg")*1.2 + vg.Points(4)
}

// drawNote writes note, wrapped and centred, at the bottom of c and
// raises c's bottom edge above it.
func drawNote(c *draw.Canvas, note string) {
	if note == "" {
		return
	}
	sty := noteStyle()
	lh := sty.Height("Mg") * 1.2
	lines := wrapText(sty, note, c.Max.X-c.Min.X)
	for k := range lines {
		line := lines[len(lines)-1-k]
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Min.Y + vg.Length(k)*lh}, line)
	}
	c.Min.Y += vg.Length(len(lines))*lh + vg.Points(4)
}

// figure lays out g and returns the drawable figure.
func (g gridSpec) figure() *Figure {
	if g.bold.Typeface == "" {
		g.bold = boldFont
	}
	rows, cols := gridShape(len(g.panels), g.cols)
	if rows == 0 {
		rows, cols = 1, 1
	}
	w := g.width
	if w == 0 {
		w = g.panelW*vg.Length(cols) + 2*figMargin
	}
	inner := w - 2*figMargin
	var titleH, noteH vg.Length
	if g.title != "" {
		titleH = titleStyle(g.bold).Height(g.title) + vg.Points(8)
	}
	noteH = noteHeight(g.note, inner)
	legH := legendHeight(g.legend, inner)
	if legH > 0 {
		legH += vg.Points(6)
	}
	h := g.height
	if h == 0 {
		h = titleH + g.panelH*vg.Length(rows) + legH + noteH + 2*figMargin
	}
	draw := func(c draw.Canvas) {
		c = draw.Crop(c, figMargin, -figMargin, figMargin, -figMargin)
		if g.title != "" {
			c.FillText(titleStyle(g.bold), vg.Point{X: c.Center().X, Y: c.Max.Y}, g.title)
			c.Max.Y -= titleH
		}
		drawNote(&c, g.note)
		switch {
		case legH > 0 && g.legendTop:
			lc := c
			lc.Min.Y = c.Max.Y - legH + vg.Points(6)
			drawLegend(lc, g.legend)
			c.Max.Y -= legH
		case legH > 0:
			lc := c
			lc.Max.Y = c.Min.Y + legH - vg.Points(6)
			drawLegend(lc, g.legend)
			c.Min.Y += legH
		}
		drawGrid(c, g.panels, rows, cols, g.bold)
	}
	return &Figure{Width: w, Height: h, draw: draw}
}

// drawGrid draws panels row-major into a rows x cols grid on c, aligning
// their data areas. Panel titles are drawn by drawGrid itself, centred
// over each data area at the same height in every row, rather than by
// plot.Draw (whose titles shift with the tick labels).
func drawGrid(c draw.Canvas, panels []*plot.Plot, rows, cols int, bold font.Font) {
	if len(panels) == 0 {
		return
	}
	titles := make([]string, len(panels))
	var titleH vg.Length
	for i, p := range panels {
		titles[i] = p.Title.Text
		if titles[i] != "" {
			titleH = max(titleH, p.Title.TextStyle.Height(titles[i])+vg.Points(7))
		}
		p.Title.Text = ""
	}
	defer func() {
		for i, p := range panels {
			p.Title.Text = titles[i]
		}
	}()
	grid := make([][]*plot.Plot, rows)
	for r := range grid {
		grid[r] = make([]*plot.Plot, cols)
		for k := range cols {
			if i := r*cols + k; i < len(panels) {
				grid[r][k] = panels[i]
			}
		}
	}
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Points(14), PadY: vg.Points(12) + titleH, PadTop: titleH}
	cs := plot.Align(grid, tiles, c)
	for r := range grid {
		for k, p := range grid[r] {
			if p == nil {
				continue
			}
			p.Draw(cs[r][k])
			if t := titles[r*cols+k]; t != "" {
				dc := p.DataCanvas(cs[r][k])
				sty := p.Title.TextStyle
				sty.YAlign = draw.YBottom
				sty.Font = font.From(bold, sty.Font.Size)
				// Centre over the data area, but keep the title in the figure.
				w := sty.Width(t)
				x := max(c.Min.X+w/2, min(dc.Center().X, c.Max.X-w/2))
				c.FillText(sty, vg.Point{X: x, Y: dc.Max.Y + vg.Points(7)}, t)
			}
		}
	}
}
