package plots

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

func TestDrawAllSingleRun(t *testing.T) {
	dir := t.TempDir()
	writeYearly(t, dir, 4, 10)
	paths, err := DrawAll(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "figures", "yearly_panels.png")}; !reflect.DeepEqual(paths, want) {
		t.Fatalf("paths %v, want %v", paths, want)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	// 4 metrics in 3 columns: 2 rows of default 3.2 x 2.4 in panels.
	f, _ := YearlyPanels(&Yearly{Metrics: []string{"a", "b", "c", "d"}, Values: make([][]float64, 4)}, Options{})
	checkPNG(t, "yearly_panels", data, pixels(f.Width.Points(), 150), pixels(f.Height.Points(), 150))
}

// writeScenarioDir writes every result file a scenario comparison can
// have.
func writeScenarioDir(t *testing.T, dir string) {
	writeSummary(t, dir, scenarioPoints(), 3, 8)
	writeEffects(t, dir, 3)
	writeMorris(t, dir, 2)
	writeSobol(t, dir, 2)
}

func TestDrawAllEveryFigure(t *testing.T) {
	dir := t.TempDir()
	writeScenarioDir(t, dir)
	out := filepath.Join(t.TempDir(), "out")
	paths, err := DrawAll(dir, Options{OutDir: out, Format: "SVG"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"timeseries_panels.svg", "timeseries_dependence_index.svg", "timeseries_gov_funding_share.svg",
		"timeseries_contract_renewal_rate.svg", "effects.svg", "morris.svg", "sobol.svg"}
	if got := baseNames(paths); !reflect.DeepEqual(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != len(want) {
		t.Errorf("out dir has %d entries (temporary files left?), want %d", len(entries), len(want))
	}

	// Heatmaps need points.csv with exactly two varying factors.
	sweep := t.TempDir()
	writeSummary(t, sweep, gridPoints(t, sweep, 3, 3), 2, 5)
	paths, err = DrawAll(sweep, Options{HeatmapMetrics: []string{"gov_funding_share"}})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"timeseries_panels.png", "timeseries_dependence_index.png", "timeseries_gov_funding_share.png",
		"heatmap_gov_funding_share.png"}
	if got := baseNames(paths); !reflect.DeepEqual(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	writeFile(t, sweep, PointsFile, "point,label,a,b,c\n0,x,1,1,1\n1,y,2,2,2\n")
	paths, err = DrawAll(sweep, Options{})
	if err != nil || len(paths) != 3 {
		t.Errorf("three varying factors: %v %v (want no heatmap, no error)", baseNames(paths), err)
	}
}

// TestDrawAllDeterministic draws everything twice in each format and
// compares the files byte for byte.
func TestDrawAllDeterministic(t *testing.T) {
	dir := t.TempDir()
	writeScenarioDir(t, dir)
	writeYearly(t, dir, 3, 6)
	writeSummary(t, dir, gridPoints(t, dir, 3, 2), 2, 4)
	for _, format := range []string{PNG, SVG, PDF} {
		a, err := DrawAll(dir, Options{OutDir: filepath.Join(t.TempDir(), "a"), Format: format, DPI: 72})
		if err != nil {
			t.Fatal(err)
		}
		b, err := DrawAll(dir, Options{OutDir: filepath.Join(t.TempDir(), "b"), Format: format, DPI: 72})
		if err != nil {
			t.Fatal(err)
		}
		// yearly, panels, 2 single series, 2 heatmaps, effects, morris, sobol
		if len(a) != 9 || len(a) != len(b) {
			t.Fatalf("%s: %d and %d files", format, len(a), len(b))
		}
		for i := range a {
			x, _ := os.ReadFile(a[i])
			y, _ := os.ReadFile(b[i])
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs (%d vs %d bytes)", filepath.Base(a[i]), len(x), len(y))
			}
		}
	}
}

func TestDrawAllErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := DrawAll(dir, Options{}); err == nil || !strings.Contains(err.Error(), "no result files") {
		t.Errorf("empty dir: %v", err)
	}
	p := writeFile(t, dir, SummaryFile, "point,label,year,metric,mean,ci_low,ci_high\n0,a,1,m,0.5,0.4,oops\n")
	if _, err := DrawAll(dir, Options{}); err == nil || !strings.Contains(err.Error(), p+":2:") {
		t.Errorf("bad summary: %v", err)
	}
	// A bad file after good ones: the error names it, and nothing is drawn.
	good := t.TempDir()
	writeFile(t, good, EffectsFile, "metric,effect,estimate,ci_low,ci_high\nm,a,0.5,0.1,0.9\n")
	bad := writeFile(t, good, GenerationsFile, "generation,tolerance,acceptance\n0,NA,x\n")
	var ierr *InputError
	if paths, err := DrawAll(good, Options{}); !errors.As(err, &ierr) || !strings.Contains(err.Error(), bad+":2:") || len(paths) != 0 {
		t.Errorf("bad generations.csv: %v, drew %v", err, paths)
	}
	if _, err := DrawAll(dir, Options{Format: "jpeg"}); err == nil {
		t.Error("format jpeg accepted")
	}
	if _, err := DrawAll(dir, Options{DPI: -3}); err == nil {
		t.Error("negative DPI accepted")
	}
}

// BenchmarkDrawAll100 draws every figure of a 100-point two-factor sweep
// with 17 metrics over 15 years (1 small-multiple figure, 17 single
// time-series figures and 17 heatmaps) as PNG at 150 dpi.
func BenchmarkDrawAll100(b *testing.B) {
	dir := b.TempDir()
	writeSummary(b, dir, gridPoints(b, dir, 10, 10), len(fixtureMetrics), 15)
	out := filepath.Join(b.TempDir(), "figs")
	var n int
	b.ResetTimer()
	for b.Loop() {
		paths, err := DrawAll(dir, Options{OutDir: out})
		if err != nil {
			b.Fatal(err)
		}
		n = len(paths)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/drawall")
	b.ReportMetric(float64(n), "figures")
}
