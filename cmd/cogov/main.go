// Command cogov runs the cogov agent-based model of grassroots collaborative
// governance: single runs, scenario tools, sweeps and figures.
//
// Usage:
//
//	cogov COMMAND [ARGUMENTS] [FLAGS]
//	cogov help COMMAND
//
// Exit status: 0 on success, 2 on bad input, 1 on any other failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cogov/sim"
)

// usageError marks bad input: the command exits with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// commands lists the constructors of cogov's subcommands in the order help
// shows them. A new command is one function returning its *cobra.Command
// and one line here.
var commands = []func() *cobra.Command{
	newRunCmd,
	newScenariosCmd,
	newParamsCmd,
	newInitCmd,
	newValidateCmd,
	newSweepCmd,
	newMergeCmd,
	newSummarizeCmd,
	newCompareCmd,
	newPlotCmd,
	newPatternsCmd,
	newReportCmd,
	newExploreCmd,
	newCalibrateCmd,
}

// newRoot builds the command tree writing to stdout and stderr.
func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "cogov",
		Short: "agent-based model of grassroots collaborative governance",
		Long: "cogov simulates government-funded community service contracting (a 2019 study of\n" +
			"grassroots collaborative governance): single runs, scenario files, sweeps over\n" +
			"experimental designs, comparisons, calibration and figures.\n\n" +
			"Seeds: every command that runs the model uses the scenario's (or experiment's)\n" +
			"seed key unless --seed is given; run r of a sweep uses the stream of (seed, r).\n" +
			"Exit status: 0 on success, 2 on bad input, 1 on any other failure.",
		Version:       fmt.Sprintf("%s (%s %s/%s)", sim.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH),
		Args:          usageArgs(cobra.NoArgs),
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(c *cobra.Command, args []string) error {
			c.SetOut(c.ErrOrStderr())
			c.Help()
			return usageError{errors.New("no command given")}
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	for _, mk := range commands {
		c := mk()
		c.Flags().SetNormalizeFunc(flagAliases)
		root.AddCommand(c)
	}
	return root
}

// flagAliases accepts earlier spellings of renamed flags, so that one idea
// has one name across commands: --reps is --replications.
func flagAliases(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if name == "reps" {
		name = "replications"
	}
	return pflag.NormalizedName(name)
}

// interruptible returns the context of a long command, cancelled by
// SIGINT or SIGTERM, and the function that stops it listening for them.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// usageArgs makes an argument rule's failure bad input.
func usageArgs(rule cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := rule(c, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func main() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) }

// Main runs the command line args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	c, err := root.ExecuteContextC(withInvocation(context.Background(), args))
	if err == nil {
		return 0
	}
	name := c.Name()
	if c == root {
		name = ""
	}
	report(stderr, name, err)
	if errors.As(err, new(usageError)) {
		return 2
	}
	return 1
}

// report prints a command's error. A multi-line error (a list of problems,
// each FILE:LINE: key: message) keeps every line in that form, under a
// line naming the command.
func report(w io.Writer, name string, err error) {
	prefix := "cogov"
	if name != "" {
		prefix += " " + name
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		fmt.Fprintf(w, "%s:\n%s\n", prefix, msg)
		return
	}
	fmt.Fprintf(w, "%s: %s\n", prefix, msg)
}
