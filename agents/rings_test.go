package agents

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// ringWorld is the baseline world with selective bidding and collusion
// open, every agency's strategy set by collude(i).
func ringWorld(t *testing.T, collude func(i int) bool) *World {
	t.Helper()
	s := baseline(t)
	s.Agencies.BidsPerSlot = 2
	s.Agencies.Collusion = true
	w := newWorld(t, s, 5, 6)
	for i := range w.Agencies {
		w.Agencies[i].Strategy.Collude = collude(i)
		w.Agencies[i].Strategy.BidShare = 1
	}
	return w
}

// Rings are of one city and at most ring_size members, keep their members
// from round to round, and lose those that stop colluding; a ring operates
// only with two members that have a free slot.
func TestFormRings(t *testing.T) {
	w := ringWorld(t, func(i int) bool { return i%2 == 0 })
	slots := make([]int, len(w.Agencies))
	for i := range slots {
		slots[i] = 1
	}
	rings := w.formRings(2016, slots)
	if len(rings) == 0 {
		t.Fatal("no ring operates")
	}
	for _, ring := range rings {
		if len(ring) < 2 || len(ring) > w.S.Agencies.RingSize {
			t.Errorf("ring of %d members", len(ring))
		}
		for _, i := range ring {
			a := &w.Agencies[i]
			if !a.Strategy.Collude || !a.InRing || a.RingRound != 2016 || a.City != w.Agencies[ring[0]].City || a.Ring != w.Agencies[ring[0]].Ring {
				t.Fatalf("member %d: %+v", i, a.Strategy)
			}
		}
	}
	before := make([]int, len(w.Agencies))
	for i := range w.Agencies {
		before[i] = w.Agencies[i].Ring
	}
	first := rings[0]
	w.Agencies[first[0]].Strategy.Collude = false
	for _, i := range first[1:] {
		slots[i] = 0
	}
	again := w.formRings(2017, slots)
	if w.Agencies[first[0]].Ring != -1 || w.Agencies[first[0]].InRing {
		t.Error("an agency that stopped colluding kept its ring")
	}
	for _, i := range first[1:] {
		if w.Agencies[i].InRing {
			t.Errorf("agency %d without a free slot bids in a ring", i)
		}
	}
	for i := range w.Agencies {
		if i != first[0] && before[i] >= 0 && w.Agencies[i].Ring != before[i] {
			t.Errorf("agency %d moved from ring %d to %d", i, before[i], w.Agencies[i].Ring)
		}
	}
	if len(again) != len(rings)-1 {
		t.Errorf("%d rings operate after one lost its bidding members, want %d", len(again), len(rings)-1)
	}
}

// Each project gets at most one designated bid of each ring, the other
// members of that ring open to it cover it, every bid is open to its agency, an agency
// bids at most once a project, and an agency alone bids for
// bids_per_slot × slots projects.
func TestPlanBids(t *testing.T) {
	w := ringWorld(t, func(i int) bool { return i < 12 })
	projects := w.Projects(2017)
	slots := make([]int, len(w.Agencies))
	for i := range w.Agencies {
		slots[i] = Slots(&w.Agencies[i], &w.S.Government)
	}
	rings := w.formRings(2017, slots)
	plan := w.planBids(projects, slots, rings)
	count := make([]int, len(w.Agencies))
	designated := make([]int, len(w.Agencies))
	for p, bids := range plan {
		var seen []int
		ringBids := map[int]int{}
		for _, b := range bids {
			if slices.Contains(seen, b.agency) {
				t.Fatalf("agency %d bids twice for project %d", b.agency, p)
			}
			seen = append(seen, b.agency)
			if !w.openTo(&w.Agencies[b.agency], projects[p]) {
				t.Fatalf("agency %d bids for project %d not open to it", b.agency, p)
			}
			count[b.agency]++
			if b.ring {
				ringBids[w.Agencies[b.agency].Ring]++
				designated[b.agency]++
			}
			if (b.cover || b.ring) != w.Agencies[b.agency].InRing {
				t.Fatalf("bid %+v: in ring %v", b, w.Agencies[b.agency].InRing)
			}
		}
		for id, n := range ringBids {
			if n > 1 {
				t.Errorf("project %d has %d designated bids of ring %d", p, n, id)
			}
			covers := 0
			for _, b := range bids {
				if b.cover && w.Agencies[b.agency].Ring == id {
					covers++
				}
			}
			if covers == 0 {
				t.Errorf("project %d: ring %d's designated bid has no cover", p, id)
			}
		}
	}
	b := w.S.Agencies.BidsPerSlot
	for i := range w.Agencies {
		a := &w.Agencies[i]
		switch {
		case slots[i] == 0 && count[i] > 0:
			t.Errorf("agency %d without slots bids %d times", i, count[i])
		case a.InRing && designated[i] > b*slots[i]:
			t.Errorf("ring member %d designated %d times, at most %d", i, designated[i], b*slots[i])
		case !a.InRing && slots[i] > 0:
			open := 0
			for _, pr := range projects {
				if w.openTo(a, pr) {
					open++
				}
			}
			if want := min(b*slots[i], open); count[i] != want {
				t.Errorf("agency %d alone bids %d times, want %d", i, count[i], want)
			}
		}
	}
	if len(rings) == 0 {
		t.Fatal("no ring operates; pick other colluders")
	}
}

// The screen flags a group that bids together far more often than chance
// and nothing among agencies that choose their projects independently.
func TestScreen(t *testing.T) {
	w := ringWorld(t, func(int) bool { return false })
	city := w.Agencies[0].City
	var locals []int
	for i := range w.Agencies {
		if w.Agencies[i].City == city && w.eligible[0][w.Agencies[i].Type] {
			locals = append(locals, i)
		}
	}
	ring := locals[:3]
	rng := rand.New(rand.NewPCG(7, 8))
	for range 3 {
		var r roundBids
		for p := range 60 {
			pr := Project{Category: 0, City: city}
			var ids []int32
			if p < 12 {
				for _, i := range ring {
					ids = append(ids, int32(i))
				}
			}
			for _, i := range locals[3:] {
				if rng.Float64() < 0.1 {
					ids = append(ids, int32(i))
				}
			}
			r.add(pr, ids)
		}
		w.record(r)
	}
	var flagged []int
	for _, g := range w.Screen() {
		if g.Flagged {
			flagged = append(flagged, g.Members...)
		}
		if slices.Equal(g.Members, ring) && (g.Cohesion != 1 || g.Exclusivity <= 0 || g.Exclusivity > 1) {
			t.Errorf("ring group: cohesion %v, exclusivity %v", g.Cohesion, g.Exclusivity)
		}
	}
	if !slices.Equal(flagged, ring) {
		t.Errorf("flagged %v, want the ring %v", flagged, ring)
	}
	// One round more: the oldest is dropped.
	second := &w.cobids[1].agencies[0]
	w.record(roundBids{})
	if len(w.cobids) != w.S.Mechanisms.Risk.NetworkWindow || &w.cobids[0].agencies[0] != second {
		t.Errorf("%d rounds kept after one more, want the window of %d, the oldest dropped", len(w.cobids), w.S.Mechanisms.Risk.NetworkWindow)
	}
}

// Under risk control investigations of flagged ring members debar them
// from the round; with investigations off (null-no-screen) nobody is
// debarred, and the screen is still measured.
func TestInvestigate(t *testing.T) {
	for _, on := range []bool{true, false} {
		w := ringWorld(t, func(i int) bool { return i < 8 })
		w.L.Investigation = 0
		if on {
			w.L.Investigation = 1
		}
		var debarred, flagged int
		for y := 2015; y < 2021; y++ {
			r := w.AwardRound(y)
			debarred += r.Debarred
			flagged += r.FlaggedColluders
			if r.Screened && r.FlaggedColluders > r.Flagged {
				t.Fatalf("%d flagged colluders of %d flagged", r.FlaggedColluders, r.Flagged)
			}
		}
		if flagged == 0 {
			t.Fatalf("investigations %v: the screen never flagged a ring member", on)
		}
		if on != (debarred > 0) {
			t.Errorf("investigations %v: %d debarred", on, debarred)
		}
	}
}
