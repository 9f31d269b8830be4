package agents

// Deliver runs one month (mo of project year y) of service. Each contract
// serving this month (see Window.Serves) asks for its planned worker-months
// spread evenly over the implementation window, times the month's capacity
// capFactor (the Spring Festival lowers it); an agency whose paid workers
// times capFactor fall short of its contracts' asks scales every ask down
// in proportion. Each contract's effort splits into show (the agency's
// Show share) and substance. Show yields ShowYield countable indicators a
// worker-month, substance SubstanceIndicatorYield. Then agencies use their
// idle time for the other channels (channels.go): community purchases,
// continued service, and fees and fundraising; and residents of each
// community served this month volunteer in proportion to their
// participation (三工互动). training receives each city's capacity training
// of the month.
func (w *World) Deliver(y, mo int, win Window, capFactor float64, training []float64) {
	s := w.S
	p := &s.Agencies
	for i := range training {
		training[i] = w.L.Training
	}
	for i := range w.Agencies {
		a := &w.Agencies[i]
		a.subMonth, a.showMonth, a.busyMonth, a.demand, a.serving, a.fundAsk = 0, 0, 0, 0, 0, 0
	}
	months := float64(win.Months())
	for _, ci := range w.Live {
		if c := &w.Contracts[ci]; win.Serves(c, y, mo) {
			a := &w.Agencies[c.Agency]
			a.serving++
			a.demand += c.Planned / months * capFactor
		}
	}
	for _, ci := range w.Live {
		c := &w.Contracts[ci]
		if !win.Serves(c, y, mo) {
			continue
		}
		a := &w.Agencies[c.Agency]
		effort := c.Planned / months * capFactor
		if avail := float64(a.Workers()) * capFactor; a.demand > avail {
			effort *= avail / a.demand
		}
		sub, show := a.work(effort)
		cat := &s.Categories[c.Category]
		if c.Community >= 0 {
			com := &w.Communities[c.Community]
			com.Receive(sub, show, a.Quality(), cat.ElderFocus)
			com.Served = true
		}
		if w.kinds[c.Category] == kindTraining && effort > 0 {
			training[c.City] += p.TrainingGain * (sub / (sub + show))
		}
		c.Effort += show + sub
		c.ShowEffort += show
		c.Countables += show*w.L.ShowYield + sub*p.SubstanceIndicatorYield
		w.YearShow += show
		w.YearEffort += effort
	}
	w.otherChannels(capFactor)
	// Residents volunteer where an agency serves them (三工互动), once a
	// community a month.
	for ci := range w.Communities {
		if com := &w.Communities[ci]; com.Served {
			com.Volunteer(s.Community.VolunteerRate * com.Part * com.Households / 1000 * capFactor)
		}
	}
}

// Upkeep ends the month (model month index month) for agencies: the end
// of first years reached this month, capacity learning, training and
// erosion, wages, the exit rule, turnover and promotion, and staffing towards what their
// work calls for. It returns the number of agencies that exited.
func (w *World) Upkeep(y, month int, windowMonths float64, training []float64) int {
	exits := 0
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive {
			continue
		}
		a.ageCohorts(month)
		updateCapacity(a, &w.S.Agencies, training[a.City])
		if a.PayMonth(w.S) {
			w.Exit(i, month)
			exits++
			continue
		}
		w.turnover(a, month)
		w.adjustStaff(a, w.needed(a, y, windowMonths), month)
	}
	return exits
}

// needed is the workers agency a's work calls for: the planned
// worker-months of its contracts of project years y and y+1 over
// windowMonths, plus its community purchases' monthly money over the
// worker-month cost, plus, when it has chosen to serve on and its runway
// allows and no contract is active, the planned monthly rates of its last
// contracts.
func (w *World) needed(a *Agency, y int, windowMonths float64) float64 {
	n, active := 0.0, false
	for _, ci := range a.Contracts {
		if c := &w.Contracts[ci]; c.Active(y) || c.Active(y+1) {
			n += c.Planned / windowMonths
			active = true
		}
	}
	n += a.purchaseRate
	if !active && w.servesOn(a) {
		for _, r := range a.ServedRate {
			n += r
		}
	}
	return n
}

// StaffUp lets every living agency staff up for its contracts without a
// month passing, as after the first round, awarded before the start.
func (w *World) StaffUp(y int, windowMonths float64) {
	for i := range w.Agencies {
		if a := &w.Agencies[i]; a.Alive {
			w.adjustStaff(a, w.needed(a, y, windowMonths), 0)
		}
	}
}
