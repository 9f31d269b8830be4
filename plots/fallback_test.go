package plots

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// needFallbackFont skips a test without a fallback font, except under
// CI=true, where .ci/run installs fonts-wqy-microhei and a missing font is
// a failure.
func needFallbackFont(t *testing.T) {
	t.Helper()
	if FallbackFont() != "" {
		return
	}
	msg := "no CJK font (" + FallbackFontEnv + " or one of " + strings.Join(FallbackFontPaths, ", ") + ")"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// TestChineseTextIsDrawn checks that a Chinese scenario name shows in
// PNG, SVG and PDF: the figure with the name differs from the figure with
// blanks in its place (the name used to vanish from titles and legends),
// and the SVG draws it as outlines, needing no font in the viewer.
func TestChineseTextIsDrawn(t *testing.T) {
	needFallbackFont(t)
	render := func(label, format string) []byte {
		dir := t.TempDir()
		s, err := ReadSummary(writeSummary(t, dir, []sweepPoint{{0, "baseline", 0, 0}, {1, label, 0.4, 0.1}}, 2, 4))
		if err != nil {
			t.Fatal(err)
		}
		fig, err := TimeSeries(s, "dependence_index", Options{Title: "baseline vs " + label, Format: format})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fig.Render(&b, format, 100); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, format := range []string{PNG, SVG, PDF} {
		t.Run(format, func(t *testing.T) {
			cjk, blank := render("监督保障", format), render("    ", format)
			if bytes.Equal(cjk, blank) {
				t.Error("the Chinese name is not drawn")
			}
			if format == SVG && bytes.Count(cjk, []byte("<path")) < bytes.Count(blank, []byte("<path"))+8 {
				t.Error("the SVG does not draw the name's glyphs as outlines")
			}
		})
	}
}

// TestFallbackWidth checks that text with Chinese is measured with the
// fallback font's advances, so titles and legends make room for it.
func TestFallbackWidth(t *testing.T) {
	needFallbackFont(t)
	sty := textStyle(sansFont, 10, 0, 0)
	if w1, w2 := sty.Width("监督"), sty.Width("监督保障"); w2 < 1.9*w1 || w1 < 15 {
		t.Errorf("widths %v and %v: want about 10 pt a character", w1, w2)
	}
}

func TestNeedsFallback(t *testing.T) {
	for s, want := range map[string]bool{"baseline": false, "mech-all 2029 ± 95 %": false, "监督保障": true, "risk+监督": true, "": false} {
		if got := NeedsFallback(s); got != want {
			t.Errorf("NeedsFallback(%q) = %v, want %v", s, got, want)
		}
	}
}
