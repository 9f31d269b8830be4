package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinySets shrink a scenario to two small cities, so that a command test
// runs in milliseconds.
var tinySets = []string{"--set", "cities[0].communities=6", "--set", "cities[0].agencies=[4, 3, 2]",
	"--set", "cities[1].count=1", "--set", "cities[1].communities=3", "--set", "community.agents_per_community=10"}

// tinyRun are run flags for a small, short baseline run.
var tinyRun = append([]string{"--years", "2"}, tinySets...)

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// refusal is a command line that must be refused as bad input: exit 2 with
// want in its message.
type refusal struct {
	name string
	args []string
	want string
}

// expectRefused runs every refusal and checks its exit status, its message
// and that it wrote nothing at bad.
func expectRefused(t *testing.T, cases []refusal, bad string) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr := cogov(t, 2, c.args...)
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q does not contain %q", stderr, c.want)
			}
			if exists(bad) {
				t.Errorf("bad input wrote %s", bad)
			}
		})
	}
}

// TestRunFigures checks that run --out draws its figure into
// DIR/figures, that --no-plots draws none, and that the CSV is the same.
func TestRunFigures(t *testing.T) {
	root := t.TempDir()
	with, without := filepath.Join(root, "with"), filepath.Join(root, "without")
	out, _ := cogov(t, 0, append([]string{"run", "--out", with}, tinyRun...)...)
	fig := filepath.Join(with, "figures", "yearly_panels.png")
	if !exists(fig) || !strings.Contains(out, fig) {
		t.Errorf("run --out: no %s listed and written:\n%s", fig, out)
	}
	cogov(t, 0, append([]string{"run", "--no-plots", "--out", without}, tinyRun...)...)
	if exists(filepath.Join(without, "figures")) {
		t.Error("run --no-plots wrote figures")
	}
	a, _ := os.ReadFile(filepath.Join(with, "yearly.csv"))
	b, _ := os.ReadFile(filepath.Join(without, "yearly.csv"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("yearly.csv differs with and without figures")
	}
	// --json keeps stdout pure JSON.
	js, _ := cogov(t, 0, append([]string{"run", "--json", "--out", filepath.Join(root, "json")}, tinyRun...)...)
	if !strings.HasPrefix(js, "{") || strings.Contains(js, "figures") {
		t.Errorf("--json output has more than JSON:\n%s", js)
	}
}

func TestPlotCommand(t *testing.T) {
	root := t.TempDir()
	run := filepath.Join(root, "run")
	cogov(t, 0, append([]string{"run", "--no-plots", "--out", run}, tinyRun...)...)
	svg := filepath.Join(root, "svg")
	out, _ := cogov(t, 0, "plot", run, "--format", "svg", "--out", svg)
	if p := filepath.Join(svg, "yearly_panels.svg"); !exists(p) || !strings.Contains(out, p) {
		t.Errorf("plot --format svg: %s not written and listed:\n%s", p, out)
	}
	// A sweep without summary.csv is summarized first.
	sweep := filepath.Join(root, "sweep")
	cogov(t, 0, "sweep", gridExperiment, "--out", sweep, "-q", "--no-plots", "--replications", "2")
	if exists(filepath.Join(sweep, "figures")) || exists(filepath.Join(sweep, "summary.csv")) {
		t.Error("sweep --no-plots summarized or drew")
	}
	out, _ = cogov(t, 0, "plot", sweep, "--dpi", "72")
	for _, name := range []string{"timeseries_panels.png", "timeseries_dependence_index.png", "heatmap_dependence_index.png"} {
		if p := filepath.Join(sweep, "figures", name); !exists(p) || !strings.Contains(out, p) {
			t.Errorf("plot of a sweep: %s not written and listed:\n%s", name, out)
		}
	}

	empty := t.TempDir()
	bad := filepath.Join(root, "bad")
	cases := []refusal{
		{"no dir", []string{"plot"}, "want one result directory"},
		{"missing dir", []string{"plot", filepath.Join(root, "nosuch"), "--out", bad}, "not a directory"},
		{"format", []string{"plot", run, "--format", "gif", "--out", bad}, `--format "gif"`},
		{"dpi", []string{"plot", run, "--dpi", "5000", "--out", bad}, "--dpi 5000"},
		{"nothing to draw", []string{"plot", empty, "--out", bad}, "no result files"},
		{"bad csv", []string{"plot", writeTemp(t, "yearly.csv", "year,a\n1,x\n"), "--out", bad}, `"x" is not a number`},
	}
	expectRefused(t, cases, bad)
}

// writeTemp writes content to name in a new temporary directory and
// returns the directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
