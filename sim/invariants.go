package sim

import (
	"fmt"
	"math"

	"cogov/agents"
)

// Check verifies the model's invariants: the government's ledger balances
// (awarded = paid + clawed back + withheld + outstanding) and agrees with
// the sum of contract ledgers and with agencies' government revenue; every
// agency's cash equals its starting cash plus revenue minus cost; no agency
// operates past the exit rule; the counts of agencies add up; residents'
// satisfaction is finite and in [0,1] and their participation 0 or 1.
func (m *Model) Check() error {
	w := m.W
	g := &w.Gov
	const tol = 1e-6
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(a)+math.Abs(b)) }
	if !near(g.Awarded, g.Paid+g.ClawedBack+g.Withheld+g.Outstanding) {
		return fmt.Errorf("government ledger: awarded %.6f != paid %.6f + clawed back %.6f + withheld %.6f + outstanding %.6f",
			g.Awarded, g.Paid, g.ClawedBack, g.Withheld, g.Outstanding)
	}
	var amount, paid, clawed, withheld, outstanding float64
	for i := range w.Contracts {
		c := &w.Contracts[i]
		amount += c.Amount
		paid += c.Paid
		clawed += c.ClawedBack
		withheld += c.Withheld
		outstanding += c.Outstanding
		if !near(c.Amount, c.Paid+c.ClawedBack+c.Withheld+c.Outstanding) {
			return fmt.Errorf("contract %d ledger does not balance", c.ID)
		}
	}
	if !near(amount, g.Awarded) || !near(paid, g.Paid) || !near(clawed, g.ClawedBack) ||
		!near(withheld, g.Withheld) || !near(outstanding, g.Outstanding) {
		return fmt.Errorf("contract ledgers (%.6f) disagree with the government's (%.6f)", amount, g.Awarded)
	}
	govRev := 0.0
	alive := 0
	for i := range w.Agencies {
		a := &w.Agencies[i]
		govRev += a.RevTotal[agents.SourceGov]
		rev := 0.0
		for _, r := range a.RevTotal {
			rev += r
		}
		if !near(a.Cash, a.CashStart+rev-a.CostTotal) {
			return fmt.Errorf("agency %d: cash %.6f != start %.6f + revenue %.6f - cost %.6f", a.ID, a.Cash, a.CashStart, rev, a.CostTotal)
		}
		if a.Alive {
			alive++
			if a.PastGrace(&w.S.Agencies) {
				return fmt.Errorf("agency %d operates with negative cash for %d months", a.ID, a.NegMonths)
			}
		}
	}
	if !near(govRev, g.Paid+g.Granted) {
		return fmt.Errorf("agencies' government revenue %.6f != government paid %.6f + granted %.6f", govRev, g.Paid, g.Granted)
	}
	if got := m.initialAgencies + m.totalEntries - m.totalExits; got != alive || len(w.Agencies) != m.initialAgencies+m.totalEntries {
		return fmt.Errorf("agency counts: %d initial + %d entries - %d exits != %d alive (of %d)",
			m.initialAgencies, m.totalEntries, m.totalExits, alive, len(w.Agencies))
	}
	r := &w.Residents
	for i := range r.Sat {
		s, p := float64(r.Sat[i]), r.Part[i]
		if !(s >= 0 && s <= 1) || p > 1 {
			return fmt.Errorf("resident %d: satisfaction %v outside [0,1] or participation %d not 0 or 1", i, s, p)
		}
	}
	return nil
}
