package agents

import (
	"math"

	"cogov/scenarios"
)

// Government is the provincial civil-affairs department: it holds the
// purchase budget, scores bids, pays, accepts and claws back, and learns to
// trust agencies from experience. Its money ledger satisfies
// Awarded = Paid + ClawedBack + Withheld + Outstanding at every step.
type Government struct {
	// Trust is the department's general trust in social organisations
	// (试探 -> 尝试 -> 坚定): a running mean of acceptance pass rates.
	Trust float64
	// Ledger, 10,000 yuan.
	Awarded, Paid, ClawedBack, Withheld, Outstanding float64
	// Granted sums the start-up grants paid to entrants the dynamics
	// mechanism's incubation network supports (outside the contract
	// ledger); grantYear and grantedForYear hold the grants paid for the
	// coming round's project year, which come out of its incubation budget.
	Granted        float64
	grantYear      int
	grantedForYear float64
}

// GrantsFor is the start-up grants paid out of project year y's budget.
func (g *Government) GrantsFor(y int) float64 {
	if g.grantYear == y {
		return g.grantedForYear
	}
	return 0
}

// Budget is the purchase budget of project year y: the full budget times the
// pilot share of the first years.
func Budget(s *scenarios.Scenario, y int) float64 {
	return s.Government.BudgetTenKYuan * PilotShare(s, y)
}

// PilotShare is the share of the full budget spent in project year y:
// pilot_budget_shares in the first years, 1 after them.
func PilotShare(s *scenarios.Scenario, y int) float64 {
	if k := y - s.StartYear; k >= 0 && k < len(s.Government.PilotBudgetShares) {
		return s.Government.PilotBudgetShares[k]
	}
	return 1
}

// pay transfers money from the government to the contract's agency.
func (g *Government) pay(c *Contract, a *Agency, amount float64) {
	c.Paid += amount
	c.Outstanding -= amount
	g.Paid += amount
	g.Outstanding -= amount
	a.Earn(SourceGov, amount)
}

// terminate withholds what is still outstanding on a contract.
func (g *Government) terminate(c *Contract) {
	c.Withheld += c.Outstanding
	g.Withheld += c.Outstanding
	g.Outstanding -= c.Outstanding
	c.Outstanding = 0
	c.Terminated = true
}

// StartTranche opens contract c's tranche for a new project year: the
// delivery accounting is cleared, the planned worker-months are the
// tranche's labour share over the worker-month cost, and the advance is
// paid.
func (w *World) StartTranche(c *Contract) {
	a := &w.Agencies[c.Agency]
	t := c.Tranche()
	c.Effort, c.ShowEffort, c.Countables = 0, 0, 0
	c.Planned = t * w.S.Agencies.LabourShare / w.S.Agencies.WorkerMonthCostTenKYuan
	c.TrancheAdvance = math.Min(c.Outstanding, w.S.Government.AdvanceShare*t)
	w.Gov.pay(c, a, c.TrancheAdvance)
}

// Accept evaluates every live contract's tranche of project year y
// (评估验收). The score mixes countable indicators (or, when audited,
// substance actually delivered) with residents' vote and satisfaction:
//
//	score = (1 - wR - wS)*I + wR*rating + wS*satisfaction
//
// where I = min(1, countables / (IndicatorTarget*TargetScale*planned)), or,
// when audited, I = min(1, substance worker-months /
// (AuditTarget*TargetScale*planned)). A tranche that
// scores at least AcceptanceThreshold is paid in full; one that fails has
// ClawBackShare of its advance taken back and the contract ends. Trust in
// the agency moves towards the score; an audit that finds show-only work
// (show above half of effort) cuts trust by ExposurePenalty. The agency
// learns from the year's payoff, which these payments and claw-backs enter
// (see Learn).
func (w *World) Accept(y int) (passed, total int) {
	s := w.S
	g := &w.Gov
	for _, ci := range w.Live {
		c := &w.Contracts[ci]
		if !c.Active(y) {
			continue
		}
		a := &w.Agencies[c.Agency]
		// Indicators are counted against a target in indicator units;
		// substance (worker-months) against one in worker-months.
		counted := math.Min(1, c.Countables/(s.Agencies.IndicatorTarget*w.L.TargetScale*c.Planned))
		substance := math.Min(1, (c.Effort-c.ShowEffort)/(s.Supervision.AuditTarget*w.L.TargetScale*c.Planned))
		c.Audited = w.rng.Float64() < w.L.Audit
		ind := counted
		exposed := false
		if c.Audited {
			ind = substance
			exposed = c.Effort > 0 && c.ShowEffort/c.Effort > s.Supervision.ExposureShowShare
		}
		rating, sat := ind, ind
		if c.Community >= 0 {
			rating, sat = w.Communities[c.Community].Judged(s.Categories[c.Category].ElderFocus)
		}
		wI := 1 - w.L.RatingWeight - w.L.SatWeight
		score := wI*ind + w.L.RatingWeight*rating + w.L.SatWeight*sat
		c.Score = score
		c.Passed = score >= s.Government.AcceptanceThreshold
		if c.Passed {
			g.pay(c, a, c.Tranche()-c.TrancheAdvance)
			if c.FirstYear+c.Years-1 == y {
				c.Finished = true
			}
			passed++
		} else {
			claw := s.Government.ClawBackShare * c.TrancheAdvance
			c.Paid -= claw
			c.ClawedBack += claw
			g.Paid -= claw
			g.ClawedBack += claw
			a.Earn(SourceGov, -claw)
			g.terminate(c)
		}
		total++
		a.Trust = clamp01(a.Trust + s.Government.TrustLearningRate*(score-a.Trust))
		if exposed {
			a.Trust *= 1 - s.Supervision.ExposurePenalty
		}
		if c.Community >= 0 {
			a.Perf = rating
		}
	}
	if total > 0 {
		g.Trust += s.Government.TrustLearningRate * (float64(passed)/float64(total) - g.Trust)
	}
	for _, ci := range w.Live {
		c := &w.Contracts[ci]
		if c.Closed() {
			w.Agencies[c.Agency].dropContract(ci)
		}
	}
	w.pruneLive()
	return passed, total
}

// dropContract removes contract ci from the agency's live list.
func (a *Agency) dropContract(ci int) {
	for j, x := range a.Contracts {
		if x == ci {
			a.Contracts = append(a.Contracts[:j], a.Contracts[j+1:]...)
			return
		}
	}
}
