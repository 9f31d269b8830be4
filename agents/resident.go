package agents

import (
	"math"
	"math/rand/v2"
	"slices"

	"cogov/internal/splitmix"
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
	// Intercept is the resident's own term of the participation logit,
	// ln(propensity): its propensity multiplies its odds of taking part.
	Intercept []float32
	// Sat is satisfaction in [0,1].
	Sat []float32
	// Part is 1 if the resident took part this month (activities, volunteer
	// team, committees), 0 if not.
	Part []uint8
	// K is the number of neighbours on each side of a resident in its
	// community's ring lattice (degree 2K); Rewired lists the lattice's
	// links rewired at initialisation (see Neighbours).
	K       int
	Rewired []Link
	groups  []group
	// ext and cnt are scratch for one community's step: last month's
	// choices with the ring's wrap-around, and each resident's number of
	// neighbours who took part last month. Indexing them with a local
	// index masked by scratchMask needs no bounds check.
	ext *[scratchMask + 1]uint8
	cnt *[scratchMask + 1]uint8
}

// Reserve makes room for n more residents, so growing them does not copy.
func (r *Residents) Reserve(n int) {
	r.Elder = slices.Grow(r.Elder, n)
	r.Vulnerable = slices.Grow(r.Vulnerable, n)
	r.NeedProf = slices.Grow(r.NeedProf, n)
	r.WProf = slices.Grow(r.WProf, n)
	r.Reach = slices.Grow(r.Reach, n)
	r.Intercept = slices.Grow(r.Intercept, n)
	r.Sat = slices.Grow(r.Sat, n)
	r.Part = slices.Grow(r.Part, n)
}

// Len is the number of resident agents.
func (r *Residents) Len() int { return len(r.Sat) }

// Grow appends the n residents of one community drawn from the scenario's
// distributions, with the given targeting of vulnerable residents, links
// them in their community's network, and returns the share of them that is
// elderly. Every community has the same K, p.Neighbours.
func (r *Residents) Grow(n int, p *scenarios.Residents, targeting float64, rng *rand.Rand) float64 {
	lo := r.Len()
	r.K = p.Neighbours
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
		r.Intercept = append(r.Intercept, float32(max(-utilityBound, math.Log(uniform(rng, p.PropensityMin, p.PropensityMax)))))
		r.Sat = append(r.Sat, float32(uniform(rng, p.InitialSatisfactionMin, p.InitialSatisfactionMax)))
		p0 := p.ParticipationBase * uniform(rng, p.InitialParticipationFactorMin, p.InitialParticipationFactorMax)
		var part uint8
		if rng.Float64() < p0 {
			part = 1
		}
		r.Part = append(r.Part, part)
	}
	r.setTargeting(lo, r.Len(), targeting, p.VulnerableShare)
	r.link(lo, n, p.Neighbours, p.Rewiring, rng)
	if r.ext == nil {
		r.ext, r.cnt = new([scratchMask + 1]uint8), new([scratchMask + 1]uint8)
	}
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
	// visible activity adds; RateSat the monthly adjustment rate of
	// satisfaction.
	SatBase, ShowBonus, RateSat float32
	// Utility is the part of the participation logit that is the same for
	// every resident of the community this month; SatEffect multiplies a
	// resident's satisfaction and NeighbourEffect the number of its
	// neighbours who took part last month.
	Utility, SatEffect, NeighbourEffect float32
	// Seed starts the month's uniform draws of the community's residents.
	Seed uint64
}

// Tally sums residents' states over one community and month, for
// non-elderly [0] and elderly [1] residents apart: residents, their
// satisfaction, participants, and participants' satisfaction.
type Tally struct {
	N, Sat, Part, PartSat [2]float64
	UnmetProf, NeedProf   float64
}

// Step advances residents [lo, hi) (one community) by one month under
// conditions c and returns their sums. Each resident, in index order,
// first updates its satisfaction towards SatBase + (1-SatBase)*met +
// ShowBonus, where met weighs professional and basic coverage by the
// resident's needs. Then every resident decides whether to take part: it
// does when V = Utility + Intercept + SatEffect*Sat + NeighbourEffect*n
// exceeds a logistic noise draw, n the number of its neighbours who took
// part last month (synchronous update: every neighbour term reads last
// month's choices), so with probability σ(V). Resident i's draw is bits
// 16(i mod 4) to 16(i mod 4)+15 of the (⌊i/4⌋+1)-th output of a SplitMix64
// sequence started at c.Seed (i local). [lo, hi) must be one community as
// grown (its rewired links are found by lo). It allocates nothing.
func (r *Residents) Step(lo, hi int, c *Conditions) Tally {
	t := r.satisfy(lo, hi, c)
	r.decide(lo, hi, c, &t)
	return t
}

// satisfy updates the satisfaction of residents [lo, hi) and sums their
// numbers, satisfaction and unmet need. Sums run in registers over all
// residents and over the elderly; the others' are the difference.
func (r *Residents) satisfy(lo, hi int, c *Conditions) Tally {
	elder := r.Elder[lo:hi]
	reach := r.Reach[lo:hi:hi]
	wprof := r.WProf[lo:hi:hi]
	need := r.NeedProf[lo:hi:hi]
	sat := r.Sat[lo:hi:hi]
	var nOld, sAll, sOld, sUnmet, sNeed float32
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
		n := need[i]
		sUnmet += n * (1 - mp)
		sNeed += n
		ef := float32(e)
		nOld += ef
		sAll += s
		sOld += s * ef
	}
	var t Tally
	t.UnmetProf, t.NeedProf = float64(sUnmet), float64(sNeed)
	t.N[1], t.Sat[1] = float64(nOld), float64(sOld)
	t.N[0], t.Sat[0] = float64(hi-lo)-t.N[1], float64(sAll)-t.Sat[1]
	return t
}

// decide draws the participation choices of residents [lo, hi) from their
// (updated) satisfaction and last month's choices of their neighbours, and
// adds participants and their satisfaction to t.
func (r *Residents) decide(lo, hi int, c *Conditions, t *Tally) {
	r.lastMonth(lo, hi)
	cnt := r.cnt
	elder := r.Elder[lo:hi]
	icpt := r.Intercept[lo:hi:hi]
	sat := r.Sat[lo:hi:hi]
	part := r.Part[lo:hi:hi]
	x := c.Seed
	var bits uint64
	var pAll, pOld, psAll, psOld float32
	for i, e := range elder {
		s := sat[i]
		v := c.Utility + icpt[i] + c.SatEffect*s + c.NeighbourEffect*float32(cnt[i&scratchMask])
		// Four noise draws per SplitMix64 output, 16 bits each.
		if i&3 == 0 {
			x, bits = splitmix.Next(x)
		}
		eps := noiseTable[bits&(noiseN-1)]
		bits >>= noiseBits
		// tb is 1 when eps < v: the sign bit of eps - v (no branch; NaN
		// utilities never take part).
		tb := math.Float32bits(eps-v) >> 31
		part[i] = uint8(tb)
		take := float32(tb)
		ef := float32(e & 1)
		pAll += take
		pOld += take * ef
		psAll += take * s
		psOld += take * s * ef
	}
	t.Part[1], t.PartSat[1] = float64(pOld), float64(psOld)
	t.Part[0], t.PartSat[0] = float64(pAll)-t.Part[1], float64(psAll)-t.PartSat[1]
}

// utilityBound bounds the terms of the participation logit that may be
// infinite (ln 0 of a propensity of 0, the log-odds of a participation_base
// of 0 or 1): beyond ±30 a choice is certain (the noise never exceeds ±12),
// and the utility stays finite.
const utilityBound = 30

// uniform draws from U(lo, hi) with one draw.
func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
