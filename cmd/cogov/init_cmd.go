package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// cmdInit writes a complete, commented scenario file: every parameter of
// a resolved scenario with its unit, range and meaning.
func cmdInit(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("init", stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov init [NAME|FILE] [--out FILE] [--force] [--set path=value]...")
		fset.PrintDefaults()
	}
	out := fset.String("out", "", "write to `FILE` instead of standard output")
	force := fset.Bool("force", false, "overwrite an existing --out file")
	var sets setFlags
	fset.Var(&sets, "set", "override a parameter, `path=value` (repeatable)")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return badInput("init takes at most one scenario (got %d)", len(pos))
	}
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	s, err := loadScenario(ref, sets)
	if err != nil {
		return err
	}
	b, err := scenarios.EncodeCommented(s, initHeader(s, ref))
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(b)
		return err
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		return badInput("--out %s exists (use --force to overwrite)", *out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fsutil.WriteFile(*out, b)
}

func initHeader(s *scenarios.Scenario, ref string) string {
	lines := []string{
		"cogov scenario " + s.Name + ": " + s.Description,
		"",
		"Written by `cogov init " + ref + "`: every parameter of the model, resolved from",
		"its extends chain. Above each key: its meaning, then unit, allowed values and source.",
		"Edit, check with `cogov validate FILE`, run with `cogov run --scenario FILE`.",
		"To record only what differs from a built-in, write a file with",
		"extends = \"" + ref + "\" and just the keys you change (see `cogov scenarios`).",
	}
	return strings.Join(lines, "\n")
}
