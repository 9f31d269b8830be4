package agents

import "math"

// Enter adds new agencies once a year, at the call month:
//
//   - market entrants: Poisson(EntryRate * projects of the coming round),
//     with types drawn by the types' EntryShare and cities in proportion to
//     their communities;
//   - incubated entrants: Poisson(IncubationEntries) for each incubation
//     contract of round last, in the incubating agency's city;
//   - with the dynamics mechanism, Poisson(IncubatedPerYr) professional
//     entrants supported by the incubation network, starting with capacity
//     raised by incubated_capacity_gain and a start-up grant of
//     incubated_grant_months of running cost paid by the government
//     (Government.Granted, government revenue of the entrant) out of the
//     incubation category's budget of the coming round's project year py
//     (the last grant is cut to what is left; once nothing is left no more
//     supported entrants are founded).
//
// A new agency's head is a community director with the city's
// MultiRoleShare. It returns the number of entrants.
func (w *World) Enter(month, py, projects int, last Round) int {
	s := w.S
	n := 0
	var incubators []int
	for _, ci := range last.Contracts {
		if c := &w.Contracts[ci]; w.kinds[c.Category] == kindIncubation {
			incubators = append(incubators, c.City)
		}
	}
	for range poisson(w.rng.Float64, s.Agencies.EntryRate*float64(projects)) {
		w.addEntrant(w.randomCity(), w.randomType(), month)
		n++
	}
	for _, city := range incubators {
		for range poisson(w.rng.Float64, s.Agencies.IncubationEntries) {
			w.addEntrant(city, w.randomType(), month)
			n++
		}
	}
	prof := -1
	for t, at := range s.AgencyTypes {
		if at.Professional {
			prof = t
			break
		}
	}
	if k := w.grantCategory(); prof >= 0 && k >= 0 {
		if w.Gov.grantYear != py {
			w.Gov.grantYear, w.Gov.grantedForYear = py, 0
		}
		for range poisson(w.rng.Float64, w.L.IncubatedPerYr) {
			left := w.categoryBudget(k, py)
			if left <= 0 {
				break // the incubation budget is spent: no more supported entrants
			}
			a := w.addEntrant(w.randomCity(), prof, month)
			grant := math.Min(left, s.Mechanisms.Dynamics.IncubatedGrantMonths*a.MonthlyCost(&s.Agencies))
			a.Capacity = clamp01(a.Capacity + s.Mechanisms.Dynamics.IncubatedCapacityGain)
			a.Earn(SourceGov, grant)
			w.Gov.Granted += grant
			w.Gov.grantedForYear += grant
			n++
		}
	}
	return n
}

func (w *World) addEntrant(city, t, month int) *Agency {
	return w.addAgency(city, t, month, w.Cities[city].MultiRoleShare, true)
}

// randomCity draws a city with probability proportional to its communities.
func (w *World) randomCity() int {
	u := w.rng.IntN(len(w.Communities))
	return w.Communities[u].City
}

// randomType draws an agency type by EntryShare.
func (w *World) randomType() int {
	total := 0.0
	for _, t := range w.S.AgencyTypes {
		total += t.EntryShare
	}
	u := w.rng.Float64() * total
	for i, t := range w.S.AgencyTypes {
		u -= t.EntryShare
		if u < 0 {
			return i
		}
	}
	return len(w.S.AgencyTypes) - 1
}

// poisson draws a Poisson(lambda) count by Knuth's method (lambda is small
// here), or by a normal approximation above 30.
func poisson(u func() float64, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		x := 0.0
		// Box-Muller from two uniforms keeps the single stream's order.
		r := math.Sqrt(-2*math.Log(1-u())) * math.Cos(2*math.Pi*u())
		x = lambda + math.Sqrt(lambda)*r
		return max(0, int(math.Round(x)))
	}
	l := math.Exp(-lambda)
	k, p := 0, 1.0
	for {
		p *= u()
		if p <= l {
			return k
		}
		k++
	}
}
