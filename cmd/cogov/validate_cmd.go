package main

import (
	"errors"
	"fmt"
	"io"

	"cogov/scenarios"
)

// cmdValidate checks scenario files and prints ok or every problem.
func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("validate", stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov validate [--set path=value]... FILE|NAME...")
		fs.PrintDefaults()
	}
	var sets setFlags
	fs.Var(&sets, "set", "override a parameter, `path=value` (repeatable), checked with each file")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return badInput("give one or more scenario files (or built-in names) to check")
	}
	bad := 0
	for _, ref := range pos {
		_, err := scenarios.Load(ref, sets)
		var errs *scenarios.Errors
		switch {
		case err == nil && len(pos) == 1:
			fmt.Fprintln(stdout, "ok")
		case err == nil:
			fmt.Fprintf(stdout, "%s: ok\n", ref)
		case errors.As(err, &errs):
			bad++
			for _, p := range errs.Problems {
				fmt.Fprintln(stdout, p.String())
			}
		default:
			return err
		}
	}
	if bad > 0 {
		return badInput("%d of %d scenarios have problems", bad, len(pos))
	}
	return nil
}
