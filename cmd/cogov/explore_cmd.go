package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"cogov/explore"
)

func newExploreCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "explore [flags]",
		Short: "serve a local page to change parameters and watch the key figures (explore [--scenario NAME|FILE] [--addr HOST:PORT])",
		Long: "Serves a local web page with every parameter of the catalogue as an input. Each change\n" +
			"reruns a few replications and redraws the key figures against the starting scenario;\n" +
			"the changes download as a scenario file that extends the starting one. It listens on\n" +
			"the loopback address unless --addr says otherwise, and has no login. Ctrl-C stops it.",
		Example: "  cogov explore\n" +
			"  cogov explore --scenario reform --replications 8\n" +
			"  cogov explore --scenario my.toml --addr 127.0.0.1:0    # a free port",
		Args: usageArgs(cobra.NoArgs),
	}
	fs := c.Flags()
	ref := fs.String("scenario", "baseline", "starting scenario: a built-in `NAME` or FILE.toml")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (the loopback address by default; port 0 picks a free one)")
	reps := fs.Int("replications", 4, fmt.Sprintf("replications `N` of each scenario per change, 2-%d", explore.MaxReps))
	maxRuns := fs.Int("max-runs", 2, "run batches `N` (one per request) at once, 1-64; more requests wait")
	c.RunE = func(c *cobra.Command, _ []string) error {
		return exploreCmd(c.OutOrStdout(), c.ErrOrStderr(), *ref, *addr, *reps, *maxRuns)
	}
	return c
}

func exploreCmd(stdout, stderr io.Writer, ref, addr string, reps, maxRuns int) error {
	if reps < 2 || reps > explore.MaxReps {
		return badInput("--replications: %d is out of range (allowed 2-%d)", reps, explore.MaxReps)
	}
	if maxRuns < 1 || maxRuns > 64 {
		return badInput("--max-runs: %d is out of range (allowed 1-64)", maxRuns)
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return badInput("--addr %q: want HOST:PORT such as 127.0.0.1:8080", addr)
	}
	if _, err := loadScenario(stderr, ref, nil); err != nil {
		return err
	}
	srv, err := explore.New(explore.Config{Ref: ref, Reps: reps, MaxConcurrent: maxRuns, Figures: plotOptions()})
	if err != nil {
		return usageError{err}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return badInput("--addr %s: %v", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "cogov explore: listening on %s, which other machines may reach: the explorer has no login\n", addr)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	ctx, stop := interruptible()
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	fmt.Fprintf(stdout, "cogov explore: scenario %s on http://%s/ (Ctrl-C stops)\n", ref, ln.Addr())
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
