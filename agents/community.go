package agents

import (
	"math"
	"math/rand/v2"

	"cogov/scenarios"
)

// Community is one urban community (社区): its households and resident
// agents, staff, per-household funds, committees, director and the service
// it receives each month.
type Community struct {
	ID, City int
	// Lo and Hi bound the community's resident agents.
	Lo, Hi     int
	Households float64
	ElderShare float64
	// Staff are full-time community workers serving in the one-stop hall.
	Staff int
	// ServiceFund is the yearly service fund paid straight to the
	// community, 10,000 yuan (its work fund pays its own staff and no rule
	// reads it).
	ServiceFund float64
	// Deliberation and Supervision are the strengths of the deliberation
	// and supervision committees (一委三会) in [0,1].
	Deliberation, Supervision float64
	// Director is the agency whose head is this community's director, or -1.
	Director int
	// NeedWM and BasicNeedWM are the worker-months a month that would meet
	// the community's full professional and basic need.
	NeedWM, BasicNeedWM float64

	// This month's service received, worker-months: professional and basic
	// substance for non-elderly [0] and elderly [1] residents, show, and all
	// agency effort.
	prof, basic  [2]float64
	show, agency float64
	// Served is true while a procurement contract serves the community.
	Served bool

	// Last month's residents' means (Part: the share who took part), and
	// satisfaction and rating (the residents' vote) of non-elderly [0] and
	// elderly [1] residents apart.
	Sat, Part, UnmetShare float64
	SatG, RatingG         [2]float64
	// Yearly continuity accounting: agency effort summed over the
	// implementation window and over the months after it.
	During, After float64
	// Yearly sums of the monthly means, and their months.
	yearSat, yearPart, yearUnmet float64
	yearMonths                   int
	// LastAgency is the agency of the last service contract placed here;
	// Buyer the agency the community buys from this year, or -1
	// (ChooseSuppliers).
	LastAgency, Buyer int
}

// NewCommunity creates community id of city with n resident agents starting
// at index lo.
func NewCommunity(id, city, lo, n int, s *scenarios.Scenario, rng *rand.Rand) Community {
	p := &s.Community
	hh := float64(n) * p.HouseholdsPerAgent
	staff := p.StaffMin
	if p.StaffMax > p.StaffMin {
		staff += rng.IntN(p.StaffMax - p.StaffMin + 1)
	}
	return Community{
		ID: id, City: city, Lo: lo, Hi: lo + n,
		Households:   hh,
		ElderShare:   s.Residents.ElderlyShare,
		Staff:        staff,
		ServiceFund:  hh * p.ServiceFundYuanPerHousehold / 1e4,
		Deliberation: clamp01(p.DeliberationStrength * uniform(rng, 1-p.CommitteeSpread, 1+p.CommitteeSpread)),
		Supervision:  clamp01(p.SupervisionStrength * uniform(rng, 1-p.CommitteeSpread, 1+p.CommitteeSpread)),
		Director:     -1,
		NeedWM:       s.Residents.NeedWorkerMonthsPerThousand * hh / 1000,
		BasicNeedWM:  s.Residents.BasicNeedWorkerMonthsPerThousand * hh / 1000,
		LastAgency:   -1,
		Buyer:        -1,
	}
}

// Receive books substance and show worker-months delivered by an agency of
// professional quality q, with elderFocus the extra weight the service puts
// on elderly residents (0: in proportion to their number; 1: all to them).
func (c *Community) Receive(substance, show, q, elderFocus float64) {
	toElder := c.ElderWeight(elderFocus)
	c.prof[1] += substance * q * toElder
	c.prof[0] += substance * q * (1 - toElder)
	c.basic[1] += substance * (1 - q) * toElder
	c.basic[0] += substance * (1 - q) * (1 - toElder)
	c.show += show
	c.agency += substance + show
}

// Volunteer books residents' volunteer worker-months: basic substance
// spread over the community in proportion to its groups, not agency effort.
func (c *Community) Volunteer(wm float64) {
	c.basic[1] += wm * c.ElderShare
	c.basic[0] += wm * (1 - c.ElderShare)
}

// AgencyEffort is this month's agency worker-months in the community.
func (c *Community) AgencyEffort() float64 { return c.agency }

// Conditions turns this month's service into what residents experience:
// coverage per group (professional and basic worker-months over the
// professional and basic need of that group's share of the community), the
// satisfaction bonus of visible activity, and the community's part of the
// participation logit: the intercept logit(participation_base), less the
// satisfaction reference, plus the committees' terms, substantive
// engagement and, negatively, show visibility. Seed is left 0 (World.
// ResidentsMonth sets it).
func (c *Community) Conditions(s *scenarios.Scenario, staffRate float64) Conditions {
	r := &s.Residents
	staffBasic := float64(c.Staff) * staffRate
	var out Conditions
	shares := [2]float64{1 - c.ElderShare, c.ElderShare}
	for g := range 2 {
		if need := c.NeedWM * shares[g]; need > 0 {
			out.CovProf[g] = float32(c.prof[g] / need)
		}
		if need := c.BasicNeedWM * shares[g]; need > 0 {
			out.CovBasic[g] = float32(math.Min(1, (c.basic[g]+staffBasic*shares[g])/need))
		}
	}
	showVis := math.Min(1, c.show/c.NeedWM)
	engage := math.Min(1, (c.prof[0]+c.prof[1]+c.basic[0]+c.basic[1])/c.NeedWM)
	p0 := r.ParticipationBase
	u := max(-utilityBound, min(utilityBound, math.Log(p0/(1-p0)))) - r.SatisfactionEffect*r.SatisfactionBase +
		r.DeliberationEffect*c.Deliberation + r.SupervisionEffect*c.Supervision +
		r.Engagement*engage - r.Passivity*showVis
	out.SatBase = float32(r.SatisfactionBase)
	out.ShowBonus = float32(r.ShowAppeal * showVis)
	out.RateSat = float32(r.SatisfactionRate)
	out.Utility = float32(u)
	out.SatEffect = float32(r.SatisfactionEffect)
	if d := 2 * r.Neighbours; d > 0 {
		out.NeighbourEffect = float32(r.NeighbourEffect / float64(d))
	}
	return out
}

// ResidentsMonth runs community ci's residents for the month: its
// conditions, one draw of the run's stream to seed the residents' choices,
// their step, and the community's record of it.
func (w *World) ResidentsMonth(ci int, staffRate float64) {
	com := &w.Communities[ci]
	cond := com.Conditions(w.S, staffRate)
	cond.Seed = w.rng.Uint64()
	com.Absorb(w.Residents.Step(com.Lo, com.Hi, &cond))
}

// Strengthen adds the mechanisms' committee levers to the community's
// committees: deliberation + ProcessControl and supervision +
// CommitteeBoost, each at most 1.
func (c *Community) Strengthen(l *Levers) {
	c.Deliberation = math.Min(1, c.Deliberation+l.ProcessControl)
	c.Supervision = math.Min(1, c.Supervision+l.CommitteeBoost)
}

// Absorb records the residents' tally of the month and clears the month's
// service. Part is the share of residents who took part. The residents'
// vote of a group is the mean satisfaction of its residents who took part
// this month, pulled towards the group's plain mean where the supervision
// committee is weak (the plain mean alone when nobody of the group took
// part).
func (c *Community) Absorb(t Tally) {
	n := t.N[0] + t.N[1]
	if n > 0 {
		c.Sat = (t.Sat[0] + t.Sat[1]) / n
		c.Part = (t.Part[0] + t.Part[1]) / n
		for g := range 2 {
			if t.N[g] == 0 {
				c.SatG[g], c.RatingG[g] = c.Sat, c.Sat
				continue
			}
			c.SatG[g] = t.Sat[g] / t.N[g]
			c.RatingG[g] = c.SatG[g]
			if t.Part[g] > 0 {
				vote := t.PartSat[g] / t.Part[g]
				c.RatingG[g] = c.Supervision*vote + (1-c.Supervision)*c.SatG[g]
			}
		}
		if t.NeedProf > 0 {
			c.UnmetShare = t.UnmetProf / t.NeedProf
		}
	}
	c.yearSat += c.Sat
	c.yearPart += c.Part
	c.yearUnmet += c.UnmetShare
	c.yearMonths++
	c.prof, c.basic = [2]float64{}, [2]float64{}
	c.show, c.agency = 0, 0
	c.Served = false
}

// ElderWeight is the share of a service with the given elder focus that
// goes to elderly residents.
func (c *Community) ElderWeight(elderFocus float64) float64 {
	return c.ElderShare + elderFocus*(1-c.ElderShare)
}

// Judged returns the residents' vote and satisfaction about a service with
// the given elder focus: each group's, weighted by the share of the service
// it received.
func (c *Community) Judged(elderFocus float64) (rating, sat float64) {
	e := c.ElderWeight(elderFocus)
	return e*c.RatingG[1] + (1-e)*c.RatingG[0], e*c.SatG[1] + (1-e)*c.SatG[0]
}

// TakeYear returns the year's mean satisfaction, participation and unmet
// share of professional need, and starts a new year (the continuity sums
// too).
func (c *Community) TakeYear() (sat, part, unmet float64) {
	if n := float64(c.yearMonths); n > 0 {
		sat, part, unmet = c.yearSat/n, c.yearPart/n, c.yearUnmet/n
	}
	c.yearSat, c.yearPart, c.yearUnmet, c.yearMonths = 0, 0, 0, 0
	c.During, c.After = 0, 0
	return sat, part, unmet
}
