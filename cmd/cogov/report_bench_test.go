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
	cogov(b, 0, append([]string{"compare", "baseline", "mech-all", "--reps", "3", "--years", "5", "--out", dir}, tinySets...)...)
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
