package scenarios

import "math"

// bounds is the allowed range of one parameter: a numeric interval (for
// arrays, of each element), a list of allowed strings, or a note for
// strings checked by the consistency rules.
type bounds struct {
	min, max float64
	minOpen  bool
	options  []string
	note     string
}

// entry is one parameter's catalogue data. The path uses "[]" for the
// elements of arrays of tables.
type entry struct {
	path, unit string
	b          bounds
	meaning    string
	source     string
	optional   bool
}

func span(lo, hi float64) bounds { return bounds{min: lo, max: hi} }
func atLeast(lo float64) bounds  { return bounds{min: lo, max: math.Inf(1)} }
func above(lo, hi float64) bounds {
	return bounds{min: lo, max: hi, minOpen: true}
}
func oneOf(opts ...string) bounds { return bounds{options: opts} }
func noted(note string) bounds    { return bounds{note: note} }

var (
	unit01 = span(0, 1)
	month  = span(1, 12)
	onOff  = bounds{}
	text   = noted("any text")
	label  = noted("non-empty text, unique in its list")
)

// entryFor returns the catalogue data of a normalized path.
func entryFor(path string) (entry, bool) {
	for _, list := range [][]entry{worldEntries, agentEntries} {
		for _, e := range list {
			if e.path == path {
				return e, true
			}
		}
	}
	return entry{}, false
}

// worldEntries catalogues the scenario's frame, calendar, government,
// categories, cities, communities and residents.
var worldEntries = []entry{
	{"name", "", noted("non-empty text"), "short identifier of the scenario", "", false},
	{"description", "", text, "what question the scenario answers, in one line", "", false},
	{"extends", "", noted("a built-in name or a .toml path relative to this file"), "scenario this one builds on; only the differences are written", "", true},
	{"start_year", "year", span(1900, 2100), "first project year simulated", "paper §4: pilots from 2015", false},
	{"years", "years", span(1, 200), "number of project years simulated", "", false},
	{"seed", "", atLeast(0), "master random seed when the command line gives none", "", false},

	{"calendar.call_month", "month", month, "month the call for proposals is published (year t-1 when the award precedes implementation)", "paper §4: November", false},
	{"calendar.award_month", "month", month, "month of expert review, award, contract and first payment", "paper §4: December", false},
	{"calendar.implementation_start_month", "month", month, "first month of the implementation window", "paper §4: January", false},
	{"calendar.implementation_end_month", "month", month, "last month of the implementation window; projects must be finished by its end", "paper §4: end of May", false},
	{"calendar.acceptance_month", "month", month, "month of evaluation and acceptance (评估验收)", "paper §4: by end of June", false},
	{"calendar.festival_month", "month", month, "month of the Spring Festival", "paper §4: usually February", false},
	{"calendar.festival_capacity", "share", unit01, "share of normal service capacity in the festival month (1 = no loss)", "paper §4: little real service happens", false},
	{"calendar.contract_years", "years", span(1, 20), "project years one contract covers (1 = yearly re-bidding)", "paper §4: yearly project cycles", false},

	{"government.budget_10k_yuan", "10,000 yuan/year", span(0, 1e6), "provincial purchase budget once the pilots are over", "paper §4, Table 1: 20 million yuan a year from 2017", false},
	{"government.pilot_budget_shares", "share", unit01, "share of the budget in the first years (one value per year from start_year)", "paper §4: pilots 2015, wider 2016", false},
	{"government.award_rule", "", oneOf("score", "lottery"), "how a project's winner is chosen: the best score (score) or uniformly among eligible bids (lottery, a null model)", "paper §4: competitive consultation", false},
	{"government.weight_capacity", "weight", unit01, "award-score weight of professional quality (capacity × professional staff share)", "", false},
	{"government.weight_reputation", "weight", unit01, "award-score weight of reputation (the department's trust in the agency)", "", false},
	{"government.weight_ties", "weight", unit01, "award-score weight of ties with the department (symbolic capital, city proximity)", "paper §4: resources solidify around a few actors", false},
	{"government.weight_price", "weight", unit01, "award-score weight of the price discount offered", "paper §4: competitive consultation (竞争性磋商)", false},
	{"government.review_noise", "score SD", unit01, "standard deviation of the experts' scoring noise", "", false},
	{"government.workers_per_slot", "workers", span(1, 1000), "paid workers per extra award slot: an agency may win 1 + workers/workers_per_slot projects a round", "", false},
	{"government.price_scale", "score/discount", span(0, 1000), "price score of a bid per unit of its type's discount (times weight_price)", "", false},
	{"government.max_awards_per_agency", "contracts", span(1, 1000), "most contracts one agency may win in a round", "", false},
	{"government.advance_share", "share", unit01, "share of a tranche paid in advance when it opens", "paper §4: contract signed and funds paid", false},
	{"government.claw_back_share", "share", unit01, "share of the advance taken back when acceptance fails", "paper §4: \"or the money is taken back\"", false},
	{"government.acceptance_threshold", "score", unit01, "acceptance score a tranche needs to be paid in full", "paper §4: evaluation and acceptance", false},
	{"government.trust_initial", "share", unit01, "department's initial trust in social organisations", "paper §4: distrust → trust (试探 → 尝试 → 坚定)", false},
	{"government.trust_learning_rate", "per acceptance", unit01, "step of trust towards each acceptance score", "", false},

	{"supervision.audit_probability", "probability", unit01, "probability that acceptance audits substance rather than counting indicators", "paper §5.3", false},
	{"supervision.resident_rating_weight", "weight", unit01, "weight of residents' rating (下评上) in the acceptance score", "paper §5.3: residents vote on service quality", false},
	{"supervision.audit_target", "worker-months/planned worker-month", above(0, 10), "substance an audit expects per planned worker-month (an audited tranche scores substance over this target)", "", false},
	{"supervision.exposure_show_share", "share", unit01, "show share of effort above which an audit exposes show-only work", "", false},
	{"supervision.exposure_penalty", "share", unit01, "share of trust an agency loses when an audit exposes show-only work", "", false},

	{"categories[].name", "", label, "purchase category", "Table 1", false},
	{"categories[].share", "share", unit01, "share of its buyer's budget; the shares of each buyer sum to 1", "Table 1: elder care 60 %, community social work 15 %, incubation 11 %", false},
	{"categories[].project_size_10k_yuan", "10,000 yuan", above(0, 1e5), "value of one project", "Table 1: 20 elder care, 10 community social work and incubation", false},
	{"categories[].kind", "", oneOf("service", "incubation", "training", "admin"), "what a project does: serves a community, incubates entrants, trains agencies, or admin work", "Table 1", false},
	{"categories[].elder_focus", "weight", unit01, "extra weight the service gives elderly residents (0 = by headcount, 1 = all)", "", false},
	{"categories[].eligible", "", noted("names of [[agency_types]], at least one"), "agency types that may bid", "", false},
	{"categories[].matched_type", "", noted("an [[agency_types]] name listed in eligible, or \"\""), "supplier type whose product matches the category (\"\" = none)", "paper §5.2: match product to supplier", false},
	{"categories[].buyer", "", oneOf("province", "city"), "whose budget buys it: the province (Table 1) or each city's own budget", "Table 1 (province)", false},

	{"categories[].allocation", "", oneOf("open", "by_city"), "province projects go to the best bids anywhere (open) or are split among cities by communities, then competed within each (by_city)", "Table 2: B city's wins", false},
	{"categories[].max_per_city", "projects", span(0, 1e5), "most projects of the category one city's agencies may win in a round (0 = no cap)", "paper §4: incubation bases across the province", false},

	{"cities[].name", "", label, "city name", "paper §2: B city", false},
	{"cities[].count", "cities", span(0, 1000), "copies of this city (0 or 1 = one)", "", true},
	{"cities[].communities", "communities", span(1, 10000), "communities in the city (each copy)", "paper §3: 47 communities in Q district", false},
	{"cities[].agencies", "agencies", span(0, 1e5), "initial agencies of each type, in the order of [[agency_types]]", "paper §1: B city has 53 social-work service agencies", false},
	{"cities[].proximity", "ties", unit01, "closeness of the city's agencies to the provincial department, added to ties", "", false},
	{"cities[].local_budget_10k_yuan", "10,000 yuan/year", span(0, 1e6), "the city's and its districts' own yearly purchase, split over the city categories", "", false},
	{"cities[].multi_role_share", "share", unit01, "share of agencies whose head is also a community director (三位一体)", "paper §4: one person, three roles", false},

	{"community.agents_per_community", "resident agents", span(1, 10000), "resident agents simulated per community", "", false},
	{"community.households_per_agent", "households", above(0, 1e4), "households one resident agent stands for", "", false},
	{"community.staff_min", "staff", span(0, 1000), "fewest full-time staff of a community", "paper §3: 7 to 17 staff a community", false},
	{"community.staff_max", "staff", span(0, 1000), "most full-time staff of a community", "paper §3: 7 to 17 staff a community", false},
	{"community.work_fund_yuan_per_household", "yuan/household/year", span(0, 1e4), "work fund paid straight to the community", "paper §3: at least 35 yuan", false},
	{"community.service_fund_yuan_per_household", "yuan/household/year", span(0, 1e4), "service fund paid straight to the community", "paper §3: at least 50 yuan", false},
	{"community.purchase_share", "share", unit01, "share of the service fund spent buying agency service", "", false},
	{"community.staff_service_rate", "worker-months/staff/month", unit01, "basic service one community staff member delivers a month", "paper §3: one-stop service halls", false},
	{"community.deliberation_strength", "strength", unit01, "mean strength of the deliberation committee, which enters residents' participation logit", "paper §3: 一委三会", false},
	{"community.supervision_strength", "strength", unit01, "mean strength of the residents' supervision committee, which mixes the residents' vote and enters their participation logit", "paper §3: 一委三会", false},
	{"community.choice_rating_weight", "utility", span(0, 100), "weight of residents' rating of an agency when a community chooses whom to buy from", "relational purchasing (LSD procurement models)", false},
	{"community.choice_price_weight", "utility", span(0, 100), "weight of an agency's price score (discount × price_scale) in a community's choice", "relational purchasing (LSD procurement models)", false},
	{"community.choice_director_weight", "utility", span(0, 100), "utility a community adds to the agency its director heads (三位一体)", "paper §4: 三位一体", false},
	{"community.choice_noise", "utility", above(0, 100), "scale of the Gumbel noise in a community's choice (logit temperature)", "McFadden 1974", false},
	{"community.committee_spread", "share", unit01, "committees' strengths are drawn as strength × U(1 − spread, 1 + spread)", "", false},
	{"community.volunteer_rate", "worker-months/1000 households/month", span(0, 100), "volunteer service per 1,000 households at full participation", "paper §3: three workers (三工互动), 400+ volunteer teams", false},

	{"residents.elderly_share", "share", unit01, "share of residents who are elderly", "", false},
	{"residents.vulnerable_share", "share", unit01, "share of residents who are vulnerable (poor, disabled, left-behind)", "paper §5.4: vulnerable and poor first", false},
	{"residents.basic_need_worker_months_per_1000_households", "worker-months/month", above(0, 1000), "basic-care worker-months a month that meet the full basic need of 1,000 households (assumed equal to the professional need)", "", false},
	{"residents.need_worker_months_per_1000_households", "worker-months/month", above(0, 1000), "professional worker-months a month that meet the full need of 1,000 households", "", false},
	{"residents.satisfaction_rate", "per month", unit01, "monthly adjustment rate of satisfaction towards its target", "", false},
	{"residents.participation_base", "probability", unit01, "probability that a resident of propensity 1 takes part in a month at the reference conditions (satisfaction at satisfaction_base, no neighbour taking part, no committee, no service): the logit's intercept is its log-odds", "paper §4-5: residents are passive (pattern P7); value an assumption", false},
	{"residents.satisfaction_effect", "log-odds per unit satisfaction", span(0, 20), "participation logit: effect of the resident's satisfaction above satisfaction_base (own experience of service)", "assumption", false},
	{"residents.neighbour_effect", "log-odds", span(0, 20), "participation logit: effect of the share of the resident's neighbours who took part last month, at all of them (below 4 the mean-field equilibrium is unique)", "Granovetter 1978; Brock and Durlauf 2001; value an assumption", false},
	{"residents.deliberation_effect", "log-odds", span(0, 20), "participation logit: effect of the community's deliberation committee at full strength", "paper §3: 一委三会, 众人议事; value an assumption", false},
	{"residents.supervision_effect", "log-odds", span(0, 20), "participation logit: effect of the community's supervision committee at full strength", "paper §5.3: mass supervision; value an assumption", false},
	{"residents.neighbours", "residents each side", span(0, 100), "neighbours on each side of a resident in its community's ring lattice (degree 2 × neighbours, below agents_per_community)", "assumption", false},
	{"residents.rewiring", "probability", unit01, "chance that each of a resident's links is rewired once at initialisation to a uniformly drawn other resident of its community (Watts-Strogatz)", "Watts and Strogatz 1998; value an assumption", false},
	{"residents.show_appeal", "satisfaction", unit01, "satisfaction that visible show activity adds at full visibility", "paper §4: services \"for show\" (应景)", false},
	{"residents.satisfaction_base", "satisfaction", unit01, "satisfaction with no service", "", false},
	{"residents.engagement", "log-odds", span(0, 20), "participation logit: effect of substantive service at full engagement (all need covered)", "assumption", false},
	{"residents.passivity", "log-odds", span(0, 20), "participation logit: effect removed by visible show activity at full visibility (被服务)", "paper §4: residents become passive recipients; value an assumption", false},
	{"residents.professional_need_low", "need", unit01, "lowest professional need, by group: others, elderly, vulnerable, elderly and vulnerable", "", false},
	{"residents.professional_need_high", "need", unit01, "highest professional need, by group (as professional_need_low)", "", false},
	{"residents.basic_need_low", "need", unit01, "lowest basic need, by group (as professional_need_low)", "", false},
	{"residents.basic_need_high", "need", unit01, "highest basic need, by group (as professional_need_low)", "", false},
	{"residents.propensity_min", "odds factor", span(0, 10), "lowest participation propensity of a resident (its logarithm is the resident's own term of the participation logit)", "", false},
	{"residents.propensity_max", "odds factor", span(0, 10), "highest participation propensity of a resident", "", false},
	{"residents.initial_satisfaction_min", "share", unit01, "lowest initial satisfaction", "", false},
	{"residents.initial_satisfaction_max", "share", unit01, "highest initial satisfaction", "", false},
	{"residents.initial_participation_factor_min", "factor", span(0, 10), "lowest probability of taking part in month 0, in multiples of participation_base", "", false},
	{"residents.initial_participation_factor_max", "factor", span(0, 10), "highest probability of taking part in month 0, in multiples of participation_base", "", false},
	{"residents.targeting", "strength", unit01, "extra reach of professional service to vulnerable residents", "paper §5.4", false},
}
