package agents

import (
	"math"
	"math/rand/v2"

	"cogov/scenarios"
)

// Strategy is an agency's choice on the four dimensions of its strategy
// space: the share of effort it spends on show (one of show_levels), the
// share of its award slots it bids with (one of bid_shares), whether it
// serves on after a project ends, and whether it bids as a member of a bid
// ring (only when agencies.collusion opens that option).
type Strategy struct {
	Show, BidShare    float64
	Continue, Collude bool
}

// Dimensions of the strategy space, in the order of an agency's
// propensities.
const (
	DimShow = iota
	DimBid
	DimContinue
	DimCollude
	numDims
)

// dimSizes is the number of options on each dimension of p's strategy
// space; collusion has one option (bid alone) unless agencies.collusion
// opens the second.
func dimSizes(p *scenarios.Agencies) [numDims]int {
	collude := 1
	if p.Collusion {
		collude = 2
	}
	return [numDims]int{len(p.ShowLevels), len(p.BidShares), 2, collude}
}

// strategyOf decodes the options chosen on each dimension.
func strategyOf(p *scenarios.Agencies, c [numDims]int) Strategy {
	return Strategy{
		Show: p.ShowLevels[c[DimShow]], BidShare: p.BidShares[c[DimBid]],
		Continue: c[DimContinue] == 1, Collude: c[DimCollude] == 1,
	}
}

// Learn runs the agencies' yearly strategy learning at the call month,
// before they bid in the coming round: modified Roth-Erev reinforcement
// (Erev and Roth 1998; Nicolaisen, Petrov and Tesfatsion 2001), one learner
// per dimension of the strategy space (show level, bid share,
// continuation), each reinforced by the same payoff. Each living agency's
// payoff for the strategy it played this year is
//
//	π = max(0, revenue / cost) + IntrinsicWeight × capacity × rating,
//
// revenue and cost of the twelve months since the last call (the round's
// advance and bid costs, the tranche passed or clawed back, community
// purchases, fees and donations all count),
// rating the residents' rating of its last accepted service (Perf). On each
// dimension with J options its propensities update as
// q_j ← (1 − Recency)·q_j + E_j, with E_j = π·(1 − Experimentation) for the
// option played and q_j·Experimentation/(J − 1) for every other one; it
// then draws next year's option on each dimension with probability
// q_j / Σq (one uniform draw a dimension with more than one option, in
// dimension order; a dimension with one option takes no draw). Nothing in the
// rule says which way show should move: the direction comes from realised
// payoffs. When learning is off nothing changes.
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
		a.learnRev, a.learnCost = 0, 0 // the next period starts
		a.choose(p, rng)
	}
}

// payoff is the agency's realised payoff since the last call month (or
// its founding).
func (a *Agency) payoff(p *scenarios.Agencies) float64 {
	ratio := 1.0
	if a.learnCost > 0 {
		ratio = math.Max(0, a.learnRev/a.learnCost)
	}
	return ratio + p.IntrinsicWeight*a.Capacity*a.Perf
}

// reinforce applies one modified Roth-Erev update for payoff pi on every
// dimension.
func (a *Agency) reinforce(p *scenarios.Agencies, pi float64) {
	e := p.Experimentation
	off := 0
	for d, n := range dimSizes(p) {
		q := a.Propensity[off : off+n]
		for j := range q {
			var ex float64
			switch {
			case j == a.Choice[d]:
				ex = pi * (1 - e)
			case n > 1:
				ex = q[j] * e / float64(n-1)
			}
			q[j] = (1-p.Recency)*q[j] + ex
		}
		off += n
	}
}

// choose draws an option on every dimension with more than one option
// with probability proportional to its propensity (one uniform draw a
// dimension) and applies the strategy.
func (a *Agency) choose(p *scenarios.Agencies, rng *rand.Rand) {
	off := 0
	for d, n := range dimSizes(p) {
		a.Choice[d] = 0
		if n > 1 {
			a.Choice[d] = draw(a.Propensity[off:off+n], rng.Float64())
		}
		off += n
	}
	a.Strategy = strategyOf(p, a.Choice)
}

// draw picks index j of q with probability q_j / Σq from the uniform u (the
// last index when rounding leaves u past the end; uniformly when every q
// is 0).
func draw(q []float64, u float64) int {
	total := 0.0
	for _, v := range q {
		total += v
	}
	if total <= 0 {
		return min(int(u*float64(len(q))), len(q)-1)
	}
	x := u * total
	for j, v := range q {
		x -= v
		if x < 0 {
			return j
		}
	}
	return len(q) - 1
}

// inherit gives a new agency its propensities and first strategy. With
// learning on, an entrant copies the propensities of model, a living
// agency, and multiplies each by exp(MutationSD × N(0,1)) (one draw each,
// dimension after dimension, none on a dimension with one option);
// with learning off, at initialisation, or with no model, every propensity
// is InitialPropensity. It then draws its strategy as in Learn.
func (a *Agency) inherit(p *scenarios.Agencies, model *Agency, rng *rand.Rand) {
	n := 0
	for _, k := range dimSizes(p) {
		n += k
	}
	a.Propensity = make([]float64, n)
	if model != nil && p.Learning && len(model.Propensity) == n {
		off := 0
		for _, k := range dimSizes(p) {
			for j := off; j < off+k; j++ {
				a.Propensity[j] = model.Propensity[j]
				if k > 1 {
					a.Propensity[j] *= math.Exp(p.MutationSD * rng.NormFloat64())
				}
			}
			off += k
		}
	} else {
		for j := range a.Propensity {
			a.Propensity[j] = p.InitialPropensity
		}
	}
	a.choose(p, rng)
}
