package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cogov/scenarios"
)

// run calls Main and returns its exit status and outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestScenariosList(t *testing.T) {
	code, out, errs := run(t, "scenarios")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(scenarios.Builtins()) {
		t.Fatalf("%d lines for %d built-ins:\n%s", len(lines), len(scenarios.Builtins()), out)
	}
	for i, name := range scenarios.Builtins() {
		s, _ := scenarios.Load(name, nil)
		if f := strings.Fields(lines[i]); len(f) == 0 || f[0] != name || !strings.HasSuffix(lines[i], s.Description) {
			t.Errorf("line %q, want %s and its description", lines[i], name)
		}
	}
}

func TestScenariosShow(t *testing.T) {
	code, out, errs := run(t, "scenarios", "show", "long-window", "--set", "years=4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	shown, err := scenarios.LoadSource("shown.toml", []byte(out), "", nil)
	if err != nil {
		t.Fatalf("shown scenario does not load: %v", err)
	}
	want, _ := scenarios.Load("long-window", []string{"years=4"})
	if !reflect.DeepEqual(shown, want) {
		t.Error("scenarios show does not print the resolved scenario")
	}
	for _, args := range [][]string{{"scenarios", "show"}, {"scenarios", "list"}, {"scenarios", "show", "nope"}} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestInitRoundTrip writes every built-in with init and loads the file
// back to exactly the same scenario.
func TestInitRoundTrip(t *testing.T) {
	dir := t.TempDir()
	for _, name := range scenarios.Builtins() {
		path := filepath.Join(dir, name+".toml")
		if code, _, errs := run(t, "init", name, "--out", path); code != 0 {
			t.Fatalf("init %s: exit %d: %s", name, code, errs)
		}
		got, err := scenarios.Load(path, nil)
		if err != nil {
			t.Fatalf("init %s wrote a file that does not load:\n%v", name, err)
		}
		want, _ := scenarios.Load(name, nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("init %s: loaded file differs from the built-in", name)
		}
	}
	// Every parameter is written with its unit and range in a comment.
	b, _ := os.ReadFile(filepath.Join(dir, "baseline.toml"))
	for _, p := range scenarios.Catalogue() {
		if p.Path != "extends" && !strings.Contains(string(b), "allowed: "+p.Allowed) {
			t.Errorf("init output lacks the range of %s", p.Path)
		}
	}
	code, out, _ := run(t, "init")
	if code != 0 || !strings.Contains(out, `name = "baseline"`) {
		t.Errorf("init to stdout: exit %d", code)
	}
	if code, _, errs := run(t, "init", "--out", filepath.Join(dir, "baseline.toml")); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("init over an existing file: exit %d, %s", code, errs)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(good, []byte("extends = \"baseline\"\nname = \"good\"\n"), 0o644)
	os.WriteFile(bad, []byte("extends = \"baseline\"\n[calendar]\ncall_month = 13\nBudget = 1\n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"validate", good}, 0, "ok\n"},
		{[]string{"validate", good, "long-window"}, 0, good + ": ok\nlong-window: ok\n"},
		{[]string{"validate", bad}, 2, bad + ":3: calendar.call_month: 13 is out of range (allowed 1-12)\n" +
			bad + ":4: calendar.Budget: unknown key here (did you mean government.budget_10k_yuan? it belongs in [government])\n"},
		{[]string{"validate", "--set", "years=0", good}, 2, "--set: years: 0 is out of range (allowed 1-200)\n"},
		{[]string{"validate"}, 2, ""},
	} {
		code, out, errs := run(t, tc.args...)
		if code != tc.code || out != tc.out {
			t.Errorf("%v: exit %d, output:\n%s(stderr %s)\nwant exit %d, output:\n%s", tc.args, code, out, errs, tc.code, tc.out)
		}
	}
}

func TestParams(t *testing.T) {
	code, out, _ := run(t, "params", "--markdown")
	if code != 0 || out != string(scenarios.ParamsMarkdown(scenarios.Catalogue())) {
		t.Errorf("params --markdown: exit %d, output differs from the catalogue", code)
	}
	code, out, _ = run(t, "params")
	if code != 0 || !strings.Contains(out, "calendar.implementation_end_month") {
		t.Errorf("params: exit %d", code)
	}
	path := filepath.Join(t.TempDir(), "p.md")
	if code, _, errs := run(t, "params", "--markdown", "--out", path); code != 0 {
		t.Errorf("params --out: exit %d: %s", code, errs)
	}
}
