package scenarios

import (
	"errors"
	"fmt"
	"math"
)

// Validate checks ranges and combinations and returns every problem found,
// joined.
func Validate(s *Scenario) error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	month := func(key string, v int) {
		if v < 1 || v > 12 {
			bad(key, "%d is not a month (allowed 1-12)", v)
		}
	}
	prob := func(key string, v float64) {
		if !(v >= 0 && v <= 1) {
			bad(key, "%v is outside [0, 1]", v)
		}
	}
	c := &s.Calendar
	month("calendar.call_month", c.CallMonth)
	month("calendar.award_month", c.AwardMonth)
	month("calendar.implementation_start_month", c.ImplementationStartMonth)
	month("calendar.implementation_end_month", c.ImplementationEndMonth)
	month("calendar.acceptance_month", c.AcceptanceMonth)
	month("calendar.festival_month", c.FestivalMonth)
	prob("calendar.festival_capacity", c.FestivalCapacity)
	if c.ImplementationEndMonth < c.ImplementationStartMonth {
		bad("calendar.implementation_end_month", "%d is before implementation_start_month %d", c.ImplementationEndMonth, c.ImplementationStartMonth)
	}
	if c.AcceptanceMonth <= c.ImplementationEndMonth {
		bad("calendar.acceptance_month", "%d must come after implementation_end_month %d", c.AcceptanceMonth, c.ImplementationEndMonth)
	}
	if c.AwardMonth >= c.ImplementationStartMonth && c.AwardMonth <= c.AcceptanceMonth {
		bad("calendar.award_month", "%d falls inside the implementation and acceptance months %d-%d", c.AwardMonth, c.ImplementationStartMonth, c.AcceptanceMonth)
	}
	if c.ContractYears < 1 {
		bad("calendar.contract_years", "%d (allowed >= 1)", c.ContractYears)
	}
	if s.Years < 1 {
		bad("years", "%d (allowed >= 1)", s.Years)
	}
	if s.Government.BudgetTenKYuan < 0 {
		bad("government.budget_10k_yuan", "%v (allowed >= 0)", s.Government.BudgetTenKYuan)
	}
	prob("supervision.audit_probability", s.Supervision.AuditProbability)
	prob("supervision.resident_rating_weight", s.Supervision.ResidentRatingWeight)
	sum, citySum := 0.0, 0.0
	for i, cat := range s.Categories {
		if cat.Buyer == "city" {
			citySum += cat.Share
		} else {
			sum += cat.Share
		}
		if cat.ProjectSizeTenKYuan <= 0 {
			bad(fmt.Sprintf("categories[%d].project_size_10k_yuan", i), "%v (allowed > 0)", cat.ProjectSizeTenKYuan)
		}
	}
	if len(s.Categories) > 0 && math.Abs(sum-1) > 1e-6 {
		bad("categories.share", "province shares sum to %v (must sum to 1)", sum)
	}
	if citySum > 0 && math.Abs(citySum-1) > 1e-6 {
		bad("categories.share", "city shares sum to %v (must sum to 1)", citySum)
	}
	for i, city := range s.Cities {
		if city.Communities < 1 {
			bad(fmt.Sprintf("cities[%d].communities", i), "%d (allowed >= 1)", city.Communities)
		}
		if len(city.Agencies) != len(s.AgencyTypes) {
			bad(fmt.Sprintf("cities[%d].agencies", i), "%d counts for %d agency types", len(city.Agencies), len(s.AgencyTypes))
		}
	}
	if s.Community.AgentsPerCommunity < 1 {
		bad("community.agents_per_community", "%d (allowed >= 1)", s.Community.AgentsPerCommunity)
	}
	for _, m := range []struct {
		key string
		v   float64
	}{
		{"mechanisms.dynamics.intensity", s.Mechanisms.Dynamics.Intensity},
		{"mechanisms.risk.intensity", s.Mechanisms.Risk.Intensity},
		{"mechanisms.supervision.intensity", s.Mechanisms.Supervision.Intensity},
		{"mechanisms.evaluation.intensity", s.Mechanisms.Evaluation.Intensity},
	} {
		prob(m.key, m.v)
	}
	return errors.Join(errs...)
}
