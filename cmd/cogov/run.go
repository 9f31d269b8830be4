package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// addSets adds the repeatable --set path=value flag.
func addSets(fs *pflag.FlagSet, usage string) *[]string {
	return fs.StringArray("set", nil, usage+", `path=value` (repeatable)")
}

// loadScenario loads a scenario reference with overrides, printing its
// warnings (settings that change nothing) on stderr; every failure is bad
// input.
func loadScenario(stderr io.Writer, ref string, sets []string) (*scenarios.Scenario, error) {
	s, warns, err := scenarios.LoadWarn(ref, sets)
	if err != nil {
		return nil, usageError{err}
	}
	for _, w := range warns {
		fmt.Fprintln(stderr, w)
	}
	return s, nil
}

// workerCount checks a --workers flag: 0 means the number of CPUs.
func workerCount(n int) (int, error) {
	switch {
	case n < 0:
		return 0, badInput("--workers: %d is out of range (allowed >= 0; 0 means the number of CPUs)", n)
	case n == 0:
		return runtime.GOMAXPROCS(0), nil
	}
	return n, nil
}

// intRange checks that the integer flag named flag is within lo-hi; why,
// if not empty, says why the range is what it is.
func intRange(flag string, v, lo, hi int, why string) error {
	if v >= lo && v <= hi {
		return nil
	}
	if why != "" {
		return badInput("%s: %d is out of range (allowed %d-%d: %s)", flag, v, lo, hi, why)
	}
	return badInput("%s: %d is out of range (allowed %d-%d)", flag, v, lo, hi)
}

// flagSets returns the overrides a command's --years and --seed flags make
// when given: each is checked with the scenario parameter's own rule and
// then applied like --set, so no flag bypasses a file's limits.
func flagSets(c *cobra.Command, years int, seed int64) ([]string, error) {
	var sets []string
	if c.Flags().Changed("years") {
		if err := scenarios.CheckFlag("--years", "years", float64(years)); err != nil {
			return nil, usageError{err}
		}
		sets = append(sets, fmt.Sprintf("years=%d", years))
	}
	if c.Flags().Changed("seed") {
		if err := scenarios.CheckFlag("--seed", "seed", float64(seed)); err != nil {
			return nil, usageError{err}
		}
		sets = append(sets, fmt.Sprintf("seed=%d", seed))
	}
	return sets, nil
}

func newRunCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "run [flags]",
		Short: "run one scenario and print its metrics by year",
		Long: "Runs one scenario (a built-in NAME or a FILE.toml) once and prints its key metrics\n" +
			"by year and a summary. With --out it writes yearly.csv, scenario.toml (the resolved\n" +
			"scenario, which reproduces the run), manifest.json, figures/ and report.html.",
		Example: "  cogov run\n" +
			"  cogov run --scenario reform --years 20 --seed 7\n" +
			"  cogov run --scenario my.toml --set government.budget_10k_yuan=4000 --out out/my-run\n" +
			"  cogov run --from out/mechanisms --run-id 12    # replay run 12 of a sweep",
		Args: usageArgs(cobra.NoArgs),
	}
	fs := c.Flags()
	ref := fs.String("scenario", "baseline", "built-in scenario `NAME` or FILE.toml")
	seed := fs.Int64("seed", 0, "master seed `N` (default: the scenario's seed key)")
	years := fs.Int("years", 0, "years `N` to simulate, 1-200 (default: the scenario's years key)")
	out := fs.String("out", "", "write yearly.csv, scenario.toml and manifest.json to `DIR`")
	force := fs.Bool("force", false, "with --out, replace a folder that holds another result")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout")
	noPlots := fs.Bool("no-plots", false, "with --out, draw no figures and write no report (default: DIR/figures/yearly_panels.png and DIR/report.html)")
	withAgents := fs.Bool("agents", false, "with --out, also write agencies.csv (one row per agency and year) and contracts.csv (one row per contract)")
	sets := addSets(fs, "override a parameter")
	replay := addReplayFlags(fs)
	posterior := posteriorFlag(fs)
	c.RunE = func(c *cobra.Command, _ []string) error {
		stdout := c.OutOrStdout()
		if *withAgents && *out == "" {
			return badInput("--agents: needs --out DIR (the micro-data are files)")
		}
		more, err := flagSets(c, *years, *seed)
		if err != nil {
			return err
		}
		var s *scenarios.Scenario
		stream := uint64(0)
		all := append(append([]string(nil), *sets...), more...)
		if replay.given(c) {
			if s, stream, err = replay.load(c, *sets, more); err != nil {
				return err
			}
		} else if s, err = loadScenario(c.ErrOrStderr(), *ref, all); err != nil {
			return err
		}
		if s, err = drawRun(s, *posterior, *ref, all, replay.given(c)); err != nil {
			return err
		}
		if *out != "" {
			lock, err := claimOutput(*out, *force)
			if err != nil {
				return err
			}
			defer lock.Unlock()
		}
		start := time.Now()
		res, err := sim.RunWith(context.Background(), s, s.Seed, stream, s.Years, sim.Options{Agents: *withAgents})
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
				warnFont(c.ErrOrStderr(), s.Name)
				if figs, err = runFigures(*out, s.Name); err != nil {
					return err
				}
				rep, err := folderReport(*out, c)
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
	return c
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
		"run":             res.Run,
		"stream":          sim.StreamID(res.Seed, res.Run),
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
