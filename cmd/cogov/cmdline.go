package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"cogov/experiments"
)

// invocationKey keys the command-line arguments Main was given in the
// context every command runs with.
type invocationKey struct{}

// withInvocation returns ctx carrying the command-line arguments args.
func withInvocation(ctx context.Context, args []string) context.Context {
	return context.WithValue(ctx, invocationKey{}, args)
}

// commandLine is the command line that ran c, as given to Main, each word
// shell-quoted: cogov and the arguments, for a result folder's provenance.
func commandLine(c *cobra.Command) string {
	words := []string{"cogov"}
	if ctx := c.Context(); ctx != nil {
		args, _ := ctx.Value(invocationKey{}).([]string)
		for _, a := range args {
			words = append(words, experiments.ShellQuote(a))
		}
	}
	return strings.Join(words, " ")
}
