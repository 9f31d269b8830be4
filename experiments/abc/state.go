package abc

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// stateFile is State as JSON. Floats that JSON cannot hold (generation
// 0's infinite tolerance) are strings; encoding/json writes every other
// float in its shortest form that reads back exactly, so a resumed run
// starts from the very numbers the interrupted one had.
type stateFile struct {
	Format      int       `json:"format"`
	Fingerprint string    `json:"fingerprint"`
	Scales      []float64 `json:"scales"`
	Stopped     string    `json:"stopped"`
	Generations []genFile `json:"generations"`
}

type genFile struct {
	Index       int        `json:"index"`
	Tolerance   string     `json:"tolerance"`
	Simulations int        `json:"simulations"`
	Acceptance  float64    `json:"acceptance"`
	ESS         float64    `json:"ess"`
	Particles   []Particle `json:"particles"`
}

const stateFormat = 1

// Marshal encodes s for a later resume.
func (s *State) Marshal() ([]byte, error) {
	f := stateFile{Format: stateFormat, Fingerprint: s.Fingerprint, Scales: s.Scales, Stopped: s.Stopped}
	for _, g := range s.Generations {
		f.Generations = append(f.Generations, genFile{Index: g.Index, Tolerance: strconv.FormatFloat(g.Tolerance, 'g', -1, 64),
			Simulations: g.Simulations, Acceptance: g.Acceptance, ESS: g.ESS, Particles: g.Particles})
	}
	return json.Marshal(f)
}

// UnmarshalState decodes a state written by Marshal.
func UnmarshalState(b []byte) (*State, error) {
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("abc state: %w", err)
	}
	if f.Format != stateFormat {
		return nil, fmt.Errorf("abc state: format %d (allowed: %d)", f.Format, stateFormat)
	}
	if len(f.Generations) == 0 {
		return nil, fmt.Errorf("abc state: no complete generation")
	}
	s := &State{Fingerprint: f.Fingerprint, Scales: f.Scales, Stopped: f.Stopped}
	for i, g := range f.Generations {
		tol, err := strconv.ParseFloat(g.Tolerance, 64)
		if err != nil || g.Index != i || len(g.Particles) == 0 {
			return nil, fmt.Errorf("abc state: generation %d is malformed", i)
		}
		s.Generations = append(s.Generations, Generation{Index: g.Index, Tolerance: tol, Simulations: g.Simulations,
			Acceptance: g.Acceptance, ESS: g.ESS, Particles: g.Particles})
	}
	return s, nil
}
