package design

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestScale(t *testing.T) {
	for _, tc := range []struct{ u, lo, hi, want float64 }{
		{0, -2, 6, -2}, {1, -2, 6, 6}, {0.25, -2, 6, 0}, {0.5, math.Pi, -math.Pi, 0},
	} {
		if got := Scale(tc.u, tc.lo, tc.hi); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("Scale(%v, %v, %v) = %v, want %v", tc.u, tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestGrid(t *testing.T) {
	for _, tc := range []struct {
		levels []int
		want   [][]float64
	}{
		{[]int{}, [][]float64{{}}},
		{[]int{1}, [][]float64{{0.5}}},
		{[]int{3}, [][]float64{{0}, {0.5}, {1}}},
		{[]int{2, 2}, [][]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}}},
		{[]int{3, 1, 2}, [][]float64{
			{0, 0.5, 0}, {0.5, 0.5, 0}, {1, 0.5, 0},
			{0, 0.5, 1}, {0.5, 0.5, 1}, {1, 0.5, 1},
		}},
	} {
		got := Grid(tc.levels)
		if len(got) != len(tc.want) {
			t.Errorf("Grid(%v) has %d points, want %d", tc.levels, len(got), len(tc.want))
			continue
		}
		for i := range got {
			for j := range tc.want[i] {
				if got[i][j] != tc.want[i][j] {
					t.Errorf("Grid(%v)[%d] = %v, want %v", tc.levels, i, got[i], tc.want[i])
					break
				}
			}
		}
	}
	// With two levels, bit i of the point index is factor i (the order of
	// FactorialEffects).
	for c, p := range Grid([]int{2, 2, 2, 2}) {
		for i, x := range p {
			if x != float64(c>>i&1) {
				t.Fatalf("Grid(2,2,2,2)[%d] = %v, not the bits of %d", c, p, c)
			}
		}
	}
}

func TestLatinHypercube(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tc := range []struct{ n, k int }{{1, 1}, {7, 3}, {100, 5}, {1000, 2}} {
		pts := LatinHypercube(tc.n, tc.k, rng)
		if len(pts) != tc.n {
			t.Fatalf("LatinHypercube(%d, %d): %d points", tc.n, tc.k, len(pts))
		}
		for d := range tc.k {
			seen := make([]int, tc.n)
			for _, p := range pts {
				if len(p) != tc.k || p[d] < 0 || p[d] >= 1 {
					t.Fatalf("bad point %v", p)
				}
				seen[int(p[d]*float64(tc.n))]++
			}
			for s, c := range seen {
				if c != 1 {
					t.Errorf("n=%d k=%d dim %d: stratum %d holds %d points", tc.n, tc.k, d, s, c)
				}
			}
		}
	}
	// Strata must be paired at random: the two columns of a large design are
	// nearly uncorrelated (|r| < 0.1 for n = 1000 happens with p > 0.998).
	pts := LatinHypercube(1000, 2, rng)
	var sxy float64
	for _, p := range pts {
		sxy += (p[0] - 0.5) * (p[1] - 0.5)
	}
	if r := sxy / 1000 * 12; math.Abs(r) > 0.1 {
		t.Errorf("LHS columns correlated: r = %v", r)
	}
}

func TestSobolFirstPoints(t *testing.T) {
	// Joe & Kuo's reference output (and SciPy's unscrambled Sobol), without
	// the initial zero point.
	want := [][]float64{
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
		{0.1875, 0.3125, 0.9375},
	}
	got := SobolSequence(len(want), 3)
	for i := range want {
		for d := range want[i] {
			if got[i][d] != want[i][d] {
				t.Errorf("point %d = %v, want %v", i+1, got[i], want[i])
				break
			}
		}
	}
}

// TestSobolMatchesSciPy compares all SobolMaxDim coordinates of two points
// with SciPy 1.10's scipy.stats.qmc.Sobol(d=40, scramble=False), whose
// coordinates have 30 bits: the values below are x·2^30 for the points of
// index 100 and 4097 (index 0 is the origin). This checks every row of the
// direction-number table and the recurrence to high bit positions.
func TestSobolMatchesSciPy(t *testing.T) {
	want := map[int][]uint32{
		100: {444596224, 276824064, 830472192, 780140544, 947912704, 796917760, 25165824, 511705088,
			679477248, 746586112, 494927872, 729808896, 511705088, 914358272, 343932928, 528482304,
			729808896, 796917760, 897581056, 360710144, 813694976, 427819008, 8388608, 528482304,
			25165824, 8388608, 1015021568, 713031680, 260046848, 780140544, 763363328, 444596224,
			276824064, 276824064, 394264576, 713031680, 1048576000, 511705088, 964689920, 142606336},
		4097: {537264128, 1042153472, 360579072, 129368064, 713949184, 46006272, 224002048, 361627648,
			174981120, 531234816, 370540544, 656277504, 27131904, 960888832, 174456832, 835059712,
			659947520, 96862208, 585498624, 1036124160, 185204736, 477757440, 545652736, 678559744,
			13500416, 555089920, 476971008, 657063936, 858128384, 324665344, 32636928, 921042944,
			778174464, 106561536, 300023808, 416415744, 616955904, 86114304, 240254976, 216662016},
	}
	if SobolMaxDim != 40 {
		t.Fatalf("SobolMaxDim = %d, want 40", SobolMaxDim)
	}
	pts := SobolSequence(4097, SobolMaxDim)
	for idx, w := range want {
		p := pts[idx-1]
		for d := range w {
			if got := uint32(p[d] * (1 << 30)); got != w[d] {
				t.Errorf("point %d dim %d: got %d/2^30, want %d/2^30", idx, d+1, got, w[d])
			}
		}
	}
}

// TestSobolNet checks the defining equidistribution properties: with the
// origin prepended, the first 2^m points of every one-dimensional projection
// are exactly {j/2^m}, and the first two dimensions form a (0, m, 2)-net, so
// every dyadic box of area 2^-m holds exactly one point.
func TestSobolNet(t *testing.T) {
	const m = 10
	n := 1 << m
	pts := append([][]float64{make([]float64, SobolMaxDim)}, SobolSequence(n-1, SobolMaxDim)...)
	for d := range SobolMaxDim {
		seen := make([]bool, n)
		for _, p := range pts {
			v := p[d] * float64(n)
			if v != math.Trunc(v) || seen[int(v)] {
				t.Fatalf("dim %d: coordinates of the first 2^%d points are not {j/2^%d}", d+1, m, m)
			}
			seen[int(v)] = true
		}
	}
	for q := 0; q <= m; q++ {
		nx, ny := 1<<q, 1<<(m-q)
		count := make([]int, n)
		for _, p := range pts {
			count[int(p[0]*float64(nx))*ny+int(p[1]*float64(ny))]++
		}
		for b, c := range count {
			if c != 1 {
				t.Fatalf("box %d of shape 2^-%d × 2^-%d holds %d points", b, q, m-q, c)
			}
		}
	}
}

// anchoredDiscrepancy returns the largest deviation, over the anchored boxes
// [0,a)×[0,b) with a, b on a 64×64 grid, between the fraction of points of
// the (dx, dy) projection inside the box and its area: an approximation of
// the 2-D star discrepancy.
func anchoredDiscrepancy(pts [][]float64, dx, dy int) float64 {
	const g = 64
	var count [g + 1][g + 1]float64
	for _, p := range pts {
		count[int(p[dx]*g)+1][int(p[dy]*g)+1]++
	}
	var worst float64
	for i := 1; i <= g; i++ {
		for j := 1; j <= g; j++ {
			count[i][j] += count[i-1][j] + count[i][j-1] - count[i-1][j-1]
			dev := math.Abs(count[i][j]/float64(len(pts)) - float64(i*j)/(g*g))
			worst = max(worst, dev)
		}
	}
	return worst
}

func TestSobolUniformity(t *testing.T) {
	const n = 4096
	sob := SobolSequence(n, 21)
	rng := rand.New(rand.NewPCG(9, 10))
	mc := make([][]float64, n)
	for i := range mc {
		mc[i] = []float64{rng.Float64(), rng.Float64()}
	}
	// Plain Monte Carlo has a discrepancy around 1/√n ≈ 0.016.
	mcD := anchoredDiscrepancy(mc, 0, 1)
	if mcD < 0.005 {
		t.Fatalf("Monte Carlo reference discrepancy %v is implausibly small", mcD)
	}
	// Every pair of the first 21 Sobol' dimensions does markedly better.
	var worst float64
	for i := range 21 {
		for j := i + 1; j < 21; j++ {
			worst = max(worst, anchoredDiscrepancy(sob, i, j))
		}
	}
	t.Logf("worst pairwise Sobol' discrepancy %.4f, Monte Carlo %.4f", worst, mcD)
	if worst > 0.006 {
		t.Errorf("worst pairwise Sobol' discrepancy %v (Monte Carlo %v), want < 0.006", worst, mcD)
	}
}

func TestSaltelliMatrices(t *testing.T) {
	const n, k = 16, 3
	A, B, ABi := SaltelliMatrices(n, k)
	seq := SobolSequence(n, 2*k)
	if len(A) != n || len(B) != n || len(ABi) != k {
		t.Fatalf("shapes: %d, %d, %d", len(A), len(B), len(ABi))
	}
	for r := range n {
		for j := range k {
			if A[r][j] != seq[r][j] || B[r][j] != seq[r][k+j] {
				t.Fatalf("row %d: A=%v B=%v, sequence %v", r, A[r], B[r], seq[r])
			}
			for i := range k {
				want := A[r][j]
				if i == j {
					want = B[r][j]
				}
				if ABi[i][r][j] != want {
					t.Fatalf("ABi[%d][%d] = %v, want A with column %d from B", i, r, ABi[i][r], i)
				}
			}
		}
		if len(A[r]) != k || cap(A[r]) != k {
			t.Fatalf("A row %d has len %d cap %d", r, len(A[r]), cap(A[r]))
		}
	}
}

func TestMorrisTrajectories(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tc := range []struct{ r, k, levels int }{{1, 1, 2}, {20, 3, 4}, {50, 8, 6}, {10, 5, 8}} {
		delta := MorrisDelta(tc.levels)
		if want := float64(tc.levels) / (2 * float64(tc.levels-1)); delta != want {
			t.Fatalf("MorrisDelta(%d) = %v, want %v", tc.levels, delta, want)
		}
		trajs := MorrisTrajectories(tc.r, tc.k, tc.levels, rng)
		if len(trajs) != tc.r {
			t.Fatalf("%d trajectories, want %d", len(trajs), tc.r)
		}
		ups, downs := 0, 0
		for _, tr := range trajs {
			if len(tr) != tc.k+1 {
				t.Fatalf("trajectory has %d points, want %d", len(tr), tc.k+1)
			}
			for _, p := range tr {
				for _, x := range p {
					l := x * float64(tc.levels-1)
					if x < 0 || x > 1 || math.Abs(l-math.Round(l)) > 1e-9 {
						t.Fatalf("coordinate %v is not a grid level in [0,1]", x)
					}
				}
			}
			changed := make([]int, tc.k)
			for j := 1; j < len(tr); j++ {
				n := 0
				for i := range tc.k {
					d := tr[j][i] - tr[j-1][i]
					if d == 0 {
						continue
					}
					n++
					changed[i]++
					if math.Abs(math.Abs(d)-delta) > 1e-12 {
						t.Errorf("step changes factor %d by %v, want ±%v", i, d, delta)
					}
					if d > 0 {
						ups++
					} else {
						downs++
					}
				}
				if n != 1 {
					t.Errorf("step %d changes %d factors, want 1", j, n)
				}
			}
			for i, c := range changed {
				if c != 1 {
					t.Errorf("factor %d changed %d times in one trajectory", i, c)
				}
			}
		}
		if tc.r*tc.k >= 100 && (ups == 0 || downs == 0) {
			t.Errorf("steps all in one direction: %d up, %d down", ups, downs)
		}
	}
}

func TestDesignPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Grid zero levels":       func() { Grid([]int{2, 0}) },
		"Sobol too many dims":    func() { SobolSequence(4, SobolMaxDim+1) },
		"Sobol zero dims":        func() { SobolSequence(4, 0) },
		"Saltelli too many dims": func() { SaltelliMatrices(4, SobolMaxDim/2+1) },
		"Morris odd levels":      func() { MorrisTrajectories(2, 2, 3, nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
