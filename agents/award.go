package agents

import (
	"math"

	"cogov/scenarios"
)

// Round is what one procurement round produced, for metrics.
type Round struct {
	Year int
	// Contracts are the indices of the round's contracts.
	Contracts []int
	// Bidders are the agencies alive at the round, as they stood when it
	// opened, with the contracts each won (the award regression's rows).
	Bidders []Bidder
	// Bidding counts the agencies with a free slot; InRing those of them
	// that bid as members of an operating ring; RingContracts the
	// contracts won by a ring's designated bid.
	Bidding, InRing, RingContracts int
	// Screened is set when the bid-rigging screen ran at the round (under
	// selective bidding, with rounds recorded). Flagged counts the living
	// agencies in flagged groups, Colluders the living agencies that bid
	// in an operating ring at a round of the screen's window,
	// FlaggedColluders both, Debarred those an investigation found and
	// excluded from the round.
	Screened                                       bool
	Flagged, Colluders, FlaggedColluders, Debarred int
}

// Bidder is one agency's standing at a round and what it won there.
type Bidder struct {
	Agency, Type int
	// CityEntry is the index of the agency's city entry in the scenario
	// (replicated copies of one entry share it).
	CityEntry int
	// Quality is capacity times the professional fraction of staff; Trust
	// the government's trust in the agency.
	Quality, Trust float64
	MultiRole      bool
	// Bids and Wins count the projects the agency bid for (cover bids
	// included) and won; InRing is set when it bid in an operating ring.
	Bids, Wins int
	InRing     bool
}

// AwardRound runs the competitive consultation (竞争性磋商) for contracts
// starting in project year y. The budget is split into projects by category
// share and size (Table 1). Projects are awarded one by one in random order.
// With bids_per_slot 0 every living eligible agency with a free slot bids
// for each; otherwise the bids are laid out first (planBids: agencies
// alone choose projects at random, bid rings coordinate), a bid is valid
// when its agency still has a free slot, and a project without a valid bid
// goes to a second call that every eligible agency with a free slot
// enters. Bids are scored as
//
//	score = wC*quality + wR*reputation + wT*ties + wP*price + wM*match + noise
//
// with quality = capacity * professional fraction of staff, reputation =
// (1-perfWeight)*trust + perfWeight*residents' rating, ties = own ties +
// the city's proximity to the department (+ multi-role bonus already in
// ties), price = the bid's discount (the type's, or ring_price_share of it
// for a ring's designated bid), match = 1 when the agency's type is the
// category's matched type, noise ~ Normal(0, ReviewNoise); cover bids are
// not scored. With risk control on, an award that ties alone decided (the
// best tie-free score belongs to another bidder) is detected with
// probability Detection, voided and given to that bidder, and the first
// winner loses trust and ties; under selective bidding the bid-rigging
// screen also runs before the bids (investigate).
func (w *World) AwardRound(y int) Round {
	s := w.S
	gp := &s.Government
	r := Round{Year: y}
	projects := w.Projects(y)
	w.rng.Shuffle(len(projects), func(i, j int) { projects[i], projects[j] = projects[j], projects[i] })
	selective := s.Agencies.BidsPerSlot > 0
	debarred := w.investigate(y, &r)

	slots := make([]int, len(w.Agencies))
	bids := make([]int, len(w.Agencies))
	for i := range w.Agencies {
		a := &w.Agencies[i]
		a.WonLastRound, a.WonThisRound = a.WonThisRound, 0
		a.servedThisRound = false
		if a.Alive {
			if !debarred[i] {
				slots[i] = Slots(a, gp)
			}
			// Preparing bids costs money whether they win or not.
			if bc := s.Agencies.BidCostTenKYuan * float64(slots[i]); bc > 0 {
				a.spend(bc)
			}
			if slots[i] > 0 {
				r.Bidding++
			}
			r.Bidders = append(r.Bidders, Bidder{
				Agency: i, Type: a.Type, CityEntry: w.CityEntry[a.City],
				Quality: a.Quality(), Trust: a.Trust, MultiRole: a.MultiRole,
			})
		}
	}
	var plan [][]tender
	var rec roundBids
	if selective {
		plan = w.planBids(projects, slots, w.formRings(y, slots))
		for i := range w.Agencies {
			if w.Agencies[i].InRing {
				r.InRing++
			}
		}
	}
	lottery := gp.AwardRule == "lottery"
	load := make([]int, len(w.Communities)) // contracts placed in each community
	// won[k*cities+c] counts category k's awards to city c this round.
	won := make([]int, len(s.Categories)*len(w.Cities))
	var bidders []int32
	for p, pr := range projects {
		k := pr.Category
		cat := &s.Categories[k]
		capped := func(city int) bool {
			return cat.MaxPerCity > 0 && won[k*len(w.Cities)+city] >= cat.MaxPerCity
		}
		best, bestFree := -1, -1
		bestScore, bestFreeScore := math.Inf(-1), math.Inf(-1)
		bestRing, bestFreeRing := false, false
		consider := func(i int, ring bool) {
			a := &w.Agencies[i]
			free, score := w.bidScore(a, k, w.bidDiscount(a, ring), lottery)
			if score > bestScore {
				best, bestScore, bestRing = i, score, ring
			}
			if free > bestFreeScore {
				bestFree, bestFreeScore, bestFreeRing = i, free, ring
			}
		}
		bidders = bidders[:0]
		if selective {
			for _, t := range plan[p] {
				bids[t.agency]++
				bidders = append(bidders, int32(t.agency))
				if !t.cover && slots[t.agency] > 0 && !capped(w.Agencies[t.agency].City) {
					consider(t.agency, t.ring)
				}
			}
		}
		if best < 0 { // every project without selective bidding; a single-source purchase with it
			for i := range w.Agencies {
				a := &w.Agencies[i]
				if slots[i] == 0 || !w.openTo(a, pr) || capped(a.City) {
					continue
				}
				if !selective {
					bids[i]++
				}
				consider(i, false)
			}
			if selective && best >= 0 {
				// Single-source purchase: the record holds the one supplier.
				bids[best]++
				bidders = append(bidders[:0], int32(best))
			}
		}
		if selective {
			rec.add(pr, bidders)
		}
		if best < 0 {
			continue // no eligible agency has a free slot
		}
		if bestFree != best && w.L.Detection > 0 && w.rng.Float64() < w.L.Detection {
			w.Agencies[best].expose(s)
			best, bestRing = bestFree, bestFreeRing
		}
		slots[best]--
		won[k*len(w.Cities)+w.Agencies[best].City]++
		if bestRing {
			r.RingContracts++
		}
		ci := w.contract(k, best, y, load, w.bidDiscount(&w.Agencies[best], bestRing))
		w.Contracts[ci].Ring = bestRing
		r.Contracts = append(r.Contracts, ci)
	}
	if selective {
		w.record(rec)
	}
	for j := range r.Bidders {
		b := &r.Bidders[j]
		b.Bids, b.Wins = bids[b.Agency], w.Agencies[b.Agency].WonThisRound
		b.InRing = w.Agencies[b.Agency].InRing
	}
	// Symbolic capital: everyone's ties decay; wins and community
	// purchases add ties, more for those who already hold many; a director
	// post adds ties every round.
	for i := range w.Agencies {
		w.Agencies[i].updateTies(&s.Agencies)
	}
	return r
}

// bidDiscount is the discount agency a's bid offers: its type's, times
// ring_price_share for a ring's designated bid.
func (w *World) bidDiscount(a *Agency, ring bool) float64 {
	d := w.S.AgencyTypes[a.Type].Discount
	if ring {
		d *= w.S.Agencies.RingPriceShare
	}
	return d
}

// bidScore scores agency a's bid for a project of category k at the given
// discount: free is the score without ties, score with them (ODD 7.3).
// Under the lottery null both are one uniform draw; otherwise the review
// noise is one normal draw.
func (w *World) bidScore(a *Agency, k int, discount float64, lottery bool) (free, score float64) {
	gp := &w.S.Government
	if lottery {
		// Null model: scores weigh nothing; the highest uniform draw wins,
		// so every eligible bid is equally likely.
		free = w.rng.Float64()
		return free, free
	}
	rep := (1-w.L.PerfWeight)*a.Trust + w.L.PerfWeight*a.Perf
	match := 0.0
	if w.matched[k] == a.Type {
		match = 1
	}
	free = gp.WeightCapacity*a.Quality() + gp.WeightReputation*rep +
		gp.WeightPrice*discount*gp.PriceScale + w.L.MatchWeight*match +
		gp.ReviewNoise*w.rng.NormFloat64()
	return free, free + w.L.WeightTies*clamp01(a.Ties+w.Cities[a.City].Proximity)
}

// investigate runs the bid-rigging screen at the start of a round under
// selective bidding (ODD 7.3, 7.8) and records its result in r. Under risk
// control each living agency of a flagged group, in index order, is
// investigated (one uniform draw each): one that bid in an operating ring
// at a round of the window (RingRound ≥ y − network_window) is found with
// probability Investigation, debarred from this round, loses trust and ties as
// a detected winner does, and leaves its ring. It returns who is debarred.
func (w *World) investigate(y int, r *Round) []bool {
	debarred := make([]bool, len(w.Agencies))
	if w.S.Agencies.BidsPerSlot == 0 || len(w.cobids) == 0 {
		return debarred
	}
	r.Screened = true
	flagged := make([]bool, len(w.Agencies))
	for _, g := range w.Screen() {
		if g.Flagged {
			for _, i := range g.Members {
				flagged[i] = true
			}
		}
	}
	since := y - w.S.Mechanisms.Risk.NetworkWindow
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive {
			continue
		}
		colluded := a.RingRound > 0 && a.RingRound >= since
		if colluded {
			r.Colluders++
		}
		if !flagged[i] {
			continue
		}
		r.Flagged++
		if colluded {
			r.FlaggedColluders++
		}
		if w.L.Investigation > 0 && w.rng.Float64() < w.L.Investigation && colluded {
			debarred[i] = true
			r.Debarred++
			a.expose(w.S)
			a.Ring = -1
		}
	}
	return debarred
}

// updateTies applies a round's change of symbolic capital (ODD 7.3):
//
//	gain = tie_growth·(1 + symbolic_amplification·Ties)·(wins + buying communities)
//	       + multi_role_tie·[multi-role and alive]
//	Ties ← clip(Ties·(1 − tie_decay) + min(1, gain)·(1 − Ties))
func (a *Agency) updateTies(ap *scenarios.Agencies) {
	gain := ap.TieGrowth * (1 + ap.SymbolicAmplification*a.Ties) * float64(a.WonThisRound+a.Buyers)
	if a.MultiRole && a.Alive {
		gain += ap.MultiRoleTie
	}
	a.Ties = clamp01(a.Ties*(1-ap.TieDecay) + math.Min(1, gain)*(1-a.Ties))
}

// Slots is the number of projects agency a bids for at a round: its bid
// share of its award slots, min(max_awards_per_agency,
// floor(BidShare·(1 + workers/workers_per_slot) + 0.5)) (0 when it stays
// out of procurement).
func Slots(a *Agency, gp *scenarios.Government) int {
	full := 1 + float64(a.Workers())/float64(gp.WorkersPerSlot)
	return min(gp.MaxAwardsPerAgency, int(math.Floor(a.Strategy.BidShare*full+0.5)))
}

// Project is one project to award: a category and, for city purchases,
// the city whose agencies may bid (-1: any city).
type Project struct{ Category, City int }

// Projects lists the projects of project year y. A budget buys
// floor(budget / size) projects, so no awarded total exceeds its budget:
//
//   - a province category's budget is share * Budget(y), less, for an
//     incubation category, the start-up grants already paid for year y
//     (Government.GrantsFor); its projects are open to all cities, or, with
//     by_city allocation, split among cities in proportion to their
//     communities (largest remainders, equal remainders taken in rotation
//     from city (y - start_year) mod cities);
//   - a city category's budget is, for each city, share * its local budget
//     times the pilot share of year y (PilotShare); its projects are open to
//     that city's agencies.
func (w *World) Projects(y int) []Project {
	s := w.S
	var out []Project
	for k, c := range s.Categories {
		switch {
		case c.Buyer == "city":
			for ci, city := range w.Cities {
				for range projectCount(c.Share*city.LocalBudgetTenKYuan*PilotShare(s, y), c.ProjectSizeTenKYuan) {
					out = append(out, Project{k, ci})
				}
			}
		case c.Allocation == "by_city":
			weights := make([]float64, len(w.Cities))
			for ci, ids := range w.CityCommunities {
				weights[ci] = float64(len(ids))
			}
			n := projectCount(w.categoryBudget(k, y), c.ProjectSizeTenKYuan)
			for ci, m := range largestRemainders(n, weights, y-s.StartYear) {
				for range m {
					out = append(out, Project{k, ci})
				}
			}
		default:
			for range projectCount(w.categoryBudget(k, y), c.ProjectSizeTenKYuan) {
				out = append(out, Project{k, -1})
			}
		}
	}
	return out
}

// categoryBudget is province category k's budget for project year y: its
// share of Budget(y), less the grants paid for y when it is the incubation
// category that pays them.
func (w *World) categoryBudget(k, y int) float64 {
	b := w.S.Categories[k].Share * Budget(w.S, y)
	if k == w.grantCategory() {
		b = math.Max(0, b-w.Gov.GrantsFor(y))
	}
	return b
}

// grantCategory is the province incubation category that pays the
// incubation network's start-up grants (the first of kind incubation), or
// -1.
func (w *World) grantCategory() int {
	for k, c := range w.S.Categories {
		if w.kinds[k] == kindIncubation && c.Buyer != "city" {
			return k
		}
	}
	return -1
}

// projectCount is the number of projects of the given size a budget buys:
// floor(budget/size), with a relative allowance of 1e-9 so that a budget
// that is an exact multiple in decimals is not cut by binary rounding.
func projectCount(budget, size float64) int {
	if budget <= 0 || size <= 0 {
		return 0
	}
	return int(math.Floor(budget / size * (1 + 1e-9)))
}

// largestRemainders splits n items in proportion to weights by the
// largest-remainder method; among equal remainders the first at or after
// index start (cyclically) goes first, so that rotating start rotates the
// ties. All weights zero gives nothing.
func largestRemainders(n int, weights []float64, start int) []int {
	counts := make([]int, len(weights))
	total := 0.0
	for _, v := range weights {
		total += v
	}
	if total <= 0 || n <= 0 {
		return counts
	}
	rem := make([]float64, len(weights))
	given := 0
	for i, v := range weights {
		q := float64(n) * v / total
		counts[i] = int(q)
		rem[i] = q - float64(counts[i])
		given += counts[i]
	}
	m := len(weights)
	start = ((start % m) + m) % m
	for ; given < n; given++ {
		best := start
		for j := range m {
			if i := (start + j) % m; rem[i] > rem[best] {
				best = i
			}
		}
		counts[best]++
		rem[best] = -1
	}
	return counts
}

// contract creates the contract of category k won by agency i at the
// given discount for project years from y, choosing the community it
// serves, and pays the first advance.
func (w *World) contract(k, i, y int, load []int, discount float64) int {
	s := w.S
	a := &w.Agencies[i]
	cat := &s.Categories[k]
	// Project size is a yearly figure: a contract covering several project
	// years is worth that many years of it.
	amount := cat.ProjectSizeTenKYuan * float64(s.Calendar.ContractYears) * (1 - discount)
	c := Contract{
		ID: len(w.Contracts), Category: k, Agency: i, Community: -1,
		FirstYear: y, Years: s.Calendar.ContractYears, Amount: amount,
		Outstanding: amount, Score: math.NaN(),
		Incumbent: a.WonLastRound > 0, MultiRole: a.MultiRole,
		Matched: w.matched[k] == a.Type, AgencyType: a.Type, City: a.City,
	}
	if cat.Kind == "service" {
		c.Community = w.pickCommunity(a, load)
		load[c.Community]++
		com := &w.Communities[c.Community]
		com.LastAgency = i
		if !a.servedThisRound {
			a.Served, a.ServedRate = a.Served[:0], a.ServedRate[:0]
			a.servedThisRound = true
		}
		a.Served = append(a.Served, c.Community)
	}
	a.WonThisRound++
	w.Gov.Awarded += amount
	w.Gov.Outstanding += amount
	w.Contracts = append(w.Contracts, c)
	ci := len(w.Contracts) - 1
	a.Contracts = append(a.Contracts, ci)
	w.Live = append(w.Live, ci)
	w.StartTranche(&w.Contracts[ci])
	if c.Community >= 0 {
		// Serving on goes at the rate the contract planned a month.
		a.ServedRate = append(a.ServedRate, w.Contracts[ci].Planned/float64(WindowOf(&s.Calendar).Months()))
	}
	return ci
}

// pickCommunity chooses the community a service contract of agency a
// serves: the community its head directs (三位一体) unless purchases must
// be open; under need-first evaluation the community of the city with the
// most unmet professional need per contract already placed, ties going to
// the least served and then to the first from a random starting point (so
// that before any need is measured contracts spread over the city);
// otherwise a random community among the least served of the city.
func (w *World) pickCommunity(a *Agency, load []int) int {
	if a.MultiRole && a.HomeCommunity >= 0 && !w.L.OpenPurchase && load[a.HomeCommunity] == 0 {
		return a.HomeCommunity
	}
	ids := w.CityCommunities[a.City]
	if w.L.NeedFirst {
		start := w.rng.IntN(len(ids))
		best, bestV := -1, math.Inf(-1)
		for j := range ids {
			id := ids[(start+j)%len(ids)]
			v := w.Communities[id].UnmetShare / float64(1+load[id])
			if best < 0 || v > bestV || (v == bestV && load[id] < load[best]) {
				best, bestV = id, v
			}
		}
		return best
	}
	least := math.MaxInt
	for _, id := range ids {
		least = min(least, load[id])
	}
	start := w.rng.IntN(len(ids))
	for j := range ids {
		id := ids[(start+j)%len(ids)]
		if load[id] == least {
			return id
		}
	}
	return ids[start]
}
