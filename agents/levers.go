package agents

import (
	"math"

	"cogov/scenarios"
)

// Levers are the rule parameters in force once the four mechanisms are
// applied at their doses (dose = intensity when enabled, 0 when not). Every
// mechanism acts only through these levers, which the agents' rules read;
// residents' participation is reached only through the committees that
// enter their decision.
type Levers struct {
	// Dose of each mechanism in [0,1].
	Dynamics, Risk, Supervision, Evaluation float64

	// Governance-dynamics collaboration.
	PurchaseShare  float64 // share of a community's service fund bought from agencies
	CharityPool    float64 // yearly charity and co-building money, 10,000 yuan
	Training       float64 // monthly capacity gain from university supervision
	IncubatedPerYr float64 // expected extra professional entrants a year
	Promotion      float64 // monthly chance an assistant qualifies as a social worker
	WeightTies     float64 // award weight of ties after risk control
	MatchWeight    float64 // award weight of supplier-type matching
	Detection      float64 // probability a relationship-driven award is voided
	// Investigation is the probability that investigating an agency the
	// bid-rigging screen flagged finds its ring, when it was in one.
	Investigation  float64
	OpenPurchase   bool    // communities may not buy from their director's agency
	ProcessControl float64 // added to every deliberation committee's strength

	// Supervision guarantee.
	RatingWeight float64 // weight of the residents' vote (participants' satisfaction)
	Audit        float64 // probability that acceptance audits substance
	// CommitteeBoost is added to every supervision committee's strength
	// (bottom-up evaluation, mass supervision).
	CommitteeBoost float64

	// Performance-evaluation feedback.
	SatWeight   float64 // weight of residents' satisfaction survey
	ShowYield   float64 // countable indicators per show worker-month
	TargetScale float64 // multiplier of the indicator target (moderate indicators)
	Targeting   float64 // reach bonus of vulnerable residents
	NeedFirst   bool    // service contracts go to the communities of most unmet need
	PerfWeight  float64 // share of reputation replaced by measured performance
}

// NewLevers derives the levers of scenario s.
func NewLevers(s *scenarios.Scenario) Levers {
	m := &s.Mechanisms
	d := scenarios.Dose(m.Dynamics.Enabled, m.Dynamics.Intensity)
	r := scenarios.Dose(m.Risk.Enabled, m.Risk.Intensity)
	v := scenarios.Dose(m.Supervision.Enabled, m.Supervision.Intensity)
	e := scenarios.Dose(m.Evaluation.Enabled, m.Evaluation.Intensity)
	l := Levers{
		Dynamics: d, Risk: r, Supervision: v, Evaluation: e,
		PurchaseShare:  math.Min(1, s.Community.PurchaseShare+d*m.Dynamics.PurchaseShareBoost),
		CharityPool:    s.Agencies.CharityPoolTenKYuan * (1 + d*m.Dynamics.CharityMultiplier),
		Training:       d * m.Dynamics.TrainingGain,
		IncubatedPerYr: d * m.Dynamics.IncubatedEntries,
		Promotion:      d * m.Dynamics.PromotionRate,
		WeightTies:     s.Government.WeightTies * (1 - r*m.Risk.TieDiscount),
		MatchWeight:    r * m.Risk.MatchWeight,
		Detection:      r * m.Risk.DetectionProbability,
		Investigation:  r * m.Risk.DetectionProbability,
		OpenPurchase:   r > 0,
		ProcessControl: r * m.Risk.ProcessControl,
		RatingWeight:   s.Supervision.ResidentRatingWeight + v*m.Supervision.RatingWeightBoost,
		Audit:          math.Min(1, s.Supervision.AuditProbability+v*m.Supervision.ExposureBoost),
		CommitteeBoost: v * m.Supervision.CommitteeBoost,
		SatWeight:      e * m.Evaluation.SatisfactionWeight,
		ShowYield:      s.Agencies.ShowIndicatorYield * (1 - e*m.Evaluation.IndicatorRotation),
		TargetScale:    1 - e*m.Evaluation.ModerateTargets,
		Targeting:      s.Residents.Targeting + e*m.Evaluation.NeedTargeting,
		NeedFirst:      e > 0,
		PerfWeight:     e * m.Evaluation.PerformanceBudget,
	}
	// Residents' vote and survey together cannot outweigh everything.
	if w := l.RatingWeight + l.SatWeight; w > 1 {
		l.RatingWeight /= w
		l.SatWeight /= w
	}
	if !m.Risk.NetworkScreen {
		l.Investigation = 0
	}
	return l
}
