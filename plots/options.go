package plots

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// Output formats understood by Options.Format.
const (
	PNG = "png"
	SVG = "svg"
	PDF = "pdf"
)

// Options controls what is drawn and how. The zero value gives PNG at
// 150 dpi with the defaults documented on each field.
type Options struct {
	// OutDir is where DrawAll writes figures; default <dir>/figures.
	OutDir string
	// Format is "png" (default), "svg" or "pdf".
	Format string
	// DPI is the PNG resolution; default 150. Ignored for SVG and PDF.
	DPI int

	// Width and Height are the size of a single-panel figure, legend
	// and title included; default 6.5 in x 4.5 in.
	Width, Height vg.Length
	// PanelWidth and PanelHeight are the size of one panel in small
	// multiples; default 3.2 in x 2.4 in.
	PanelWidth, PanelHeight vg.Length
	// Columns is the number of panels per row in small multiples;
	// default 3.
	Columns int

	// Labels is the caller's ordered label list. A label's colour is
	// fixed by its position in this list, so it is the same in every
	// figure. When set, time-series figures show exactly these labels
	// (that exist in the data), in this order. Labels found in the data
	// but not listed are given the positions after the listed ones.
	Labels []string
	// MaxSeries is the most labels drawn as coloured mean lines with
	// CI bands when Labels is empty; above it (e.g. a 100-point sweep)
	// every point is drawn as a thin grey line without bands. Default 8.
	MaxSeries int

	// Metrics gives units and descriptions per metric name. A metric
	// missing here gets the unit "share" when its values lie in [0,1].
	Metrics map[string]MetricInfo
	// HeatmapMetrics are the metrics DrawAll draws heatmaps for;
	// default every metric in summary.csv.
	HeatmapMetrics []string
	// Title, when set, prefixes figure titles (e.g. a scenario name).
	Title string
	// SeriesSubset, when set, follows Title in the titles of time-series
	// figures only, naming the points they show (e.g. "6 of 16 points");
	// figures of every point (effects) do not carry it.
	SeriesSubset string
	// ColorKeys fixes the palette position (see LabelColor) of labels, so
	// that a scenario has one colour in every figure of every folder.
	// Labels not listed take the lowest positions no listed label of the
	// figure uses, in the order of Labels and then of the data.
	ColorKeys map[string]int

	// Points are the design points of a sweep (DrawAll reads points.csv);
	// when a time-series figure draws too many points for colours of their
	// own, it colours each line by the point's value of the first factor
	// that varies.
	Points *Points
}

// withDefaults returns a copy of o with zero fields set to defaults, or
// an error for an unknown format or a bad size.
func (o Options) withDefaults() (Options, error) {
	o.Format = strings.ToLower(strings.TrimPrefix(o.Format, "."))
	if o.Format == "" {
		o.Format = PNG
	}
	switch o.Format {
	case PNG, SVG, PDF:
	default:
		return o, fmt.Errorf("plots: unknown format %q (want png, svg or pdf)", o.Format)
	}
	if o.DPI == 0 {
		o.DPI = 150
	}
	if o.DPI < 0 || o.DPI > 2400 {
		return o, fmt.Errorf("plots: DPI %d out of range", o.DPI)
	}
	if o.Width == 0 {
		o.Width = 6.5 * vg.Inch
	}
	if o.Height == 0 {
		o.Height = 4.5 * vg.Inch
	}
	if o.PanelWidth == 0 {
		o.PanelWidth = 3.2 * vg.Inch
	}
	if o.PanelHeight == 0 {
		o.PanelHeight = 2.4 * vg.Inch
	}
	if o.Width < vg.Inch || o.Height < vg.Inch || o.PanelWidth < vg.Inch || o.PanelHeight < vg.Inch {
		return o, fmt.Errorf("plots: figure and panel sizes must be at least 1 inch")
	}
	if o.Columns <= 0 {
		o.Columns = 3
	}
	if o.MaxSeries <= 0 {
		o.MaxSeries = 8
	}
	return o, nil
}

// title prefixes s with o.Title when set.
func (o *Options) title(s string) string {
	if o.Title == "" {
		return s
	}
	return o.Title + ": " + s
}

// seriesTitle is title for time-series figures: with SeriesSubset after
// Title.
func (o *Options) seriesTitle(s string) string {
	if o.SeriesSubset == "" {
		return o.title(s)
	}
	if o.Title == "" {
		return "(" + o.SeriesSubset + ") " + s
	}
	return o.Title + " (" + o.SeriesSubset + "): " + s
}

// boldFont returns the font of titles: Liberation Sans Bold, except for
// PDF. vgpdf embeds every font from a file it names "font.z", and fpdf
// keeps one font file per name, so a PDF with a regular and a bold face
// shows all text in one of them with the other's widths; PDF titles
// therefore use the regular face.
func (o *Options) boldFont() font.Font {
	if o.Format == PDF {
		return sansFont
	}
	return boldFont
}

// sym returns the Greek letter for PNG and SVG and its spelled-out name
// for PDF, whose standard fonts are encoded in cp1252 (no Greek).
func (o *Options) sym(greek, latin string) string {
	if o.Format == PDF {
		return latin
	}
	return greek
}
