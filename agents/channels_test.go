package agents

import (
	"math"
	"testing"
)

// Communities choose by the logit of 7.2: with little noise, a large
// director weight sends every community with a director to its director's
// agency, and open purchasing (risk control) takes the director's term
// away; every buyer is a living agency of the community's city.
func TestChooseSuppliers(t *testing.T) {
	cases := []struct {
		name       string
		open       bool
		toDirector bool
	}{
		{"director's term", false, true},
		{"open purchasing", true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := baseline(t)
			s.Community.ChoiceDirectorWeight = 100
			s.Community.ChoiceNoise = 0.01
			w := newWorld(t, s, 3, 9)
			w.L.OpenPurchase = c.open
			w.ChooseSuppliers()
			directed, toDirector := 0, 0
			for ci := range w.Communities {
				com := &w.Communities[ci]
				if com.Buyer >= 0 {
					if a := &w.Agencies[com.Buyer]; !a.Alive || a.City != com.City {
						t.Fatalf("community %d buys from agency %d of city %d", ci, com.Buyer, a.City)
					}
				}
				if com.Director >= 0 {
					directed++
					if com.Buyer == com.Director {
						toDirector++
					}
				}
			}
			if directed == 0 {
				t.Fatal("no community has a director; pick another seed")
			}
			if c.toDirector && toDirector != directed {
				t.Errorf("%d of %d directed communities buy from their director's agency, want all", toDirector, directed)
			}
			if !c.toDirector && toDirector > directed/2 {
				t.Errorf("with open purchasing %d of %d directed communities still buy from their director's agency", toDirector, directed)
			}
		})
	}
}

// Fundraising is a contest for the month's donors' pool: what agencies
// raise never exceeds the pool, and fee work earns the fee rate times the
// agency's rating.
func TestOtherChannelsConserveThePool(t *testing.T) {
	s := baseline(t)
	w := newWorld(t, s, 4, 2)
	w.L.CharityPool = 1 // a small pool, so that asks exceed it
	for range 3 {
		for i := range w.Agencies {
			a := &w.Agencies[i]
			a.Rev = [NumSources]float64{}
			a.subMonth, a.showMonth, a.busyMonth, a.demand, a.serving, a.fundAsk = 0, 0, 0, 0, 0, 0
		}
		w.otherChannels(1)
		raised, fees := 0.0, 0.0
		for i := range w.Agencies {
			a := &w.Agencies[i]
			raised += a.Rev[SourceCharity]
			fees += a.Rev[SourceFees]
			// Fee work earns the fee rate times the rating, on at most the
			// month's worker-months.
			if most := s.Agencies.FeeTenKYuanPerWorkerMonth * a.Perf * float64(a.Workers()); a.Rev[SourceFees] > most*(1+1e-12) {
				t.Fatalf("agency %d earned %.6f in fees, more than %.6f", i, a.Rev[SourceFees], most)
			}
		}
		if raised > w.L.CharityPool/12*(1+1e-12) {
			t.Fatalf("agencies raised %.6f from a monthly pool of %.6f", raised, w.L.CharityPool/12)
		}
		if raised <= 0 || fees <= 0 {
			t.Fatalf("raised %.6f, fees %.6f: both channels should be used", raised, fees)
		}
		if math.IsNaN(w.fill) || w.fill <= 0 || w.fill > 1 {
			t.Fatalf("fill %v outside (0, 1]", w.fill)
		}
	}
}

// An agency serves on after its project only when it chose to and its
// cash runway allows (7.2, idle time, order 2).
func TestServesOn(t *testing.T) {
	cases := []struct {
		name     string
		cont     bool
		cashRuns float64 // cash in months of running cost
		want     bool
	}{
		{"chose to, cash enough", true, 12, true},
		{"chose to, cash short", true, 1, false},
		{"chose not to", false, 12, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := baseline(t)
			w := newWorld(t, s, 8, 1)
			for ci := range w.Communities {
				w.Communities[ci].Buyer = -1
			}
			w.L.CharityPool = 0
			a := &w.Agencies[0]
			com := &w.Communities[w.CityCommunities[a.City][0]]
			a.Strategy.Continue = c.cont
			a.Cash = c.cashRuns * a.MonthlyCost(&s.Agencies)
			a.Served, a.ServedRate = []int{com.ID}, []float64{2}
			for i := range w.Agencies {
				w.Agencies[i].busyMonth = 0
			}
			before := com.AgencyEffort()
			w.otherChannels(1)
			served := com.AgencyEffort() > before
			if served != c.want || com.Served != c.want {
				t.Errorf("served %v (community marked %v), want %v", served, com.Served, c.want)
			}
		})
	}
}

// Symbolic capital compounds (ODD 7.3): a director post adds ties with no
// win, and a win adds more to an agency that already holds ties than the
// gap-to-full rule alone would.
func TestTiesCompound(t *testing.T) {
	s := baseline(t)
	p := &s.Agencies
	p.TieGrowth, p.TieDecay, p.SymbolicAmplification, p.MultiRoleTie = 0.1, 0.1, 1, 0.3
	director := Agency{Alive: true, MultiRole: true}
	director.updateTies(p)
	if want := 0.3; math.Abs(director.Ties-want) > 1e-12 {
		t.Errorf("a director with no win has ties %v, want %v", director.Ties, want)
	}
	for _, c := range []struct{ ties, want float64 }{
		{0, 0.1},                         // 0·0.9 + 0.1·1·1
		{0.5, 0.5*0.9 + 0.1*1.5*(1-0.5)}, // amplified by the ties held
	} {
		a := Agency{Alive: true, Ties: c.ties, WonThisRound: 1}
		a.updateTies(p)
		if math.Abs(a.Ties-c.want) > 1e-12 {
			t.Errorf("one win from ties %v gives %v, want %v", c.ties, a.Ties, c.want)
		}
	}
}
