package agents

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"cogov/scenarios"
)

// sigma is the logistic function in float64.
func sigma(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

// The noise table's choice probability, the share of quantiles below V, is
// within 1/(2·noiseN) of σ(V).
func TestNoiseTable(t *testing.T) {
	worst := 0.0
	for v := -14.0; v <= 14; v += 0.01 {
		below := 0
		for _, e := range noiseTable {
			if e < float32(v) {
				below++
			}
		}
		worst = max(worst, math.Abs(float64(below)/noiseN-sigma(v)))
	}
	if worst > 1.0/(2*noiseN)+1e-6 {
		t.Errorf("largest error of the choice probability %.3g, above 1/(2N) = %.3g", worst, 1.0/(2*noiseN))
	}
}

// oneCommunity grows n residents of one community with the given network
// and sets every satisfaction to sat and every choice to part.
func oneCommunity(t testing.TB, n, k int, rewiring float64, sat float32, part uint8) *Residents {
	s := baseline(t)
	p := s.Residents
	p.Neighbours, p.Rewiring = k, rewiring
	var r Residents
	r.Grow(n, &p, 0, rand.New(rand.NewPCG(7, 8)))
	for i := range r.Sat {
		r.Sat[i], r.Part[i], r.Intercept[i] = sat, part, 0
	}
	return &r
}

// The choice rule: the share taking part is σ(V) of the resident's utility
// V = Utility + Intercept + SatEffect·Sat + NeighbourEffect·(neighbours who
// took part), so it rises with satisfaction, neighbours' participation and
// the community's utility, and reaches 0 and 1 in the limits.
func TestChoiceRule(t *testing.T) {
	const n, k = 4000, 2
	cases := []struct {
		name       string
		utility    float32
		sat        float32
		neighbours uint8 // every resident's choice last month
		want       float64
	}{
		{"reference", -2, 0, 0, sigma(-2)},
		{"more satisfied", -2, 0.5, 0, sigma(-2 + 2*0.5)},
		{"neighbours took part", -2, 0, 1, sigma(-2 + 1)},
		{"satisfied and neighbours", -2, 0.5, 1, sigma(-2 + 1 + 1)},
		{"stronger community term", -1, 0, 0, sigma(-1)},
		{"lower limit", -utilityBound, 0, 0, 0},
		{"upper limit", utilityBound, 0, 0, 1},
	}
	for _, tc := range cases {
		r := oneCommunity(t, n, k, 0, tc.sat, 0)
		c := Conditions{Utility: tc.utility, SatEffect: 2, NeighbourEffect: 1.0 / (2 * k)}
		took, trials := 0, 0
		for seed := range uint64(20) {
			for i := range r.Part {
				r.Part[i] = tc.neighbours
			}
			c.Seed = seed
			var tl Tally
			r.decide(0, n, &c, &tl)
			took += int(tl.Part[0] + tl.Part[1])
			trials += n
		}
		got := float64(took) / float64(trials)
		se := math.Sqrt(tc.want*(1-tc.want)/float64(trials)) + 1.0/noiseN
		if math.Abs(got-tc.want) > 4*se {
			t.Errorf("%s: share taking part %.4f, want σ(V) = %.4f (±%.4f)", tc.name, got, tc.want, 4*se)
		}
	}
}

// The community's part of the utility rises with either committee's
// strength and with substantive engagement, and falls with show.
func TestConditionsUtility(t *testing.T) {
	s := baseline(t)
	rng := rand.New(rand.NewPCG(1, 2))
	base := NewCommunity(0, 0, 0, 80, s, rng)
	base.Deliberation, base.Supervision = 0.3, 0.3
	u := func(c Community) float32 { return c.Conditions(s, 0).Utility }
	ref := u(base)
	cases := []struct {
		name   string
		change func(c *Community)
		higher bool
	}{
		{"stronger deliberation committee", func(c *Community) { c.Deliberation = 0.8 }, true},
		{"stronger supervision committee", func(c *Community) { c.Supervision = 0.8 }, true},
		{"substantive service", func(c *Community) { c.Receive(0.5*c.NeedWM, 0, 0.5, 0) }, true},
		{"show", func(c *Community) { c.Receive(0, 0.5*c.NeedWM, 0.5, 0) }, false},
	}
	for _, tc := range cases {
		c := base
		tc.change(&c)
		if got := u(c); (got > ref) != tc.higher || got == ref {
			t.Errorf("%s: utility %v, reference %v", tc.name, got, ref)
		}
	}
	// The exact formula at the reference.
	r := &s.Residents
	p0 := r.ParticipationBase
	want := math.Log(p0/(1-p0)) - r.SatisfactionEffect*r.SatisfactionBase + r.DeliberationEffect*0.3 + r.SupervisionEffect*0.3
	if math.Abs(float64(ref)-want) > 1e-5 {
		t.Errorf("reference utility %v, want %v", ref, want)
	}
}

// Every resident has 2k distinct neighbours, none itself, all inside its
// community; without rewiring they are the ring's; the step's counts of
// neighbours who took part agree with those lists.
func TestNetwork(t *testing.T) {
	s := baseline(t)
	cases := []struct {
		n, k     int
		rewiring float64
	}{
		{80, 2, 0}, {80, 2, 0.1}, {50, 3, 1}, {9, 4, 0.5}, {30, 0, 0.5}, {2353, 2, 0.1},
	}
	for _, tc := range cases {
		p := s.Residents
		p.Neighbours, p.Rewiring = tc.k, tc.rewiring
		var r Residents
		rng := rand.New(rand.NewPCG(3, uint64(tc.n)))
		const communities = 3
		for range communities {
			r.Grow(tc.n, &p, 0, rng)
		}
		rewired := 0
		for ci := range communities {
			lo := ci * tc.n
			for i := range tc.n {
				r.Part[lo+i] = uint8(rng.IntN(2))
			}
			r.lastMonth(lo, lo+tc.n)
			for i := lo; i < lo+tc.n; i++ {
				nb := neighboursOf(&r, i, lo, tc.n)
				ring := make([]int32, 2*tc.k)
				ringSlots(ring, i-lo, tc.n, tc.k)
				if len(nb) != 2*tc.k {
					t.Fatalf("%+v: resident %d has %d neighbours, want %d", tc, i, len(nb), 2*tc.k)
				}
				count := 0
				for j, x := range nb {
					if x < 0 || int(x) >= tc.n || int(x) == i-lo || slices.Contains(nb[:j], x) {
						t.Fatalf("%+v: resident %d's neighbours %v", tc, i, nb)
					}
					if x != ring[j] {
						rewired++
					}
					count += int(r.Part[lo+int(x)])
				}
				if int(r.cnt[i-lo]) != count {
					t.Fatalf("%+v: resident %d counts %d neighbours taking part, its list %d", tc, i, r.cnt[i-lo], count)
				}
			}
		}
		if tc.rewiring == 0 && rewired != 0 {
			t.Errorf("%+v: %d links rewired without rewiring", tc, rewired)
		}
		if tc.rewiring > 0 && tc.k > 0 && tc.n-1 > 2*tc.k && rewired == 0 {
			t.Errorf("%+v: no link rewired", tc)
		}
	}
}

// Residents' choices are determined by the run's stream: the same seed
// gives the same choices month after month, another seed other choices.
func TestResidentsDeterministic(t *testing.T) {
	s := baseline(t)
	run := func(seed uint64) ([]uint8, []float32) {
		w := newWorld(t, s, seed, 1)
		for range 6 {
			for ci := range w.Communities {
				w.ResidentsMonth(ci, 0.05)
			}
		}
		return slices.Clone(w.Residents.Part), slices.Clone(w.Residents.Sat)
	}
	p1, s1 := run(1)
	p2, s2 := run(1)
	p3, _ := run(2)
	if !slices.Equal(p1, p2) || !slices.Equal(s1, s2) {
		t.Error("the same seed gave different residents")
	}
	if slices.Equal(p1, p3) {
		t.Error("another seed gave the same choices")
	}
}

// The mechanisms reach residents only through the committees: supervision
// adds committee_boost to the supervision committee, risk process_control
// to the deliberation committee, each at most 1.
func TestCommitteeLevers(t *testing.T) {
	base := baseline(t)
	strengths := func(s *scenarios.Scenario) (d, v []float64) {
		w := newWorld(t, s, 5, 5)
		for _, c := range w.Communities {
			d, v = append(d, c.Deliberation), append(v, c.Supervision)
		}
		return d, v
	}
	d0, v0 := strengths(base)
	mech := *base
	mech.Mechanisms.Supervision.Enabled, mech.Mechanisms.Risk.Enabled = true, true
	mech.Mechanisms.Supervision.Intensity, mech.Mechanisms.Risk.Intensity = 0.5, 1
	d1, v1 := strengths(&mech)
	for i := range d0 {
		wd := math.Min(1, d0[i]+base.Mechanisms.Risk.ProcessControl)
		wv := math.Min(1, v0[i]+0.5*base.Mechanisms.Supervision.CommitteeBoost)
		if math.Abs(d1[i]-wd) > 1e-12 || math.Abs(v1[i]-wv) > 1e-12 {
			t.Fatalf("community %d: committees %v, %v; want %v, %v", i, d1[i], v1[i], wd, wv)
		}
	}
}

// neighboursOf returns the local indices of the residents that resident i
// (an index of Residents) of the community starting at lo with n residents
// observes: its ring slots with the rewired ones replaced.
func neighboursOf(r *Residents, i, lo, n int) []int32 {
	slots := make([]int32, 2*r.K)
	ringSlots(slots, i-lo, n, r.K)
	for _, l := range r.links(lo) {
		if int(l.I) == i-lo {
			slots[slices.Index(slots, l.Old)] = l.New
		}
	}
	return slots
}
