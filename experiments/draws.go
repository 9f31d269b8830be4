package experiments

import (
	"fmt"

	"cogov/scenarios"
)

// Draws gives the extra overrides (path=value) of run number run of
// master seed seed, such as free parameters drawn from a posterior. It
// must depend on nothing else, so results stay independent of workers.
type Draws func(seed, run uint64) []string

// builder returns the scenario of each run: s itself when d is nil, else
// s (encoded once) reloaded with d's overrides applied last.
func (d Draws) builder(s *scenarios.Scenario) (func(seed, run uint64) (*scenarios.Scenario, error), error) {
	if d == nil {
		return func(uint64, uint64) (*scenarios.Scenario, error) { return s, nil }, nil
	}
	src, err := scenarios.Encode(s)
	if err != nil {
		return nil, err
	}
	return func(seed, run uint64) (*scenarios.Scenario, error) {
		rs, err := scenarios.LoadSource(s.Name, src, "", d(seed, run))
		if err != nil {
			return nil, fmt.Errorf("run %d with drawn parameters: %w", run, err)
		}
		return rs, nil
	}, nil
}
