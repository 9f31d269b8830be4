package sim

import (
	"cogov/agents"
	"cogov/scenarios"
)

// Calendar answers the model's questions about the procurement calendar
// (BRIEF section 2): which months are service months, the festival's
// capacity, and which project year a round serves.
type Calendar struct {
	c scenarios.Calendar
	// Window is the implementation window of a project year.
	Window agents.Window
	start  int
}

// NewCalendar reads the calendar of scenario s.
func NewCalendar(s *scenarios.Scenario) Calendar {
	return Calendar{c: s.Calendar, Window: agents.WindowOf(&s.Calendar), start: s.StartYear}
}

// Capacity is the share of normal service capacity in month mo: the
// festival capacity in the Spring Festival month, 1 otherwise.
func (k Calendar) Capacity(mo int) float64 {
	if mo == k.c.FestivalMonth {
		return k.c.FestivalCapacity
	}
	return 1
}

// WindowMonths is the number of months in the implementation window.
func (k Calendar) WindowMonths() int { return k.Window.Months() }

// RoundYear is the project year served by a round whose award falls in
// calendar year y: the next year when the award comes after the
// implementation window opens, the same year otherwise.
func (k Calendar) RoundYear(y int) int {
	if k.c.AwardMonth >= k.c.ImplementationStartMonth {
		return y + 1
	}
	return y
}

// RoundDue reports whether project year py starts new contracts: every
// ContractYears years from the start year.
func (k Calendar) RoundDue(py int) bool {
	return (py-k.start)%max(k.c.ContractYears, 1) == 0
}

// AfterMonths are the months after the window over which continuity is
// measured: up to three, within the calendar year.
func (k Calendar) AfterMonths() (from, to int) {
	return k.c.ImplementationEndMonth + 1, min(k.c.ImplementationEndMonth+3, 12)
}
