package agents

import (
	"fmt"
	"math/rand/v2"

	"cogov/scenarios"
)

// World holds every agent of one run and the rules' shared context. The
// agents' rules are methods on World (government.go, delivery.go,
// entry.go) or on the agent types; package sim owns the calendar that calls
// them.
type World struct {
	S *scenarios.Scenario
	L Levers

	Gov         Government
	Agencies    []Agency
	Communities []Community
	Residents   Residents
	Contracts   []Contract

	// CityNames names each city (replicated cities get a number); Cities
	// holds each city's parameters (a replicated city's for every copy).
	CityNames []string
	Cities    []scenarios.City
	// CityCommunities lists each city's community indices; CityEntry is the
	// index of each city's entry in the scenario's cities.
	CityCommunities [][]int
	CityEntry       []int
	// eligible[k][t] says whether type t may bid for category k;
	// matched[k] is the matched type of category k (-1 if none).
	eligible [][]bool
	matched  []int
	// kinds holds each category's kind, read in the monthly loop.
	kinds []categoryKind

	// Live lists indices of contracts not yet finished.
	Live []int
	// YearShow and YearEffort sum agencies' show and total worker-months on
	// procurement contracts in the current calendar year.
	YearShow, YearEffort float64

	// Staff tallies professional hires' first years (staff.go).
	Staff Staff
	// ringCity is the city of each bid ring ever founded (ids index it);
	// cobids holds the last network_window rounds' bids under selective
	// bidding (rings.go, screen.go).
	ringCity []int
	cobids   []roundBids
	// fill is last month's share of fundraising asks the donors' pool met.
	fill float64
	rng  *rand.Rand
}

// NewWorld builds the initial population of scenario s: cities with their
// communities and resident agents, agencies of each type (some headed by a
// community director), and a government with the scenario's trust.
func NewWorld(s *scenarios.Scenario, rng *rand.Rand) (*World, error) {
	w := &World{S: s, L: NewLevers(s), rng: rng, fill: 1}
	w.Staff = Staff{Hires: make([]int, s.Years+2), EarlyLeaves: make([]int, s.Years+2)}
	w.Gov.Trust = s.Government.TrustInitial
	typeIndex := map[string]int{}
	for i, t := range s.AgencyTypes {
		typeIndex[t.Name] = i
	}
	for _, c := range s.Categories {
		el := make([]bool, len(s.AgencyTypes))
		for _, name := range c.Eligible {
			t, ok := typeIndex[name]
			if !ok {
				return nil, fmt.Errorf("category %q: unknown agency type %q", c.Name, name)
			}
			el[t] = true
		}
		w.eligible = append(w.eligible, el)
		m, ok := typeIndex[c.MatchedType]
		if !ok {
			m = -1
		}
		w.matched = append(w.matched, m)
		w.kinds = append(w.kinds, kindOf(c.Kind))
	}
	n := s.Community.AgentsPerCommunity
	total := 0
	for _, city := range s.Cities {
		total += max(city.Count, 1) * city.Communities * n
	}
	w.Residents.Reserve(total)
	for entry, city := range s.Cities {
		copies := max(city.Count, 1)
		for k := range copies {
			name := city.Name
			if copies > 1 {
				name = fmt.Sprintf("%s %d", city.Name, k+1)
			}
			ci := len(w.CityNames)
			w.CityNames = append(w.CityNames, name)
			w.Cities = append(w.Cities, city)
			w.CityEntry = append(w.CityEntry, entry)
			var ids []int
			for range city.Communities {
				id := len(w.Communities)
				w.Communities = append(w.Communities, NewCommunity(id, ci, w.Residents.Len(), n, s, rng))
				// Groups' shares are those of the residents actually drawn.
				w.Communities[id].ElderShare = w.Residents.Grow(n, &s.Residents, w.L.Targeting, rng)
				w.Communities[id].Strengthen(&w.L)
				ids = append(ids, id)
			}
			w.CityCommunities = append(w.CityCommunities, ids)
			for t, count := range city.Agencies {
				for range count {
					w.addAgency(ci, t, 0, city.MultiRoleShare, false)
				}
			}
		}
	}
	return w, nil
}

// addAgency creates an agency; with probability multiRole its head is also
// the director of a community of the city that has none yet. It then gets
// its propensities and first strategy (inherit): an entrant copies those
// of a living agency drawn uniformly (one draw), an initial agency starts
// from the initial propensity.
func (w *World) addAgency(city, t, month int, multiRole float64, entrant bool) *Agency {
	a := NewAgency(len(w.Agencies), city, t, w.S, month, w.rng)
	var model *Agency
	if entrant && w.S.Agencies.Learning {
		alive := 0
		for i := range w.Agencies {
			if w.Agencies[i].Alive {
				alive++
			}
		}
		if alive > 0 {
			k := w.rng.IntN(alive)
			for i := range w.Agencies {
				if w.Agencies[i].Alive {
					if k == 0 {
						model = &w.Agencies[i]
						break
					}
					k--
				}
			}
		}
	}
	a.inherit(&w.S.Agencies, model, w.rng)
	w.Agencies = append(w.Agencies, a)
	ap := &w.Agencies[len(w.Agencies)-1]
	if multiRole > 0 && w.rng.Float64() < multiRole {
		ids := w.CityCommunities[city]
		start := w.rng.IntN(len(ids))
		for j := range ids {
			c := &w.Communities[ids[(start+j)%len(ids)]]
			if c.Director < 0 {
				c.Director = ap.ID
				ap.MultiRole = true
				ap.HomeCommunity = c.ID
				break
			}
		}
	}
	return ap
}

// Exit removes agency i from the market in month: its live contracts are
// terminated (remaining money withheld) and its director post, if any, is
// freed.
func (w *World) Exit(i, month int) {
	a := &w.Agencies[i]
	a.Alive = false
	a.DiedMonth = month
	// Its professionals lose their jobs: those in their first year leave
	// early.
	for k := range 12 {
		w.leftEarly(month-k, int(a.recent[cohortSlot(month-k)]))
	}
	a.recent = [12]int32{}
	for _, ci := range a.Contracts {
		c := &w.Contracts[ci]
		if !c.Terminated {
			w.Gov.terminate(c)
		}
	}
	a.Contracts = a.Contracts[:0]
	if a.MultiRole && a.HomeCommunity >= 0 {
		w.Communities[a.HomeCommunity].Director = -1
	}
	w.pruneLive()
}

// pruneLive drops finished contracts from the live list.
func (w *World) pruneLive() {
	live := w.Live[:0]
	for _, ci := range w.Live {
		if !w.Contracts[ci].Closed() {
			live = append(live, ci)
		}
	}
	w.Live = live
}

// Learn runs the agencies' yearly strategy learning.
func (w *World) Learn() { Learn(w.Agencies, &w.S.Agencies, w.rng) }

// categoryKind is a category's kind as a number, for the monthly loop.
type categoryKind uint8

const (
	kindAdmin categoryKind = iota
	kindService
	kindIncubation
	kindTraining
)

func kindOf(k string) categoryKind {
	switch k {
	case "service":
		return kindService
	case "incubation":
		return kindIncubation
	case "training":
		return kindTraining
	}
	return kindAdmin
}
