package agents

import "math"

// Deliver runs one month (mo of project year y) of service. Every agency
// splits its paid workers, times the month's capacity capFactor (the Spring
// Festival lowers it), evenly across its contracts serving this month (see
// Window.Serves), and each share splits into show (the agency's Show share) and
// substance; residents volunteer into service contracts in proportion to
// their community's participation (三工互动). Show yields ShowYield
// countable indicators a worker-month, substance SubstanceIndicatorYield.
// Then money from outside procurement buys continued service: each
// community spends PurchaseShare of its service fund on its director's
// agency (unless purchases must be open) or else the agency of its last
// contract, and the charity pool goes to agencies in proportion to
// residents' rating of their work times their capacity; either money buys
// idle workers' time in the communities the agency serves. It returns the
// training each city's agencies receive this month.
func (w *World) Deliver(y, mo int, win Window, capFactor float64, training []float64) {
	s := w.S
	p := &s.Agencies
	for i := range training {
		training[i] = w.L.Training
	}
	for i := range w.Agencies {
		a := &w.Agencies[i]
		a.subMonth, a.busyMonth = 0, 0
	}
	for _, ci := range w.Live {
		c := &w.Contracts[ci]
		if !win.Serves(c, y, mo) {
			continue
		}
		a := &w.Agencies[c.Agency]
		n := 0
		for _, cj := range a.Contracts {
			if win.Serves(&w.Contracts[cj], y, mo) {
				n++
			}
		}
		effort := float64(a.Workers()) * capFactor / float64(n)
		show := effort * a.Show
		sub := effort - show
		cat := &s.Categories[c.Category]
		if c.Community >= 0 {
			com := &w.Communities[c.Community]
			vol := s.Community.VolunteerRate * com.Part * com.Households / 1000 * capFactor
			com.Receive(sub, show, a.Quality(), cat.ElderFocus)
			com.Receive(vol, 0, 0, cat.ElderFocus)
			com.Served = true
			sub += vol
		}
		if cat.Kind == "training" && effort > 0 {
			training[c.City] += p.TrainingGain * (sub / (sub + show))
		}
		c.Effort += show + sub
		c.ShowEffort += show
		c.Countables += show*w.L.ShowYield + sub*p.SubstanceIndicatorYield
		a.busyMonth += effort
		a.subMonth += effort - show
		w.YearShow += show
		w.YearEffort += effort
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
		a.Earn(SourceCommunity, money)
		w.serve(a, com, money/cost, capFactor)
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
		a.Earn(SourceCharity, money)
		per := money / cost / float64(len(a.Served))
		for _, id := range a.Served {
			w.serve(a, &w.Communities[id], per, capFactor)
		}
	}
}

// serve delivers up to wm worker-months of the agency's idle time to com.
func (w *World) serve(a *Agency, com *Community, wm, capFactor float64) {
	idle := float64(a.Workers())*capFactor - a.busyMonth
	e := math.Min(wm, idle)
	if e <= 0 {
		return
	}
	show := e * a.Show
	com.Receive(e-show, show, a.Quality(), 0)
	a.busyMonth += e
	a.subMonth += e - show
}

// Upkeep ends the month for agencies: capacity learning and training,
// wages and fees, the exit rule, and staffing towards what their contracts
// call for (planned worker-months over windowMonths). It returns the number
// of agencies that exited.
func (w *World) Upkeep(y, month int, windowMonths float64, training []float64) int {
	exits := 0
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive {
			continue
		}
		a.UpdateCapacity(&w.S.Agencies, training[a.City])
		if a.PayMonth(w.S) {
			w.Exit(i, month)
			exits++
			continue
		}
		needed := 0.0
		for _, ci := range a.Contracts {
			if c := &w.Contracts[ci]; c.Active(y) || c.Active(y+1) {
				needed += c.Planned / windowMonths
			}
		}
		a.AdjustStaff(w.S, needed, w.rng)
	}
	return exits
}
