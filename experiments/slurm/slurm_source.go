package slurm

import (
	"fmt"
	"path/filepath"
	"strings"

	"cogov/experiments/design"
	"cogov/scenarios"
)

// portableSource returns the text of pl's experiment file with every
// relative scenario path made absolute, so that the copy resolves the same
// scenarios from any directory, and the references it changed. Built-in
// names and absolute paths are kept; a file without relative paths is
// returned unchanged.
func portableSource(pl *design.Plan) ([]byte, []string, error) {
	e := pl.Exp
	type ref struct{ key, old, abs string }
	var refs []ref
	add := func(key, r string) error {
		if r == "" || filepath.IsAbs(r) {
			return nil
		}
		if _, ok := scenarios.BuiltinSource(r); ok {
			return nil
		}
		abs, err := filepath.Abs(e.ScenarioRef(r))
		refs = append(refs, ref{key, r, abs})
		return err
	}
	if err := add("scenario", e.Scenario); err != nil {
		return nil, nil, err
	}
	for i, p := range e.Points {
		if err := add(fmt.Sprintf("point[%d].scenario", i), p.Scenario); err != nil {
			return nil, nil, err
		}
	}
	if len(refs) == 0 {
		return e.Source, nil, nil
	}
	lines := strings.Split(string(e.Source), "\n")
	var changed []string
	for _, r := range refs {
		n, _ := e.Lines.At(r.key)
		if n < 1 || n > len(lines) || !isScenarioLine(lines[n-1]) {
			return nil, nil, cannotRewrite(e, r.old)
		}
		indent := lines[n-1][:len(lines[n-1])-len(strings.TrimLeft(lines[n-1], " \t"))]
		lines[n-1] = indent + "scenario = " + tomlQuote(r.abs) + " # was " + tomlQuote(r.old)
		changed = append(changed, r.old+" -> "+r.abs)
	}
	src := []byte(strings.Join(lines, "\n"))
	// Check the copy: same experiment, with every reference made absolute.
	c, err := design.Parse(e.File+" (copy)", "", src)
	if err != nil || c.Scenario == "" || len(c.Points) != len(e.Points) {
		return nil, nil, cannotRewrite(e, refs[0].old)
	}
	for _, r := range refs {
		got := c.Scenario
		if r.key != "scenario" {
			var i int
			fmt.Sscanf(r.key, "point[%d]", &i)
			got = c.Points[i].Scenario
		}
		if got != r.abs {
			return nil, nil, cannotRewrite(e, r.old)
		}
	}
	return src, changed, nil
}

// isScenarioLine reports whether line is a plain scenario = ... line.
func isScenarioLine(line string) bool {
	return scenarios.LineKey(line) == "scenario"
}

func cannotRewrite(e *design.Experiment, ref string) error {
	return fmt.Errorf("%s: %w: cannot make the scenario path %q absolute in the copy the tasks run; write it as an absolute path (or a built-in name) in the experiment file",
		e.File, ErrOptions, ref)
}

// tomlQuote quotes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
