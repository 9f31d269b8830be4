package main

import (
	"fmt"
	"github.com/spf13/cobra"
	"io"
	"text/tabwriter"

	"cogov/scenarios"
)

// cmdScenarios lists the built-in scenarios, or shows one resolved.
func newScenariosCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "scenarios [show NAME|FILE] [flags]",
		Short: "list the built-in scenarios, or show one resolved (show NAME|FILE)",
		Long: "Without arguments, lists the built-in scenarios. With show NAME|FILE, prints the\n" +
			"scenario resolved (its extends chain followed, --set applied) as TOML.",
		Example: "  cogov scenarios\n  cogov scenarios show reform\n  cogov scenarios show my.toml --set years=20",
		Args:    cobra.ArbitraryArgs,
	}
	setsp := addSets(c.Flags(), "override a parameter")
	c.RunE = func(c *cobra.Command, pos []string) error {
		return scenariosCmd(c.OutOrStdout(), c.ErrOrStderr(), pos, *setsp)
	}
	return c
}

func scenariosCmd(stdout, stderr io.Writer, pos, sets []string) error {
	switch {
	case len(pos) == 0:
		if len(sets) > 0 {
			return badInput("--set needs a scenario: cogov scenarios show NAME --set path=value")
		}
		return listScenarios(stdout)
	case pos[0] == "show" && len(pos) == 2:
		s, err := loadScenario(stderr, pos[1], sets)
		if err != nil {
			return err
		}
		b, err := scenarios.Encode(s)
		if err != nil {
			return err
		}
		_, err = stdout.Write(b)
		return err
	case pos[0] == "show":
		return badInput("show takes one scenario, NAME or FILE (got %d)", len(pos)-1)
	}
	return badInput("unknown subcommand %q (want no argument, or show NAME|FILE)", pos[0])
}

// listScenarios prints each built-in scenario's name and description.
func listScenarios(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, name := range scenarios.Builtins() {
		s, err := scenarios.Load(name, nil)
		if err != nil {
			return fmt.Errorf("built-in scenario %s is invalid:\n%w", name, err)
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, s.Description)
	}
	return tw.Flush()
}
