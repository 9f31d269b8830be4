package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSamples renders one sample of every figure kind into
// $PLOTS_SAMPLE_DIR for visual inspection; it is skipped when the
// variable is unset.
func TestSamples(t *testing.T) {
	out := os.Getenv("PLOTS_SAMPLE_DIR")
	if out == "" {
		t.Skip("PLOTS_SAMPLE_DIR not set")
	}
	format := os.Getenv("PLOTS_SAMPLE_FORMAT")
	in := t.TempDir()
	run := filepath.Join(in, "run")
	scen := filepath.Join(in, "scen")
	sweep := filepath.Join(in, "sweep")
	for _, d := range []string{run, scen, sweep} {
		os.MkdirAll(d, 0o755)
	}
	writeYearly(t, run, 7, 15)
	writeSummary(t, scen, scenarioPoints(), 5, 15)
	writeEffects(t, scen, 5)
	writeMorris(t, scen, 4)
	writeSobol(t, scen, 4)
	writeSummary(t, sweep, gridPoints(t, sweep, 10, 10), 17, 15)
	many := filepath.Join(out, "many")
	pts := gridPoints(t, in, 5, 2)
	var labels []string
	for i := range pts {
		pts[i].label = "scenario_" + string(rune('A'+i))
		labels = append(labels, pts[i].label)
	}
	writeSummary(t, in, pts, 2, 15)
	s, err := ReadSummary(filepath.Join(in, SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	f, err := TimeSeries(s, "dependence_index", Options{Labels: labels})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf, PNG, 150); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(many, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(many, "timeseries_10_labels.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{run, scen, sweep} {
		paths, err := DrawAll(d, Options{OutDir: filepath.Join(out, filepath.Base(d)), Format: format,
			HeatmapMetrics: []string{"dependence_index", "agency_count"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			t.Log(p)
		}
	}
}
