package main

import (
	"errors"
	"github.com/spf13/cobra"
	"io"
	"io/fs"
	"os"
	"strings"

	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// cmdInit writes a complete, commented scenario file: every parameter of
// a resolved scenario with its unit, range and meaning.
func newInitCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "init [NAME|FILE] [flags]",
		Short: "write a complete, commented scenario file (init [NAME] [--out FILE])",
		Long: "Writes every parameter of a resolved scenario (default: baseline) as TOML, each with\n" +
			"its meaning, unit, allowed values and source, ready to edit.",
		Example: "  cogov init --out my.toml\n  cogov init reform --set years=30 --out reform30.toml",
		Args:    cobra.ArbitraryArgs,
	}
	out := c.Flags().String("out", "", "write to `FILE` instead of standard output")
	force := c.Flags().Bool("force", false, "overwrite an existing --out file")
	setsp := addSets(c.Flags(), "override a parameter")
	c.RunE = func(c *cobra.Command, pos []string) error {
		return initCmd(c.OutOrStdout(), c.ErrOrStderr(), pos, *setsp, *out, *force)
	}
	return c
}

func initCmd(stdout, stderr io.Writer, pos, sets []string, out string, force bool) error {
	if len(pos) > 1 {
		return badInput("init takes at most one scenario (got %d)", len(pos))
	}
	ref := "baseline"
	if len(pos) == 1 {
		ref = pos[0]
	}
	s, err := loadScenario(stderr, ref, sets)
	if err != nil {
		return err
	}
	b, err := scenarios.EncodeCommented(s, initHeader(s, ref))
	if err != nil {
		return err
	}
	if out == "" {
		_, err := stdout.Write(b)
		return err
	}
	if _, err := os.Stat(out); err == nil && !force {
		return badInput("--out %s exists (use --force to overwrite)", out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fsutil.WriteFile(out, b)
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
