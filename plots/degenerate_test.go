package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDegenerateData draws figures from awkward but valid data: one
// year, all-NaN metrics, constant values, missing heatmap cells, absent
// optional CI columns. None may panic or fail, and each must render in
// every format.
func TestDegenerateData(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]map[string]string{
		"one_year": {
			SummaryFile: "point,label,year,metric,mean,ci_low,ci_high\n0,a,2020,m,0.5,0.4,0.6\n1,b,2020,m,NaN,,\n",
		},
		"all_nan": {
			YearlyFile:  "year,m,k\n1,NaN,3\n2,NaN,3\n3,NaN,3\n",
			SummaryFile: "point,label,year,metric,mean,ci_low,ci_high\n0,a,1,m,NaN,NaN,NaN\n0,a,2,m,NaN,NaN,NaN\n",
		},
		"gaps": {
			SummaryFile: "point,label,year,metric,mean,ci_low,ci_high\n" +
				"0,a,1,m,1,0.9,1.1\n0,a,2,m,NaN,NaN,NaN\n0,a,3,m,1.2,1.1,1.3\n0,a,4,m,1.1,,\n0,a,5,m,1.3,1.2,1.4\n" +
				"1,b,1,m,2,1.5,2.5\n1,b,2,m,2,1.5,2.5\n2,c,1,m,3,3,3\n3,d,5,m,0,0,0\n",
			PointsFile:  "point,label,x,y\n0,a,1,low\n1,b,2,low\n2,c,1,high\n3,d,3,mid\n",
			EffectsFile: "metric,effect,estimate,ci_low,ci_high\nm,e1,0,NaN,NaN\nm,e2,NaN,-1,1\nk,e1,5,5,5\n",
			MorrisFile:  "metric,factor,mu_star,sigma\nm,f,0,0\nm,g,0,0\n",
			SobolFile:   "metric,factor,s1,st\nm,a.b.c,NaN,0.2\nm,d,-0.1,1.3\n",
		},
	}
	for name, files := range cases {
		in := filepath.Join(dir, name)
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, content := range files {
			writeFile(t, in, f, content)
		}
		for _, format := range []string{PNG, SVG, PDF} {
			paths, err := DrawAll(in, Options{Format: format, DPI: 50, OutDir: filepath.Join(in, format)})
			if err != nil {
				t.Errorf("%s/%s: %v", name, format, err)
			}
			for _, p := range paths {
				if st, err := os.Stat(p); err != nil || st.Size() == 0 {
					t.Errorf("%s: %v", p, err)
				}
			}
			if len(paths) == 0 {
				t.Errorf("%s/%s: nothing drawn", name, format)
			}
		}
	}
}

// TestFigureRenderTwice checks that rendering a figure does not change
// it (panel titles are moved out of the plots while drawing).
func TestFigureRenderTwice(t *testing.T) {
	dir := t.TempDir()
	s, err := ReadSummary(writeSummary(t, dir, scenarioPoints(), 2, 5))
	if err != nil {
		t.Fatal(err)
	}
	f, err := TimeSeriesPanels(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := render(t, f, SVG, 0), render(t, f, SVG, 0)
	if !bytes.Equal(a, b) || !bytes.Contains(a, []byte(">dependence_index</text>")) {
		t.Error("second render differs or panel title missing")
	}
}
