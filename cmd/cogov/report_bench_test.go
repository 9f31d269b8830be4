package main

import (
	"path/filepath"
	"testing"

	htmlreport "cogov/report"
)

// BenchmarkReport builds the report of a comparison folder (25 figures as
// SVG) and reports its size.
func BenchmarkReport(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "cmp")
	var o, e nopWriter
	if Main(append([]string{"compare", "baseline", "mech-all", "--reps", "3", "--years", "5", "--out", dir}, tinySets...), &o, &e) != 0 {
		b.Fatal("compare failed")
	}
	var size int
	for b.Loop() {
		html, err := htmlreport.Build([]string{dir}, reportOptions())
		if err != nil {
			b.Fatal(err)
		}
		size = len(html)
	}
	b.ReportMetric(float64(size)/1024, "KiB/report")
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
