package agents

import (
	"math/rand/v2"
	"slices"

	"cogov/scenarios"
)

// Residents holds every resident agent in struct-of-arrays form, sorted by
// community: community c owns indices [Community.Lo, Community.Hi). Each
// agent stands for HouseholdsPerAgent households.
type Residents struct {
	// Elder is 1 for elderly residents, 0 otherwise; it indexes the
	// per-group coverage of a community.
	Elder []uint8
	// Vulnerable is 1 for vulnerable (poor, disabled, left-behind) residents.
	Vulnerable []uint8
	// NeedProf is the professional need in [0,1] (care planning, emotional
	// comfort, crisis intervention, ...).
	NeedProf []float32
	// WProf is the weight of professional need among all needs,
	// NeedProf/(NeedProf+NeedBasic).
	WProf []float32
	// Reach is how strongly professional services reach this resident:
	// 1 + targeting*(vulnerable - vulnerable share).
	Reach []float32
	// Propensity scales the resident's participation target.
	Propensity []float32
	// Sat and Part are satisfaction and participation in [0,1].
	Sat, Part []float32
}

// Reserve makes room for n more residents, so growing them does not copy.
func (r *Residents) Reserve(n int) {
	r.Elder = slices.Grow(r.Elder, n)
	r.Vulnerable = slices.Grow(r.Vulnerable, n)
	r.NeedProf = slices.Grow(r.NeedProf, n)
	r.WProf = slices.Grow(r.WProf, n)
	r.Reach = slices.Grow(r.Reach, n)
	r.Propensity = slices.Grow(r.Propensity, n)
	r.Sat = slices.Grow(r.Sat, n)
	r.Part = slices.Grow(r.Part, n)
}

// Len is the number of resident agents.
func (r *Residents) Len() int { return len(r.Sat) }

// Grow appends n residents drawn from the scenario's distributions, with
// the given targeting of vulnerable residents, and returns the share of
// them that is elderly.
func (r *Residents) Grow(n int, p *scenarios.Residents, targeting float64, rng *rand.Rand) float64 {
	lo := r.Len()
	elders := 0
	for range n {
		elder := rng.Float64() < p.ElderlyShare
		vuln := rng.Float64() < p.VulnerableShare
		// Groups in the order of the need ranges: others, elderly,
		// vulnerable, elderly and vulnerable.
		g := 0
		if elder {
			g++
		}
		if vuln {
			g += 2
		}
		np := uniform(rng, p.ProfessionalNeedLow[g], p.ProfessionalNeedHigh[g])
		nb := uniform(rng, p.BasicNeedLow[g], p.BasicNeedHigh[g])
		var e, v uint8
		if elder {
			e = 1
			elders++
		}
		if vuln {
			v = 1
		}
		r.Elder = append(r.Elder, e)
		r.Vulnerable = append(r.Vulnerable, v)
		r.NeedProf = append(r.NeedProf, float32(np))
		r.WProf = append(r.WProf, float32(np/(np+nb)))
		r.Reach = append(r.Reach, 0)
		r.Propensity = append(r.Propensity, float32(uniform(rng, p.PropensityMin, p.PropensityMax)))
		r.Sat = append(r.Sat, float32(uniform(rng, p.InitialSatisfactionMin, p.InitialSatisfactionMax)))
		r.Part = append(r.Part, float32(p.ParticipationBase*uniform(rng, p.InitialParticipationFactorMin, p.InitialParticipationFactorMax)))
	}
	r.setTargeting(lo, r.Len(), targeting, p.VulnerableShare)
	if n == 0 {
		return 0
	}
	return float64(elders) / float64(n)
}

// setTargeting sets the reach of residents [lo, hi) for the given
// targeting strength of vulnerable residents (0: services reach everyone
// alike): 1 + targeting*(vulnerable - vulnerableShare), at least 0.
func (r *Residents) setTargeting(lo, hi int, targeting, vulnerableShare float64) {
	for i := lo; i < hi; i++ {
		r.Reach[i] = float32(max(0, 1+targeting*(float64(r.Vulnerable[i])-vulnerableShare)))
	}
}

// Conditions are what a community offers its residents in one month.
type Conditions struct {
	// CovProf and CovBasic are professional and basic service coverage for
	// non-elderly [0] and elderly [1] residents (1 meets the full need).
	CovProf, CovBasic [2]float32
	// SatBase is satisfaction with no service; ShowBonus the satisfaction
	// visible activity adds.
	SatBase, ShowBonus float32
	// PartTarget is the participation a resident of propensity 1 tends to.
	PartTarget float32
	// RateSat and RatePart are monthly adjustment rates.
	RateSat, RatePart float32
}

// Tally sums residents' states over one community and month, for
// non-elderly [0] and elderly [1] residents apart.
type Tally struct {
	N, Sat, Part, PartSat [2]float64
	UnmetProf, NeedProf   float64
}

// Step advances residents [lo, hi) by one month under conditions c and
// returns their sums. Each resident's satisfaction moves towards
// SatBase + (1-SatBase)*met + ShowBonus, where met weighs professional and
// basic coverage by the resident's needs, and participation towards
// PartTarget*Propensity. It allocates nothing.
func (r *Residents) Step(lo, hi int, c *Conditions) Tally {
	elder := r.Elder[lo:hi]
	reach := r.Reach[lo:hi:hi]
	wprof := r.WProf[lo:hi:hi]
	need := r.NeedProf[lo:hi:hi]
	prop := r.Propensity[lo:hi:hi]
	sat := r.Sat[lo:hi:hi]
	part := r.Part[lo:hi:hi]
	var sN, sSat, sPart, sPS [2]float32
	var sUnmet, sNeed float32
	for i, e := range elder {
		e &= 1
		mp := c.CovProf[e] * reach[i]
		if mp > 1 {
			mp = 1
		}
		wp := wprof[i]
		met := wp*mp + (1-wp)*c.CovBasic[e]
		tgt := c.SatBase + (1-c.SatBase)*met + c.ShowBonus
		if tgt > 1 {
			tgt = 1
		}
		s := sat[i] + c.RateSat*(tgt-sat[i])
		sat[i] = s
		pt := c.PartTarget * prop[i]
		if pt > 1 {
			pt = 1
		}
		p := part[i] + c.RatePart*(pt-part[i])
		part[i] = p
		n := need[i]
		sUnmet += n * (1 - mp)
		sNeed += n
		sN[e]++
		sSat[e] += s
		sPart[e] += p
		sPS[e] += p * s
	}
	t := Tally{UnmetProf: float64(sUnmet), NeedProf: float64(sNeed)}
	for g := range 2 {
		t.N[g], t.Sat[g], t.Part[g], t.PartSat[g] = float64(sN[g]), float64(sSat[g]), float64(sPart[g]), float64(sPS[g])
	}
	return t
}

// uniform draws from U(lo, hi) with one draw.
func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
