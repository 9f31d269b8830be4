// Command cogov runs the cogov agent-based model of grassroots collaborative
// governance: single runs, scenario tools, sweeps and figures.
//
// Usage:
//
//	cogov run [--scenario NAME|FILE.toml] [--seed N] [--years N] [--set path=value]... [--out DIR] [--json]
//
// Exit status: 0 on success, 2 on bad input, 1 on any other failure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// usageError marks bad input: the command exits with status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "run one scenario and print its metrics by year", cmdRun},
		{"scenarios", "list the built-in scenarios, or show one resolved (show NAME|FILE)", cmdScenarios},
		{"params", "print the parameter catalogue (--markdown for docs/PARAMETERS.md)", cmdParams},
		{"init", "write a complete, commented scenario file (init [NAME] [--out FILE])", cmdInit},
		{"validate", "check scenario files: ok, or every problem (exit 2)", cmdValidate},
		{"sweep", "run an experiment's points x replications in parallel (resumable, shardable)", cmdSweep},
		{"merge", "merge the shard directories of one sweep (merge DIR... --out DIR)", cmdMerge},
		{"summarize", "statistics, factorial effects and sensitivity indices of a sweep DIR", cmdSummarize},
		{"compare", "run scenarios with common random numbers and compare final-year metrics (compare A B...)", cmdCompare},
		{"plot", "draw every figure the result files in DIR allow (plot DIR [--out DIR] [--format png|svg|pdf])", cmdPlot},
		{"patterns", "check the calibration targets and patterns P1-P7 over replications", cmdPatterns},
		{"report", "write one self-contained HTML report of result folders (report DIR... [--out FILE.html])", cmdReport},
		{"explore", "serve a local page to change parameters and watch the key figures (explore [--scenario NAME|FILE] [--addr HOST:PORT])", cmdExplore},
		{"calibrate", "fit free parameters to the paper's targets (Latin hypercube, then Nelder-Mead)", cmdCalibrate},
	}
}

func main() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) }

// Main runs the command line args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(args[1:], stdout, stderr)
			switch {
			case err == nil, errors.Is(err, flag.ErrHelp):
				return 0
			case errors.As(err, new(usageError)):
				report(stderr, c.name, err)
				return 2
			default:
				report(stderr, c.name, err)
				return 1
			}
		}
	}
	fmt.Fprintf(stderr, "cogov: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// report prints a command's error. A multi-line error (a list of problems,
// each FILE:LINE: key: message) keeps every line in that form, under a
// line naming the command.
func report(w io.Writer, name string, err error) {
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		fmt.Fprintf(w, "cogov %s:\n%s\n", name, msg)
		return
	}
	fmt.Fprintf(w, "cogov %s: %s\n", name, msg)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: cogov COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'cogov COMMAND -h' for a command's flags.")
}
