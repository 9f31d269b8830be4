package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"cogov/explore"
)

func cmdExplore(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("explore", stderr)
	ref := fs.String("scenario", "baseline", "starting scenario: a built-in `NAME` or FILE.toml")
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (the loopback address by default; port 0 picks a free one)")
	reps := fs.Int("reps", 4, fmt.Sprintf("replications of each scenario per change, 2-%d", explore.MaxReps))
	maxRuns := fs.Int("max-runs", 2, "run batches (one per request) at once, 1-64; more requests wait")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cogov explore [--scenario NAME|FILE] [--addr 127.0.0.1:8080] [flags]\n\n"+
			"Serves a local web page with every parameter of the catalogue as an input. Each change\n"+
			"reruns a few replications and redraws the key figures against the starting scenario;\n"+
			"the changes download as a scenario file that extends the starting one.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q", fs.Arg(0))
	}
	if *reps < 2 || *reps > explore.MaxReps {
		return badInput("--reps %d: allowed 2-%d", *reps, explore.MaxReps)
	}
	if *maxRuns < 1 || *maxRuns > 64 {
		return badInput("--max-runs %d: allowed 1-64", *maxRuns)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return badInput("--addr %q: want HOST:PORT such as 127.0.0.1:8080", *addr)
	}
	if _, err := loadScenario(*ref, nil); err != nil {
		return err
	}
	srv, err := explore.New(explore.Config{Ref: *ref, Reps: *reps, MaxConcurrent: *maxRuns})
	if err != nil {
		return usageError{err}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return badInput("--addr %s: %v", *addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "cogov explore: listening on %s, which other machines may reach: the explorer has no login\n", *addr)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	fmt.Fprintf(stdout, "cogov explore: scenario %s on http://%s/ (Ctrl-C stops)\n", *ref, ln.Addr())
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
