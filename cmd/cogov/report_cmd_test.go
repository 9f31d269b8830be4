package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// reportFolders makes a run, a comparison and a factorial sweep folder,
// each with its report, in a temporary directory.
func reportFolders(t *testing.T) (run, cmp, sweep string) {
	t.Helper()
	dir := t.TempDir()
	run, cmp, sweep = filepath.Join(dir, "run"), filepath.Join(dir, "cmp"), filepath.Join(dir, "sweep")
	cogov(t, 0, append([]string{"run", "--years", "3", "--out", run}, tinySets...)...)
	cogov(t, 0, append([]string{"compare", "baseline", "mech-all", "--reps", "3", "--years", "3", "--out", cmp}, tinySets...)...)
	cogov(t, 0, "sweep", filepath.Join("..", "..", "experiments", "testdata", "factorial.toml"), "--out", sweep, "-q")
	return run, cmp, sweep
}

// externalRef finds any reference to something outside an HTML page:
// an address with a scheme or a protocol-relative one, a src or href
// that is not a fragment, a CSS url() or @import that is not a fragment.
var externalRef = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://|\bsrc\s*=|href\s*=\s*"[^#]|url\(\s*['"]?[^#'"\s]|@import|//[a-z0-9-]+\.[a-z])`)

func TestReportWrittenByDefault(t *testing.T) {
	run, cmp, sweep := reportFolders(t)
	for _, tc := range []struct {
		dir  string
		want []string
	}{
		{run, []string{"single run", "Key metrics of the run", "yearly_panels", "command line", "cogov run --years 3",
			"SHA-256 of scenario.toml", "cities[0].communities"}},
		{cmp, []string{"scenario comparison", "Key metrics in 2017: mean over replications [95 % CI]", "compare.csv",
			"Parameters that differ from baseline", "mechanisms.risk.enabled", "differences", "SHA-256 of scenarios/1.toml"}},
		{sweep, []string{"sweep", "experiment.toml", "Factorial effects", "effects.csv", "Design points and their factor values",
			"base scenario baseline of experiment tiny-factorial", "community.agents_per_community"}},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(tc.dir, reportFile))
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("report lacks %q", w)
				}
			}
			if m := externalRef.FindString(page); m != "" {
				t.Errorf("report refers outside itself: %q", m)
			}
			if !strings.Contains(page, "@media print") {
				t.Error("report has no print stylesheet")
			}
			figs, _ := filepath.Glob(filepath.Join(tc.dir, "figures", "*.png"))
			if n := strings.Count(page, "<svg"); n != len(figs) || n == 0 {
				t.Errorf("report has %d inline figures, the folder %d", n, len(figs))
			}
			// The same folder gives the same bytes.
			again := filepath.Join(t.TempDir(), "again.html")
			cogov(t, 0, "report", tc.dir, "--out", again)
			b2, _ := os.ReadFile(again)
			if !bytes.Equal(b, b2) {
				t.Error("report of the same folder differs between builds")
			}
		})
	}
}

func TestReportCommand(t *testing.T) {
	run, cmp, _ := reportFolders(t)
	out := filepath.Join(t.TempDir(), "both.html")
	stdout, _ := cogov(t, 0, "report", run, cmp, "--out", out)
	if !strings.Contains(stdout, out) {
		t.Errorf("output does not name %s: %s", out, stdout)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), `href="#s1"`) || !strings.Contains(string(b), `href="#s2"`) {
		t.Error("a report of two folders lacks its table of contents")
	}
	empty := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no dir", []string{"report"}, "at least one result directory"},
		{"not a dir", []string{"report", filepath.Join(empty, "nosuch")}, "not a directory"},
		{"empty dir", []string{"report", empty}, "no cogov result files"},
		{"two dirs no out", []string{"report", run, cmp}, "--out FILE.html is needed"},
		{"not html", []string{"report", run, "--out", filepath.Join(empty, "r.txt")}, "ending in .html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr := cogov(t, 2, tc.args...)
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
			if entries, _ := os.ReadDir(empty); len(entries) != 0 {
				t.Errorf("bad input wrote %v", entries)
			}
		})
	}
}

// TestReportUnderForce checks that the report written by default follows
// the --out rules: a folder holding another result is refused with its
// report left as it was, and --force rewrites the report and command.txt
// of the new result; patterns --out refuses before running anything.
func TestReportUnderForce(t *testing.T) {
	for _, cmd := range [][]string{
		{"run", "--years", "2"},
		{"compare", "baseline", "mech-all", "--replications", "2", "--years", "2"},
	} {
		t.Run(cmd[0], func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			args := append(append(append([]string{}, cmd...), "--out", dir), tinySets...)
			cogov(t, 0, args...)
			first, err := os.ReadFile(filepath.Join(dir, reportFile))
			if err != nil {
				t.Fatal(err)
			}
			_, stderr := cogov(t, 2, args...)
			if !strings.Contains(stderr, "holds another result") {
				t.Errorf("stderr %q", stderr)
			}
			if again, _ := os.ReadFile(filepath.Join(dir, reportFile)); !bytes.Equal(first, again) {
				t.Error("a refused --out changed the report")
			}
			cogov(t, 0, append(args, "--force")...)
			line, _ := os.ReadFile(filepath.Join(dir, "command.txt"))
			if !strings.HasPrefix(string(line), "cogov "+cmd[0]+" ") || !strings.Contains(string(line), "--force") {
				t.Errorf("command.txt %q does not record the forced command", line)
			}
			page, _ := os.ReadFile(filepath.Join(dir, reportFile))
			if !strings.Contains(string(page), "--force") {
				t.Error("the report after --force does not show its command line")
			}
		})
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	_, stderr := cogov(t, 2, "patterns", "--replications", "2", "--prior-points", "0", "--out", other)
	if !strings.Contains(stderr, "not a cogov result") {
		t.Errorf("patterns --out into a foreign folder: %q", stderr)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 1 {
		t.Errorf("patterns --out wrote into a foreign folder: %v", entries)
	}
}
