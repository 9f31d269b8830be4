// Package sim runs the cogov model: the monthly calendar, the main loop
// over agents, one random stream per run, and the yearly metrics.
package sim

import (
	"fmt"

	"cogov/agents"
	"cogov/scenarios"
)

// Model is one run of a scenario: the world of agents, its calendar and its
// clock. Create it with New and advance it with StepMonth or RunYears.
type Model struct {
	W   *agents.World
	Cal Calendar

	// Year and Month are the clock of the next month to run.
	Year, Month int

	rounds       []agents.Round
	tally        yearTally
	training     []float64
	windowMonths int
	afterMonths  int
	byAgency     []float64
	served       []float64
	rows         [][]float64
	years        []int
	// CheckEveryYear runs the ledger and population invariants at the end
	// of each year and stops the run on the first violation.
	CheckEveryYear bool
	// RecordAgents keeps agency-year micro-data for the Result.
	RecordAgents bool
	agencyYears  []AgencyYear
	err          error
	// Running counts of agencies for the invariants.
	initialAgencies, totalEntries, totalExits int
}

// New builds run number run of scenario s with master seed seed. The first
// procurement round (the one held before the start year) is run at once.
func New(s *scenarios.Scenario, seed, run uint64) (*Model, error) {
	w, err := agents.NewWorld(s, Stream(seed, run))
	if err != nil {
		return nil, err
	}
	m := &Model{W: w, Cal: NewCalendar(s), Year: s.StartYear, Month: 1}
	m.training = make([]float64, len(w.CityNames))
	m.windowMonths = m.Cal.WindowMonths()
	from, to := m.Cal.AfterMonths()
	m.afterMonths = max(0, to-from+1)
	m.initialAgencies = len(w.Agencies)
	m.award(s.StartYear)
	w.StaffUp(s.StartYear, float64(m.windowMonths))
	// The first round belongs to the year before the start.
	m.tally = yearTally{awardedAtStart: w.Gov.Awarded}
	return m, nil
}

func (m *Model) award(py int) {
	m.rounds = append(m.rounds, m.W.AwardRound(py))
}

// StepMonth runs one month: tranches open at the start of the window,
// communities choose their suppliers in January, agencies deliver and residents respond, the month's calendar events
// (acceptance, call, award) happen, agencies pay and adjust their staff,
// and, in December, the year's metrics are recorded.
func (m *Model) StepMonth() {
	w := m.W
	s := w.S
	cal := &s.Calendar
	y, mo := m.Year, m.Month
	if mo == cal.ImplementationStartMonth {
		for _, ci := range w.Live {
			if c := &w.Contracts[ci]; c.FirstYear < y && c.Active(y) {
				w.StartTranche(c)
			}
		}
	}
	if mo == 1 {
		w.ChooseSuppliers()
	}
	capFactor := m.Cal.Capacity(mo)
	w.Deliver(y, mo, m.Cal.Window, capFactor, m.training)
	from, to := m.Cal.AfterMonths()
	staffRate := s.Community.StaffServiceRate * capFactor
	for ci := range w.Communities {
		com := &w.Communities[ci]
		switch {
		case mo >= cal.ImplementationStartMonth && mo <= cal.ImplementationEndMonth:
			com.During += com.AgencyEffort()
		case mo >= from && mo <= to:
			com.After += com.AgencyEffort()
		}
		w.ResidentsMonth(ci, staffRate)
	}
	if mo == cal.AcceptanceMonth {
		p, t := w.Accept(y)
		m.tally.passed += p
		m.tally.total += t
	}
	if mo == cal.CallMonth {
		w.Learn()
		py := m.Cal.RoundYear(y)
		if m.Cal.RoundDue(py) && py > s.StartYear {
			n := w.Enter(m.monthIndex(), py, m.projects(py), m.rounds[len(m.rounds)-1])
			m.tally.entries += n
			m.totalEntries += n
		}
	}
	if mo == cal.AwardMonth {
		if py := m.Cal.RoundYear(y); m.Cal.RoundDue(py) && py > s.StartYear {
			m.award(py)
		}
	}
	// Upkeep comes last, so that agencies staff up in the month they win.
	exits := w.Upkeep(y, m.monthIndex(), float64(m.windowMonths), m.training)
	m.tally.exits += exits
	m.totalExits += exits
	if mo == 12 {
		m.closeYear(y)
	}
	m.Month++
	if m.Month > 12 {
		m.Month = 1
		m.Year++
	}
}

// closeYear records the year's metrics and rolls agencies' books.
func (m *Model) closeYear(y int) {
	w := m.W
	m.rows = append(m.rows, m.measure(y, &m.tally))
	m.years = append(m.years, y)
	if m.RecordAgents {
		m.recordAgencies(y)
	}
	for i := range w.Agencies {
		w.Agencies[i].CloseYear()
	}
	w.YearShow, w.YearEffort = 0, 0
	m.tally = yearTally{clawedAtStart: w.Gov.ClawedBack, awardedAtStart: w.Gov.Awarded}
	if m.CheckEveryYear && m.err == nil {
		if err := m.Check(); err != nil {
			m.err = fmt.Errorf("year %d: %w", y, err)
		}
	}
}

func (m *Model) monthIndex() int { return (m.Year-m.W.S.StartYear)*12 + m.Month - 1 }

// projects counts the projects of project year py's round.
func (m *Model) projects(py int) int { return len(m.W.Projects(py)) }

// roundFor is the round whose contracts are in force in project year y.
func (m *Model) roundFor(y int) agents.Round {
	r := m.rounds[0]
	for _, x := range m.rounds {
		if x.Year <= y {
			r = x
		}
	}
	return r
}

// scratchAgency and scratchCommunity return zeroed buffers reused from
// year to year.
func (m *Model) scratchAgency() []float64 {
	m.byAgency = zeroed(m.byAgency, len(m.W.Agencies))
	return m.byAgency
}

func (m *Model) scratchCommunity() []float64 {
	m.served = zeroed(m.served, len(m.W.Communities))
	return m.served
}

func zeroed(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// RunYears runs whole years and returns the first invariant violation when
// CheckEveryYear is set.
func (m *Model) RunYears(n int) error {
	for range 12 * n {
		m.StepMonth()
		if m.err != nil {
			return m.err
		}
	}
	return nil
}
