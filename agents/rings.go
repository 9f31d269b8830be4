package agents

import "math/rand/v2"

// tender is one bid for a project under selective bidding.
type tender struct {
	agency int
	// cover marks a cover bid (陪标), written to lose: it is recorded and
	// counted but never scored. ring marks a ring's designated bid, which
	// asks the ring's price.
	cover, ring bool
}

// openTo reports whether agency a may bid for project pr: its type is
// eligible for the category and the project is open to its city.
func (w *World) openTo(a *Agency, pr Project) bool {
	return w.eligible[pr.Category][a.Type] && (pr.City < 0 || pr.City == a.City)
}

// formRings updates the bid rings before a round's bids (ODD 7.3). An
// agency leaves its ring when it exits or stops choosing to collude; a
// colluding agency without a ring joins the ring of its city with the
// lowest id that has members and fewer than ring_size of them, or founds a
// new one (agencies in index order). A ring operates at the round when at
// least two of its members have a free slot; those members are marked
// InRing, with RingRound y. It returns the operating rings' bidding members, rings in id
// order and members in index order. No random draw.
func (w *World) formRings(y int, slots []int) [][]int {
	size := make([]int, len(w.ringCity))
	for i := range w.Agencies {
		a := &w.Agencies[i]
		a.InRing = false
		if a.Ring >= 0 && (!a.Alive || !a.Strategy.Collude) {
			a.Ring = -1
		}
		if a.Ring >= 0 {
			size[a.Ring]++
		}
	}
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive || !a.Strategy.Collude || a.Ring >= 0 {
			continue
		}
		for id, c := range w.ringCity {
			if c == a.City && size[id] > 0 && size[id] < w.S.Agencies.RingSize {
				a.Ring = id
				break
			}
		}
		if a.Ring < 0 {
			a.Ring = len(w.ringCity)
			w.ringCity = append(w.ringCity, a.City)
			size = append(size, 0)
		}
		size[a.Ring]++
	}
	members := make([][]int, len(w.ringCity))
	for i := range w.Agencies {
		if a := &w.Agencies[i]; a.Ring >= 0 && slots[i] > 0 {
			members[a.Ring] = append(members[a.Ring], i)
		}
	}
	var out [][]int
	for _, m := range members {
		if len(m) < 2 {
			continue
		}
		for _, i := range m {
			w.Agencies[i].InRing = true
			w.Agencies[i].RingRound = y
		}
		out = append(out, m)
	}
	return out
}

// planBids lays out the bids of a round under selective bidding (ODD 7.3):
// an agency bidding alone chooses bids_per_slot × slots projects uniformly
// at random without replacement among those open to it (all of them when
// fewer; agencies in index order); then each operating ring, in ring
// order, chooses Σ bids_per_slot × slots projects open to at least two of
// its members, designates for each the member open to it with the most
// designations left (ties to the lowest index), and every other member
// open to it enters a cover bid. A project no designated member is left
// for is dropped from the ring's list. projects must be in award order.
func (w *World) planBids(projects []Project, slots []int, rings [][]int) [][]tender {
	b := w.S.Agencies.BidsPerSlot
	plan := make([][]tender, len(projects))
	open := make([]int, 0, len(projects))
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if slots[i] == 0 || a.InRing {
			continue
		}
		open = open[:0]
		for p, pr := range projects {
			if w.openTo(a, pr) {
				open = append(open, p)
			}
		}
		for _, p := range pick(open, b*slots[i], w.rng) {
			plan[p] = append(plan[p], tender{agency: i})
		}
	}
	left := make([]int, len(w.Agencies))
	for _, ring := range rings {
		need := 0
		for _, m := range ring {
			left[m] = b * slots[m]
			need += left[m]
		}
		open = open[:0]
		for p, pr := range projects {
			n := 0
			for _, m := range ring {
				if w.openTo(&w.Agencies[m], pr) {
					n++
				}
			}
			if n >= 2 {
				open = append(open, p)
			}
		}
		for _, p := range pick(open, need, w.rng) {
			d := -1
			for _, m := range ring {
				if left[m] > 0 && w.openTo(&w.Agencies[m], projects[p]) && (d < 0 || left[m] > left[d]) {
					d = m
				}
			}
			if d < 0 {
				continue
			}
			left[d]--
			for _, m := range ring {
				if w.openTo(&w.Agencies[m], projects[p]) {
					plan[p] = append(plan[p], tender{agency: m, cover: m != d, ring: m == d})
				}
			}
		}
	}
	return plan
}

// pick moves min(n, len(list)) elements of list chosen uniformly at random
// without replacement to its front (a partial Fisher-Yates shuffle, one
// draw an element) and returns them.
func pick(list []int, n int, rng *rand.Rand) []int {
	n = min(n, len(list))
	for j := range n {
		k := j + rng.IntN(len(list)-j)
		list[j], list[k] = list[k], list[j]
	}
	return list[:n]
}
