package calibrate

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"cogov/experiments/abc"
	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// Limits of a posterior file.
const (
	maxPosteriorBytes = 256 << 20
	maxPosteriorRows  = 1000000
)

// Posterior is the last generation of an ABC-SMC posterior.csv: weighted
// particles over scenario parameters, from which runs draw their free
// parameters.
type Posterior struct {
	File string
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string
	Params []string
	// Theta[i] holds particle i's values, Weight[i] its weight.
	Theta  [][]float64
	Weight []float64
	// Fitted are the targets the posterior was fitted to (its stat:
	// columns).
	Fitted []string
	ints   []bool
	total  float64
}

// DefaultPosterior names the built-in posterior of the baseline
// (calibrations/baseline-posterior.csv, written by cogov calibrate baseline
// --method abc-smc) for LoadPosterior.
const DefaultPosterior = "default"

//go:embed calibrations/baseline-posterior.csv
var defaultPosterior []byte

// LoadPosterior reads and checks a posterior.csv written by cogov
// calibrate --method abc-smc, keeping its last generation; path
// DefaultPosterior is the built-in posterior of the baseline. Every
// problem is reported as FILE:LINE: column: what is wrong (allowed).
func LoadPosterior(path string) (*Posterior, error) {
	if path == DefaultPosterior {
		return parsePosterior("builtin:baseline-posterior.csv", bytes.NewReader(defaultPosterior))
	}
	b, err := fsutil.ReadInput(path, maxPosteriorBytes)
	if err != nil {
		return nil, fmt.Errorf("posterior %s: %w (allowed: a posterior.csv, or %q)", path, err, DefaultPosterior)
	}
	return parsePosterior(path, bytes.NewReader(b))
}

// parsePosterior parses posterior.csv text from in; path names it in
// messages.
func parsePosterior(path string, in io.Reader) (*Posterior, error) {
	h := sha256.New()
	r := csv.NewReader(io.TeeReader(in, h))
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: %v (allowed: a posterior.csv with a header)", path, err)
	}
	p := &Posterior{File: path}
	genCol, weightCol := -1, -1
	var cols []int
	var infos []scenarios.ParamInfo
	for j, h := range head {
		switch {
		case h == "generation":
			genCol = j
		case h == "weight":
			weightCol = j
		case strings.HasPrefix(h, abc.StatPrefix):
			p.Fitted = append(p.Fitted, strings.TrimPrefix(h, abc.StatPrefix))
		case h == "particle" || h == "distance":
		default:
			info, ok := scenarios.Param(h)
			if !ok || !info.Numeric() {
				return nil, fmt.Errorf("%s:1: column %q: not a numeric scenario parameter (see cogov params)", path, h)
			}
			p.Params, cols, infos = append(p.Params, h), append(cols, j), append(infos, info)
			p.ints = append(p.ints, info.Kind == scenarios.KindInt || info.Kind == scenarios.KindInts)
		}
	}
	if genCol < 0 || weightCol < 0 || len(cols) == 0 {
		return nil, fmt.Errorf("%s:1: header: want generation, weight and parameter columns (allowed: the posterior.csv of cogov calibrate --method abc-smc)", path)
	}
	last := -1
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if line > maxPosteriorRows+1 {
			return nil, fmt.Errorf("%s:%d: more than %d particles", path, line, maxPosteriorRows)
		}
		g, err := strconv.Atoi(rec[genCol])
		if err != nil || g < 0 {
			return nil, fmt.Errorf("%s:%d: generation: %q (allowed: an integer >= 0)", path, line, rec[genCol])
		}
		if g < last {
			return nil, fmt.Errorf("%s:%d: generation: %d after %d (allowed: generations in increasing order)", path, line, g, last)
		}
		if g > last {
			last, p.Theta, p.Weight, p.total = g, nil, nil, 0
		}
		w, err := strconv.ParseFloat(rec[weightCol], 64)
		if err != nil || !(w >= 0) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("%s:%d: weight: %q (allowed: a finite number >= 0)", path, line, rec[weightCol])
		}
		theta := make([]float64, len(cols))
		for k, j := range cols {
			x, err := strconv.ParseFloat(rec[j], 64)
			info := infos[k]
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || !info.Contains(x) {
				return nil, fmt.Errorf("%s:%d: %s: %q (allowed: %s)", path, line, p.Params[k], rec[j], info.Allowed)
			}
			theta[k] = x
		}
		p.Theta, p.Weight, p.total = append(p.Theta, theta), append(p.Weight, w), p.total+w
	}
	if len(p.Theta) == 0 || !(p.total > 0) {
		return nil, fmt.Errorf("%s: no particle with a positive weight", path)
	}
	p.SHA256 = hex.EncodeToString(h.Sum(nil))
	return p, nil
}

// Draw returns the overrides (path=value) of a particle drawn by weight
// for run number run of master seed seed, from a stream of its own
// (PCG(seed ^ "posterior", run)), so that the draw depends on nothing
// but the run and leaves the model's random streams as they are.
func (p *Posterior) Draw(seed, run uint64) []string {
	r := rand.New(rand.NewPCG(seed^0x706f73746572696f, run)) // "posterio"
	u, c, k := r.Float64()*p.total, 0.0, len(p.Theta)-1
	for i, w := range p.Weight {
		c += w
		if u < c {
			k = i
			break
		}
	}
	out := make([]string, len(p.Params))
	for i, path := range p.Params {
		out[i] = path + "=" + formatValue(p.Theta[k][i], p.ints[i])
	}
	return out
}
