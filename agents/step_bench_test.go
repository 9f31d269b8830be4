package agents

import (
	"math/rand/v2"
	"testing"
)

// Sizes of the benchmarks' residents: communities of 2,353 resident agents
// (the size of sim's BenchmarkResidents).
const size, communities = 2353, 425

// benchResidents grows the benchmarks' residents from the baseline.
func benchResidents(b *testing.B) *Residents {
	s := baseline(b)
	r := &Residents{}
	r.Reserve(size * communities)
	rng := rand.New(rand.NewPCG(1, 2))
	for range communities {
		r.Grow(size, &s.Residents, 0, rng)
	}
	return r
}

// BenchmarkResidentsStep is Residents.Step alone over communities of 2,353
// resident agents (the size of sim's BenchmarkResidents).
func BenchmarkResidentsStep(b *testing.B) {
	r := benchResidents(b)
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
	r := benchResidents(b)
	c := Conditions{Utility: -3, SatEffect: 2, NeighbourEffect: 0.25}
	var t Tally
	for b.Loop() {
		for k := range communities {
			r.decide(k*size, (k+1)*size, &c, &t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(r.Len()), "ns/resident")
}
