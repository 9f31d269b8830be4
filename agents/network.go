package agents

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
)

// Link is one rewired link of a resident's neighbourhood: resident I
// observes New in place of its ring neighbour Old. All three are indices
// local to the community (0 is the community's first resident).
type Link struct{ I, Old, New int32 }

// group is one community's range of residents [lo, hi) and of its rewired
// links in Residents.Rewired [links0, links1).
type group struct{ lo, hi, links0, links1 int }

// scratchMask bounds the scratch a community's step indexes: the catalogue
// allows at most 10,000 resident agents a community and 100 neighbours each
// side, so n + 2k + 8 < scratchMask + 1 (the counts are read eight bytes at
// a time, up to seven bytes past the community's end).
const scratchMask = 1<<14 - 1

// link builds the network of the n residents starting at lo: a ring
// lattice in which local resident i observes i-k..i-1 and i+1..i+k (mod
// n), its 2k slots in that order; then, when rewiring > 0 and n - 1 > 2k,
// each slot of each resident, residents in index order, is rewired with
// probability rewiring (one uniform draw per slot) to a resident drawn
// uniformly among the others of the community that are not already among
// its slots (one IntN(n-1) draw per attempt, drawn again while it is one of
// them). Every resident keeps 2k distinct neighbours (a directed
// Watts-Strogatz graph: out-degree 2k, in-degree varies). Only rewired
// slots are stored (Rewired, sorted by I within each community).
func (r *Residents) link(lo, n, k int, rewiring float64, rng *rand.Rand) {
	d := 2 * k
	g := group{lo: lo, hi: lo + n, links0: len(r.Rewired)}
	defer func() {
		g.links1 = len(r.Rewired)
		r.groups = append(r.groups, g)
	}()
	if rewiring <= 0 || n-1 <= d {
		return
	}
	slots := make([]int32, d)
	for i := range n {
		ringSlots(slots, i, n, k)
		for s := range slots {
			if rng.Float64() >= rewiring {
				continue
			}
			for {
				c := int32(rng.IntN(n - 1))
				if c >= int32(i) {
					c++
				}
				if !slices.Contains(slots, c) {
					r.Rewired = append(r.Rewired, Link{I: int32(i), Old: slots[s], New: c})
					slots[s] = c
					break
				}
			}
		}
	}
}

// ringSlots writes local resident i's 2k ring neighbours in a community of
// n: i-k..i-1, then i+1..i+k (mod n).
func ringSlots(slots []int32, i, n, k int) {
	for j := k; j >= 1; j-- {
		slots[k-j] = int32(((i-j)%n + n) % n)
	}
	for j := 1; j <= k; j++ {
		slots[k+j-1] = int32((i + j) % n)
	}
}

// links returns the rewired links of the community whose residents start
// at lo (none if no community starts there), by binary search over the
// communities.
func (r *Residents) links(lo int) []Link {
	a, b := 0, len(r.groups)
	for a < b {
		m := int(uint(a+b) >> 1)
		if r.groups[m].lo < lo {
			a = m + 1
		} else {
			b = m
		}
	}
	if a == len(r.groups) || r.groups[a].lo != lo {
		return nil
	}
	return r.Rewired[r.groups[a].links0:r.groups[a].links1]
}

// lastMonth counts, for each of residents [lo, hi), its neighbours who
// took part last month (their current choices, before they choose again)
// into cnt. Last month's choices are copied to ext with the ring's
// wrap-around, ext[j] the choice of local resident (j - k) mod n for j in
// [0, n + 2k), so that ext[i+j] for j in [0, 2k], j != k, are local
// resident i's ring neighbours; eight residents' counts are summed at once
// as the bytes of 64-bit words (each count is at most 2k ≤ 200, so bytes
// do not carry). Each rewired link then adds the New neighbour's choice and
// subtracts the Old one's.
func (r *Residents) lastMonth(lo, hi int) {
	n, k := hi-lo, r.K
	part := r.Part[lo:hi]
	ext, cnt := r.ext, r.cnt
	copy(ext[k:k+n], part)
	for j := range k {
		ext[j] = part[((j-k)%n+n)%n]
		ext[k+n+j] = part[j%n]
	}
	e := ext[:]
	c := cnt[:]
	for i := 0; i < n; i += 8 {
		var w uint64
		for j := 0; j <= 2*k; j++ {
			if j != k {
				w += binary.LittleEndian.Uint64(e[i+j:])
			}
		}
		binary.LittleEndian.PutUint64(c[i:], w)
	}
	for _, l := range r.links(lo) {
		cnt[l.I&scratchMask] += ext[(l.New+int32(k))&scratchMask] - ext[(l.Old+int32(k))&scratchMask]
	}
}
