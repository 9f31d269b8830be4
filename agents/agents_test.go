package agents

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"cogov/scenarios"
)

func baseline(t testing.TB) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newWorld builds the world of scenario s on the stream PCG(a, b).
func newWorld(t testing.TB, s *scenarios.Scenario, a, b uint64) *World {
	t.Helper()
	w, err := NewWorld(s, rand.New(rand.NewPCG(a, b)))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWindowServes(t *testing.T) {
	win := Window{Start: 3, End: 7}
	one := &Contract{FirstYear: 2017, Years: 1}
	three := &Contract{FirstYear: 2017, Years: 3}
	cases := []struct {
		name  string
		c     *Contract
		y, mo int
		want  bool
	}{
		{"inside the window", one, 2017, 3, true},
		{"after the window, one-year contract", one, 2017, 8, false},
		{"before the window, one-year contract", one, 2017, 2, false},
		{"another year", one, 2018, 3, false},
		{"between windows of a multi-year contract", three, 2017, 8, true},
		{"before the window of a continuing year", three, 2018, 1, true},
		{"after the last window", three, 2019, 8, false},
		{"before the first window", three, 2017, 1, false},
	}
	for _, c := range cases {
		if got := win.Serves(c.c, c.y, c.mo); got != c.want {
			t.Errorf("%s: Serves(%d-%02d) = %v, want %v", c.name, c.y, c.mo, got, c.want)
		}
	}
	ended := &Contract{FirstYear: 2017, Years: 1, Terminated: true}
	if win.Serves(ended, 2017, 3) {
		t.Error("a terminated contract serves")
	}
}

// Acceptance pays a passing tranche in full and claws back a failing one's
// advance, and the ledger balances either way.
func TestAcceptLedger(t *testing.T) {
	for _, pass := range []bool{true, false} {
		s := baseline(t)
		s.Supervision.AuditProbability = 0
		s.Supervision.ResidentRatingWeight = 0
		w := newWorld(t, s, 1, 2)
		w.AwardRound(s.StartYear)
		if len(w.Live) == 0 {
			t.Fatal("no contract awarded")
		}
		for _, ci := range w.Live {
			c := &w.Contracts[ci]
			c.Effort, c.ShowEffort, c.Countables = c.Planned, 0, 0
			if pass {
				c.Countables = 10 * c.Planned
			}
		}
		paid := w.Gov.Paid
		passed, total := w.Accept(s.StartYear)
		g := &w.Gov
		if d := g.Awarded - (g.Paid + g.ClawedBack + g.Withheld + g.Outstanding); math.Abs(d) > 1e-9 {
			t.Fatalf("pass=%v: ledger off by %v", pass, d)
		}
		switch {
		case pass && (passed != total || g.Paid <= paid || g.ClawedBack != 0):
			t.Errorf("passing tranches: %d of %d passed, paid %v -> %v, clawed %v", passed, total, paid, g.Paid, g.ClawedBack)
		case !pass && (passed != 0 || g.ClawedBack <= 0 || len(w.Live) != 0):
			t.Errorf("failing tranches: %d passed, clawed %v, %d still live", passed, g.ClawedBack, len(w.Live))
		}
	}
}

// Modified Roth-Erev, one learner a dimension: with learning off nothing
// changes; with it on, on each dimension the option played gains the payoff
// less experimentation, the others share the experimentation, and all
// decay by the recency.
func TestLearnRothErev(t *testing.T) {
	p := &scenarios.Agencies{ShowLevels: []float64{0.1, 0.5}, BidShares: []float64{1},
		Recency: 0.1, Experimentation: 0.2, IntrinsicWeight: 0.5, InitialPropensity: 1}
	a := Agency{Alive: true, Capacity: 0.4, Perf: 0.5, learnCost: 2, learnRev: 3}
	a.inherit(p, nil, rand.New(rand.NewPCG(1, 1)))
	if len(a.Propensity) != 2+1+2+1 {
		t.Fatalf("%d propensities, want 2 show levels + 1 bid share + 2 continuation options + 1 ring option", len(a.Propensity))
	}
	pop := []Agency{a}
	pop[0].Choice = [numDims]int{1, 0, 0, 0}
	Learn(pop, p, rand.New(rand.NewPCG(1, 1)))
	if !slices.Equal(pop[0].Propensity, []float64{1, 1, 1, 1, 1, 1}) {
		t.Fatalf("learning off changed propensities to %v", pop[0].Propensity)
	}
	p.Learning = true
	pop[0].Choice = [numDims]int{1, 0, 0, 0}
	Learn(pop, p, rand.New(rand.NewPCG(1, 1)))
	pi := 3.0/2 + 0.5*0.4*0.5
	win, other := 0.9+pi*0.8, 0.9+0.2
	// A dimension with one option keeps no experimentation share.
	want := []float64{other, win, 0.9 + pi*0.8, win, other, 0.9 + pi*0.8}
	for j := range want {
		if math.Abs(pop[0].Propensity[j]-want[j]) > 1e-12 {
			t.Fatalf("propensities %v, want %v", pop[0].Propensity, want)
		}
	}
	if got := strategyOf(p, pop[0].Choice); got != pop[0].Strategy {
		t.Errorf("strategy %+v does not decode choice %v (%+v)", pop[0].Strategy, pop[0].Choice, got)
	}
	// Choice follows propensities: an option with all the weight is chosen.
	for j, v := range []float64{0, 5, 1, 0, 3, 1} {
		pop[0].Propensity[j] = v
	}
	pop[0].choose(p, rand.New(rand.NewPCG(2, 2)))
	if pop[0].Choice != [numDims]int{1, 0, 1, 0} || pop[0].Strategy.Show != 0.5 || !pop[0].Strategy.Continue {
		t.Errorf("chose %v (%+v), want show 0.5 and continuation", pop[0].Choice, pop[0].Strategy)
	}
}

// Residents move towards their targets and stay in [0,1]; full coverage
// leaves no professional need unmet.
func TestResidentsStep(t *testing.T) {
	s := baseline(t)
	var r Residents
	r.Grow(500, &s.Residents, 1, rand.New(rand.NewPCG(3, 4)))
	full := Conditions{CovProf: [2]float32{10, 10}, CovBasic: [2]float32{1, 1}, SatBase: 0.4, RateSat: 1}
	tally := r.Step(0, r.Len(), &full)
	if tally.UnmetProf != 0 {
		t.Errorf("unmet professional need %v under full coverage", tally.UnmetProf)
	}
	parts := 0.0
	for i := range r.Sat {
		if r.Sat[i] != 1 {
			t.Fatalf("resident %d: satisfaction %v under full coverage and rate 1", i, r.Sat[i])
		}
		parts += float64(r.Part[i])
	}
	if parts != tally.Part[0]+tally.Part[1] {
		t.Errorf("%v residents take part, the tally counts %v", parts, tally.Part[0]+tally.Part[1])
	}
	none := Conditions{SatBase: 0.4, RateSat: 1}
	tally = r.Step(0, r.Len(), &none)
	if math.Abs(tally.UnmetProf-tally.NeedProf) > 1e-3 {
		t.Errorf("with no service unmet %v != need %v", tally.UnmetProf, tally.NeedProf)
	}
	if n := tally.N[0] + tally.N[1]; int(n) != r.Len() {
		t.Errorf("tally counts %v residents of %d", n, r.Len())
	}
}

func TestPoissonMean(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, lambda := range []float64{0, 0.5, 3, 50} {
		sum := 0
		const n = 20000
		for range n {
			sum += poisson(rng.Float64, lambda)
		}
		mean := float64(sum) / n
		if math.Abs(mean-lambda) > 4*math.Sqrt(lambda/n)+1e-9 {
			t.Errorf("Poisson(%v): sample mean %v", lambda, mean)
		}
	}
}

// An agency that runs out of cash lays staff off and exits after the grace
// months; one flush with cash hires towards what its work needs.
func TestAgencyStaffAndExit(t *testing.T) {
	s := baseline(t)
	rng := rand.New(rand.NewPCG(7, 8))
	w := &World{S: s, L: NewLevers(s), rng: rng, Staff: Staff{Hires: make([]int, 2), EarlyLeaves: make([]int, 2)}}
	a := NewAgency(0, 0, 0, s, 0, rng)
	a.Cash = 100
	w.adjustStaff(&a, 12, 0)
	if a.Workers() < 12 {
		t.Errorf("flush agency hired to %d workers, want 12", a.Workers())
	}
	a.Cash = -1
	n := a.Workers()
	w.adjustStaff(&a, 12, 1)
	if a.Workers() != n-1 {
		t.Errorf("broke agency went from %d to %d workers, want one fewer", n, a.Workers())
	}
	exited := false
	for m := 0; m <= s.Agencies.ExitGraceMonths+1 && !exited; m++ {
		exited = a.PayMonth(s)
	}
	if !exited {
		t.Error("agency with negative cash did not exit after the grace months")
	}
}

// Professionals who leave within 12 months of their hire count as early
// leaves of their hire year; those who leave later do not.
func TestFirstYearExit(t *testing.T) {
	s := baseline(t)
	w := &World{S: s, Staff: Staff{Hires: make([]int, 3), EarlyLeaves: make([]int, 3)}}
	a := Agency{}
	w.hireProf(&a, 3) // year 0, month 3
	w.hireProf(&a, 5)
	w.loseProf(&a, 10, 0.0) // one of the two, in its first year
	for m := 6; m <= 17; m++ {
		a.ageCohorts(m)
	}
	w.loseProf(&a, 17, 0.0) // the other, after its first year ended at month 15
	if w.Staff.Hires[0] != 2 || w.Staff.EarlyLeaves[0] != 1 {
		t.Errorf("hires %v, early leaves %v, want 2 and 1 in year 0", w.Staff.Hires, w.Staff.EarlyLeaves)
	}
	if got := w.FirstYearExit(s.StartYear); got != 0.5 {
		t.Errorf("first-year exit %v, want 0.5", got)
	}
}

// Every category's projects cost at most its budget, in pilot years and
// after (project counts are floored, never rounded up), and a zero
// provincial budget leaves the cities' own purchases alone.
func TestProjectsWithinBudget(t *testing.T) {
	s := baseline(t)
	w := newWorld(t, s, 1, 2)
	local := 0.0
	for _, c := range w.Cities {
		local += c.LocalBudgetTenKYuan
	}
	count := func(ps []Project) []float64 {
		spent := make([]float64, len(s.Categories))
		for _, p := range ps {
			spent[p.Category] += s.Categories[p.Category].ProjectSizeTenKYuan
		}
		return spent
	}
	for y := s.StartYear; y < s.StartYear+4; y++ {
		// Each city's own purchases stay within its own budget.
		byCity := make([]float64, len(w.Cities))
		for _, p := range w.Projects(y) {
			if c := s.Categories[p.Category]; c.Buyer == "city" {
				byCity[p.City] += c.ProjectSizeTenKYuan
			}
		}
		for ci, city := range w.Cities {
			if limit := city.LocalBudgetTenKYuan * PilotShare(s, y); byCity[ci] > limit+1e-9 {
				t.Errorf("%d %s: own purchases %.1f, budget %.1f", y, w.CityNames[ci], byCity[ci], limit)
			}
		}
		spent := count(w.Projects(y))
		for k, c := range s.Categories {
			budget := c.Share * Budget(s, y)
			if c.Buyer == "city" {
				budget = c.Share * local * PilotShare(s, y)
			}
			if spent[k] > budget+1e-9 {
				t.Errorf("%d %s: projects cost %.1f, budget %.1f", y, c.Name, spent[k], budget)
			}
		}
	}
	y := s.StartYear + 3
	before := count(w.Projects(y))
	s.Government.BudgetTenKYuan = 0
	after := count(w.Projects(y))
	for k, c := range s.Categories {
		want := before[k]
		if c.Buyer != "city" {
			want = 0
		}
		if after[k] != want {
			t.Errorf("zero provincial budget: %s spends %.1f, want %.1f", c.Name, after[k], want)
		}
	}
}

func TestLargestRemainders(t *testing.T) {
	cases := []struct {
		n, start int
		weights  []float64
		want     []int
	}{
		{97, 0, []float64{150, 150, 150, 150}, []int{25, 24, 24, 24}},
		{97, 2, []float64{150, 150, 150, 150}, []int{24, 24, 25, 24}},
		{5, 0, []float64{1, 1, 1}, []int{2, 2, 1}},
		{5, 2, []float64{1, 1, 1}, []int{2, 1, 2}},
		{5, -1, []float64{1, 1, 1}, []int{2, 1, 2}},
		{3, 0, []float64{0, 0}, []int{0, 0}},
		{4, 1, []float64{3, 1}, []int{3, 1}},
	}
	for _, c := range cases {
		got := largestRemainders(c.n, c.weights, c.start)
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("largestRemainders(%d, %v) = %v, want %v", c.n, c.weights, got, c.want)
				break
			}
		}
	}
}

// Basic coverage is basic-care worker-months over the basic need: the
// professional need does not enter it.
func TestBasicCoverageUnits(t *testing.T) {
	s := baseline(t)
	rng := rand.New(rand.NewPCG(1, 2))
	c := NewCommunity(0, 0, 0, 80, s, rng)
	c.ElderShare = 0.2
	c.Receive(0.2, 0, 0, 0) // quality 0: all basic care
	first := c.Conditions(s, 0)
	c.NeedWM *= 4
	second := c.Conditions(s, 0)
	if first.CovBasic != second.CovBasic {
		t.Errorf("basic coverage moved with the professional need: %v -> %v", first.CovBasic, second.CovBasic)
	}
	c.BasicNeedWM *= 2
	if third := c.Conditions(s, 0); third.CovBasic == first.CovBasic && first.CovBasic[0] < 1 {
		t.Errorf("basic coverage ignores the basic need: %v", third.CovBasic)
	}
}

// An entrant the incubation network supports is paid its start-up grant by
// the government (government revenue, Government.Granted); its own cash is
// the type's cash months of running cost, as for any entrant.
func TestIncubatedEntrantGrant(t *testing.T) {
	s := baseline(t)
	s.Mechanisms.Dynamics.Enabled = true
	s.Mechanisms.Dynamics.IncubatedEntries = 5
	s.Agencies.EntryRate, s.Agencies.IncubationEntries = 0, 0
	w := newWorld(t, s, 3, 4)
	before := len(w.Agencies)
	py := s.StartYear + 3
	n := w.Enter(10, py, 0, Round{})
	if n == 0 {
		t.Fatal("no supported entrant drawn; pick another seed")
	}
	granted := 0.0
	left := s.Categories[w.grantCategory()].Share * Budget(s, py)
	for _, a := range w.Agencies[before:] {
		at := &s.AgencyTypes[a.Type]
		own := at.CashMonths * a.MonthlyCost(&s.Agencies)
		grant := math.Min(left, s.Mechanisms.Dynamics.IncubatedGrantMonths*a.MonthlyCost(&s.Agencies))
		if math.Abs(a.CashStart-own) > 1e-9 || math.Abs(a.Rev[SourceGov]-grant) > 1e-9 {
			t.Errorf("entrant %d: cash start %.3f (own %.3f), government revenue %.3f (grant %.3f)", a.ID, a.CashStart, own, a.Rev[SourceGov], grant)
		}
		granted += grant
		left -= grant
	}
	if math.Abs(w.Gov.Granted-granted) > 1e-9 {
		t.Errorf("government granted %.3f, entrants received %.3f", w.Gov.Granted, granted)
	}
	// The grants come out of the incubation budget of py: its projects plus
	// the grants stay within the category's share of the budget.
	k := w.grantCategory()
	inc := 0.0
	for _, p := range w.Projects(py) {
		if p.Category == k {
			inc += s.Categories[k].ProjectSizeTenKYuan
		}
	}
	if limit := s.Categories[k].Share * Budget(s, py); inc+granted > limit+1e-9 {
		t.Errorf("incubation projects %.1f + grants %.1f exceed the budget %.1f", inc, granted, limit)
	}
	if math.Abs(w.Gov.GrantsFor(py)-granted) > 1e-9 || w.Gov.GrantsFor(py+1) != 0 {
		t.Errorf("grants for %d: %.3f, want %.3f (and none for the next year)", py, w.Gov.GrantsFor(py), granted)
	}
}

// Need-first placement before any need is measured (every unmet share 0)
// spreads a round's contracts over the city instead of sending them all to
// its first community.
func TestNeedFirstSpreadsBeforeNeedIsKnown(t *testing.T) {
	s := baseline(t)
	s.Mechanisms.Evaluation.Enabled = true
	w := newWorld(t, s, 5, 6)
	load := make([]int, len(w.Communities))
	var a *Agency
	for i := range w.Agencies {
		if w.Agencies[i].City == 0 && !w.Agencies[i].MultiRole {
			a = &w.Agencies[i]
			break
		}
	}
	n := 10
	for range n {
		load[w.pickCommunity(a, load)]++
	}
	for id, l := range load {
		if l > 1 {
			t.Fatalf("community %d got %d of %d contracts while others had none", id, l, n)
		}
	}
}
