package experiments

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// StoredScenariosDir is the folder of a sweep directory holding every
// scenario the experiment names, resolved, as SHA256PREFIX.toml: with
// experiment.toml it makes the directory replayable anywhere.
const StoredScenariosDir = "scenarios"

// storedScenario is the path, inside a sweep directory, of the resolved
// scenario with the given SHA-256.
func storedScenario(sha string) string {
	return filepath.Join(StoredScenariosDir, sha[:min(16, len(sha))]+".toml")
}

// manifestDiff names the fields in which the manifest found in a
// directory (old) differs from the one of the sweep asked for (now), with
// both values, or returns "" when they agree.
func manifestDiff(old, now Manifest) string {
	var diffs []string
	field := func(name string, a, b any) {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			diffs = append(diffs, fmt.Sprintf("%s is %v there, %v now", name, a, b))
		}
	}
	field("cogov_version", old.CogovVersion, now.CogovVersion)
	field("experiment", old.Experiment, now.Experiment)
	if old.ExperimentSHA256 != now.ExperimentSHA256 {
		diffs = append(diffs, "experiment_sha256 differs (the experiment file was edited, or another one given)")
	}
	field("design", old.Design, now.Design)
	field("points", old.Points, now.Points)
	field("replications (--replications)", old.Replications, now.Replications)
	field("runs", old.Runs, now.Runs)
	field("years (--years)", old.Years, now.Years)
	field("seed", old.Seed, now.Seed)
	field("metrics", old.Metrics, now.Metrics)
	field("columns", old.Columns, now.Columns)
	field("shard (--shard)", orNone(old.Shard), orNone(now.Shard))
	field("posterior_sha256 (--posterior)", orNone(old.Posterior), orNone(now.Posterior))
	field("agents (--agents, micro-data)", old.Agents, now.Agents)
	refs := map[string]bool{}
	for r := range old.Scenarios {
		refs[r] = true
	}
	for r := range now.Scenarios {
		refs[r] = true
	}
	var changed []string
	for r := range refs {
		if old.Scenarios[r] != now.Scenarios[r] {
			changed = append(changed, r)
		}
	}
	sort.Strings(changed)
	for _, r := range changed {
		switch {
		case old.Scenarios[r] == "":
			diffs = append(diffs, fmt.Sprintf("scenario %q is new (the sweep there did not use it)", r))
		case now.Scenarios[r] == "":
			diffs = append(diffs, fmt.Sprintf("scenario %q is no longer used", r))
		default:
			diffs = append(diffs, fmt.Sprintf("scenario %q changed since the sweep there was started (its file, a file it extends, or the model's defaults were edited: sha256 %.12s there, %.12s now)", r, old.Scenarios[r], now.Scenarios[r]))
		}
	}
	return strings.Join(diffs, "; ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
