package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// newParamsCmd prints the parameter catalogue as a table or as Markdown.
func newParamsCmd() *cobra.Command {
	c := &cobra.Command{
		Use:     "params [flags]",
		Short:   "print the parameter catalogue (--markdown for docs/PARAMETERS.md)",
		Long:    "Prints every scenario parameter with its unit, allowed values, baseline default,\nmeaning and source in the paper.",
		Example: "  cogov params\n  cogov params --markdown --out docs/PARAMETERS.md",
		Args:    usageArgs(cobra.NoArgs),
	}
	asMarkdown := c.Flags().Bool("markdown", false, "write Markdown (as committed in docs/PARAMETERS.md)")
	out := c.Flags().String("out", "", "write to `FILE` instead of standard output")
	c.RunE = func(c *cobra.Command, _ []string) error {
		params := scenarios.Catalogue()
		var b bytes.Buffer
		if *asMarkdown {
			b.Write(scenarios.ParamsMarkdown(params))
		} else if err := scenarios.WriteParamsTable(&b, params); err != nil {
			return err
		}
		if *out == "" {
			_, err := c.OutOrStdout().Write(b.Bytes())
			return err
		}
		if err := fsutil.WriteFile(*out, b.Bytes()); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		return nil
	}
	return c
}
