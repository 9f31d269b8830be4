package abc

import (
	"context"
	"fmt"
)

// Round is a batch of proposals of one generation: proposal indices
// From to To-1 of generation Generation.
type Round struct{ Generation, From, To int }

// Indices returns the round's proposal indices in shard i of n (1 <= i
// <= n): From+i-1, From+i-1+n, ... below To. Shard 1 of 1 is the round.
func (r Round) Indices(i, n int) []int {
	var ks []int
	for k := r.From + i - 1; k < r.To; k += n {
		ks = append(ks, k)
	}
	return ks
}

// Progress is a generation in the making: proposals 0 to Tried-1 have
// been judged and Accepted holds those accepted, in index order (in
// generation 0 without their distances, set once the scales are known).
type Progress struct {
	Generation int        `json:"generation"`
	Tried      int        `json:"tried"`
	Accepted   []Particle `json:"accepted"`
}

// Sampler makes the generations of a run one round of proposals at a
// time: Next says which proposals to evaluate, Evaluate evaluates one
// (anywhere, in any order: proposal k is a pure function of the state and
// k), and Fold takes the round's outcomes in index order, completing the
// generation once N are accepted. Run drives it in one process; the
// Slurm route (package calibrate) drives it across jobs, saving the State
// and the Progress between them. Both make the same generations because
// the result does not depend on how the proposals are cut into rounds.
type Sampler struct {
	c  Config
	st *State
	p  *Progress // nil between generations
	s  *step     // of p.Generation
}

// NewSampler starts a run of c, or continues resume (a State of c's
// sampling settings) with p, the generation it was making (nil: none).
func NewSampler(c Config, resume *State, p *Progress) (*Sampler, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	m := &Sampler{c: c, st: &State{Fingerprint: c.Fingerprint()}}
	if resume != nil {
		if resume.Fingerprint != m.st.Fingerprint {
			return nil, fmt.Errorf("abc: the saved state was made with other settings (%s), not %s", resume.Fingerprint, m.st.Fingerprint)
		}
		// The stopping rules are those of c, so a resume may extend a
		// run that has stopped (more generations, a larger budget).
		m.st = resume
		m.st.Stopped = c.stopAfter(m.st.Last())
	}
	if p != nil {
		if p.Generation != len(m.st.Generations) || p.Tried < 0 || len(p.Accepted) >= c.Particles {
			return nil, fmt.Errorf("abc: the generation in progress (%d, %d proposals tried, %d accepted) does not follow the %d complete ones",
				p.Generation, p.Tried, len(p.Accepted), len(m.st.Generations))
		}
		if err := m.prepare(p); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *Sampler) prepare(p *Progress) error {
	s, err := m.c.newStep(m.st, p.Generation)
	if err != nil {
		return err
	}
	m.p, m.s = p, s
	return nil
}

// State is the run so far: its complete generations, and once it has
// ended, why.
func (m *Sampler) State() *State { return m.st }

// Progress is the generation in the making, nil between generations.
func (m *Sampler) Progress() *Progress { return m.p }

// Next returns the next round of proposals, sized for workers evaluating
// them at once, or false once the run has stopped (State().Stopped says
// why; an error when it stopped before generation 0 was complete). It
// starts a generation when none is in progress.
func (m *Sampler) Next(workers int) (Round, bool, error) {
	r, ok, err := m.next(workers)
	if err == nil && !ok && len(m.st.Generations) == 0 {
		err = fmt.Errorf("abc: generation 0 did not complete (stopped by %s)", m.st.Stopped)
	}
	return r, ok, err
}

func (m *Sampler) next(workers int) (Round, bool, error) {
	c, st := &m.c, m.st
	if st.Stopped != "" {
		return Round{}, false, nil
	}
	if m.p == nil {
		if reason := c.stopBefore(st); reason != "" {
			st.Stopped = reason
			return Round{}, false, nil
		}
		if err := m.prepare(&Progress{Generation: len(st.Generations)}); err != nil {
			return Round{}, false, err
		}
	}
	p := m.p
	lim := c.limit(st)
	if lim > 0 && p.Tried >= lim {
		st.Stopped = StopAcceptance
		if c.Budget > 0 && lim == c.Budget-st.Simulations() {
			st.Stopped = StopBudget
		}
		return Round{}, false, nil
	}
	end := p.Tried + c.batch(len(p.Accepted), p.Tried, max(workers, 1), st)
	if lim > 0 {
		end = min(end, lim)
	}
	return Round{Generation: p.Generation, From: p.Tried, To: end}, true, nil
}

// Evaluate draws, simulates and judges proposal k of the generation in
// progress. It is safe for concurrent use.
func (m *Sampler) Evaluate(ctx context.Context, k int, sim Simulator) Outcome {
	if m.s == nil {
		return Outcome{Err: fmt.Errorf("abc: no generation in progress")}
	}
	return m.c.propose(ctx, m.s, k, sim)
}

// EvaluateAll evaluates proposals ks of the generation in progress with
// workers in parallel and returns the outcomes in the order of ks. Once
// ctx is cancelled the remaining proposals are skipped (their outcomes
// are zero): check ctx before using them.
func (m *Sampler) EvaluateAll(ctx context.Context, ks []int, workers int, sim Simulator) []Outcome {
	return evaluate(ctx, max(workers, 1), ks, func(k int) Outcome { return m.Evaluate(ctx, k, sim) })
}

// Fold takes the outcomes of round r (Next's last round), in index order.
// The first outcome with an error before the N-th acceptance stops the
// run with that error. When the N-th particle is accepted, the generation
// is complete: Fold appends it to the State, applies the stopping rules
// that follow a generation and returns it; otherwise it returns nil and
// the generation waits for another round.
func (m *Sampler) Fold(r Round, outs []Outcome) (*Generation, error) {
	p := m.p
	if p == nil || r.Generation != p.Generation || r.From != p.Tried || len(outs) != r.To-r.From {
		return nil, fmt.Errorf("abc: round %+v does not continue the generation in progress", r)
	}
	for i, o := range outs {
		if o.Err != nil {
			return nil, o.Err
		}
		if !o.OK {
			continue
		}
		p.Accepted = append(p.Accepted, Particle{Theta: o.Theta, Distance: o.Distance, Stats: o.Stats})
		if len(p.Accepted) == m.c.Particles {
			g := m.c.finish(m.st, m.s, p.Accepted, r.From+i+1)
			m.st.Generations = append(m.st.Generations, *g)
			m.st.Stopped = m.c.stopAfter(g)
			m.p, m.s = nil, nil
			return g, nil
		}
	}
	p.Tried = r.To
	return nil, nil
}
