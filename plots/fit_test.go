package plots

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// fitCSV is a calibration fit like the one cogov calibrate writes: B
// city's Table 2 award shares and the professional share, one target
// missed, one without CI.
const fitCSV = "target,observed,mean,ci_low,ci_high,tolerance,pass\n" +
	"T2 elder care 2017,0.2,0.214,0.19,0.238,0.05,true\n" +
	"T2 elder care 2018,0.25,0.231,0.205,0.257,0.05,true\n" +
	"T2 community social work 2017,0.3667,0.29,0.262,0.318,0.05,false\n" +
	"T2 community social work 2018,0.4,0.37,0.341,0.399,0.05,true\n" +
	"T2 incubation 2017,0.1304,0.16,0.12,0.2,0.05,true\n" +
	"T2 incubation 2018,0.0952,0.11,NaN,NaN,0.05,true\n" +
	"T3 professional,0.5,0.46,0.41,0.51,0.1,true\n"

func TestReadFit(t *testing.T) {
	dir := t.TempDir()
	rows, err := ReadFit(writeFile(t, dir, FitFile, fitCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || rows[2].Pass || !rows[0].Pass || !math.IsNaN(rows[5].CILow) {
		t.Fatalf("rows %+v", rows)
	}
	// Without a pass column, pass is |mean - observed| <= tolerance.
	rows, err = ReadFit(writeFile(t, dir, "b.csv", "mean,target,observed,tolerance\n0.3,a,0.2,0.05\n0.22,b,0.2,0.05\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := []bool{rows[0].Pass, rows[1].Pass}; !reflect.DeepEqual(got, []bool{false, true}) {
		t.Errorf("computed pass %v", got)
	}
	if !math.IsNaN(rows[0].CIHigh) {
		t.Error("absent ci_high not NaN")
	}
	for name, c := range map[string]struct{ content, line, frag string }{
		"c.csv": {"target,observed\n", "1", "mean"},
		"d.csv": {"target,observed,mean\n,0.2,0.3\n", "2", "target"},
		"e.csv": {"target,observed,mean,pass\na,0.2,0.3,maybe\n", "2", "pass"},
		"f.csv": {"target,observed,mean\na,x,0.3\n", "2", `"x"`},
	} {
		p := writeFile(t, dir, name, c.content)
		_, err := ReadFit(p)
		wantErr(t, err, p, c.line, c.frag)
	}
}

func TestFitFigure(t *testing.T) {
	dir := t.TempDir()
	rows, err := ReadFit(writeFile(t, dir, FitFile, fitCSV))
	if err != nil {
		t.Fatal(err)
	}
	// Mixed scales: one strip per target.
	mixed := append([]Fit{{Target: "agencies", Observed: 53, Mean: 61, CILow: 55, CIHigh: 67, Tolerance: 10, Pass: true}}, rows[:2]...)
	cases := []struct {
		name string
		rows []Fit
	}{{"shares", rows}, {"mixed", mixed}, {"one", rows[2:3]}}
	for _, c := range cases {
		f, err := FitFigure(c.rows, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		a, b := render(t, f, PNG, 150), render(t, f, PNG, 150)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two PNG renders differ", c.name)
		}
		img := checkPNG(t, c.name, a, pixels(f.Width.Points(), 150), pixels(f.Height.Points(), 150))
		if c.name == "shares" && (!hasColour(img, OkabeIto[0]) || !hasColour(img, OkabeIto[1])) {
			t.Errorf("%s: passing and failing targets not both coloured", c.name)
		}
		for _, format := range []string{SVG, PDF} {
			f, err := FitFigure(c.rows, Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			if x, y := render(t, f, format, 0), render(t, f, format, 0); !bytes.Equal(x, y) || len(x) < 2000 {
				t.Errorf("%s.%s: renders differ or too small (%d bytes)", c.name, format, len(x))
			}
		}
	}
	if _, err := FitFigure(nil, Options{}); err == nil {
		t.Error("no rows accepted")
	}
}

func TestDrawAllFit(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, FitFile, fitCSV)
	paths, err := DrawAll(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "figures", "fit.png")}; !reflect.DeepEqual(paths, want) {
		t.Fatalf("paths %v, want %v", paths, want)
	}
	if st, err := os.Stat(paths[0]); err != nil || st.Size() == 0 {
		t.Errorf("fit.png: %v", err)
	}
	writeFile(t, dir, FitFile, "target,observed,mean\na,0.2,oops\n")
	if _, err := DrawAll(dir, Options{}); err == nil {
		t.Error("bad fit.csv drawn")
	}
}

// TestDrawAllSweepDir draws a sweep folder, whose yearly.csv is in long
// format: only summary.csv is drawn, and bad input is an *InputError.
func TestDrawAllSweepDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, YearlyFile, "run_id,year,metric,value\n0,2015,dependence_index,0.6\n")
	writeSummary(t, dir, scenarioPoints(), 1, 3)
	paths, err := DrawAll(dir, Options{Format: SVG})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := baseNames(paths), []string{"timeseries_panels.svg", "timeseries_dependence_index.svg"}; !reflect.DeepEqual(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	for _, opt := range []Options{{Format: "gif"}, {OutDir: filepath.Join(dir, "x")}} {
		in := dir
		if opt.Format == "" {
			in = t.TempDir() // no result files
		}
		var ie *InputError
		if _, err := DrawAll(in, opt); !errors.As(err, &ie) {
			t.Errorf("%+v: error %v is not an *InputError", opt, err)
		}
	}
}
