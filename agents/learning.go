package agents

import (
	"math"
	"math/rand/v2"
	"slices"

	"cogov/scenarios"
)

// Learn updates living agencies' show share once a year, before they write
// the next round's proposals. Three documented components (docs/ODD.md,
// submodel "Strategy learning"):
//
//   - Imitation under competitive selection (Braganza 2022): an agency whose
//     payoff, last year's revenue over last year's cost, is below the
//     ImitationQuantile of living agencies copies, with probability
//     ImitationRate, the show share of a random agency at or above it, plus
//     Normal(0, ExplorationSD) noise.
//   - Otherwise reinforcement by hill climbing: keep moving the show share
//     by ReinforcementStep in the last direction while the payoff does not
//     fall, reverse when it falls or when an audit exposed show-only work.
//   - An intrinsic professional norm pulls the share towards zero by
//     IntrinsicWeight times professional capacity.
//
// When learning is off nothing changes. The Learner's buffers are reused
// from year to year.
func (l *Learner) Learn(pop []Agency, p *scenarios.Agencies, rng *rand.Rand) {
	if !p.Learning {
		return
	}
	l.pay = l.pay[:0]
	for i := range pop {
		if pop[i].Alive {
			l.pay = append(l.pay, payoff(&pop[i]))
		}
	}
	if len(l.pay) == 0 {
		return
	}
	slices.Sort(l.pay)
	threshold := l.pay[int(math.Floor(p.ImitationQuantile*float64(len(l.pay)-1)))]
	// Models are agencies at or above the threshold, in index order.
	l.models = l.models[:0]
	for i := range pop {
		if pop[i].Alive && payoff(&pop[i]) >= threshold {
			l.models = append(l.models, i)
		}
	}
	models := l.models
	for i := range pop {
		a := &pop[i]
		if !a.Alive {
			continue
		}
		u := payoff(a)
		switch {
		case u < threshold && len(models) > 0 && rng.Float64() < p.ImitationRate:
			m := &pop[models[rng.IntN(len(models))]]
			a.Show = m.Show + p.ExplorationSD*rng.NormFloat64()
		default:
			if a.ExposedLastYear {
				a.direction = -1
			} else if !math.IsNaN(a.lastPayoff) && u < a.lastPayoff {
				a.direction = -a.direction
			}
			a.Show += p.ReinforcementStep * a.direction
		}
		a.Show -= p.IntrinsicWeight * a.Capacity * a.Show
		a.Show = clamp01(a.Show)
		a.lastPayoff = u
		a.ExposedLastYear = false
	}
}

// Learner holds the reusable buffers of yearly strategy learning.
type Learner struct {
	pay    []float64
	models []int
}

// payoff is last year's revenue over last year's cost (operating ratio); an
// agency with no cost yet scores 1.
func payoff(a *Agency) float64 {
	if a.CostLastYear <= 0 {
		return 1
	}
	return a.RevenueLastYear() / a.CostLastYear
}
