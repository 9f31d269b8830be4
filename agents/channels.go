package agents

import "math"

// ChooseSuppliers lets every community choose, in January, the agency it
// buys from this year with PurchaseShare of its service fund (a
// multinomial logit by Gumbel-max: one uniform draw per candidate, in
// index order). The candidates are the living agencies of its city; agency
// a's utility is
//
//	U_a = choice_rating_weight·view_a + choice_price_weight·discount_a·price_scale
//	      + choice_director_weight·[a is headed by the community's director]
//	      + choice_noise·G,   G = −ln(−ln u)
//
// where view_a is the community's own residents' rating when a served it
// last (its last contract or last year's purchase) and a's rating elsewhere
// (Perf) otherwise. The director's term is dropped when risk control makes
// purchases open. A community with no candidates, or no money to spend,
// buys nothing.
func (w *World) ChooseSuppliers() {
	s := w.S
	c := &s.Community
	for i := range w.Agencies {
		w.Agencies[i].Buyers, w.Agencies[i].purchaseRate = 0, 0
	}
	for ci := range w.Communities {
		com := &w.Communities[ci]
		last := com.Buyer
		com.Buyer = -1
		money := com.ServiceFund * w.L.PurchaseShare
		if money <= 0 {
			continue
		}
		best, bestU := -1, math.Inf(-1)
		own, _ := com.Judged(0)
		for i := range w.Agencies {
			a := &w.Agencies[i]
			if !a.Alive || a.City != com.City {
				continue
			}
			view := a.Perf
			if i == last || i == com.LastAgency {
				view = own
			}
			u := c.ChoiceRatingWeight*view + c.ChoicePriceWeight*s.AgencyTypes[a.Type].Discount*s.Government.PriceScale
			if com.Director == i && !w.L.OpenPurchase {
				u += c.ChoiceDirectorWeight
			}
			u += c.ChoiceNoise * -math.Log(-math.Log(1-w.rng.Float64()))
			if u > bestU {
				best, bestU = i, u
			}
		}
		if best >= 0 {
			com.Buyer = best
			a := &w.Agencies[best]
			a.Buyers++
			a.purchaseRate += money / 12 / s.Agencies.WorkerMonthCostTenKYuan
		}
	}
}

// servesOn reports whether agency a serves on after its projects end: it
// chose to (Strategy.Continue) and its cash runway is at least
// continue_runway_months.
func (w *World) servesOn(a *Agency) bool {
	return a.Strategy.Continue && a.Cash >= w.S.Agencies.ContinueRunwayMonths*a.MonthlyCost(&w.S.Agencies)
}

// otherChannels spends every agency's idle worker-months of the month, in
// this order:
//
//  1. its community purchases: each buying community pays its monthly
//     money (service fund × PurchaseShare / 12) for the worker-months
//     delivered, up to that money's worth (co-building, community
//     revenue);
//  2. continued service: an agency that serves on (servesOn) serves each
//     community of its last service contracts that no contract serves this
//     month at that contract's planned monthly rate times capFactor, paying
//     for it itself (no revenue);
//  3. the rest splits between fee-paying services and fundraising in
//     proportion to their expected returns per worker-month (a matching
//     rule): fees fee·Perf, fundraising yield·appeal·fill, with appeal =
//     (capacity + ties)/2 and fill last month's share of asks the donors'
//     pool met (1 at the start). Fees are earned at once; fundraising asks
//     are pooled and the pool of the month (CharityPool/12) pays each ask
//     in proportion, at most in full.
//
// Service bought or continued splits into show and substance by the
// agency's Show share and counts as practice; fee work and fundraising do
// not reach the model's communities.
func (w *World) otherChannels(capFactor float64) {
	s := w.S
	p := &s.Agencies
	cost := p.WorkerMonthCostTenKYuan
	for ci := range w.Communities {
		com := &w.Communities[ci]
		if com.Buyer < 0 {
			continue
		}
		a := &w.Agencies[com.Buyer]
		if !a.Alive {
			continue
		}
		money := com.ServiceFund * w.L.PurchaseShare / 12
		a.Earn(SourceCommunity, cost*w.serve(a, com, money/cost, capFactor))
	}
	asked := 0.0
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive {
			continue
		}
		if w.servesOn(a) {
			for k, id := range a.Served {
				if com := &w.Communities[id]; !com.Served {
					w.serve(a, com, a.ServedRate[k]*capFactor, capFactor)
					com.Served = true
				}
			}
		}
		idle := a.Idle(capFactor)
		if idle <= 0 {
			continue
		}
		fee := p.FeeTenKYuanPerWorkerMonth * a.Perf
		fund := p.FundraisingYieldTenKYuan * (a.Capacity + a.Ties) / 2
		if w.L.CharityPool <= 0 {
			fund = 0
		}
		if fee+fund*w.fill <= 0 {
			continue
		}
		share := fee / (fee + fund*w.fill)
		a.Earn(SourceFees, idle*share*fee)
		a.fundAsk = idle * (1 - share) * fund
		a.busyMonth += idle
		asked += a.fundAsk
	}
	if asked <= 0 {
		return
	}
	w.fill = math.Min(1, w.L.CharityPool/12/asked)
	for i := range w.Agencies {
		if a := &w.Agencies[i]; a.fundAsk > 0 {
			a.Earn(SourceCharity, a.fundAsk*w.fill)
		}
	}
}

// serve delivers up to wm worker-months of the agency's idle time to com
// (no elder focus) and returns the worker-months delivered: money from
// outside procurement pays only for service given.
func (w *World) serve(a *Agency, com *Community, wm, capFactor float64) float64 {
	e := math.Min(wm, a.Idle(capFactor))
	if e <= 0 {
		return 0
	}
	sub, show := a.work(e)
	com.Receive(sub, show, a.Quality(), 0)
	return e
}
