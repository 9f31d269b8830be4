package plots

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// checkPNG decodes data and checks its size and that it is not blank.
func checkPNG(t *testing.T, name string, data []byte, wantW, wantH int) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	b := img.Bounds()
	if b.Dx() != wantW || b.Dy() != wantH {
		t.Errorf("%s: %dx%d px, want %dx%d", name, b.Dx(), b.Dy(), wantW, wantH)
	}
	colours := map[color.RGBA]bool{}
	nonWhite := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			colours[c] = true
			if c != (color.RGBA{255, 255, 255, 255}) {
				nonWhite++
			}
		}
	}
	if len(colours) < 30 {
		t.Errorf("%s: only %d distinct colours", name, len(colours))
	}
	if total := b.Dx() * b.Dy() / 4; nonWhite < total/50 {
		t.Errorf("%s: only %d of %d sampled pixels are not white", name, nonWhite, total)
	}
	return img
}

// pixels returns the expected pixel count of a length at dpi.
func pixels(l float64, dpi int) int { return int(math.Round(l / 72 * float64(dpi))) }

// figureCases builds one figure of every kind from fixed data.
func figureCases(t *testing.T, opt Options) map[string]*Figure {
	dir := t.TempDir()
	scen, sweep := filepath.Join(dir, "scen"), filepath.Join(dir, "sweep")
	y, err := ReadYearly(writeYearly(t, mkdir(t, filepath.Join(dir, "run")), 5, 12))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadSummary(writeSummary(t, mkdir(t, scen), scenarioPoints(), 4, 12))
	if err != nil {
		t.Fatal(err)
	}
	gp := gridPoints(t, mkdir(t, sweep), 4, 3)
	sw, err := ReadSummary(writeSummary(t, sweep, gp, 2, 6))
	if err != nil {
		t.Fatal(err)
	}
	pts, err := ReadPoints(filepath.Join(sweep, PointsFile))
	if err != nil {
		t.Fatal(err)
	}
	eff, err := ReadEffects(writeEffects(t, scen, 4))
	if err != nil {
		t.Fatal(err)
	}
	mo, err := ReadMorris(writeMorris(t, scen, 3))
	if err != nil {
		t.Fatal(err)
	}
	so, err := ReadSobol(writeSobol(t, scen, 3))
	if err != nil {
		t.Fatal(err)
	}
	figs := map[string]*Figure{}
	add := func(name string, f *Figure, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		figs[name] = f
	}
	f, err := YearlyPanels(y, opt)
	add("yearly", f, err)
	f, err = TimeSeriesPanels(s, opt)
	add("panels", f, err)
	f, err = TimeSeries(s, "dependence_index", opt)
	add("single", f, err)
	f, err = TimeSeriesPanels(sw, opt)
	add("spaghetti", f, err)
	f, err = Heatmap(sw, pts, "gov_funding_share", opt)
	add("heatmap", f, err)
	f, err = EffectsFigure(eff, opt)
	add("effects", f, err)
	f, err = MorrisFigure(mo, opt)
	add("morris", f, err)
	f, err = SobolFigure(so, opt)
	add("sobol", f, err)
	return figs
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func render(t *testing.T, f *Figure, format string, dpi int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Render(&b, format, dpi); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFiguresPNG(t *testing.T) {
	for name, f := range figureCases(t, Options{}) {
		a, b := render(t, f, PNG, 150), render(t, f, PNG, 150)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two PNG renders differ", name)
		}
		checkPNG(t, name, a, pixels(f.Width.Points(), 150), pixels(f.Height.Points(), 150))
	}
}

func TestFiguresDPIAndSize(t *testing.T) {
	opt := Options{DPI: 96, Width: 300, Height: 200}
	figs := figureCases(t, opt)
	for _, name := range []string{"single", "heatmap"} {
		f := figs[name]
		if f.Width != 300 || f.Height != 200 {
			t.Errorf("%s: size %v x %v, want 300 x 200 pt", name, f.Width, f.Height)
		}
		checkPNG(t, name, render(t, f, PNG, 96), pixels(300, 96), pixels(200, 96))
	}
}

func TestFiguresSVGAndPDF(t *testing.T) {
	for _, format := range []string{SVG, PDF} {
		for name, f := range figureCases(t, Options{Format: format}) {
			a, b := render(t, f, format, 0), render(t, f, format, 0)
			if !bytes.Equal(a, b) {
				t.Errorf("%s.%s: two renders differ", name, format)
			}
			head := map[string]string{SVG: "<?xml", PDF: "%PDF-"}[format]
			if !bytes.HasPrefix(a, []byte(head)) || len(a) < 2000 {
				t.Errorf("%s.%s: %d bytes starting %q", name, format, len(a), a[:min(len(a), 8)])
			}
			if format == PDF && !bytes.Contains(a, []byte("/CreationDate (D:20000101000000)")) {
				t.Errorf("%s.pdf: creation date not pinned", name)
			}
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := YearlyPanels(&Yearly{}, Options{Format: "gif"}); err == nil {
		t.Error("format gif accepted")
	}
	var b bytes.Buffer
	if err := (&Figure{Width: 100, Height: 100}).Render(&b, "bmp", 0); err == nil {
		t.Error("Render accepted bmp")
	}
}

// hasColour reports whether img has a pixel of exactly colour c.
func hasColour(img image.Image, c color.Color) bool {
	want := color.RGBAModel.Convert(c).(color.RGBA)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == want {
				return true
			}
		}
	}
	return false
}

// TestLabelColours checks that a label's colour follows its position in
// Options.Labels, whatever the order of the data.
func TestLabelColours(t *testing.T) {
	dir := t.TempDir()
	s, err := ReadSummary(writeSummary(t, dir, scenarioPoints(), 1, 8))
	if err != nil {
		t.Fatal(err)
	}
	order := []string{"competitive_tender", "not_in_data", "baseline"}
	f, err := TimeSeries(s, "dependence_index", Options{Labels: order, Width: 400, Height: 300})
	if err != nil {
		t.Fatal(err)
	}
	img := checkPNG(t, "colours", render(t, f, PNG, 150), pixels(400, 150), pixels(300, 150))
	// competitive_tender is position 0 (blue), baseline position 2
	// (bluish green); the other labels in the data are not drawn.
	if !hasColour(img, OkabeIto[0]) || !hasColour(img, OkabeIto[2]) {
		t.Error("listed labels not drawn in their positional colours")
	}
	if hasColour(img, OkabeIto[1]) || hasColour(img, OkabeIto[3]) {
		t.Error("colour of an unlisted position present")
	}
	o := newLabelOrder(order, s.Labels(), nil)
	if o.pos["baseline"] != 2 || o.pos["audit_probability=0.5"] != 3 || len(o.labels) != 5 {
		t.Errorf("label order %v", o.labels)
	}
	if LabelDashes(3) != nil || LabelDashes(9) == nil {
		t.Error("dash cycle")
	}
	if LabelColor(8) != LabelColor(0) {
		t.Error("palette does not cycle")
	}
}
