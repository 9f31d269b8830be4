package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"cogov/scenarios"
	"cogov/sim"
)

// tableColumns are the key metrics printed by cogov run, with short
// headers.
var tableColumns = []struct{ metric, header string }{
	{"dependence_index", "depend"},
	{"gov_revenue_share", "gov_rev"},
	{"service_continuity", "contin"},
	{"show_effort_share", "show"},
	{"supply_mismatch", "mismatch"},
	{"incumbency_rate", "incumb"},
	{"role_overlap_share", "3-in-1"},
	{"professional_capacity", "prof_cap"},
	{"resident_participation", "particip"},
	{"resident_satisfaction", "satisf"},
	{"active_agencies", "agencies"},
	{"agency_exits", "exits"},
	{"agency_entries", "entries"},
}

func printTable(w io.Writer, s *scenarios.Scenario, res *sim.Result) {
	fmt.Fprintf(w, "cogov %s: scenario %q, seed %d, %d years\n\n", sim.Version, s.Name, res.Seed, len(res.Years))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"year"}
	for _, c := range tableColumns {
		head = append(head, c.header)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	cols := make([][]float64, len(tableColumns))
	for j, c := range tableColumns {
		cols[j] = res.Column(c.metric)
	}
	for i, y := range res.Years {
		row := []string{fmt.Sprint(y)}
		for j, c := range tableColumns {
			row = append(row, cell(c.metric, cols[j][i]))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprint(w, columnLegend())
}

// columnLegend names the metric behind every column header of the table,
// and says what a "-" cell means.
func columnLegend() string {
	var b strings.Builder
	line := ""
	for i, c := range tableColumns {
		item := c.header + " = " + c.metric
		if i < len(tableColumns)-1 {
			item += ","
		}
		if len(line)+1+len(item) > 96 {
			b.WriteString(line + "\n")
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += item
	}
	b.WriteString(line + "\n")
	b.WriteString("- = not defined that year (incumb in the first year: there is no earlier round to repeat);\n")
	b.WriteString("definitions of every metric in docs/ODD.md §7.9\n")
	return b.String()
}

func cell(metric string, v float64) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case strings.HasPrefix(metric, "active_") || strings.HasPrefix(metric, "agency_"):
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// narrate says in plain words how the key patterns moved from the first to
// the last year.
func narrate(res *sim.Result) string {
	if len(res.Years) == 0 {
		return "No year was simulated."
	}
	first, last := res.Years[0], res.Years[len(res.Years)-1]
	at := func(m string, i int) float64 { return res.Column(m)[i] }
	n := len(res.Years) - 1
	var b strings.Builder
	fmt.Fprintf(&b, "Summary %d-%d: ", first, last)
	change := func(label, m string, pct bool) {
		a, z := at(m, 0), at(m, n)
		if math.IsNaN(a) && n > 0 {
			a = at(m, 1)
		}
		if math.IsNaN(a) || math.IsNaN(z) {
			fmt.Fprintf(&b, "%s had nothing to measure; ", label)
			return
		}
		verb := "stayed near"
		switch {
		case z > a+0.02:
			verb = "rose from"
		case z < a-0.02:
			verb = "fell from"
		}
		format := "%s %s %.2f to %.2f; "
		if verb == "stayed near" {
			format = "%s %s %.2f (%.2f at the end); "
		}
		if pct {
			format = strings.ReplaceAll(format, "%.2f", "%.0f%%")
			a, z = 100*a, 100*z
		}
		fmt.Fprintf(&b, format, label, verb, a, z)
	}
	change("the dependence index", "dependence_index", false)
	change("government's share of agency revenue", "gov_revenue_share", true)
	change("effort spent on show", "show_effort_share", true)
	change("service continuing after projects end", "service_continuity", true)
	change("professional capacity", "professional_capacity", false)
	change("residents' participation", "resident_participation", true)
	exits, entries := 0.0, 0.0
	for i := range res.Years {
		exits += at("agency_exits", i)
		entries += at("agency_entries", i)
	}
	fmt.Fprintf(&b, "%.0f agencies exited and %.0f entered; %.0f operate at the end.",
		exits, entries, at("active_agencies", n))
	return wrap(b.String(), 78)
}

func wrap(s string, width int) string {
	var out strings.Builder
	line := 0
	for _, word := range strings.Fields(s) {
		if line > 0 && line+1+len(word) > width {
			out.WriteString("\n")
			line = 0
		} else if line > 0 {
			out.WriteString(" ")
			line++
		}
		out.WriteString(word)
		line += len(word)
	}
	return out.String()
}
