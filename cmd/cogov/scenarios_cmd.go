package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"cogov/scenarios"
)

// cmdScenarios lists the built-in scenarios, or shows one resolved.
func cmdScenarios(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("scenarios", stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov scenarios                     list the built-in scenarios\n"+
			"       cogov scenarios show NAME|FILE [--set path=value]...\n"+
			"                                            print the resolved scenario as TOML")
		fs.PrintDefaults()
	}
	var sets setFlags
	fs.Var(&sets, "set", "override a parameter, `path=value` (repeatable)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		if len(sets) > 0 {
			return badInput("--set needs a scenario: cogov scenarios show NAME --set path=value")
		}
		return listScenarios(stdout)
	case pos[0] == "show" && len(pos) == 2:
		s, err := loadScenario(pos[1], sets)
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
