package report

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"cogov/plots"
)

// table is one HTML table.
type table struct {
	ID, Caption, Note string
	Head              []string
	Rows              [][]cell
}

// cell is one table cell; Num right-aligns it, Sig marks an interval
// that excludes zero.
type cell struct {
	Text     string
	Num, Sig bool
}

// csvTables are the result files shown as they are, with their captions.
var csvTables = []struct{ file, caption, note string }{
	{plots.CompareFile, "Differences from the reference scenario (final year)",
		"diff: mean of the scenario minus mean of the reference over replications with common random numbers; ci_low, ci_high: 95 % paired interval (replication r of both scenarios uses random stream r)."},
	{plots.EffectsFile, "Factorial effects (final year)", "estimate with its 95 % confidence interval; bold where the interval excludes 0."},
	{plots.MorrisFile, "Morris elementary effects", "mu_star: mean absolute elementary effect, with its bootstrap 95 % interval; sigma: their spread (interactions, non-linearity)."},
	{plots.SobolFile, "Sobol indices", "s1: first-order index, st: total index, each with its bootstrap 95 % interval."},
	{plots.LHSFile, "Latin hypercube: standardised regression (SRC) and partial rank correlation (PRCC) coefficients", "each with its bootstrap 95 % interval; r2: share of variance the linear regression explains."},
	{plots.FitFile, "Calibration fit", "model mean over replications with its 95 % interval against the paper's observed value and tolerance."},
	{plots.PointsFile, "Design points and their factor values", ""},
	{plots.GenerationsFile, "ABC-SMC generations", "tolerance, acceptance rate and effective sample size (ess) of each generation; generation 0 samples the prior."},
}

// tables builds the folder's tables: key metrics, then the result files.
func tables(dir string, has func(string) bool, opt Options) ([]table, error) {
	var out []table
	switch {
	case has(plots.SummaryFile):
		t, err := summaryTable(filepath.Join(dir, plots.SummaryFile), opt)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	case has(plots.YearlyFile):
		t, err := runTable(filepath.Join(dir, plots.YearlyFile), opt)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	for i, c := range csvTables {
		if !has(c.file) {
			continue
		}
		t, err := csvTable(filepath.Join(dir, c.file))
		if err != nil {
			return nil, err
		}
		t.ID, t.Caption, t.Note = fmt.Sprintf("t%d", i), c.caption+" ("+c.file+")", c.note
		out = append(out, t)
	}
	return out, nil
}

// headline returns the metrics of the tables among those present.
func headline(present []string, opt Options) []string {
	if len(opt.Metrics) == 0 {
		return present
	}
	var out []string
	for _, m := range opt.Metrics {
		for _, p := range present {
			if p == m {
				out = append(out, m)
			}
		}
	}
	return out
}

// metricHead names a metric with its unit.
func metricHead(m string, opt Options) string {
	if opt.Describe == nil {
		return m
	}
	if unit, _ := opt.Describe(m); unit != "" {
		return m + " (" + unit + ")"
	}
	return m
}

// summaryTable is the final year's mean and 95 % CI of the headline
// metrics per point: metrics as rows for up to six points, else points
// as rows.
func summaryTable(path string, opt Options) (table, error) {
	s, err := plots.ReadSummary(path)
	if err != nil {
		return table{}, err
	}
	last := math.Inf(-1)
	for _, r := range s.Rows {
		last = math.Max(last, r.Year)
	}
	type key struct {
		label, metric string
	}
	vals := map[key]plots.SummaryRow{}
	for _, r := range s.Rows {
		if r.Year == last {
			vals[key{r.Label, r.Metric}] = r
		}
	}
	labels, metrics := s.Labels(), headline(s.Metrics(), opt)
	t := table{ID: "key", Caption: fmt.Sprintf("Key metrics in %.0f: mean over replications [95 %% CI]", last)}
	ci := func(l, m string) cell {
		r, ok := vals[key{l, m}]
		if !ok {
			return cell{Text: "-"}
		}
		return cell{Text: fmt.Sprintf("%s [%s, %s]", num(r.Mean), num(r.CILow), num(r.CIHigh)), Num: true}
	}
	if n := maxN(s); n > 0 {
		t.Note = fmt.Sprintf("%d replications per point (summary.csv).", n)
	}
	if len(labels) <= 6 {
		t.Head = append([]string{"metric"}, labels...)
		for _, m := range metrics {
			row := []cell{{Text: metricHead(m, opt)}}
			for _, l := range labels {
				row = append(row, ci(l, m))
			}
			t.Rows = append(t.Rows, row)
		}
		return t, nil
	}
	t.Head = []string{"point"}
	for _, m := range metrics {
		t.Head = append(t.Head, metricHead(m, opt))
	}
	for _, l := range labels {
		row := []cell{{Text: l}}
		for _, m := range metrics {
			row = append(row, ci(l, m))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

func maxN(s *plots.Summary) int {
	n := 0
	for _, r := range s.Rows {
		n = max(n, r.N)
	}
	return n
}

// runTable is a single run's first and final year.
func runTable(path string, opt Options) (table, error) {
	y, err := plots.ReadYearly(path)
	if err != nil {
		return table{}, err
	}
	if len(y.Years) == 0 {
		return table{}, fmt.Errorf("%s: no years", path)
	}
	first, last := 0, len(y.Years)-1
	t := table{ID: "key", Caption: "Key metrics of the run",
		Note: "One run: no confidence interval. cogov compare or a sweep gives replications and 95 % CIs.",
		Head: []string{"metric", fmt.Sprintf("%.0f", y.Years[first]), fmt.Sprintf("%.0f", y.Years[last])}}
	for _, m := range headline(y.Metrics, opt) {
		col := y.Column(m)
		t.Rows = append(t.Rows, []cell{{Text: metricHead(m, opt)}, {Text: num(col[first]), Num: true}, {Text: num(col[last]), Num: true}})
	}
	return t, nil
}

// csvTable shows a CSV file as it is (read by plots.ReadCSV, with the
// checks of the figures' readers), numbers to four significant digits; a
// row whose ci_low and ci_high exclude zero is marked.
func csvTable(path string) (table, error) {
	head, rows, err := plots.ReadCSV(path)
	if err != nil {
		return table{}, err
	}
	t := table{Head: head}
	lo, hi := -1, -1
	for i, h := range head {
		switch h {
		case "ci_low":
			lo = i
		case "ci_high":
			hi = i
		}
	}
	for _, r := range rows {
		sig := false
		if lo >= 0 && hi >= 0 {
			a, e1 := strconv.ParseFloat(r[lo], 64)
			b, e2 := strconv.ParseFloat(r[hi], 64)
			sig = e1 == nil && e2 == nil && (a > 0 || b < 0)
		}
		var row []cell
		for _, v := range r {
			if x, err := strconv.ParseFloat(v, 64); err == nil && strings.ContainsAny(v, ".eE") {
				row = append(row, cell{Text: num(x), Num: true, Sig: sig})
				continue
			}
			_, isInt := strconv.Atoi(v)
			row = append(row, cell{Text: v, Num: isInt == nil, Sig: sig})
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// num writes v to four significant digits; NaN as "-".
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// manifestFields lists a manifest's top-level fields, sorted by name,
// arrays joined by commas.
func manifestFields(path string) ([]keyValue, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []keyValue
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, keyValue{strings.ReplaceAll(k, "_", " "), jsonText(m[k])})
	}
	return out, nil
}

// jsonText writes a manifest value as text: an array's elements joined by
// commas (by semicolons when they are objects), an object as its fields
// "name value" sorted by name and joined by commas.
func jsonText(v any) string {
	switch x := v.(type) {
	case []any:
		var parts []string
		sep := ", "
		for _, e := range x {
			if _, ok := e.(map[string]any); ok {
				sep = "; "
			}
			parts = append(parts, jsonText(e))
		}
		return strings.Join(parts, sep)
	case map[string]any:
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(x)) {
			parts = append(parts, strings.ReplaceAll(k, "_", " ")+" "+jsonText(x[k]))
		}
		return strings.Join(parts, ", ")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case nil:
		return "-"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// patternsTable shows the verdicts of cogov patterns --out.
func patternsTable(path string) (table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return table{}, err
	}
	var p struct {
		Scenario string `json:"scenario"`
		Reps     int    `json:"reps"`
		Seed     uint64 `json:"seed"`
		Checks   []struct {
			ID, Kind, Statement string
			Pass                bool
			Observed, Tolerance *float64
			Threshold           *float64
			Above, Bound        bool
			Verdict             string
			Null                string
			Model               struct {
				Mean   *float64 `json:"mean"`
				CILow  *float64 `json:"ci_low"`
				CIHigh *float64 `json:"ci_high"`
			}
		} `json:"checks"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return table{}, fmt.Errorf("%s: %w", path, err)
	}
	t := table{ID: "patterns", Caption: fmt.Sprintf("Calibration targets and patterns of %s (patterns.json)", p.Scenario),
		Note: fmt.Sprintf("%d replications, master seed %d; model mean [95 %% CI].", p.Reps, p.Seed),
		Head: []string{"id", "verdict", "model", "observed or threshold", "statement"}}
	f := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return num(*v)
	}
	for _, c := range p.Checks {
		verdict := "FAIL"
		if c.Pass {
			verdict = "pass"
		}
		want := ""
		switch {
		case c.Kind == "target" && c.Bound:
			want = "≥ " + f(c.Observed)
		case c.Kind == "target":
			want = f(c.Observed) + " ± " + f(c.Tolerance)
		default:
			op := "≤ "
			if c.Above {
				op = "≥ "
			}
			want = op + f(c.Threshold)
			if c.Verdict != "" {
				verdict += "; " + c.Verdict
				if c.Null != "" {
					verdict += " (null: " + c.Null + ")"
				}
			}
		}
		model := fmt.Sprintf("%s [%s, %s]", f(c.Model.Mean), f(c.Model.CILow), f(c.Model.CIHigh))
		t.Rows = append(t.Rows, []cell{{Text: c.ID}, {Text: verdict, Sig: !c.Pass}, {Text: model, Num: true}, {Text: want, Num: true}, {Text: c.Statement}})
	}
	return t, nil
}
