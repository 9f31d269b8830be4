package main

import (
	"errors"
	"fmt"
	"github.com/spf13/cobra"
	"io"

	"cogov/scenarios"
)

// cmdValidate checks scenario files and prints ok or every problem.
func newValidateCmd() *cobra.Command {
	c := &cobra.Command{
		Use:     "validate FILE|NAME... [flags]",
		Short:   "check scenario files: ok, or every problem (exit 2)",
		Long:    "Checks scenario files (or built-in names) and prints ok, or every problem as\nFILE:LINE: key: what is wrong (allowed).",
		Example: "  cogov validate my.toml\n  cogov validate a.toml b.toml --set years=20",
		Args:    cobra.ArbitraryArgs,
	}
	setsp := addSets(c.Flags(), "override a parameter, checked with each file")
	c.RunE = func(c *cobra.Command, pos []string) error {
		return validateCmd(c.OutOrStdout(), pos, *setsp)
	}
	return c
}

func validateCmd(stdout io.Writer, pos, sets []string) error {
	if len(pos) == 0 {
		return badInput("give one or more scenario files (or built-in names) to check")
	}
	bad := 0
	for _, ref := range pos {
		_, warns, err := scenarios.LoadWarn(ref, sets)
		for _, w := range warns {
			fmt.Fprintln(stdout, w)
		}
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
