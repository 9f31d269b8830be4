package sim

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"

	"cogov/scenarios"
)

// Result is what one run produced: the metrics of every year and the
// awards of every round.
type Result struct {
	Scenario string
	Seed     uint64
	Run      uint64
	// Years are the project years measured; Values[i] holds the metrics of
	// Years[i] in the order of Metrics().
	Years  []int
	Values [][]float64
	// Awards lists every contract awarded, for calibration against the
	// paper's Table 2.
	Awards []Award
	// Bids lists every agency alive at each round with the projects it bid
	// for and won there, for the award regression (P5b).
	Bids []Bid
	// AgencyYears and ContractRows are micro-data, filled only when the run
	// was asked for them (Options.Agents).
	AgencyYears  []AgencyYear
	ContractRows []ContractRow
}

// Options configure a run beyond its scenario, seed and length.
type Options struct {
	// Check runs the ledger and population invariants every year and stops
	// the run on the first violation.
	Check bool
	// Agents records agency-year and contract micro-data.
	Agents bool
}

// Bid is one agency at one procurement round.
type Bid struct {
	// Year is the project year the round awards.
	Year int
	// Type and CityEntry index the scenario's agency types and city
	// entries.
	Type, CityEntry int
	// Quality (capacity × professional staff share) and Trust (the
	// government's trust in the agency) as the round opened.
	Quality, Trust float64
	MultiRole      bool
	// Bids and Wins are the numbers of projects the agency bid for and of
	// contracts it won in the round.
	Bids, Wins int
}

// Award is one awarded contract.
type Award struct {
	Year                    int
	Category, City, Type    string
	Professional, MultiRole bool
	Amount                  float64
}

// Run runs scenario s for years years as run number run under master seed
// seed, checking the model's invariants every year when check is true.
func Run(s *scenarios.Scenario, seed, run uint64, years int, check bool) (*Result, error) {
	return RunContext(context.Background(), s, seed, run, years, check)
}

// RunContext is Run that stops between two months once ctx is done, and
// then returns ctx's error and no result.
func RunContext(ctx context.Context, s *scenarios.Scenario, seed, run uint64, years int, check bool) (*Result, error) {
	return RunWith(ctx, s, seed, run, years, Options{Check: check})
}

// RunWith is RunContext with options.
func RunWith(ctx context.Context, s *scenarios.Scenario, seed, run uint64, years int, o Options) (*Result, error) {
	m, err := New(s, seed, run)
	if err != nil {
		return nil, err
	}
	m.CheckEveryYear = o.Check
	m.RecordAgents = o.Agents
	for range 12 * years {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.StepMonth()
		if m.err != nil {
			return nil, m.err
		}
	}
	return m.Result(seed, run), nil
}

// Result gathers the run's yearly metrics and awards so far.
func (m *Model) Result(seed, run uint64) *Result {
	w := m.W
	r := &Result{Scenario: w.S.Name, Seed: seed, Run: run, Years: m.years, Values: m.rows, AgencyYears: m.agencyYears}
	if m.RecordAgents {
		r.ContractRows = m.contractRows()
	}
	for _, round := range m.rounds {
		for _, b := range round.Bidders {
			r.Bids = append(r.Bids, Bid{
				Year: round.Year, Type: b.Type, CityEntry: b.CityEntry,
				Quality: b.Quality, Trust: b.Trust, MultiRole: b.MultiRole, Bids: b.Bids, Wins: b.Wins,
			})
		}
		for _, ci := range round.Contracts {
			c := &w.Contracts[ci]
			r.Awards = append(r.Awards, Award{
				Year: c.FirstYear, Category: w.S.Categories[c.Category].Name,
				City: w.CityNames[c.City], Type: w.S.AgencyTypes[c.AgencyType].Name,
				Professional: w.S.AgencyTypes[c.AgencyType].Professional,
				MultiRole:    c.MultiRole, Amount: c.Amount,
			})
		}
	}
	return r
}

// Column returns the yearly values of the named metric, or nil.
func (r *Result) Column(name string) []float64 {
	for j, m := range metricTable {
		if m.Name == name {
			out := make([]float64, len(r.Values))
			for i, row := range r.Values {
				out[i] = row[j]
			}
			return out
		}
	}
	return nil
}

// Final returns the last year's metrics by name.
func (r *Result) Final() map[string]float64 {
	out := map[string]float64{}
	if len(r.Values) == 0 {
		return out
	}
	last := r.Values[len(r.Values)-1]
	for j, m := range metricTable {
		out[m.Name] = last[j]
	}
	return out
}

// WriteYearlyCSV writes one row per year: year, then every metric.
func (r *Result) WriteYearlyCSV(w io.Writer) error {
	b := bufio.NewWriter(w)
	b.WriteString("year")
	for _, m := range metricTable {
		b.WriteString("," + m.Name)
	}
	b.WriteString("\n")
	for i, row := range r.Values {
		b.WriteString(strconv.Itoa(r.Years[i]))
		for _, v := range row {
			b.WriteString("," + FormatValue(v))
		}
		b.WriteString("\n")
	}
	return b.Flush()
}

// FormatValue formats a metric value in the shortest form that reads back
// exactly; NaN is written as NaN.
func FormatValue(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// String summarises a result in one line.
func (r *Result) String() string {
	return fmt.Sprintf("%s seed %d run %d: %d years", r.Scenario, r.Seed, r.Run, len(r.Years))
}
