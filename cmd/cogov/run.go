package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// setFlags collects repeated --set path=value flags.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

// newFlags makes a flag set whose parse errors are bad input.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cogov "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags; after -h it returns flag.ErrHelp, which Main turns
// into exit status 0 without running anything.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return flag.ErrHelp
		}
		return usageError{err}
	}
	return nil
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, which it returns; after -h it returns
// flag.ErrHelp, which Main turns into exit status 0.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, usageError{err}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// loadScenario loads a scenario reference with overrides; every failure is
// bad input.
func loadScenario(ref string, sets []string) (*scenarios.Scenario, error) {
	s, err := scenarios.Load(ref, sets)
	if err != nil {
		return nil, usageError{err}
	}
	return s, nil
}

func cmdRun(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", stderr)
	ref := fs.String("scenario", "baseline", "built-in scenario `NAME` or FILE.toml")
	seed := fs.Int64("seed", -1, "master seed (default: the scenario's seed)")
	years := fs.Int("years", 0, "years to simulate (default: the scenario's years)")
	out := fs.String("out", "", "write yearly.csv, scenario.toml and manifest.json to `DIR`")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout")
	noPlots := fs.Bool("no-plots", false, "with --out, draw no figures and write no report (default: DIR/figures/yearly_panels.png and DIR/report.html)")
	withAgents := fs.Bool("agents", false, "with --out, also write agencies.csv (one row per agency and year) and contracts.csv (one row per contract)")
	var sets setFlags
	fs.Var(&sets, "set", "override a parameter, `path=value` (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q", fs.Arg(0))
	}
	s, err := loadScenario(*ref, sets)
	if err != nil {
		return err
	}
	if *withAgents && *out == "" {
		return badInput("--agents: needs --out DIR (the micro-data are files)")
	}
	if *years < 0 {
		return badInput("--years %d: allowed >= 1", *years)
	}
	if *years > 0 {
		s.Years = *years
	}
	sd := s.Seed
	if *seed >= 0 {
		sd = uint64(*seed)
	}
	start := time.Now()
	res, err := sim.RunWith(context.Background(), s, sd, 0, s.Years, sim.Options{Agents: *withAgents})
	if err != nil {
		return err
	}
	took := time.Since(start)
	var figs []string
	if *out != "" {
		if err := writeRun(*out, s, res, start, took); err != nil {
			return err
		}
		if !*noPlots {
			warnFont(stderr, s.Name)
			if figs, err = runFigures(*out, s.Name); err != nil {
				return err
			}
			rep, err := folderReport(*out, "run", args)
			if err != nil {
				return err
			}
			figs = append(figs, rep)
		}
	}
	if *asJSON {
		return writeJSON(stdout, s, res)
	}
	printTable(stdout, s, res)
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, narrate(res))
	if *out != "" {
		fmt.Fprintf(stdout, "\nwrote %s (%.0f ms)\n", *out, float64(took.Microseconds())/1000)
		if len(figs) > 0 {
			listFigures(stdout, figs)
		}
	}
	return nil
}

// writeRun writes the run's files into dir, each atomically.
func writeRun(dir string, s *scenarios.Scenario, res *sim.Result, start time.Time, took time.Duration) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var yearly bytes.Buffer
	if err := res.WriteYearlyCSV(&yearly); err != nil {
		return err
	}
	scen, err := scenarios.Encode(s)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(scen)
	manifest, err := json.MarshalIndent(map[string]any{
		"cogov_version":   sim.Version,
		"go_version":      runtime.Version(),
		"scenario":        s.Name,
		"scenario_sha256": hex.EncodeToString(sum[:]),
		"seed":            res.Seed,
		"years":           len(res.Years),
		"start_time":      start.UTC().Format(time.RFC3339),
		"duration_ms":     float64(took.Microseconds()) / 1000,
	}, "", "  ")
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"yearly.csv": yearly.Bytes(), "scenario.toml": scen, "manifest.json": append(manifest, '\n'),
	}
	if res.ContractRows != nil {
		var agencies, contracts bytes.Buffer
		if err := res.WriteAgenciesCSV(&agencies); err != nil {
			return err
		}
		if err := res.WriteContractsCSV(&contracts); err != nil {
			return err
		}
		files["agencies.csv"], files["contracts.csv"] = agencies.Bytes(), contracts.Bytes()
	}
	for name, data := range files {
		if err := fsutil.WriteFile(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

// jsonValue turns NaN into null.
func jsonValue(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func writeJSON(w io.Writer, s *scenarios.Scenario, res *sim.Result) error {
	names := sim.MetricNames()
	final := map[string]any{}
	var yearly []map[string]any
	for i, row := range res.Values {
		y := map[string]any{"year": res.Years[i]}
		for j, v := range row {
			y[names[j]] = jsonValue(v)
		}
		yearly = append(yearly, y)
	}
	if n := len(res.Values); n > 0 {
		for j, v := range res.Values[n-1] {
			final[names[j]] = jsonValue(v)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{
		"scenario": s.Name, "seed": res.Seed, "years": len(res.Years), "final": final, "yearly": yearly,
	})
}
