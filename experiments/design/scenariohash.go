package design

import (
	"crypto/sha256"
	"encoding/hex"

	"cogov/scenarios"
)

// scenarioHashes returns the SHA-256 of every scenario e names (its base
// scenario and its points' own), resolved and encoded, keyed by the
// reference as written in the experiment. A point's scenario is its
// reference's resolved scenario with overrides from the experiment's text,
// so these hashes and the experiment's own pin every point.
func scenarioHashes(e *Experiment) (map[string]string, map[string][]byte, error) {
	out, text := map[string]string{}, map[string][]byte{}
	refs := []string{e.Scenario}
	for _, p := range e.Points {
		if p.Scenario != "" {
			refs = append(refs, p.Scenario)
		}
	}
	for _, ref := range refs {
		if _, ok := out[ref]; ok {
			continue
		}
		s, err := scenarios.Load(e.ScenarioRef(ref), nil)
		if err != nil {
			return nil, nil, err
		}
		b, err := scenarios.Encode(s)
		if err != nil {
			return nil, nil, err
		}
		sum := sha256.Sum256(b)
		out[ref] = hex.EncodeToString(sum[:])
		text[out[ref]] = b
	}
	return out, text, nil
}
