package agents

import (
	"math"

	"cogov/scenarios"
)

// Staff tallies professional social workers' first years for the turnover
// target: Hires[k] counts professionals hired from the market in calendar
// year start_year + k, and EarlyLeaves[k] those of them who left (quit,
// were laid off, or lost their job when the agency exited) within 12
// months of being hired.
type Staff struct {
	Hires, EarlyLeaves []int
}

// FirstYearExit is the share of calendar year y's professional hires who
// left within 12 months, or NaN when there were none; it is final once
// year y + 1 has ended.
func (w *World) FirstYearExit(y int) float64 {
	k := y - w.S.StartYear
	if k < 0 || k >= len(w.Staff.Hires) || w.Staff.Hires[k] == 0 {
		return math.NaN()
	}
	return float64(w.Staff.EarlyLeaves[k]) / float64(w.Staff.Hires[k])
}

// hireProf adds one professional social worker hired from the market in
// month (model month index): the newcomer dilutes capacity towards the
// hiring level, and its first year starts.
func (w *World) hireProf(a *Agency, month int) {
	a.addProf(w.S.Agencies.HireCapacity)
	a.recent[cohortSlot(month)]++
	if k := month / 12; k < len(w.Staff.Hires) {
		w.Staff.Hires[k]++
	}
}

// loseProf removes one professional social worker, drawn uniformly from
// the agency's professionals with the uniform u: with probability
// (recent hires)/Prof a worker still in its first year, from the cohort of
// the month the draw falls in, which counts as an early leave of its hire
// year.
func (w *World) loseProf(a *Agency, month int, u float64) {
	if a.Prof <= 0 {
		return
	}
	x := u * float64(a.Prof)
	for k := range 12 {
		// Cohorts from the most recent month back.
		slot := cohortSlot(month - k)
		x -= float64(a.recent[slot])
		if x < 0 {
			a.recent[slot]--
			w.leftEarly(month-k, 1)
			break
		}
	}
	a.Prof--
}

// cohortSlot is the slot of Agency.recent holding the professionals hired
// in model month m.
func cohortSlot(m int) int { return (m%12 + 12) % 12 }

// leftEarly counts n professionals hired in model month hired (before the
// start: not counted) as leaving within their first year.
func (w *World) leftEarly(hired, n int) {
	if k := hired / 12; hired >= 0 && k < len(w.Staff.EarlyLeaves) {
		w.Staff.EarlyLeaves[k] += n
	}
}

// ageCohorts ends the first year of the cohort hired 12 months before
// month: its slot is reused by this month's hires.
func (a *Agency) ageCohorts(month int) { a.recent[cohortSlot(month)] = 0 }

// adjustStaff moves paid staff towards max(core, needed), where core is the
// type's minimum staff and needed the workers its contracts, community
// purchases and chosen continued service call for: staff are hired at once
// while the cash runway stays above HireRunwayMonths (a hire is a
// professional with the type's ProfessionalShare, one draw), and let go one
// a month when the work ends. Below MinRunwayMonths of runway it lets one
// worker go even from its core (assistants first, with probability
// LayoffAssistantShare when it has both kinds; one draw).
func (w *World) adjustStaff(a *Agency, needed float64, month int) {
	s := w.S
	p := &s.Agencies
	at := &s.AgencyTypes[a.Type]
	runway := a.Cash / a.MonthlyCost(p)
	n := float64(a.Workers())
	desired := math.Max(float64(at.StaffMin), math.Ceil(needed-1e-9))
	switch {
	case n > 1 && (runway < p.MinRunwayMonths || n > desired):
		if a.Assist > 0 && (a.Prof == 0 || w.rng.Float64() < p.LayoffAssistantShare) {
			a.Assist--
		} else {
			w.loseProf(a, month, w.rng.Float64())
		}
	default:
		for float64(a.Workers()) < desired && a.Cash/(a.MonthlyCost(p)+p.WorkerMonthCostTenKYuan) > p.HireRunwayMonths {
			if w.rng.Float64() < at.ProfessionalShare {
				w.hireProf(a, month)
			} else {
				a.Assist++
			}
		}
	}
}

// turnover lets professional social workers quit (one uniform draw each,
// in index order, and one more for which worker leaves): the monthly chance
// is QuitBase + QuitGap·gap + QuitPractice·(1 − u), where gap is 1 in a
// month in which no contract of the agency serves (no project pay) and u
// the substance worker-months per worker this month (capped at 1). With
// the dynamics mechanism, each assistant of an agency with at least one
// professional and some substance this month then qualifies as a social
// worker with probability dose·promotion_rate (one draw each), entering at
// the hiring capacity (助工 to 社工, the tiered talent network).
func (w *World) turnover(a *Agency, month int) {
	p := &w.S.Agencies
	gap := 0.0
	if a.serving == 0 {
		gap = 1
	}
	u := 0.0
	if n := a.Workers(); n > 0 {
		u = math.Min(1, a.subMonth/float64(n))
	}
	h := p.QuitBase + p.QuitGap*gap + p.QuitPractice*(1-u)
	for range a.Prof {
		if w.rng.Float64() < h {
			w.loseProf(a, month, w.rng.Float64())
		}
	}
	if pr := w.L.Promotion; pr > 0 && a.Prof > 0 && a.subMonth > 0 {
		for range a.Assist {
			if w.rng.Float64() < pr {
				a.Assist--
				a.addProf(p.HireCapacity)
			}
		}
	}
}

// updateCapacity applies one month of learning by doing, training, decay
// and erosion by show:
//
//	c ← c + gain·u·(1 − c) + training·(1 − c) − decay·c − erosion·v·c,
//
// where u and v are the substance and show worker-months per worker this
// month (each capped at 1).
func updateCapacity(a *Agency, p *scenarios.Agencies, training float64) {
	var u, v float64
	if n := a.Workers(); n > 0 {
		u = math.Min(1, a.subMonth/float64(n))
		v = math.Min(1, a.showMonth/float64(n))
	}
	c := a.Capacity
	c += p.PracticeGain*u*(1-c) + training*(1-c) - p.CapacityDecay*c - p.ShowErosion*v*c
	a.Capacity = clamp01(c)
}
