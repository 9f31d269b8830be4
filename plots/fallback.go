package plots

import (
	"os"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// FallbackFontEnv names the environment variable that gives the font file
// (TrueType, OpenType or a collection) for characters Liberation Sans
// lacks, such as Chinese; it is tried before FallbackFontPaths.
const FallbackFontEnv = "COGOV_CJK_FONT"

// FallbackFontPaths are the font files tried, in order, for characters
// Liberation Sans lacks: Droid Sans Fallback of Debian's package
// fonts-droid-fallback (which .ci/run installs; it covers Chinese,
// Japanese and Korean). The collections of fonts-wqy-microhei and
// fonts-wqy-zenhei do not parse with golang.org/x/image/font/sfnt.
var FallbackFontPaths = []string{
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf",
}

// fallback is the fallback font, loaded once on first use.
var fallback = sync.OnceValues(loadFallback)

// loadFallback loads the first fallback font that parses.
func loadFallback() (*sfnt.Font, string) {
	paths := FallbackFontPaths
	if p := os.Getenv(FallbackFontEnv); p != "" {
		paths = append([]string{p}, paths...)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if f, err := sfnt.Parse(b); err == nil {
			return f, p
		}
		if c, err := sfnt.ParseCollection(b); err == nil && c.NumFonts() > 0 {
			if f, err := c.Font(0); err == nil {
				return f, p
			}
		}
	}
	return nil, ""
}

// FallbackFont returns the path of the font that draws the characters
// Liberation Sans lacks, or "" when none of FallbackFontEnv and
// FallbackFontPaths is there: such characters are then drawn as empty
// boxes.
func FallbackFont() string {
	_, p := fallback()
	return p
}

// fallbackText is the text handler of every figure: text.Plain in the
// report font, with each run of characters that font lacks (Chinese
// scenario names, for one) drawn as glyph outlines of the fallback font.
// Outlines need no font in the viewer, so such text shows in PNG, SVG and
// PDF alike (PDF's standard encoding has no Chinese).
type fallbackText struct{ text.Plain }

// textHandler is the handler of every text style of the package.
var textHandler text.Handler = fallbackText{text.Plain{Fonts: font.DefaultCache}}

// run is a piece of a line drawn in one font.
type run struct {
	s        string
	fallback bool
}

// runs splits line into runs of characters face has and runs it lacks.
func runs(face *font.Face, line string) []run {
	var buf sfnt.Buffer
	var out []run
	for _, r := range line {
		idx, err := face.Face.GlyphIndex(&buf, r)
		fb := (err != nil || idx == 0) && r != ' '
		if n := len(out); n > 0 && out[n-1].fallback == fb {
			out[n-1].s += string(r)
			continue
		}
		out = append(out, run{string(r), fb})
	}
	return out
}

// fallbackWidth is the advance of s in the fallback font at size, or of
// one em per character without one.
func fallbackWidth(s string, size vg.Length) vg.Length {
	f, _ := fallback()
	if f == nil {
		return size * vg.Length(len([]rune(s)))
	}
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm())
	var w fixed.Int26_6
	for _, r := range s {
		idx, _ := f.GlyphIndex(&buf, r)
		a, err := f.GlyphAdvance(&buf, idx, upem, 0)
		if err != nil {
			a = upem
		}
		w += a
	}
	return vg.Length(w) / vg.Length(upem) * size
}

// width is the advance of line in face with fallback runs.
func width(face *font.Face, line string) vg.Length {
	var w vg.Length
	for _, r := range runs(face, line) {
		if r.fallback {
			w += fallbackWidth(r.s, face.Font.Size)
		} else {
			w += face.Width(r.s)
		}
	}
	return w
}

// Box implements text.Handler.
func (h fallbackText) Box(txt string, fnt font.Font) (w, ht, d vg.Length) {
	face := h.Fonts.Lookup(fnt, fnt.Size)
	ext := face.Extents()
	return width(&face, txt), ext.Ascent, ext.Descent
}

// Draw implements text.Handler as text.Plain does, line by line.
func (h fallbackText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	face := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	lines := h.Lines(txt)
	plain := true
	for _, l := range lines {
		for _, r := range runs(&face, l) {
			plain = plain && !r.fallback
		}
	}
	if plain {
		h.Plain.Draw(c, txt, sty, pt)
		return
	}
	c.SetColor(sty.Color)
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.Rotate(sty.Rotation)
	y := sty.Height(txt)*vg.Length(sty.YAlign) - face.Extents().Ascent
	for i, l := range lines {
		x := vg.Length(sty.XAlign) * width(&face, l)
		base := y + vg.Length(len(lines)-i)*sty.Font.Size
		for _, r := range runs(&face, l) {
			if !r.fallback {
				c.FillString(face, vg.Point{X: x, Y: base}, r.s)
				x += face.Width(r.s)
				continue
			}
			x += fillOutlines(c, r.s, vg.Point{X: x, Y: base}, sty.Font.Size)
		}
	}
}

// fillOutlines fills the outlines of s in the fallback font with its
// baseline starting at pt and returns the advance. Without a fallback
// font, each character is an empty box.
func fillOutlines(c vg.Canvas, s string, pt vg.Point, size vg.Length) vg.Length {
	f, _ := fallback()
	if f == nil {
		var p vg.Path
		for i := range []rune(s) {
			x := pt.X + vg.Length(i)*size
			p.Move(vg.Point{X: x + size*0.1, Y: pt.Y})
			p.Line(vg.Point{X: x + size*0.9, Y: pt.Y})
			p.Line(vg.Point{X: x + size*0.9, Y: pt.Y + size*0.7})
			p.Line(vg.Point{X: x + size*0.1, Y: pt.Y + size*0.7})
			p.Close()
		}
		c.SetLineWidth(size / 14)
		c.Stroke(p)
		return size * vg.Length(len([]rune(s)))
	}
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm())
	scale := size / vg.Length(upem)
	x := pt.X
	for _, r := range s {
		idx, _ := f.GlyphIndex(&buf, r)
		segs, err := f.LoadGlyph(&buf, idx, upem, nil)
		if err == nil && len(segs) > 0 {
			at := func(p fixed.Point26_6) vg.Point {
				return vg.Point{X: x + vg.Length(p.X)*scale, Y: pt.Y - vg.Length(p.Y)*scale}
			}
			var p vg.Path
			for _, sg := range segs {
				switch sg.Op {
				case sfnt.SegmentOpMoveTo:
					if len(p) > 0 {
						p.Close()
					}
					p.Move(at(sg.Args[0]))
				case sfnt.SegmentOpLineTo:
					p.Line(at(sg.Args[0]))
				case sfnt.SegmentOpQuadTo:
					p.QuadTo(at(sg.Args[0]), at(sg.Args[1]))
				case sfnt.SegmentOpCubeTo:
					p.CubeTo(at(sg.Args[0]), at(sg.Args[1]), at(sg.Args[2]))
				}
			}
			p.Close()
			c.Fill(p)
		}
		a, err := f.GlyphAdvance(&buf, idx, upem, 0)
		if err != nil {
			a = upem
		}
		x += vg.Length(a) * scale
	}
	return x - pt.X
}

// NeedsFallback reports whether s has a character that the report font,
// Liberation Sans, lacks: one that figures draw with the fallback font.
func NeedsFallback(s string) bool {
	face := font.DefaultCache.Lookup(sansFont, 10)
	for _, r := range runs(&face, s) {
		if r.fallback {
			return true
		}
	}
	return false
}
