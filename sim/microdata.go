package sim

import (
	"bufio"
	"io"
	"strconv"

	"cogov/agents"
	"cogov/internal/csvfmt"
)

// AgencyYear is one agency in one calendar year (micro-data, recorded when
// Options.Agents is set): its state at the end of December, its revenue by
// source over the year, and its bids and wins at the round that awarded the
// project year (the round held the December before).
type AgencyYear struct {
	Year, Agency int
	Type, City   string
	Alive        bool
	Prof, Assist int
	// Capacity, Show and Cash at year end; Revenue by source over the year
	// (agents.SourceNames order), 10,000 yuan.
	Capacity, Show, Cash float64
	// BidShare and Continue are the rest of the strategy in force at year
	// end (agents.Strategy); Ties its symbolic capital; Buyers the
	// communities that bought from it this year.
	BidShare, Ties float64
	Continue       bool
	Buyers         int
	Revenue        [agents.NumSources]float64
	// Cost is the year's wages and overhead.
	Cost       float64
	Bids, Wins int
	MultiRole  bool
	// Collude is the ring choice of the strategy in force at year end;
	// InRing is set when the agency bid in an operating bid ring at the
	// round that awarded the year.
	Collude, InRing bool
}

// ContractRow is one awarded contract as it stands at the end of the run.
type ContractRow struct {
	ID                   int
	Category             string
	Agency, Community    int // Community is -1 for contracts with no community
	FirstYear, Years     int
	Amount               float64
	Score                float64 // the last acceptance score, NaN before any
	Audited, Passed      bool    // of the last acceptance
	Terminated, Finished bool
	AgencyType, City     string
	MultiRole, Incumbent bool
	Ring                 bool // won by a bid ring's designated bid
}

// recordAgencies appends every agency that operated during calendar year y
// to the micro-data, before the agencies' books roll over.
func (m *Model) recordAgencies(y int) {
	w := m.W
	byAgency := make([]agents.Bidder, len(w.Agencies))
	for _, b := range m.roundFor(y).Bidders {
		byAgency[b.Agency] = b
	}
	firstMonth := (y - w.S.StartYear) * 12
	for i := range w.Agencies {
		a := &w.Agencies[i]
		if !a.Alive && a.DiedMonth < firstMonth {
			continue
		}
		b := byAgency[i]
		m.agencyYears = append(m.agencyYears, AgencyYear{
			Year: y, Agency: i, Type: w.S.AgencyTypes[a.Type].Name, City: w.CityNames[a.City],
			Alive: a.Alive, Prof: a.Prof, Assist: a.Assist,
			Capacity: a.Capacity, Show: a.Strategy.Show, Cash: a.Cash, Revenue: a.Rev, Cost: a.Cost,
			BidShare: a.Strategy.BidShare, Continue: a.Strategy.Continue, Ties: a.Ties, Buyers: a.Buyers,
			Bids: b.Bids, Wins: b.Wins, MultiRole: a.MultiRole,
			Collude: a.Strategy.Collude, InRing: b.InRing,
		})
	}
}

// contractRows lists every contract of the run.
func (m *Model) contractRows() []ContractRow {
	w := m.W
	out := make([]ContractRow, 0, len(w.Contracts))
	for i := range w.Contracts {
		c := &w.Contracts[i]
		out = append(out, ContractRow{
			ID: c.ID, Category: w.S.Categories[c.Category].Name, Agency: c.Agency, Community: c.Community,
			FirstYear: c.FirstYear, Years: c.Years, Amount: c.Amount, Score: c.Score,
			Audited: c.Audited, Passed: c.Passed, Terminated: c.Terminated, Finished: c.Finished,
			AgencyType: w.S.AgencyTypes[c.AgencyType].Name, City: w.CityNames[c.City],
			MultiRole: c.MultiRole, Incumbent: c.Incumbent, Ring: c.Ring,
		})
	}
	return out
}

// WriteAgenciesCSV writes the agency-year micro-data, one row per agency
// and year.
func (r *Result) WriteAgenciesCSV(w io.Writer) error {
	b := bufio.NewWriter(w)
	b.WriteString("year,agency,type,city,alive,professionals,assistants,capacity,show,cash")
	for _, s := range agents.SourceNames {
		b.WriteString(",revenue_" + s)
	}
	b.WriteString(",cost,bids,wins,multi_role,bid_share,continue,ties,buying_communities,collude,in_ring\n")
	for _, a := range r.AgencyYears {
		b.WriteString(strconv.Itoa(a.Year) + "," + strconv.Itoa(a.Agency) + "," + csvfmt.Field(a.Type) + "," + csvfmt.Field(a.City) + "," +
			strconv.FormatBool(a.Alive) + "," + strconv.Itoa(a.Prof) + "," + strconv.Itoa(a.Assist) + "," +
			FormatValue(a.Capacity) + "," + FormatValue(a.Show) + "," + FormatValue(a.Cash))
		for _, v := range a.Revenue {
			b.WriteString("," + FormatValue(v))
		}
		b.WriteString("," + FormatValue(a.Cost) + "," + strconv.Itoa(a.Bids) + "," + strconv.Itoa(a.Wins) + "," + strconv.FormatBool(a.MultiRole) +
			"," + FormatValue(a.BidShare) + "," + strconv.FormatBool(a.Continue) + "," + FormatValue(a.Ties) + "," + strconv.Itoa(a.Buyers) +
			"," + strconv.FormatBool(a.Collude) + "," + strconv.FormatBool(a.InRing) + "\n")
	}
	return b.Flush()
}

// WriteContractsCSV writes one row per contract.
func (r *Result) WriteContractsCSV(w io.Writer) error {
	b := bufio.NewWriter(w)
	b.WriteString("contract,category,agency,agency_type,city,community,first_year,years,amount_10k_yuan,score,audited,passed,terminated,finished,multi_role,incumbent,ring\n")
	for _, c := range r.ContractRows {
		com := ""
		if c.Community >= 0 {
			com = strconv.Itoa(c.Community)
		}
		b.WriteString(strconv.Itoa(c.ID) + "," + csvfmt.Field(c.Category) + "," + strconv.Itoa(c.Agency) + "," + csvfmt.Field(c.AgencyType) + "," +
			csvfmt.Field(c.City) + "," + com + "," + strconv.Itoa(c.FirstYear) + "," + strconv.Itoa(c.Years) + "," +
			FormatValue(c.Amount) + "," + FormatValue(c.Score) + "," + strconv.FormatBool(c.Audited) + "," +
			strconv.FormatBool(c.Passed) + "," + strconv.FormatBool(c.Terminated) + "," + strconv.FormatBool(c.Finished) + "," +
			strconv.FormatBool(c.MultiRole) + "," + strconv.FormatBool(c.Incumbent) + "," + strconv.FormatBool(c.Ring) + "\n")
	}
	return b.Flush()
}
