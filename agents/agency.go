package agents

import (
	"math"
	"math/rand/v2"

	"cogov/scenarios"
)

// Revenue sources of an agency, kept apart for the dependence measures.
const (
	SourceGov       = iota // government procurement
	SourceCommunity        // communities' service funds
	SourceCharity          // charity and co-building with local units
	SourceFees             // market fees (housekeeping, nanny services)
	NumSources
)

// SourceNames names the revenue sources in output.
var SourceNames = [NumSources]string{"gov", "community", "charity", "fees"}

// Agency is one supplier: a professional social-work agency, a convenience
// or housekeeping centre, or a grassroots organisation.
type Agency struct {
	ID   int
	City int
	Type int
	// Professional is true for professional social-work agencies.
	Professional bool
	Alive        bool
	// BornMonth and DiedMonth are model month indices (DiedMonth -1 while
	// alive).
	BornMonth, DiedMonth int

	// Paid workers: professional social workers and assistants. The third
	// kind, volunteers, come from residents each month (World.Deliver).
	Prof, Assist int

	// Capacity is the professional capacity of its social workers in [0,1].
	Capacity float64
	// Cash in 10,000 yuan; NegMonths counts consecutive months below zero.
	Cash      float64
	NegMonths int
	// CashStart and CostTotal let the books be checked:
	// Cash = CashStart + all revenue - CostTotal.
	CashStart, CostTotal float64

	// Strategy is the strategy in force (chosen at the last call month):
	// Strategy.Show is the share of effort spent on visible, countable
	// activity rather than residents' needs. Choice is the option chosen on
	// each dimension and Propensity the Roth-Erev propensities of every
	// option, dimension after dimension (learning.go).
	Strategy   Strategy
	Choice     [numDims]int
	Propensity []float64
	// learnRev and learnCost are the revenue and cost since the last
	// call month: the payoff of the strategy played in that time.
	learnRev, learnCost float64
	// recent[k] counts professional social workers hired in the month
	// congruent to k mod 12 within the last 12 months and still employed
	// (their first year is not over).
	recent [12]int32

	// Ties is symbolic capital with the government in [0,1]; Trust is the
	// government's trust in the agency in [0,1].
	Ties, Trust float64
	// Perf is residents' rating of the agency's last accepted projects, the
	// measured performance the evaluation mechanism feeds back into awards.
	Perf float64
	// MultiRole is true when the head is also a community director
	// (三位一体); HomeCommunity is that community, or -1.
	MultiRole     bool
	HomeCommunity int
	// Ring is the bid ring the agency belongs to (-1: none); InRing is set
	// when it bid as a member of an operating ring at the last round, and
	// RingRound is the project year of the last round it did (0: never).
	Ring      int
	InRing    bool
	RingRound int

	// Revenue by source in the current calendar year and in total, and the
	// current year's cost (learning reads its own twelve months,
	// learnRev and learnCost).
	Rev, RevTotal [NumSources]float64
	Cost          float64

	// Contracts are indices of the agency's live contracts.
	Contracts []int
	// Served are the communities of its most recent service contracts, and
	// ServedRate the worker-months a month each contract planned: where and
	// how much it serves on after the project if it chooses to.
	Served     []int
	ServedRate []float64
	// Buyers counts the communities buying from the agency this year.
	Buyers int
	// purchaseRate is the worker-months a month its community purchases pay for.
	purchaseRate float64
	// WonLastRound and WonThisRound count awards per procurement round;
	// servedThisRound is set once the agency wins a service contract in the
	// current round (its Served list then restarts).
	WonLastRound, WonThisRound int
	servedThisRound            bool
	// monthly scratch: substance and show worker-months this month, workers
	// already committed this month, contract demand this month, contracts
	// serving this month and the fundraising worker-months asked.
	subMonth, showMonth, busyMonth, demand float64
	serving                                int
	fundAsk                                float64
}

// Workers is the paid staff count.
func (a *Agency) Workers() int { return a.Prof + a.Assist }

// ProfessionalFraction is the share of professional social workers among
// paid staff.
func (a *Agency) ProfessionalFraction() float64 {
	if w := a.Workers(); w > 0 {
		return float64(a.Prof) / float64(w)
	}
	return 0
}

// Quality is the professional quality of one worker-month of substance:
// professional capacity times the professional fraction of staff.
func (a *Agency) Quality() float64 { return a.Capacity * a.ProfessionalFraction() }

// Idle is the worker-months of this month not yet spent on service, at the
// month's capacity capFactor.
func (a *Agency) Idle(capFactor float64) float64 {
	return math.Max(0, float64(a.Workers())*capFactor-a.busyMonth)
}

// MonthlyCost is the wage bill plus overhead in 10,000 yuan.
func (a *Agency) MonthlyCost(p *scenarios.Agencies) float64 {
	return float64(a.Workers())*p.WorkerMonthCostTenKYuan + p.OverheadTenKYuanPerMonth
}

// work books e worker-months of this month's effort, split by the
// strategy's show share, and returns the substance and show parts.
func (a *Agency) work(e float64) (sub, show float64) {
	show = e * a.Strategy.Show
	sub = e - show
	a.busyMonth += e
	a.subMonth += sub
	a.showMonth += show
	return sub, show
}

// expose applies the penalty of a detected winner or a ring member found:
// trust falls by exposure_penalty, ties by tie_penalty (shares lost).
func (a *Agency) expose(s *scenarios.Scenario) {
	a.Trust *= 1 - s.Supervision.ExposurePenalty
	a.Ties *= 1 - s.Mechanisms.Risk.TiePenalty
}

// addProf adds one professional social worker of capacity hireCapacity,
// who dilutes the agency's capacity towards it.
func (a *Agency) addProf(hireCapacity float64) {
	a.Capacity = (a.Capacity*float64(a.Prof) + hireCapacity) / float64(a.Prof+1)
	a.Prof++
}

// PastGrace reports whether the exit rule is on and the agency has had
// negative cash for more than exit_grace_months consecutive months.
func (a *Agency) PastGrace(p *scenarios.Agencies) bool {
	return p.Exit && a.NegMonths > p.ExitGraceMonths
}

// Earn books revenue from a source.
func (a *Agency) Earn(src int, amount float64) {
	a.Cash += amount
	a.Rev[src] += amount
	a.RevTotal[src] += amount
	a.learnRev += amount
}

// spend books a cost (wages and overhead, bids).
func (a *Agency) spend(amount float64) {
	a.Cash -= amount
	a.Cost += amount
	a.CostTotal += amount
	a.learnCost += amount
}

// NewAgency creates an agency of type t in city with fresh staff, capacity
// and cash drawn from rng; World.addAgency then gives it its propensities
// and first strategy (inherit).
func NewAgency(id, city, t int, s *scenarios.Scenario, month int, rng *rand.Rand) Agency {
	at := &s.AgencyTypes[t]
	p := &s.Agencies
	staff := at.StaffMin
	if at.StaffMax > at.StaffMin {
		staff += rng.IntN(at.StaffMax - at.StaffMin + 1)
	}
	prof := 0
	for i := 0; i < staff; i++ {
		if rng.Float64() < at.ProfessionalShare {
			prof++
		}
	}
	a := Agency{
		ID: id, City: city, Type: t, Professional: at.Professional,
		Alive: true, BornMonth: month, DiedMonth: -1,
		Prof: prof, Assist: staff - prof,
		Capacity:      clamp01(at.Capacity + at.CapacitySD*rng.NormFloat64()),
		Trust:         s.Government.TrustInitial,
		Perf:          s.Residents.SatisfactionBase,
		HomeCommunity: -1, Ring: -1,
	}
	a.Cash = at.CashMonths * a.MonthlyCost(p)
	a.CashStart = a.Cash
	return a
}

// PayMonth pays the month's wages and overhead and applies the exit rule:
// it reports whether the agency has had negative cash for more than
// ExitGraceMonths consecutive months and must exit (never when the exit
// rule is off, a null model).
func (a *Agency) PayMonth(s *scenarios.Scenario) bool {
	p := &s.Agencies
	cost := a.MonthlyCost(p)
	a.spend(cost)
	if a.Cash < 0 {
		a.NegMonths++
	} else {
		a.NegMonths = 0
	}
	return a.PastGrace(p)
}

// CloseYear starts a new calendar year's revenue and cost.
func (a *Agency) CloseYear() {
	a.Rev = [NumSources]float64{}
	a.Cost = 0
}

func clamp01(x float64) float64 {
	switch {
	case x < 0:
		return 0
	case x > 1:
		return 1
	}
	return x
}
