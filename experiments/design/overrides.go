package design

import (
	"fmt"

	"cogov/scenarios"
)

// CheckYears checks a --years flag with the rule of a scenario's years,
// the one every run's length meets however it is given.
func CheckYears(n int) error {
	return scenarios.CheckFlag("--years", "years", float64(n))
}

// CheckReplications checks a --replications flag with the rule of an
// experiment file's replications.
func CheckReplications(n int) error {
	if n < 1 || n > maxReplications {
		return fmt.Errorf("--replications: %d is out of range (allowed 1 to %d, the rule of replications in an experiment)", n, maxReplications)
	}
	return nil
}

// check checks the overrides that are set (non-zero).
func (o Overrides) check() error {
	if o.Years != 0 {
		if err := CheckYears(o.Years); err != nil {
			return err
		}
	}
	if o.Replications != 0 {
		return CheckReplications(o.Replications)
	}
	return nil
}
