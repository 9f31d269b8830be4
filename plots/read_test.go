package plots

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadYearly(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "yearly.csv", "\ufeffa, year ,b\n0.5,1,NaN\n0.25,2,3\n\n0.75,3,\n")
	y, err := ReadYearly(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(y.Metrics, []string{"a", "b"}) || !reflect.DeepEqual(y.Years, []float64{1, 2, 3}) {
		t.Fatalf("metrics %v years %v", y.Metrics, y.Years)
	}
	if a := y.Column("a"); !reflect.DeepEqual(a, []float64{0.5, 0.25, 0.75}) {
		t.Errorf("a = %v", a)
	}
	b := y.Column("b")
	if !math.IsNaN(b[0]) || b[1] != 3 || !math.IsNaN(b[2]) {
		t.Errorf("b = %v", b)
	}
	if y.Column("nope") != nil {
		t.Error("absent column not nil")
	}
}

// wantErr checks that err names the file and line and contains frag.
func wantErr(t *testing.T, err error, path string, line, frag string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", frag)
	}
	msg := err.Error()
	if !strings.Contains(msg, path+":"+line+":") || !strings.Contains(msg, frag) {
		t.Errorf("error %q: want %s:%s: and %q", msg, path, line, frag)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content string
		read          func(string) error
		line, frag    string
	}{
		{"y1.csv", "a,b\n1,2\n", func(p string) error { _, err := ReadYearly(p); return err }, "1", "year"},
		{"y2.csv", "year,a\n1,0.5\n2,abc\n", func(p string) error { _, err := ReadYearly(p); return err }, "3", `"abc"`},
		{"y3.csv", "year,a\n1,0.5,7\n", func(p string) error { _, err := ReadYearly(p); return err }, "2", "fields"},
		{"s1.csv", "point,label,year,metric,n,mean,sd,ci_low\n", func(p string) error { _, err := ReadSummary(p); return err }, "1", "ci_high"},
		{"s2.csv", "point,label,year,metric,mean,ci_low,ci_high\n1.5,a,1,m,1,0,2\n", func(p string) error { _, err := ReadSummary(p); return err }, "2", "integer"},
		{"s3.csv", "point,label,year,metric,mean,ci_low,ci_high\n1,a,1,,1,0,2\n", func(p string) error { _, err := ReadSummary(p); return err }, "2", "metric"},
		{"p1.csv", "point,label,f\n1,a,1\n1,b,2\n", func(p string) error { _, err := ReadPoints(p); return err }, "3", "twice"},
		{"e1.csv", "metric,effect,estimate,ci_low\n", func(p string) error { _, err := ReadEffects(p); return err }, "1", "ci_high"},
		{"m1.csv", "metric,factor,mu,mu_star\n", func(p string) error { _, err := ReadMorris(p); return err }, "1", "sigma"},
		{"o1.csv", "metric,factor,s1\n", func(p string) error { _, err := ReadSobol(p); return err }, "1", "st"},
		{"o2.csv", "metric,factor,s1,st\nm,f,0.1,x\n", func(p string) error { _, err := ReadSobol(p); return err }, "2", "st"},
		{"q1.csv", "year,a\n1,\"open\n", func(p string) error { _, err := ReadYearly(p); return err }, "2", "quote"},
		{"c1.csv", "scenario,reference,metric,year,diff,ci_low,ci_high\n\na,r,m,1,0.1,0,0.2\n\nb,x,m,1,0.1,0,0.2\n",
			func(p string) error { _, err := ReadCompare(p); return err }, "5", `reference "x" differs from "r" on line 3`},
	}
	for _, c := range cases {
		p := writeFile(t, dir, c.name, c.content)
		wantErr(t, c.read(p), p, c.line, c.frag)
	}
	if _, err := ReadYearly(filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("missing file: no error")
	}
	p := writeFile(t, dir, "empty.csv", "")
	if _, err := ReadSummary(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("empty file: %v", err)
	}
}

func TestReadSummary(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "summary.csv", strings.Join([]string{
		"ci_high,ci_low,mean,metric,year,label,point",
		"0.6,0.4,0.5,dep,2,b,7",
		"0.5,0.3,0.4,dep,1,b,7",
		"0.3,0.1,0.2,dep,1,a,3",
		"0.4,0.2,0.3,dep,2,a,3",
		"20,10,15,count,1,a,3",
		"",
	}, "\n"))
	s, err := ReadSummary(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Metrics(); !reflect.DeepEqual(got, []string{"dep", "count"}) {
		t.Errorf("metrics %v", got)
	}
	if got := s.Labels(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("labels %v (want ordered by point id)", got)
	}
	se := s.Series("dep")
	if len(se) != 2 || se[0].Label != "a" || se[1].Point != 7 {
		t.Fatalf("series %+v", se)
	}
	if !reflect.DeepEqual(se[1].Years, []float64{1, 2}) || !reflect.DeepEqual(se[1].Mean, []float64{0.4, 0.5}) ||
		!reflect.DeepEqual(se[1].Low, []float64{0.3, 0.4}) || !reflect.DeepEqual(se[1].High, []float64{0.5, 0.6}) {
		t.Errorf("series not sorted by year: %+v", se[1])
	}
	if f := s.Final("dep"); f[3] != 0.3 || f[7] != 0.5 {
		t.Errorf("final %v", f)
	}
	if r := s.Rows[0]; r.N != 0 || !math.IsNaN(r.SD) {
		t.Errorf("absent n/sd: %+v", r)
	}
}

func TestReadPointsAndStats(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "points.csv", "label,point,x.a,x.b,x.c\np0,0,1,a,k\np1,1,2,a,k\np2,2,1,b,k\n")
	pts, err := ReadPoints(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pts.Factors, []string{"x.a", "x.b", "x.c"}) || len(pts.Rows) != 3 || pts.Rows[2].Label != "p2" {
		t.Fatalf("points %+v", pts)
	}
	if v := pts.Varying(); !reflect.DeepEqual(v, []int{0, 1}) {
		t.Errorf("varying %v", v)
	}

	e, err := ReadEffects(writeFile(t, dir, "effects.csv", "effect,metric,ci_high,ci_low,estimate\nrisk,dep,0.3,0.1,0.2\n"))
	if err != nil || len(e) != 1 || e[0] != (Effect{"dep", "risk", 0.2, 0.1, 0.3}) {
		t.Errorf("effects %+v %v", e, err)
	}
	m, err := ReadMorris(writeFile(t, dir, "morris.csv", "metric,factor,mu_star,sigma\ndep,f,0.2,0.1\n"))
	if err != nil || len(m) != 1 || m[0].MuStar != 0.2 || m[0].Sigma != 0.1 || !math.IsNaN(m[0].Mu) || !math.IsNaN(m[0].MuStarHigh) {
		t.Errorf("morris %+v %v", m, err)
	}
	o, err := ReadSobol(writeFile(t, dir, "sobol.csv", "st,s1,factor,metric,st_high\n0.5,0.25,f,dep,0.6\n"))
	if err != nil || len(o) != 1 || o[0].S1 != 0.25 || o[0].ST != 0.5 || o[0].STHigh != 0.6 || !math.IsNaN(o[0].S1Low) {
		t.Errorf("sobol %+v %v", o, err)
	}
}

func TestShortNamesAndTicks(t *testing.T) {
	got := shortNames([]string{"agency.capacity.mean", "agency.capacity.sd", "gov.capacity.mean", "x", "a.b"})
	want := map[string]string{
		"agency.capacity.mean": "agency.capacity.mean", "agency.capacity.sd": "capacity.sd",
		"gov.capacity.mean": "gov.capacity.mean", "x": "x", "a.b": "a.b",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shortNames = %v", got)
	}
	var labels []string
	for _, tk := range (niceTicks{N: 5}).Ticks(0.13, 0.97) {
		labels = append(labels, tk.Label)
	}
	if !reflect.DeepEqual(labels, []string{"0.2", "0.4", "0.6", "0.8"}) {
		t.Errorf("nice ticks %v", labels)
	}
	labels = nil
	for _, tk := range (niceTicks{N: 5}).Ticks(0, 1) {
		labels = append(labels, tk.Label)
	}
	if !reflect.DeepEqual(labels, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}) {
		t.Errorf("nice ticks %v", labels)
	}
	labels = nil
	for _, tk := range (yearTicks{}).Ticks(0, 14) {
		labels = append(labels, tk.Label)
	}
	if !reflect.DeepEqual(labels, []string{"0", "2", "4", "6", "8", "10", "12", "14"}) {
		t.Errorf("year ticks %v", labels)
	}
}

// TestNiceTicksLongLabels checks that long tick labels get fewer ticks.
func TestNiceTicksLongLabels(t *testing.T) {
	cases := []struct {
		min, max float64
		want     []string
	}{
		{-0.00028, 0, []string{"-0.0002", "-0.0001", "0.0000"}},
		{0, 1, []string{"0.00", "0.25", "0.50", "0.75", "1.00"}},
		{4000, 5500, []string{"4000", "4500", "5000", "5500"}},
	}
	for _, c := range cases {
		var labels []string
		for _, tk := range (niceTicks{}).Ticks(c.min, c.max) {
			labels = append(labels, tk.Label)
		}
		if !reflect.DeepEqual(labels, c.want) {
			t.Errorf("ticks of [%g, %g] = %v, want %v", c.min, c.max, labels, c.want)
		}
	}
}

// Hostile result files are refused with FILE:LINE before drawing (issue
// 14: years from -1e12 to 1e12 grew to 24 GB; fractional years and a
// sobol row of ±1e308 hung).
func TestReadRefusesHostileRanges(t *testing.T) {
	dir := t.TempDir()
	many := "year," + strings.Repeat("m,", 0)
	for i := range 65 {
		many += fmt.Sprintf("m%d,", i)
	}
	many = strings.TrimSuffix(many, ",") + "\n2015" + strings.Repeat(",1", 65) + "\n"
	cases := []struct {
		name, src string
		read      func(string) error
		want      string
	}{
		{"y-huge.csv", "year,a\n-1000000000000,0.5\n1000000000000,0.5\n", readYearly, "y-huge.csv:2: column year: -1e+12 is out of range (allowed whole years 0-2300)"},
		{"y-frac.csv", "year,a\n2015.5,0.5\n", readYearly, "y-frac.csv:2: column year: 2015.5 is out of range"},
		{"y-inf.csv", "year,a\n2015,1e400\n", readYearly, "y-inf.csv:2: column a: +Inf is out of range (allowed finite numbers within ±1e+15)"},
		{"y-panels.csv", many, readYearly, "65 metrics (allowed up to 64, one panel each)"},
		{"s-year.csv", "point,label,year,metric,mean,ci_low,ci_high\n0,a,1e12,m,1,0,2\n", func(p string) error { _, err := ReadSummary(p); return err }, "s-year.csv:2: column year"},
		{"sobol.csv", "metric,factor,s1,s1_low,s1_high,st,st_low,st_high\nm,f,0,-1e308,1e308,0,0,0\n", func(p string) error { _, err := ReadSobol(p); return err }, "sobol.csv:2: column s1_low: -1e+308 is out of range"},
	}
	for _, c := range cases {
		p := writeFile(t, dir, c.name, c.src)
		if err := c.read(p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

func readYearly(p string) error { _, err := ReadYearly(p); return err }
