package agents

import (
	"slices"

	"gonum.org/v1/gonum/mathext"
)

// roundBids records who bid for each project of one round (the
// co-bidding data the bid-rigging screen reads): the bidders of project
// j are agencies[starts[j]:starts[j+1]].
type roundBids struct {
	starts, agencies []int32
	// projects are the round's projects, in the same order.
	projects []Project
}

// add appends one project's bidders.
func (r *roundBids) add(pr Project, bidders []int32) {
	if len(r.starts) == 0 {
		r.starts = append(r.starts, 0)
	}
	r.agencies = append(r.agencies, bidders...)
	r.starts = append(r.starts, int32(len(r.agencies)))
	r.projects = append(r.projects, pr)
}

// Group is one group of the co-bidding network the screen examined.
type Group struct {
	// Members are agency indices in increasing order.
	Members []int
	// Cohesion and Exclusivity are the screen's two measures (ODD 7.3);
	// Flagged is set when both reach their thresholds.
	Cohesion, Exclusivity float64
	Flagged               bool
}

// Screen runs the government's bid-rigging screen on the co-bidding
// network of the recorded rounds (ODD 7.3), after Wachs and Kertész
// (2019): agencies are nodes; w_ij counts the projects of the window both
// i and j bid for, n_i the projects i bid for, P_i the projects open to i
// (its type eligible, its city or the whole province) and P_ij those open
// to both. Independent choices would make i and j meet
// E_ij = n_i·n_j·P_ij / (P_i·P_j) times; a link is strong when meeting
// w_ij times or more is that unlikely by chance: P(Poisson(E_ij) ≥ w_ij)
// ≤ link_alpha / (m(m−1)/2) over the m agencies of the network (a
// Bonferroni bound on the chance of any link between independent bidders),
// and the groups are the connected components of the strong links. A
// group g's cohesion is the mean over its member pairs of
// w_ij / min(n_i, n_j) (0 for pairs that never met); its exclusivity is
// Σ_{i≠j∈g} w_ij / Σ_{i∈g} s_i with s_i = Σ_j w_ij over every agency. A
// group is flagged when both reach their thresholds. No random draw.
func (w *World) Screen() []Group {
	rp := &w.S.Mechanisms.Risk
	local := make([]int32, len(w.Agencies))
	for i := range local {
		local[i] = -1
	}
	var nodes []int
	cats, cities := len(w.S.Categories), len(w.Cities)
	// open[k] and byCity[k*cities+c] count the window's projects of
	// category k open to every city and to city c alone.
	open := make([]float64, cats)
	byCity := make([]float64, cats*cities)
	for _, r := range w.cobids {
		for _, a := range r.agencies {
			if local[a] < 0 {
				local[a] = int32(len(nodes))
				nodes = append(nodes, int(a))
			}
		}
		for _, pr := range r.projects {
			if pr.City < 0 {
				open[pr.Category]++
			} else {
				byCity[pr.Category*cities+pr.City]++
			}
		}
	}
	m := len(nodes)
	if m < 2 {
		return nil
	}
	// openTo is P_ij: the window's projects open to both agencies.
	openTo := func(a, b *Agency) float64 {
		n := 0.0
		for k := range cats {
			if w.eligible[k][a.Type] && w.eligible[k][b.Type] {
				n += open[k]
				if a.City == b.City {
					n += byCity[k*cities+a.City]
				}
			}
		}
		return n
	}
	weight := make([]int32, m*m)
	bids := make([]int32, m)
	for _, r := range w.cobids {
		for j := 0; j+1 < len(r.starts); j++ {
			ids := r.agencies[r.starts[j]:r.starts[j+1]]
			for x, a := range ids {
				la := local[a]
				bids[la]++
				for _, b := range ids[x+1:] {
					lb := local[b]
					weight[int(la)*m+int(lb)]++
					weight[int(lb)*m+int(la)]++
				}
			}
		}
	}
	own := make([]float64, m)
	for i, a := range nodes {
		own[i] = openTo(&w.Agencies[a], &w.Agencies[a])
	}
	share := func(i, j int) float64 {
		return float64(weight[i*m+j]) / float64(min(bids[i], bids[j]))
	}
	// Bonferroni over every pair of the network.
	alpha := rp.LinkAlpha / (float64(m) * float64(m-1) / 2)
	parent := make([]int, m)
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range m {
		for j := i + 1; j < m; j++ {
			wij := float64(weight[i*m+j])
			if wij == 0 {
				continue
			}
			expected := float64(bids[i]) * float64(bids[j]) * openTo(&w.Agencies[nodes[i]], &w.Agencies[nodes[j]]) / (own[i] * own[j])
			if mathext.GammaIncReg(wij, expected) <= alpha {
				if ri, rj := root(i), root(j); ri != rj {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
	}
	comp := make([][]int, m)
	for i := range m {
		r := root(i)
		comp[r] = append(comp[r], i)
	}
	var out []Group
	for r := range m {
		g := comp[r]
		if len(g) < 2 {
			continue
		}
		var coh, inside, strength float64
		for x, i := range g {
			for _, j := range g[x+1:] {
				coh += share(i, j)
				inside += 2 * float64(weight[i*m+j])
			}
			for j := range m {
				strength += float64(weight[i*m+j])
			}
		}
		pairs := float64(len(g) * (len(g) - 1) / 2)
		gr := Group{Cohesion: coh / pairs, Exclusivity: inside / strength}
		gr.Flagged = gr.Cohesion >= rp.CohesionThreshold && gr.Exclusivity >= rp.ExclusivityThreshold
		for _, i := range g {
			gr.Members = append(gr.Members, nodes[i])
		}
		slices.Sort(gr.Members)
		out = append(out, gr)
	}
	return out
}

// record keeps a round's bids for the screen, at most network_window
// rounds, the oldest dropped first.
func (w *World) record(r roundBids) {
	w.cobids = append(w.cobids, r)
	if k := w.S.Mechanisms.Risk.NetworkWindow; len(w.cobids) > k {
		w.cobids = slices.Delete(w.cobids, 0, len(w.cobids)-k)
	}
}
