package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Limits on the size of a simulated world, so that a typo cannot exhaust
// memory.
const (
	maxResidentAgents = 5_000_000
	maxAgencies       = 1_000_000
	maxProjects       = 1_000_000
)

// calendar checks the order of the yearly procurement calendar (BRIEF
// section 2): call and award before the implementation window opens or
// after acceptance, in the same calendar year; acceptance after the window.
func (c *checker) calendar() {
	k := &c.s.Calendar
	const (
		call, award = "calendar.call_month", "calendar.award_month"
		start, end  = "calendar.implementation_start_month", "calendar.implementation_end_month"
		accept      = "calendar.acceptance_month"
	)
	if c.ok(start, end) && k.ImplementationEndMonth < k.ImplementationStartMonth {
		c.add(end, "%d is before implementation_start_month %d (the window must end on or after its start, within one calendar year; to end it earlier, also change %s to %d or earlier)",
			k.ImplementationEndMonth, k.ImplementationStartMonth, start, k.ImplementationEndMonth)
		return
	}
	if c.ok(end, accept) && k.AcceptanceMonth <= k.ImplementationEndMonth {
		hint := fmt.Sprintf("; to end the window later, also change %s to %d or later", accept, k.ImplementationEndMonth+1)
		if k.ImplementationEndMonth >= 12 {
			hint = "; the window must end by month 11 to leave a month for acceptance"
		}
		c.add(accept, "%d is not after implementation_end_month %d (acceptance comes after the implementation window, in the same year%s)",
			k.AcceptanceMonth, k.ImplementationEndMonth, hint)
		return
	}
	inside := func(m int) bool { return m >= k.ImplementationStartMonth && m <= k.AcceptanceMonth }
	if !c.ok(start, accept) {
		return
	}
	if c.ok(award) && inside(k.AwardMonth) {
		c.add(award, "%d falls inside the implementation and acceptance months %d-%d (allowed: before %d or after %d)",
			k.AwardMonth, k.ImplementationStartMonth, k.AcceptanceMonth, k.ImplementationStartMonth, k.AcceptanceMonth)
	}
	switch {
	case !c.ok(call):
	case inside(k.CallMonth):
		c.add(call, "%d falls inside the implementation and acceptance months %d-%d (allowed: before %d or after %d)",
			k.CallMonth, k.ImplementationStartMonth, k.AcceptanceMonth, k.ImplementationStartMonth, k.AcceptanceMonth)
	case c.ok(award) && !inside(k.AwardMonth) && k.CallMonth > k.AwardMonth:
		c.add(call, "%d comes after award_month %d (the call opens no later than the award, in the same calendar year)",
			k.CallMonth, k.AwardMonth)
	}
}

// categories checks names, shares per buyer, supplier types and the number
// of projects the budgets buy.
func (c *checker) categories() {
	cats := c.s.Categories
	if c.ok("categories") && len(cats) == 0 {
		c.add("categories", "no categories (at least one [[categories]] is needed)")
		return
	}
	names := make([]string, len(cats))
	for i, cat := range cats {
		names[i] = cat.Name
	}
	c.unique("categories", "category", names)
	c.shares()
	types := c.agencyTypeNames()
	typesOK := c.typesUsable()
	for i, cat := range cats {
		el := fmt.Sprintf("categories[%d].eligible", i)
		if c.ok(el) && typesOK {
			if len(cat.Eligible) == 0 {
				c.add(el, "empty (list the agency types that may bid: %s)", strings.Join(types, ", "))
			}
			for _, name := range cat.Eligible {
				if !slices.Contains(types, name) {
					c.add(el, "%s is not an agency type (allowed: %s%s)", quote(name), strings.Join(types, ", "), didYouMean(name, types))
				}
			}
		}
		mt := fmt.Sprintf("categories[%d].matched_type", i)
		if !c.ok(mt) || !typesOK || cat.MatchedType == "" {
			continue
		}
		switch {
		case !slices.Contains(types, cat.MatchedType):
			c.add(mt, "%s is not an agency type (allowed: %s, or \"\" for none%s)", quote(cat.MatchedType), strings.Join(types, ", "), didYouMean(cat.MatchedType, types))
		case c.ok(el) && !slices.Contains(cat.Eligible, cat.MatchedType):
			c.add(mt, "%s is not in eligible [%s] (the matched type must be allowed to bid)", quote(cat.MatchedType), strings.Join(cat.Eligible, ", "))
		}
	}
	c.projects()
}

// shares checks that the category shares of each buyer sum to 1. The
// problem names an overridden share if one was set on the command line,
// else the categories array.
func (c *checker) shares() {
	sums := map[string]float64{}
	keys := map[string]string{}
	var order []string
	for i, cat := range c.s.Categories {
		key := fmt.Sprintf("categories[%d].share", i)
		if !c.ok(key, fmt.Sprintf("categories[%d].buyer", i)) {
			return
		}
		if _, seen := sums[cat.Buyer]; !seen {
			order = append(order, cat.Buyer)
			keys[cat.Buyer] = "categories"
		}
		sums[cat.Buyer] += cat.Share
		if c.prov.where(key).file == SetOrigin {
			keys[cat.Buyer] = key
		}
	}
	for _, b := range order {
		if math.Abs(sums[b]-1) > 1e-6 {
			c.add(keys[b], "shares of the %s categories sum to %s (they must sum to 1)", quote(b), strconv.FormatFloat(sums[b], 'g', 6, 64))
		}
	}
}

// projects bounds the number of projects a year's budgets buy.
func (c *checker) projects() {
	if !c.ok("categories", "cities", "government.budget_10k_yuan") {
		return
	}
	local := 0.0
	for _, city := range c.s.Cities {
		local += city.LocalBudgetTenKYuan * float64(max(city.Count, 1))
	}
	n := 0.0
	for _, cat := range c.s.Categories {
		budget := c.s.Government.BudgetTenKYuan
		if cat.Buyer == "city" {
			budget = local
		}
		if cat.ProjectSizeTenKYuan > 0 {
			n += cat.Share * budget / cat.ProjectSizeTenKYuan
		}
	}
	if n > maxProjects {
		c.add("categories", "the budgets buy %.0f projects a year (allowed up to %d: raise project sizes or lower budgets)", n, maxProjects)
	}
}

// typesUsable reports whether the agency types have valid, distinct names
// that categories can refer to.
func (c *checker) typesUsable() bool {
	if !c.ok("agency_types") || len(c.s.AgencyTypes) == 0 {
		return false
	}
	seen := map[string]bool{}
	for i, t := range c.s.AgencyTypes {
		if !c.ok(fmt.Sprintf("agency_types[%d].name", i)) || t.Name == "" || seen[t.Name] {
			return false
		}
		seen[t.Name] = true
	}
	return true
}

// cities checks names and that each city has one agency count per type.
func (c *checker) cities() {
	if c.ok("cities") && len(c.s.Cities) == 0 {
		c.add("cities", "no cities (at least one [[cities]] is needed)")
		return
	}
	names := make([]string, len(c.s.Cities))
	for i, city := range c.s.Cities {
		names[i] = city.Name
	}
	c.unique("cities", "city", names)
	if !c.ok("agency_types") || len(c.s.AgencyTypes) == 0 {
		return
	}
	n := len(c.s.AgencyTypes)
	for i, city := range c.s.Cities {
		key := fmt.Sprintf("cities[%d].agencies", i)
		if c.ok(key) && len(city.Agencies) != n {
			c.add(key, "%d counts for %d agency types (one count per [[agency_types]], in order: %s)",
				len(city.Agencies), n, strings.Join(c.agencyTypeNames(), ", "))
		}
	}
}

// agencyTypes checks names, staff bounds and entry shares.
func (c *checker) agencyTypes() {
	ts := c.s.AgencyTypes
	if c.ok("agency_types") && len(ts) == 0 {
		c.add("agency_types", "no agency types (at least one [[agency_types]] is needed)")
		return
	}
	c.unique("agency_types", "agency type", c.agencyTypeNames())
	total := 0.0
	for i, t := range ts {
		lo, hi := fmt.Sprintf("agency_types[%d].staff_min", i), fmt.Sprintf("agency_types[%d].staff_max", i)
		if c.ok(lo, hi) && t.StaffMax < t.StaffMin {
			c.add(hi, "%d is below staff_min %d (allowed >= staff_min)", t.StaffMax, t.StaffMin)
		}
		total += t.EntryShare
	}
	if c.ok("agency_types") && len(ts) > 0 && total <= 0 {
		c.add("agency_types", "entry shares sum to 0 (at least one type needs entry_share > 0)")
	}
	k := &c.s.Community
	if c.ok("community.staff_min", "community.staff_max") && k.StaffMax < k.StaffMin {
		c.add("community.staff_max", "%d is below staff_min %d (allowed >= staff_min)", k.StaffMax, k.StaffMin)
	}
	if c.ok("name") && strings.TrimSpace(c.s.Name) == "" {
		c.add("name", "empty (give the scenario a short name)")
	}
}

// sizes bounds the numbers of resident agents and agencies.
func (c *checker) sizes() {
	if !c.ok("cities", "community.agents_per_community") {
		return
	}
	communities, agencies := 0.0, 0.0
	for _, city := range c.s.Cities {
		copies := float64(max(city.Count, 1))
		communities += copies * float64(city.Communities)
		for _, n := range city.Agencies {
			agencies += copies * float64(n)
		}
	}
	if r := communities * float64(c.s.Community.AgentsPerCommunity); r > maxResidentAgents {
		c.add("community.agents_per_community", "%d per community in %.0f communities make %.0f resident agents (allowed up to %d)",
			c.s.Community.AgentsPerCommunity, communities, r, maxResidentAgents)
	}
	if agencies > maxAgencies {
		c.add("cities", "the cities start with %.0f agencies (allowed up to %d)", agencies, maxAgencies)
	}
}

// residentRanges checks that each need range has one bound per group, that
// every drawn range has its low end at most its high end, and that the
// residents' network fits in a community.
func (c *checker) residentRanges() {
	r := &c.s.Residents
	arrays := []struct {
		key string
		v   []float64
	}{
		{"residents.professional_need_low", r.ProfessionalNeedLow},
		{"residents.professional_need_high", r.ProfessionalNeedHigh},
		{"residents.basic_need_low", r.BasicNeedLow},
		{"residents.basic_need_high", r.BasicNeedHigh},
	}
	for _, a := range arrays {
		if c.ok(a.key) && len(a.v) != ResidentGroups {
			c.add(a.key, "%d values (allowed: exactly %d, for others, elderly, vulnerable, elderly and vulnerable)", len(a.v), ResidentGroups)
		}
	}
	for _, p := range [][2]int{{0, 1}, {2, 3}} {
		lo, hi := arrays[p[0]], arrays[p[1]]
		if len(lo.v) != ResidentGroups || len(hi.v) != ResidentGroups || !c.ok(lo.key, hi.key) {
			continue
		}
		for g := range ResidentGroups {
			if lo.v[g] > hi.v[g] {
				c.add(hi.key, "element %d is %s, below %s's %s (allowed >= the low end)", g+1, formatNumber(hi.v[g]), lo.key, formatNumber(lo.v[g]))
			}
		}
	}
	for _, p := range []struct {
		lo, hi string
		a, b   float64
	}{
		{"residents.propensity_min", "residents.propensity_max", r.PropensityMin, r.PropensityMax},
		{"residents.initial_satisfaction_min", "residents.initial_satisfaction_max", r.InitialSatisfactionMin, r.InitialSatisfactionMax},
		{"residents.initial_participation_factor_min", "residents.initial_participation_factor_max", r.InitialParticipationFactorMin, r.InitialParticipationFactorMax},
	} {
		if c.ok(p.lo, p.hi) && p.b < p.a {
			c.add(p.hi, "%s is below %s %s (allowed >= the minimum)", formatNumber(p.b), p.lo, formatNumber(p.a))
		}
	}
	// Each resident's 2 × neighbours links go to distinct other residents
	// of its community.
	if n := c.s.Community.AgentsPerCommunity; c.ok("residents.neighbours", "community.agents_per_community") && 2*r.Neighbours >= n {
		c.add("residents.neighbours", "%d neighbours each side need more than %d resident agents a community (allowed: 2 × neighbours below community.agents_per_community %d)", r.Neighbours, 2*r.Neighbours, n)
	}
}

// maxOptions bounds the options of one strategy dimension.
const maxOptions = 16

// strategies checks that each dimension of the agencies' strategy space
// has between 1 and maxOptions distinct options.
func (c *checker) strategies() {
	a := &c.s.Agencies
	for _, d := range []struct {
		key string
		v   []float64
	}{
		{"agencies.show_levels", a.ShowLevels},
		{"agencies.bid_shares", a.BidShares},
	} {
		if !c.ok(d.key) {
			continue
		}
		if len(d.v) == 0 || len(d.v) > maxOptions {
			c.add(d.key, "%d options (allowed: 1 to %d)", len(d.v), maxOptions)
			continue
		}
		seen := map[float64]bool{}
		for i, v := range d.v {
			if seen[v] {
				c.add(d.key, "element %d repeats %s (allowed: distinct options)", i+1, formatNumber(v))
				break
			}
			seen[v] = true
		}
	}
}

// ResidentGroups is the number of resident groups the need ranges give:
// others, elderly, vulnerable, elderly and vulnerable.
const ResidentGroups = 4
