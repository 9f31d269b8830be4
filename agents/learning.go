package agents

import (
	"math"
	"math/rand/v2"

	"cogov/scenarios"
)

// Strategy is one point of an agency's strategy space: the share of effort
// it spends on show, the share of its award slots it bids with, and
// whether it serves on after a project ends. Index j encodes
// (show level s, bid share b, continue c) as j = (s*len(bid shares) + b)*2 + c.
type Strategy struct {
	Show, BidShare float64
	Continue       bool
}

// StrategyCount is the size of the strategy space of p.
func StrategyCount(p *scenarios.Agencies) int { return len(p.ShowLevels) * len(p.BidShares) * 2 }

// StrategyAt decodes strategy index j of p.
func StrategyAt(p *scenarios.Agencies, j int) Strategy {
	c := j % 2
	j /= 2
	b := j % len(p.BidShares)
	s := j / len(p.BidShares)
	return Strategy{Show: p.ShowLevels[s], BidShare: p.BidShares[b], Continue: c == 1}
}

// Learn runs the agencies' yearly strategy learning at the call month,
// before they bid in the coming round: modified Roth-Erev reinforcement
// (Erev and Roth 1998; Nicolaisen, Petrov and Tesfatsion 2001). Each living
// agency's payoff for the strategy it played this year is
//
//	π = max(0, revenue / cost) + IntrinsicWeight × capacity × rating,
//
// revenue and cost of the calendar year so far (acceptance passed or clawed
// back, community purchases, fees and donations all count), rating the
// residents' rating of its last accepted service (Perf). Its propensities
// update as q_j ← (1 − Recency)·q_j + E_j, with E_j = π·(1 − Experimentation)
// for the strategy played and q_j·Experimentation/(J − 1) for every other
// one; it then draws next year's strategy with probability q_j / Σq (one
// uniform draw). Nothing in the rule says which way show should move: the
// direction comes from realised payoffs. When learning is off nothing
// changes.
func Learn(pop []Agency, p *scenarios.Agencies, rng *rand.Rand) {
	if !p.Learning {
		return
	}
	for i := range pop {
		a := &pop[i]
		if !a.Alive {
			continue
		}
		a.reinforce(p, a.payoff(p))
		a.choose(p, rng.Float64())
	}
}

// payoff is the agency's realised payoff of the year so far.
func (a *Agency) payoff(p *scenarios.Agencies) float64 {
	ratio := 1.0
	if a.Cost > 0 {
		rev := 0.0
		for _, r := range a.Rev {
			rev += r
		}
		ratio = math.Max(0, rev/a.Cost)
	}
	return ratio + p.IntrinsicWeight*a.Capacity*a.Perf
}

// reinforce applies one modified Roth-Erev update for payoff pi.
func (a *Agency) reinforce(p *scenarios.Agencies, pi float64) {
	n := len(a.Propensity)
	if n == 0 {
		return
	}
	e := p.Experimentation
	for j := range a.Propensity {
		q := a.Propensity[j]
		var ex float64
		switch {
		case j == a.StrategyIndex:
			ex = pi * (1 - e)
		case n > 1:
			ex = q * e / float64(n-1)
		}
		a.Propensity[j] = (1-p.Recency)*q + ex
	}
}

// choose draws a strategy with probability proportional to its propensity
// from the uniform draw u and applies it.
func (a *Agency) choose(p *scenarios.Agencies, u float64) {
	total := 0.0
	for _, q := range a.Propensity {
		total += q
	}
	j := len(a.Propensity) - 1
	if total > 0 {
		x := u * total
		for k, q := range a.Propensity {
			x -= q
			if x < 0 {
				j = k
				break
			}
		}
	} else {
		j = min(int(u*float64(len(a.Propensity))), len(a.Propensity)-1)
	}
	a.StrategyIndex = j
	a.Strategy = StrategyAt(p, j)
	a.Show = a.Strategy.Show
}

// inherit gives a new agency its propensities and first strategy. With
// learning on, it copies the propensities of a random living agency (the
// model, drawn uniformly; none yet: the initial propensity) and multiplies
// each by exp(MutationSD × N(0,1)); with learning off, or at
// initialisation, every propensity is InitialPropensity. It then draws its
// strategy as in Learn.
func (a *Agency) inherit(p *scenarios.Agencies, model *Agency, rng *rand.Rand) {
	n := StrategyCount(p)
	a.Propensity = make([]float64, n)
	if model != nil && p.Learning && len(model.Propensity) == n {
		for j := range a.Propensity {
			a.Propensity[j] = model.Propensity[j] * math.Exp(p.MutationSD*rng.NormFloat64())
		}
	} else {
		for j := range a.Propensity {
			a.Propensity[j] = p.InitialPropensity
		}
	}
	a.choose(p, rng.Float64())
}
