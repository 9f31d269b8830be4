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
//   - Reinforcement from acceptance feedback: each accepted tranche tells
//     the agency which part of its score fell short (see Accept); the
//     agency moves its show share by ReinforcementStep times the mean
//     feedback of the year: up when countable indicators fell short and
//     show yields more of them than substance, down when an audit found
//     substance short or residents rated the service low.
//   - Imitation under competitive selection (Braganza 2022): an agency whose
//     payoff, last year's revenue over last year's cost, is below the
//     ImitationQuantile of living agencies copies, with probability
//     ImitationRate, the show share of a random agency at or above it, plus
//     Normal(0, ExplorationSD) noise.
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
	// Models are agencies at or above the threshold, in index order, with
	// their strategies before anyone changes.
	l.models = l.models[:0]
	l.shows = l.shows[:0]
	for i := range pop {
		if pop[i].Alive && payoff(&pop[i]) >= threshold {
			l.models = append(l.models, i)
			l.shows = append(l.shows, pop[i].Show)
		}
	}
	for i := range pop {
		a := &pop[i]
		if !a.Alive {
			continue
		}
		if a.feedbackN > 0 {
			a.Show += p.ReinforcementStep * a.feedback / float64(a.feedbackN)
		}
		if payoff(a) < threshold && len(l.shows) > 0 && rng.Float64() < p.ImitationRate {
			a.Show = l.shows[rng.IntN(len(l.shows))] + p.ExplorationSD*rng.NormFloat64()
		}
		a.Show -= p.IntrinsicWeight * a.Capacity * a.Show
		a.Show = clamp01(a.Show)
		a.feedback, a.feedbackN = 0, 0
	}
}

// Learner holds the reusable buffers of yearly strategy learning.
type Learner struct {
	pay    []float64
	models []int
	shows  []float64
}

// payoff is last year's revenue over last year's cost (operating ratio); an
// agency with no cost yet scores 1.
func payoff(a *Agency) float64 {
	if a.CostLastYear <= 0 {
		return 1
	}
	return a.RevenueLastYear() / a.CostLastYear
}
