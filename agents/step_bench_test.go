package agents

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkResidentsStep is Residents.Step alone over communities of 2,353
// resident agents (the size of sim's BenchmarkResidents).
func BenchmarkResidentsStep(b *testing.B) {
	s := baseline(b)
	const size, communities = 2353, 425
	var r Residents
	r.Reserve(size * communities)
	rng := rand.New(rand.NewPCG(1, 2))
	for range communities {
		r.Grow(size, &s.Residents, 0, rng)
	}
	c := Conditions{CovProf: [2]float32{0.1, 0.2}, CovBasic: [2]float32{0.3, 0.4}, SatBase: 0.4, RateSat: 0.2,
		Utility: -3, SatEffect: 2, NeighbourEffect: 0.25}
	for b.Loop() {
		for k := range communities {
			c.Seed = uint64(k)
			r.Step(k*size, (k+1)*size, &c)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(r.Len()), "ns/resident")
}

// BenchmarkDecideOnly is the participation decision alone (neighbour
// counts included) over the same residents.
func BenchmarkDecideOnly(b *testing.B) {
	s := baseline(b)
	const size, communities = 2353, 425
	var r Residents
	r.Reserve(size * communities)
	rng := rand.New(rand.NewPCG(1, 2))
	for range communities {
		r.Grow(size, &s.Residents, 0, rng)
	}
	c := Conditions{Utility: -3, SatEffect: 2, NeighbourEffect: 0.25}
	var t Tally
	for b.Loop() {
		for k := range communities {
			r.decide(k*size, (k+1)*size, &c, &t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(r.Len()), "ns/resident")
}
