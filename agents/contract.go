package agents

import "cogov/scenarios"

// Contract is one purchased project: a category, a winning agency, the
// community it serves (service categories only) and its money ledger.
//
// Money is in units of 10,000 yuan. The ledger always satisfies
// Amount = Paid + ClawedBack + Withheld + Outstanding, where Paid is what the
// agency keeps, ClawedBack what it returned after failing acceptance,
// Withheld what was never paid (failed tranches, terminated contracts) and
// Outstanding what is not yet due.
type Contract struct {
	ID        int
	Category  int
	Agency    int
	Community int // -1 for categories with no community
	FirstYear int // first project year
	Years     int // contract length in project years
	Amount    float64

	// Ledger.
	Paid, ClawedBack, Withheld, Outstanding float64
	// TrancheAdvance is the advance paid on the current year's tranche.
	TrancheAdvance float64
	// Terminated is set when the contract ends early (failed acceptance or
	// the agency's exit).
	Terminated bool
	// Finished is set when the last tranche has been accepted.
	Finished bool

	// Delivery accounting of the current tranche (worker-months).
	Effort, ShowEffort, Countables float64
	// Planned is the worker-months the tranche's money buys.
	Planned float64

	// Award facts, kept for metrics.
	Incumbent  bool // the agency held a contract in the previous round
	MultiRole  bool // the agency's head held a community post at award
	Matched    bool // the agency's type matches the category's product
	Ring       bool // won by a bid ring's designated bid
	AgencyType int
	City       int
	// Score is the last acceptance score (NaN before the first acceptance).
	Score float64
	// Audited and Passed describe the last acceptance.
	Audited, Passed bool
}

// Active reports whether the contract covers project year y and has not
// been terminated.
func (c *Contract) Active(y int) bool {
	return !c.Terminated && y >= c.FirstYear && y < c.FirstYear+c.Years
}

// Closed reports whether the contract no longer runs.
func (c *Contract) Closed() bool { return c.Terminated || c.Finished }

// Tranche is the amount due for one project year.
func (c *Contract) Tranche() float64 { return c.Amount / float64(c.Years) }

// Window is the implementation window of each project year, in months.
type Window struct{ Start, End int }

// WindowOf is the implementation window of calendar cal.
func WindowOf(cal *scenarios.Calendar) Window {
	return Window{Start: cal.ImplementationStartMonth, End: cal.ImplementationEndMonth}
}

// Months is the number of months in the window.
func (w Window) Months() int { return w.End - w.Start + 1 }

// Serves reports whether contract c delivers service in month mo of project
// year y: inside the window of a year it covers, and, for multi-year
// contracts, also between the windows of two consecutive years it covers
// (the service does not stop between tranches).
func (w Window) Serves(c *Contract, y, mo int) bool {
	if c.Terminated || !c.Active(y) {
		return false
	}
	switch {
	case mo >= w.Start && mo <= w.End:
		return true
	case mo > w.End:
		return c.Active(y + 1)
	default:
		return c.Active(y - 1)
	}
}
