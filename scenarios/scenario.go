// Package scenarios defines the scenario schema of cogov (the TOML a user
// edits), its validation, and the built-in scenario library.
//
// A Scenario is plain data: every model parameter lives here, grouped by the
// entity it belongs to. The model (packages sim and agents) reads a validated
// Scenario and never mutates it.
package scenarios

// Scenario is one complete, resolved set of model parameters.
type Scenario struct {
	// Name is a short identifier of the scenario.
	Name string `toml:"name"`
	// Description says what question the scenario answers.
	Description string `toml:"description"`
	// Extends names a built-in scenario or a file this one builds on. It is
	// empty once the scenario is resolved.
	Extends string `toml:"extends,omitempty"`
	// StartYear is the first project year simulated.
	StartYear int `toml:"start_year"`
	// Years is the number of project years simulated.
	Years int `toml:"years"`
	// Seed is the master seed used when the command line gives none.
	Seed uint64 `toml:"seed"`

	Calendar    Calendar     `toml:"calendar"`
	Government  Government   `toml:"government"`
	Supervision Supervision  `toml:"supervision"`
	Categories  []Category   `toml:"categories"`
	Cities      []City       `toml:"cities"`
	Community   Community    `toml:"community"`
	Residents   Residents    `toml:"residents"`
	Agencies    Agencies     `toml:"agencies"`
	AgencyTypes []AgencyType `toml:"agency_types"`
	Mechanisms  Mechanisms   `toml:"mechanisms"`
}

// Calendar is the yearly procurement calendar (BRIEF section 2). Months are
// 1 (January) to 12 (December).
type Calendar struct {
	CallMonth                int     `toml:"call_month"`
	AwardMonth               int     `toml:"award_month"`
	ImplementationStartMonth int     `toml:"implementation_start_month"`
	ImplementationEndMonth   int     `toml:"implementation_end_month"`
	AcceptanceMonth          int     `toml:"acceptance_month"`
	FestivalMonth            int     `toml:"festival_month"`
	FestivalCapacity         float64 `toml:"festival_capacity"`
	ContractYears            int     `toml:"contract_years"`
}

// Government holds the provincial civil-affairs department's budget, award
// scoring and payment rules.
type Government struct {
	BudgetTenKYuan    float64   `toml:"budget_10k_yuan"`
	PilotBudgetShares []float64 `toml:"pilot_budget_shares"`
	// AwardRule is "score" (the best score wins) or "lottery" (a null
	// model: every eligible bid is equally likely to win).
	AwardRule          string  `toml:"award_rule"`
	WeightCapacity     float64 `toml:"weight_capacity"`
	WeightReputation   float64 `toml:"weight_reputation"`
	WeightTies         float64 `toml:"weight_ties"`
	WeightPrice        float64 `toml:"weight_price"`
	ReviewNoise        float64 `toml:"review_noise"`
	MaxAwardsPerAgency int     `toml:"max_awards_per_agency"`
	// WorkersPerSlot: an agency may win 1 + workers/WorkersPerSlot
	// projects a round (at most MaxAwardsPerAgency).
	WorkersPerSlot int `toml:"workers_per_slot"`
	// PriceScale converts a type's discount into its price score.
	PriceScale          float64 `toml:"price_scale"`
	AdvanceShare        float64 `toml:"advance_share"`
	ClawBackShare       float64 `toml:"claw_back_share"`
	AcceptanceThreshold float64 `toml:"acceptance_threshold"`
	TrustInitial        float64 `toml:"trust_initial"`
	TrustLearningRate   float64 `toml:"trust_learning_rate"`
}

// Supervision holds the acceptance rules: how often the evaluator audits
// substance, and how much residents' ratings count.
type Supervision struct {
	AuditProbability     float64 `toml:"audit_probability"`
	ResidentRatingWeight float64 `toml:"resident_rating_weight"`
	ExposurePenalty      float64 `toml:"exposure_penalty"`
	// AuditTarget is the substance worker-months an audit expects per
	// planned worker-month.
	AuditTarget float64 `toml:"audit_target"`
	// ExposureShowShare is the show share of effort above which an audit
	// exposes show-only work.
	ExposureShowShare float64 `toml:"exposure_show_share"`
}

// Category is one purchase category of the provincial procurement (Table 1).
type Category struct {
	Name string `toml:"name"`
	// Share of the yearly budget.
	Share float64 `toml:"share"`
	// ProjectSizeTenKYuan is the value of one project.
	ProjectSizeTenKYuan float64 `toml:"project_size_10k_yuan"`
	// Kind is "service" (delivered to a community's residents),
	// "incubation" (raises the entry of new agencies in the winner's city),
	// "training" (raises professional capacity of agencies in the city) or
	// "admin" (paid work with no modelled effect on residents).
	Kind string `toml:"kind"`
	// ElderFocus is the weight the service gives elderly residents.
	ElderFocus float64 `toml:"elder_focus"`
	// Eligible lists agency types that may bid.
	Eligible []string `toml:"eligible"`
	// MatchedType is the supplier type whose product matches the category.
	MatchedType string `toml:"matched_type"`
	// Buyer is "province" (the provincial department's budget, Table 1) or
	// "city" (each city's and its districts' own purchases, split by the
	// shares of the city categories and awarded among the city's agencies).
	Buyer string `toml:"buyer"`
	// Allocation is "open" (province projects go to the best bids
	// anywhere) or "by_city" (province projects are first split among
	// cities in proportion to their communities, then competed within each
	// city).
	Allocation string `toml:"allocation"`
	// MaxPerCity caps the projects of the category one city's agencies may
	// win in a round (0: no cap), as for incubation bases spread over the
	// province.
	MaxPerCity int `toml:"max_per_city"`
}

// City is one city of the province with its communities and agencies.
type City struct {
	Name string `toml:"name"`
	// Count replicates the city this many times (for the province's other
	// cities); 0 or 1 means one city.
	Count       int     `toml:"count"`
	Communities int     `toml:"communities"`
	Agencies    []int   `toml:"agencies"`
	Proximity   float64 `toml:"proximity"`
	// LocalBudgetTenKYuan is the city's and its districts' own yearly
	// purchase of services, 10,000 yuan.
	LocalBudgetTenKYuan float64 `toml:"local_budget_10k_yuan"`
	MultiRoleShare      float64 `toml:"multi_role_share"`
}

// Community holds the parameters shared by all communities.
type Community struct {
	AgentsPerCommunity          int     `toml:"agents_per_community"`
	HouseholdsPerAgent          float64 `toml:"households_per_agent"`
	StaffMin                    int     `toml:"staff_min"`
	StaffMax                    int     `toml:"staff_max"`
	WorkFundYuanPerHousehold    float64 `toml:"work_fund_yuan_per_household"`
	ServiceFundYuanPerHousehold float64 `toml:"service_fund_yuan_per_household"`
	PurchaseShare               float64 `toml:"purchase_share"`
	StaffServiceRate            float64 `toml:"staff_service_rate"`
	DeliberationStrength        float64 `toml:"deliberation_strength"`
	SupervisionStrength         float64 `toml:"supervision_strength"`
	VolunteerRate               float64 `toml:"volunteer_rate"`
	// ChoiceRatingWeight, ChoicePriceWeight and ChoiceDirectorWeight weigh
	// residents' rating, price and the director's post (三位一体) when a
	// community chooses the agency it buys from; ChoiceNoise scales the
	// Gumbel noise of that choice (a logit).
	ChoiceRatingWeight   float64 `toml:"choice_rating_weight"`
	ChoicePriceWeight    float64 `toml:"choice_price_weight"`
	ChoiceDirectorWeight float64 `toml:"choice_director_weight"`
	ChoiceNoise          float64 `toml:"choice_noise"`
	// CommitteeSpread spreads committee strengths around their means:
	// strength × U(1 - spread, 1 + spread).
	CommitteeSpread float64 `toml:"committee_spread"`
}

// Residents holds the parameters of resident agents.
type Residents struct {
	ElderlyShare                float64 `toml:"elderly_share"`
	VulnerableShare             float64 `toml:"vulnerable_share"`
	NeedWorkerMonthsPerThousand float64 `toml:"need_worker_months_per_1000_households"`
	// BasicNeedWorkerMonthsPerThousand is the basic-care need in the same
	// units.
	BasicNeedWorkerMonthsPerThousand float64 `toml:"basic_need_worker_months_per_1000_households"`
	SatisfactionRate                 float64 `toml:"satisfaction_rate"`
	// ParticipationBase is the probability that a resident of propensity 1
	// takes part in a month at the reference conditions (satisfaction at
	// satisfaction_base, no neighbour taking part, no committee, no
	// service); its log-odds is the intercept of the participation logit.
	ParticipationBase float64 `toml:"participation_base"`
	ShowAppeal        float64 `toml:"show_appeal"`
	SatisfactionBase  float64 `toml:"satisfaction_base"`
	// SatisfactionEffect, NeighbourEffect, DeliberationEffect,
	// SupervisionEffect, Engagement and Passivity are the coefficients
	// (log-odds) of the participation logit: per unit of satisfaction above
	// satisfaction_base, at every neighbour taking part last month, at full
	// deliberation and supervision committee strength, at full substantive
	// engagement and (removed) at full show visibility.
	SatisfactionEffect float64 `toml:"satisfaction_effect"`
	NeighbourEffect    float64 `toml:"neighbour_effect"`
	DeliberationEffect float64 `toml:"deliberation_effect"`
	SupervisionEffect  float64 `toml:"supervision_effect"`
	Engagement         float64 `toml:"engagement"`
	Passivity          float64 `toml:"passivity"`
	// Neighbours is the number of neighbours on each side of a resident in
	// its community's ring lattice; Rewiring is the probability that each
	// of a resident's 2×Neighbours links is rewired once, at
	// initialisation, to a uniformly drawn other resident of the community
	// (Watts-Strogatz).
	Neighbours int     `toml:"neighbours"`
	Rewiring   float64 `toml:"rewiring"`
	Targeting  float64 `toml:"targeting"`
	// Need ranges by group, in the order: others, elderly, vulnerable,
	// elderly and vulnerable; a resident's need is uniform on its group's
	// [low, high].
	ProfessionalNeedLow  []float64 `toml:"professional_need_low"`
	ProfessionalNeedHigh []float64 `toml:"professional_need_high"`
	BasicNeedLow         []float64 `toml:"basic_need_low"`
	BasicNeedHigh        []float64 `toml:"basic_need_high"`
	// Propensity (whose logarithm is the resident's own term of the
	// participation logit), initial satisfaction and the initial
	// participation factor (times participation_base, the probability of
	// taking part in month 0) are uniform on [min, max].
	PropensityMin                 float64 `toml:"propensity_min"`
	PropensityMax                 float64 `toml:"propensity_max"`
	InitialSatisfactionMin        float64 `toml:"initial_satisfaction_min"`
	InitialSatisfactionMax        float64 `toml:"initial_satisfaction_max"`
	InitialParticipationFactorMin float64 `toml:"initial_participation_factor_min"`
	InitialParticipationFactorMax float64 `toml:"initial_participation_factor_max"`
}

// Agencies holds the parameters of agency behaviour shared by all types.
type Agencies struct {
	// Learning switches the agencies' Roth-Erev learning on (off: each
	// agency keeps the strategy it first drew).
	Learning bool `toml:"learning"`
	// ShowLevels, BidShares and the continuation choice (no, yes) span the
	// strategy space: every combination is one strategy.
	ShowLevels []float64 `toml:"show_levels"`
	BidShares  []float64 `toml:"bid_shares"`
	// InitialPropensity, Recency, Experimentation and MutationSD are the
	// modified Roth-Erev learning's parameters and entrants' mutation.
	InitialPropensity float64 `toml:"initial_propensity"`
	Recency           float64 `toml:"recency"`
	Experimentation   float64 `toml:"experimentation"`
	MutationSD        float64 `toml:"mutation_sd"`
	// IntrinsicWeight is the weight of the professional norm (capacity
	// times residents' rating) in an agency's payoff.
	IntrinsicWeight          float64 `toml:"intrinsic_weight"`
	ShowIndicatorYield       float64 `toml:"show_indicator_yield"`
	SubstanceIndicatorYield  float64 `toml:"substance_indicator_yield"`
	IndicatorTarget          float64 `toml:"indicator_target"`
	LabourShare              float64 `toml:"labour_share"`
	WorkerMonthCostTenKYuan  float64 `toml:"worker_month_cost_10k_yuan"`
	OverheadTenKYuanPerMonth float64 `toml:"overhead_10k_yuan_per_month"`
	PracticeGain             float64 `toml:"practice_gain"`
	CapacityDecay            float64 `toml:"capacity_decay"`
	// ShowErosion is the monthly loss of capacity per show worker-month per
	// worker (delivering for show abandons professional standards).
	ShowErosion      float64 `toml:"show_erosion"`
	HireCapacity     float64 `toml:"hire_capacity"`
	MinRunwayMonths  float64 `toml:"min_runway_months"`
	HireRunwayMonths float64 `toml:"hire_runway_months"`
	// ContinueRunwayMonths is the cash runway an agency keeps while it
	// serves on after a project ends.
	ContinueRunwayMonths float64 `toml:"continue_runway_months"`
	// QuitBase, QuitGap and QuitPractice set a professional social worker's
	// monthly chance of leaving: base, plus gap in a month with no project
	// pay, plus practice times the share of the month not spent on
	// substance.
	QuitBase        float64 `toml:"quit_base"`
	QuitGap         float64 `toml:"quit_gap"`
	QuitPractice    float64 `toml:"quit_practice"`
	ExitGraceMonths int     `toml:"exit_grace_months"`
	// Exit switches the exit rule on (off: a null model without selection).
	Exit bool `toml:"exit"`
	// LayoffAssistantShare is the chance that a lay-off falls on an
	// assistant when the agency has both kinds of workers.
	LayoffAssistantShare float64 `toml:"layoff_assistant_share"`
	TieGrowth            float64 `toml:"tie_growth"`
	TieDecay             float64 `toml:"tie_decay"`
	// MultiRoleTie is the share of the gap to full ties a director post
	// adds every round (a lasting source of symbolic capital).
	MultiRoleTie float64 `toml:"multi_role_tie"`
	// SymbolicAmplification raises the ties a win brings by this multiple
	// of the ties already held.
	SymbolicAmplification float64 `toml:"symbolic_amplification"`
	EntryRate             float64 `toml:"entry_rate"`
	IncubationEntries     float64 `toml:"incubation_entries"`
	TrainingGain          float64 `toml:"training_gain"`
	// FeeTenKYuanPerWorkerMonth is what a worker-month of fee-paying
	// service earns from residents fully satisfied with the agency (equal
	// for every type).
	FeeTenKYuanPerWorkerMonth float64 `toml:"fee_10k_yuan_per_worker_month"`
	// FundraisingYieldTenKYuan is what a worker-month of fundraising raises
	// at full appeal, before the donors' pool runs short.
	FundraisingYieldTenKYuan float64 `toml:"fundraising_yield_10k_yuan"`
	// CharityPoolTenKYuan is the yearly donations agencies can raise.
	CharityPoolTenKYuan float64 `toml:"charity_pool_10k_yuan"`
	// BidCostTenKYuan is the cost of preparing one bid (one award slot
	// offered at a round).
	BidCostTenKYuan float64 `toml:"bid_cost_10k_yuan"`
	// BidsPerSlot is how many projects an agency bids for per award slot,
	// chosen among the projects open to it (0: it bids for every project
	// open to it while it has a free slot).
	BidsPerSlot int `toml:"bids_per_slot"`
	// Collusion opens a fourth dimension of the strategy space: whether to
	// bid as a member of a bid ring (围标, with cover bids 陪标); off, the
	// only option is to bid alone.
	Collusion bool `toml:"collusion"`
	// RingSize is the most members one bid ring takes.
	RingSize int `toml:"ring_size"`
	// RingPriceShare is the share of its type's discount that a ring's
	// designated bid offers (0: the ceiling price).
	RingPriceShare float64 `toml:"ring_price_share"`
}

// AgencyType describes one kind of supplier.
type AgencyType struct {
	Name              string  `toml:"name"`
	Professional      bool    `toml:"professional"`
	StaffMin          int     `toml:"staff_min"`
	StaffMax          int     `toml:"staff_max"`
	ProfessionalShare float64 `toml:"professional_share"`
	Capacity          float64 `toml:"capacity"`
	CapacitySD        float64 `toml:"capacity_sd"`
	CashMonths        float64 `toml:"cash_months"`
	Discount          float64 `toml:"discount"`
	EntryShare        float64 `toml:"entry_share"`
}

// Mechanisms holds the paper's four proposals (BRIEF section 5), all off in
// the baseline.
type Mechanisms struct {
	Dynamics    Dynamics             `toml:"dynamics"`
	Risk        Risk                 `toml:"risk"`
	Supervision SupervisionMechanism `toml:"supervision"`
	Evaluation  Evaluation           `toml:"evaluation"`
}

// Dynamics is the governance-dynamics collaboration mechanism: revenue
// beyond procurement, training and university supervision, incubation.
type Dynamics struct {
	Enabled   bool    `toml:"enabled"`
	Intensity float64 `toml:"intensity"`
	// PurchaseShareBoost is added to communities' purchase share at full
	// intensity.
	PurchaseShareBoost float64 `toml:"purchase_share_boost"`
	// CharityMultiplier scales the charity pool at full intensity.
	CharityMultiplier float64 `toml:"charity_multiplier"`
	// TrainingGain is the monthly capacity gain from university supervision
	// at full intensity.
	TrainingGain float64 `toml:"training_gain"`
	// IncubatedEntries is the extra number of professional entrants a year at
	// full intensity.
	IncubatedEntries float64 `toml:"incubated_entries"`
	// IncubatedCapacityGain is the capacity the incubation network adds to a
	// supported entrant.
	IncubatedCapacityGain float64 `toml:"incubated_capacity_gain"`
	// PromotionRate is the monthly chance at full intensity that an
	// assistant practising under a social worker qualifies as one (助工 to
	// 社工, the tiered talent network).
	PromotionRate float64 `toml:"promotion_rate"`
	// IncubatedGrantMonths is the start-up grant the government pays a
	// supported entrant, in months of its running cost.
	IncubatedGrantMonths float64 `toml:"incubated_grant_months"`
}

// Risk is the risk prevention and control mechanism.
type Risk struct {
	Enabled   bool    `toml:"enabled"`
	Intensity float64 `toml:"intensity"`
	// DetectionProbability is the probability that a relationship-driven
	// award is detected and voided at full intensity.
	DetectionProbability float64 `toml:"detection_probability"`
	// TieDiscount is the share of the ties weight removed at full intensity.
	TieDiscount float64 `toml:"tie_discount"`
	// MatchWeight is the weight of supplier-type matching in award scores at
	// full intensity.
	MatchWeight float64 `toml:"match_weight"`
	// ProcessControl is added to every community's deliberation committee
	// strength at full intensity (process control that mobilises residents).
	ProcessControl float64 `toml:"process_control"`
	// TiePenalty is the share of its ties a detected winner loses.
	TiePenalty float64 `toml:"tie_penalty"`
	// NetworkScreen lets the mechanism investigate the agencies of groups
	// the bid-rigging screen flags (off: a null model; the screen still
	// runs and is measured).
	NetworkScreen bool `toml:"network_screen"`
	// NetworkWindow is the number of past rounds whose bids make the
	// co-bidding network the bid-rigging screen reads.
	NetworkWindow int `toml:"network_window"`
	// LinkAlpha makes a strong co-bidding link: two agencies that bid
	// together so often that independent choices would do so with
	// probability at most LinkAlpha over all pairs (Bonferroni).
	LinkAlpha float64 `toml:"link_alpha"`
	// CohesionThreshold and ExclusivityThreshold flag a group of the
	// network whose cohesion and exclusivity both reach them.
	CohesionThreshold    float64 `toml:"cohesion_threshold"`
	ExclusivityThreshold float64 `toml:"exclusivity_threshold"`
}

// SupervisionMechanism is the supervision guarantee mechanism.
type SupervisionMechanism struct {
	Enabled   bool    `toml:"enabled"`
	Intensity float64 `toml:"intensity"`
	// RatingWeightBoost is added to the residents' rating weight at full
	// intensity.
	RatingWeightBoost float64 `toml:"rating_weight_boost"`
	// ExposureBoost is added to the audit probability at full intensity.
	ExposureBoost float64 `toml:"exposure_boost"`
	// CommitteeBoost is added to every community's supervision committee
	// strength at full intensity (下评上, mass supervision).
	CommitteeBoost float64 `toml:"committee_boost"`
}

// Evaluation is the performance-evaluation feedback mechanism.
type Evaluation struct {
	Enabled   bool    `toml:"enabled"`
	Intensity float64 `toml:"intensity"`
	// SatisfactionWeight is the weight of residents' satisfaction in
	// acceptance at full intensity (it replaces indicator weight).
	SatisfactionWeight float64 `toml:"satisfaction_weight"`
	// IndicatorRotation is the share of show's indicator yield lost to
	// rotating, multi-dimensional indicators at full intensity.
	IndicatorRotation float64 `toml:"indicator_rotation"`
	// ModerateTargets is the share by which indicator targets are lowered
	// (适度指标) at full intensity.
	ModerateTargets float64 `toml:"moderate_targets"`
	// NeedTargeting is the extra targeting of vulnerable residents and of
	// needy communities at full intensity.
	NeedTargeting float64 `toml:"need_targeting"`
	// PerformanceBudget is the weight of measured performance in award
	// scores (replacing reputation) at full intensity.
	PerformanceBudget float64 `toml:"performance_budget"`
}

// Dose returns the effective intensity of a mechanism: its intensity when
// enabled, 0 otherwise.
func Dose(enabled bool, intensity float64) float64 {
	if !enabled {
		return 0
	}
	return intensity
}
