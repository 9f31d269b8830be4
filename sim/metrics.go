package sim

import (
	"math"

	"cogov/agents"
)

// MetricInfo describes one yearly metric. docs/ODD.md gives each formula.
type MetricInfo struct {
	Name    string
	Pattern string // the paper's pattern it measures (P1-P7), or ""
	Unit    string
	Meaning string
}

// Indices of the metrics in a Result row.
const (
	GovRevenueShare = iota
	RevenueHHI
	ServiceContinuity
	ShowEffortShare
	SupplyMismatch
	AwardHHI
	IncumbencyRate
	RoleOverlapShare
	ProfessionalCapacity
	ProfessionalWinnerShare
	ResidentParticipation
	ResidentSatisfaction
	UnmetProfessionalNeed
	ActiveAgencies
	AgencyExits
	AgencyEntries
	DependenceIndex
	AcceptancePassRate
	GovernmentTrust
	AwardedFunds
	ClawedBack
	MultiRoleAgencyShare
	VulnerableShare
	ProfessionalFirstYearExit
	RingMemberShare
	RingContractShare
	FlagPrecision
	FlagRecall
	WindowColluderShare
	NumMetrics
)

var metricTable = [NumMetrics]MetricInfo{
	{"gov_revenue_share", "P1", "share", "government procurement's share of all agencies' revenue"},
	{"revenue_hhi", "P1", "index", "mean Herfindahl index of agencies' revenue over sources"},
	{"service_continuity", "P2", "share", "service in the 3 months after a project ends relative to during it"},
	{"show_effort_share", "P3", "share", "share of contract effort spent on visible, countable activity"},
	{"supply_mismatch", "P4", "share", "share of service funds won by suppliers whose type does not match the product"},
	{"award_hhi", "P5", "index", "Herfindahl index of awarded funds over agencies"},
	{"incumbency_rate", "P5", "share", "share of contracts won by winners of the previous round"},
	{"role_overlap_share", "P5", "share", "share of awarded funds won by agencies whose head is a community director"},
	{"professional_capacity", "P6", "share", "mean professional capacity of social workers, weighted by their number"},
	{"professional_winner_share", "P6", "share", "share of contracts won by professional social-work agencies"},
	{"resident_participation", "P7", "share", "mean participation of residents in served communities"},
	{"resident_satisfaction", "P7", "share", "mean satisfaction of residents in served communities"},
	{"unmet_professional_need", "P7", "share", "share of served residents' professional need left unmet"},
	{"active_agencies", "P1", "agencies", "agencies operating at the end of the year"},
	{"agency_exits", "P1", "agencies", "agencies that exited during the year"},
	{"agency_entries", "", "agencies", "agencies that entered during the year"},
	{"dependence_index", "P1", "index", "resource dependence: mean of government revenue share, rescaled revenue concentration and the share of agencies that could not survive the loss of a round"},
	{"acceptance_pass_rate", "P3", "share", "share of tranches passing acceptance"},
	{"government_trust", "", "share", "the department's general trust in social organisations"},
	{"awarded_10k_yuan", "", "10k yuan", "funds awarded during the calendar year (December's round is for the next year)"},
	{"clawed_back_10k_yuan", "", "10k yuan", "funds clawed back at the year's acceptance"},
	{"multi_role_agency_share", "P5", "share", "share of operating agencies whose head is a community director"},
	{"vulnerable_share", "P1", "share", "share of operating agencies whose cash and non-government revenue of the year do not cover the year's cost"},
	{"professional_first_year_exit", "P6", "share", "share of the previous year's professional hires who left within 12 months"},
	{"ring_member_share", "", "share", "share of the agencies bidding at the round that bid as members of an operating bid ring"},
	{"ring_contract_share", "", "share", "share of the round's contracts won by a bid ring's designated bid"},
	{"flag_precision", "", "share", "share of the agencies the bid-rigging screen flagged at the round that bid in a ring within its window"},
	{"flag_recall", "", "share", "share of the agencies that bid in a ring within the screen's window that it flagged at the round"},
	{"window_colluder_share", "", "share", "share of the living agencies at the round that bid in a ring within the screen's window (the precision of flagging at random)"},
}

// Metrics lists every yearly metric in Result column order.
func Metrics() []MetricInfo { return metricTable[:] }

// MetricNames lists the metric names in Result column order.
func MetricNames() []string {
	out := make([]string, NumMetrics)
	for i, m := range metricTable {
		out[i] = m.Name
	}
	return out
}

// yearTally holds counts gathered during the year that metrics need.
type yearTally struct {
	exits, entries int
	passed, total  int
	clawedAtStart  float64
	awardedAtStart float64
}

// measure computes the metrics of project year y at the end of December.
func (m *Model) measure(y int, t *yearTally) []float64 {
	w := m.W
	v := make([]float64, NumMetrics)
	nan := math.NaN()

	// P1: revenue structure over every agency that earned in the year, and
	// the vulnerability of those operating at its end.
	var gov, all, hhiSum, vulnerable, operating float64
	hhiN := 0
	for i := range w.Agencies {
		a := &w.Agencies[i]
		tot := 0.0
		for _, r := range a.Rev {
			tot += math.Max(0, r)
		}
		gov += math.Max(0, a.Rev[agents.SourceGov])
		all += tot
		if !a.Alive {
			continue
		}
		operating++
		if a.Cash+tot-math.Max(0, a.Rev[agents.SourceGov]) < a.Cost {
			vulnerable++
		}
		if tot > 0 {
			h := 0.0
			for _, r := range a.Rev {
				s := math.Max(0, r) / tot
				h += s * s
			}
			hhiSum += h
			hhiN++
		}
	}
	v[GovRevenueShare] = ratio(gov, all)
	v[RevenueHHI] = ratio(hhiSum, float64(hhiN))
	v[VulnerableShare] = ratio(vulnerable, operating)

	// Awards in force for project year y.
	round := m.roundFor(y)
	var funds, mismatch, serviceFunds, overlap float64
	var incumbents, professional, n int
	byAgency := m.scratchAgency()
	served := m.scratchCommunity()
	for _, ci := range round.Contracts {
		c := &w.Contracts[ci]
		cat := &w.S.Categories[c.Category]
		funds += c.Amount
		byAgency[c.Agency] += c.Amount
		n++
		if c.Incumbent {
			incumbents++
		}
		if c.MultiRole {
			overlap += c.Amount
		}
		if w.S.AgencyTypes[c.AgencyType].Professional {
			professional++
		}
		if cat.Kind == "service" {
			serviceFunds += c.Amount
			if !c.Matched {
				mismatch += c.Amount
			}
			served[c.Community] = 1
		}
	}
	hhi := 0.0
	for _, f := range byAgency {
		hhi += (f / funds) * (f / funds)
	}
	v[SupplyMismatch] = ratio(mismatch, serviceFunds)
	v[AwardHHI] = nan
	if funds > 0 {
		v[AwardHHI] = hhi
	}
	v[IncumbencyRate] = nan
	if m.rounds[0].Year != round.Year {
		v[IncumbencyRate] = ratio(float64(incumbents), float64(n))
	}
	v[RoleOverlapShare] = ratio(overlap, funds)
	v[ProfessionalWinnerShare] = ratio(float64(professional), float64(n))
	v[RingMemberShare] = ratio(float64(round.InRing), float64(round.Bidding))
	v[RingContractShare] = ratio(float64(round.RingContracts), float64(n))
	v[FlagPrecision], v[FlagRecall], v[WindowColluderShare] = nan, nan, nan
	if round.Screened {
		v[WindowColluderShare] = ratio(float64(round.Colluders), float64(len(round.Bidders)))
		v[FlagPrecision] = ratio(float64(round.FlaggedColluders), float64(round.Flagged))
		v[FlagRecall] = ratio(float64(round.FlaggedColluders), float64(round.Colluders))
	}

	// P3: show share of contract effort.
	v[ShowEffortShare] = ratio(w.YearShow, w.YearEffort)

	// P2 over served communities, P7 over every community's residents;
	// every community's year is closed.
	var cont, contN, sat, part, unmet, weight float64
	for ci := range w.Communities {
		com := &w.Communities[ci]
		during, after := com.During, com.After
		s, p, u := com.TakeYear()
		nres := float64(com.Hi - com.Lo)
		sat += s * nres
		part += p * nres
		unmet += u * nres
		weight += nres
		if served[ci] == 0 {
			continue
		}
		if during > 0 && m.afterMonths > 0 {
			cont += math.Min(1, (after/float64(m.afterMonths))/(during/float64(m.windowMonths)))
			contN++
		}
	}
	v[ServiceContinuity] = ratio(cont, contN)
	v[ResidentSatisfaction] = ratio(sat, weight)
	v[ResidentParticipation] = ratio(part, weight)
	v[UnmetProfessionalNeed] = ratio(unmet, weight)

	// P6: capacity of the sector's social workers.
	var capSum, profSum, multi, alive float64
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if a.Alive {
			alive++
			capSum += a.Capacity * float64(a.Prof)
			profSum += float64(a.Prof)
			if a.MultiRole {
				multi++
			}
		}
	}
	v[MultiRoleAgencyShare] = ratio(multi, alive)
	v[ProfessionalCapacity] = ratio(capSum, profSum)
	v[ActiveAgencies] = alive
	v[AgencyExits] = float64(t.exits)
	v[AgencyEntries] = float64(t.entries)
	v[AcceptancePassRate] = ratio(float64(t.passed), float64(t.total))
	v[GovernmentTrust] = w.Gov.Trust
	v[AwardedFunds] = w.Gov.Awarded - t.awardedAtStart
	v[ClawedBack] = w.Gov.ClawedBack - t.clawedAtStart
	v[ProfessionalFirstYearExit] = w.FirstYearExit(y - 1)
	v[DependenceIndex] = dependenceIndex(v)
	return v
}

// dependenceIndex is resource dependence (Tuckman and Chang 1991) on one
// [0,1] scale, the same three components every year: the government share
// of revenue, revenue concentration rescaled from [1/K, 1] to [0, 1] over
// the K revenue sources, and the share of operating agencies that could
// not survive the loss of a round. It is NaN when any component is.
func dependenceIndex(v []float64) float64 {
	k := float64(agents.NumSources)
	conc := (v[RevenueHHI] - 1/k) / (1 - 1/k)
	return (v[GovRevenueShare] + conc + v[VulnerableShare]) / 3
}

// ratio is a/b, or NaN when b is zero.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
