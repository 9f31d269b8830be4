package agents

import "math"

// Deliver runs one month (mo of project year y) of service. Every agency
// splits its paid workers, times the month's capacity capFactor (the Spring
// Festival lowers it), evenly across its contracts serving this month (see
// Window.Serves), and each share splits into show (the agency's Show share) and
// substance; residents of each community a contract serves volunteer in
// proportion to their participation (三工互动). Show yields ShowYield
// countable indicators a worker-month, substance SubstanceIndicatorYield.
// Then money from outside procurement buys continued service: each
// community spends PurchaseShare of its service fund on its director's
// agency (unless purchases must be open) or else the agency of its last
// contract, and the charity pool goes to agencies in proportion to
// residents' rating of their work times their capacity; either money buys
// idle workers' time in the communities the agency serves, and pays only
// for the time given. training receives each city's capacity training of
// the month.
func (w *World) Deliver(y, mo int, win Window, capFactor float64, training []float64) {
	s := w.S
	p := &s.Agencies
	for i := range training {
		training[i] = w.L.Training
	}
	for i := range w.Agencies {
		a := &w.Agencies[i]
		a.subMonth, a.busyMonth, a.serving = 0, 0, 0
	}
	for _, ci := range w.Live {
		if c := &w.Contracts[ci]; win.Serves(c, y, mo) {
			w.Agencies[c.Agency].serving++
		}
	}
	for _, ci := range w.Live {
		c := &w.Contracts[ci]
		if !win.Serves(c, y, mo) {
			continue
		}
		a := &w.Agencies[c.Agency]
		effort := float64(a.Workers()) * capFactor / float64(a.serving)
		show := effort * a.Show
		sub := effort - show
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
		a.busyMonth += effort
		a.subMonth += sub
		w.YearShow += show
		w.YearEffort += effort
	}
	// Residents volunteer where a contract serves them (三工互动), once a
	// community a month.
	for ci := range w.Communities {
		if com := &w.Communities[ci]; com.Served {
			com.Volunteer(s.Community.VolunteerRate * com.Part * com.Households / 1000 * capFactor)
		}
	}
	w.nonGovService(capFactor)
}

// nonGovService books community purchases and charity and the continued
// service they buy.
func (w *World) nonGovService(capFactor float64) {
	s := w.S
	cost := s.Agencies.WorkerMonthCostTenKYuan
	for ci := range w.Communities {
		com := &w.Communities[ci]
		money := com.ServiceFund * w.L.PurchaseShare / 12
		to := com.LastAgency
		if !w.L.OpenPurchase && com.Director >= 0 {
			to = com.Director
		}
		if money <= 0 || to < 0 || !w.Agencies[to].Alive {
			continue
		}
		a := &w.Agencies[to]
		a.Earn(SourceCommunity, cost*w.serve(a, com, money/cost, capFactor))
	}
	if w.L.CharityPool <= 0 {
		return
	}
	total := 0.0
	for i := range w.Agencies {
		if a := &w.Agencies[i]; a.Alive && len(a.Served) > 0 {
			total += a.Perf * a.Capacity
		}
	}
	if total <= 0 {
		return
	}
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive || len(a.Served) == 0 {
			continue
		}
		money := w.L.CharityPool / 12 * a.Perf * a.Capacity / total
		per := money / cost / float64(len(a.Served))
		for _, id := range a.Served {
			a.Earn(SourceCharity, cost*w.serve(a, &w.Communities[id], per, capFactor))
		}
	}
}

// serve delivers up to wm worker-months of the agency's idle time to com
// and returns the worker-months delivered: money from outside procurement
// pays only for service given.
func (w *World) serve(a *Agency, com *Community, wm, capFactor float64) float64 {
	e := math.Min(wm, a.Idle(capFactor))
	if e <= 0 {
		return 0
	}
	show := e * a.Show
	com.Receive(e-show, show, a.Quality(), 0)
	a.busyMonth += e
	a.subMonth += e - show
	return e
}

// Upkeep ends the month for agencies: capacity learning and training,
// wages and fees, the exit rule, and staffing towards what their contracts
// call for (planned worker-months over windowMonths). It returns the number
// of agencies that exited.
func (w *World) Upkeep(y, month int, capFactor, windowMonths float64, training []float64) int {
	exits := 0
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive {
			continue
		}
		a.UpdateCapacity(&w.S.Agencies, training[a.City])
		if a.PayMonth(w.S, capFactor) {
			w.Exit(i, month)
			exits++
			continue
		}
		a.AdjustStaff(w.S, w.needed(a, y, windowMonths), w.rng)
	}
	return exits
}

// needed is the workers agency a's contracts of project years y and y+1 call
// for: their planned worker-months over windowMonths.
func (w *World) needed(a *Agency, y int, windowMonths float64) float64 {
	n := 0.0
	for _, ci := range a.Contracts {
		if c := &w.Contracts[ci]; c.Active(y) || c.Active(y+1) {
			n += c.Planned / windowMonths
		}
	}
	return n
}

// StaffUp lets every living agency staff up for its contracts without a
// month passing, as after the first round, awarded before the start.
func (w *World) StaffUp(y int, windowMonths float64) {
	for i := range w.Agencies {
		if a := &w.Agencies[i]; a.Alive {
			a.AdjustStaff(w.S, w.needed(a, y, windowMonths), w.rng)
		}
	}
}
