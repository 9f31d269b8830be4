package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"

	"github.com/spf13/cobra"

	"cogov/experiments/calibrate"
	"cogov/experiments/validate"
	"cogov/internal/fsutil"
	"cogov/scenarios"
	"cogov/sim"
)

// writePatterns writes the checks of command c into dir (claimed with
// claimOutput): manifest.json, scenario.toml, patterns.json, fit.csv of
// the targets (naming the replications and seed), the fit figure drawn
// from it and the folder's report, so that figure and report show these
// runs. The manifest names the SHA-256 of the --posterior file post the
// replications drew their parameters from, if any.
func writePatterns(c *cobra.Command, dir string, scen *scenarios.Scenario, ref string, reps int, checks []validate.Check, prior []calibrate.PriorRange, post *calibrate.Posterior) error {
	seed := scen.Seed
	src, err := scenarios.Encode(scen)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(src)
	record := map[string]any{"cogov_version": sim.Version, "scenario": scen.Name,
		"scenario_sha256": hex.EncodeToString(sum[:]), "replications": reps, "seed": seed}
	if post != nil {
		record["posterior_sha256"] = post.SHA256
	}
	m, err := json.MarshalIndent(record, "", "  ")
	if err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, "manifest.json"), append(m, '\n')); err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, "scenario.toml"), src); err != nil {
		return err
	}
	var js bytes.Buffer
	if err := writePatternsJSON(&js, ref, reps, seed, checks, prior); err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, "patterns.json"), js.Bytes()); err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, validate.FitFile), validate.FitCSV(checks, reps, seed)); err != nil {
		return err
	}
	if _, err := runFigures(dir, ref); err != nil {
		return err
	}
	_, err = folderReport(dir, c)
	return err
}
