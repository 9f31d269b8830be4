package experiments

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"cogov/experiments/design"
	"cogov/experiments/stats"
)

// TestReportAlignsCJKLabels checks that summarize's point tables keep
// their columns with Chinese labels (a byte count padded them wrong).
func TestReportAlignsCJKLabels(t *testing.T) {
	s := stats.Summary{N: 2, Mean: 0.5, CILow: 0.4, CIHigh: 0.6}
	a := &Analysis{Dir: t.TempDir(), Exp: &design.Experiment{}, Labels: []string{"baseline", "监督保障"},
		Metrics: []string{"dependence_index"}, Table: [][]stats.Summary{{s}, {s}}}
	var b bytes.Buffer
	a.WriteReport(&b, nil)
	var rows []string
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "baseline") || strings.Contains(l, "监督保障") {
			rows = append(rows, l)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("rows %q", rows)
	}
	if w0, w1 := runewidth.StringWidth(rows[0]), runewidth.StringWidth(rows[1]); w0 != w1 {
		t.Errorf("rows are %d and %d columns wide:\n%s\n%s", w0, w1, rows[0], rows[1])
	}
}
