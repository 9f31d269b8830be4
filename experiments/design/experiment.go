// Package design reads experiment files (Experiment: a base scenario,
// factors and a design) and turns them into a Plan of points x
// replications; it also builds the unit-cube designs the sampled kinds use
// (Grid, LatinHypercube, SobolSequence, SaltelliMatrices,
// MorrisTrajectories).
package design

import (
	"embed"
	"fmt"
	"path/filepath"
	"strings"

	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// Experiment is a parsed experiment file: which scenario to run, how long,
// how often, and over which design points. Parse checks everything that can
// be checked without loading scenarios; NewPlan checks the rest.
type Experiment struct {
	// File names the source in error messages: a path, or builtin:NAME.
	File string
	// Dir is the directory relative scenario paths are resolved against
	// ("" for the current directory).
	Dir string
	// Source is the file's text.
	Source []byte

	Name        string
	Description string
	// Scenario is the base scenario: a built-in name or a path.
	Scenario string
	// Set lists path=value overrides applied to every point, before the
	// factors' or the point's own.
	Set []string
	// Years is the number of years every run simulates; 0 means the base
	// scenario's years.
	Years int
	// Replications is the number of runs of every design point.
	Replications int
	// Seed is the master seed every run's random stream derives from.
	Seed uint64
	// Metrics are the metrics written to yearly.csv, in the model's order.
	Metrics []string

	Design  Design
	Factors []Factor
	Points  []ListPoint

	// Lines locates the file's keys, for error messages.
	Lines scenarios.KeyLines
	// Stored maps scenario references, as written in the file, to the
	// resolved copies a sweep directory keeps (see ScenarioRef), when the
	// experiment is read back from one to replay a run.
	Stored map[string]string
}

// The design kinds.
const (
	KindGrid      = "grid"      // full grid over every factor's values
	KindFactorial = "factorial" // two-level full factorial
	KindList      = "list"      // explicit [[point]] tables
	KindLHS       = "lhs"       // Latin hypercube sample
	KindSobol     = "sobol"     // Saltelli sampling for Sobol' indices
	KindMorris    = "morris"    // Morris one-at-a-time trajectories
)

var designKinds = []string{KindGrid, KindFactorial, KindList, KindLHS, KindSobol, KindMorris}

// Design says how design points are chosen.
type Design struct {
	// Kind is one of grid, factorial, list, lhs, sobol and morris.
	Kind string
	// Samples is the number of lhs points, Sobol' base samples (the design
	// has Samples·(k+2) points) or Morris trajectories (Samples·(k+1)).
	Samples int
	// Levels is the number of Morris grid levels (even, default 4).
	Levels int
	// Bootstrap is the number of bootstrap replicates of the Morris and
	// Sobol' confidence intervals (default 1000).
	Bootstrap int
}

// Factor is one scenario parameter an experiment varies.
type Factor struct {
	// Name is the short name used in labels and effect names; it defaults
	// to the shortest dotted suffix of Path that no other factor shares.
	Name string
	// Path is the scenario parameter, as in --set path=value.
	Path string
	// Kind is the parameter's type.
	Kind ParamKind
	// Values are explicit grid or factorial values, formatted as they are
	// passed to the scenario (path=value).
	Values []string
	// Min and Max bound a range; HasRange says whether they were given.
	Min, Max float64
	HasRange bool
	// Levels is the number of equally spaced grid values over the range.
	Levels int
	key    string
}

// ListPoint is one [[point]] of a list design.
type ListPoint struct {
	// Label names the point in outputs.
	Label string
	// Scenario replaces the experiment's base scenario when not empty.
	Scenario string
	// Set lists path=value overrides applied after the experiment's.
	Set []string
	key string
}

//go:embed library/*.toml
var library embed.FS

// Builtins lists the names of the built-in experiments.
func Builtins() []string {
	return fsutil.TOMLNames(library, "library")
}

// Load reads and parses an experiment: ref is a built-in name (see
// Builtins) or a path to a TOML file.
func Load(ref string) (*Experiment, error) {
	if !strings.HasSuffix(ref, ".toml") {
		if b, err := library.ReadFile("library/" + ref + ".toml"); err == nil {
			return Parse("builtin:"+ref, "", b)
		}
	}
	b, err := fsutil.ReadInput(ref, fsutil.MaxInputFile)
	if err != nil {
		return nil, fmt.Errorf("experiment %q: not a built-in (%s) and not a readable file: %w",
			ref, strings.Join(Builtins(), ", "), err)
	}
	return Parse(ref, filepath.Dir(ref), b)
}

// ScenarioRef resolves a scenario reference of the experiment: built-in
// names stay as they are, relative paths are taken from the experiment's
// directory.
func (e *Experiment) ScenarioRef(ref string) string {
	if p, ok := e.Stored[ref]; ok {
		return p
	}
	if _, ok := scenarios.BuiltinSource(ref); ok && !strings.HasSuffix(ref, ".toml") {
		return ref
	}
	if e.Dir != "" && !filepath.IsAbs(ref) {
		return filepath.Join(e.Dir, ref)
	}
	return ref
}

// Sampled reports whether the design draws its points (lhs, sobol, morris)
// rather than enumerating them.
func (d Design) Sampled() bool {
	return d.Kind == KindLHS || d.Kind == KindSobol || d.Kind == KindMorris
}

// IsFactorial reports whether the experiment is a two-level full factorial
// whose effects can be estimated: design kind factorial, or a grid in which
// every factor is a boolean with values false and true.
func (e *Experiment) IsFactorial() bool {
	if e.Design.Kind == KindFactorial {
		return true
	}
	if e.Design.Kind != KindGrid || len(e.Factors) == 0 {
		return false
	}
	for _, f := range e.Factors {
		if f.Kind != KindBool || len(f.Values) != 2 || f.Values[0] != "false" || f.Values[1] != "true" {
			return false
		}
	}
	return true
}

// FactorNames returns the factors' names in order.
func (e *Experiment) FactorNames() []string {
	out := make([]string, len(e.Factors))
	for i, f := range e.Factors {
		out[i] = f.Name
	}
	return out
}
