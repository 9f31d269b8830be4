package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a laid-out figure of fixed size that can be rendered to PNG,
// SVG or PDF. Build one with the figure functions (TimeSeriesPanels,
// Heatmap, EffectsFigure, ...).
type Figure struct {
	// Width and Height are the figure's size.
	Width, Height vg.Length
	draw          func(c draw.Canvas)
}

// Render writes the figure to w as format ("png", "svg" or "pdf"); dpi
// is the PNG resolution (<= 0 means 150). Output is deterministic: the
// same figure gives the same bytes, PDFs included (their creation date
// is pinned, see PDFDate).
func (f *Figure) Render(w io.Writer, format string, dpi int) error {
	if dpi <= 0 {
		dpi = 150
	}
	var c vg.CanvasWriterTo
	switch format {
	case PNG:
		img := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(dpi),
			vgimg.UseBackgroundColor(color.White))
		c = pngCanvas{img}
	case SVG:
		c = vgsvg.New(f.Width, f.Height)
	case PDF:
		c = newPDF(f.Width, f.Height)
	default:
		return fmt.Errorf("plots: unknown format %q", format)
	}
	dc := draw.New(c)
	if format != PNG { // vgimg already paints the background
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	f.draw(dc)
	if format != SVG {
		_, err := c.WriteTo(w)
		return err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return err
	}
	_, err := io.WriteString(w, svgFontFallback.Replace(buf.String()))
	return err
}

// svgFontFallback names metric-compatible fallbacks after Liberation
// Sans in SVG text styles: vgsvg does not embed fonts, and a viewer
// without Liberation Sans would otherwise pick a wider default font
// that overflows the layout. Arial and Helvetica have the same glyph
// widths as Liberation Sans.
var svgFontFallback = strings.NewReplacer(
	"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")

// pngCanvas writes a vgimg canvas as PNG with fast compression: drawing
// a figure takes less time than deflating it at the default level, and
// the files grow only a little.
type pngCanvas struct{ *vgimg.Canvas }

// WriteTo implements io.WriterTo.
func (c pngCanvas) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err := enc.Encode(cw, c.Image())
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// PDFDate returns the creation and modification date written into PDFs:
// the time given by the SOURCE_DATE_EPOCH environment variable (seconds
// since 1970, the reproducible-builds convention) when set, else
// 2000-01-01 00:00:00 UTC. A fixed date makes PDF output byte-identical
// across runs.
func PDFDate() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil && sec >= 0 {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// pdfMu serialises the use of fpdf's package-level defaults.
var pdfMu sync.Mutex

// newPDF returns a vgpdf canvas whose document has a pinned creation
// and modification date and sorted resource catalogues. vgpdf does not
// expose its fpdf document, so the dates are set through fpdf's
// package-level defaults just for the construction of this canvas and
// then reset to fpdf's own defaults (current time, unsorted).
func newPDF(w, h vg.Length) *vgpdf.Canvas {
	pdfMu.Lock()
	defer pdfMu.Unlock()
	t := PDFDate()
	fpdf.SetDefaultCreationDate(t)
	fpdf.SetDefaultModificationDate(t)
	fpdf.SetDefaultCatalogSort(true)
	defer func() {
		fpdf.SetDefaultCreationDate(time.Time{})
		fpdf.SetDefaultModificationDate(time.Time{})
		fpdf.SetDefaultCatalogSort(false)
	}()
	return vgpdf.New(w, h)
}

// InlineSVG turns an SVG document into markup for an HTML page: without
// its XML declaration, comment and namespace attributes (an HTML parser
// gives inline SVG its namespace), with any ids made unique on the page by
// prefix.
func InlineSVG(data []byte, prefix string) string {
	s := string(data)
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	s = strings.NewReplacer(
		"\n\txmlns=\"http://www.w3.org/2000/svg\"", "",
		"\n\txmlns:xlink=\"http://www.w3.org/1999/xlink\"", "",
		` xmlns="http://www.w3.org/2000/svg"`, "",
		` xmlns:xlink="http://www.w3.org/1999/xlink"`, "",
		`id="`, `id="`+prefix, `url(#`, `url(#`+prefix, `href="#`, `href="#`+prefix).Replace(s)
	return strings.Replace(s, "<svg", `<svg role="img"`, 1)
}
