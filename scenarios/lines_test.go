package scenarios

import "testing"

func TestIndexLines(t *testing.T) {
	src := `# comment
name = "x"
description = """
fake = 1
"""
"quoted key" = 2
calendar.call_month = 11   # dotted

[government]
pilot_budget_shares = [
  0.25, # [not a header]
  0.5,
]
budget_10k_yuan = 2000
inline = { a = 1, b = "}" }
s = 'lit # not a comment'

[[cities]]
name = "a"

[[cities]]
name = "b"
[cities.sub]
k = 1

[mechanisms.risk]
enabled = true
`
	ix := indexLines(src)
	for _, tc := range []struct {
		path string
		line int
	}{
		{"name", 2},
		{"description", 3},
		{"fake", 0},
		{"quoted key", 6},
		{"calendar.call_month", 7},
		{"government", 9},
		{"government.pilot_budget_shares", 10},
		{"government.budget_10k_yuan", 14},
		{"government.inline", 15},
		{"government.inline.a", 15}, // inside an inline table: the table's line
		{"government.s", 16},
		{"cities", 18},
		{"cities[0]", 18},
		{"cities[0].name", 19},
		{"cities[1]", 21},
		{"cities[1].name", 22},
		{"cities[1].sub.k", 24},
		{"mechanisms.risk.enabled", 27},
		{"government.pilot_budget_shares[1]", 10},
	} {
		if got := ix.line(tc.path); got != tc.line {
			t.Errorf("line(%q) = %d, want %d", tc.path, got, tc.line)
		}
	}
}

func TestIndexLinesBOM(t *testing.T) {
	if got := indexLines("\ufeffname = 1\r\nyears = 2\r\n").line("years"); got != 2 {
		t.Errorf("line(years) = %d, want 2", got)
	}
	if got := indexLines("\ufeffname = 1\n").line("name"); got != 1 {
		t.Errorf("line(name) = %d, want 1", got)
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"budget_10k_yuan", "acceptance_month", "call_month", "seed"}
	for _, tc := range []struct{ word, want string }{
		{"Budget_10k_yuan", "budget_10k_yuan"},
		{"budget", "budget_10k_yuan"},
		{"acceptence_month", "acceptance_month"},
		{"cal_month", "call_month"},
		{"Seed", "seed"},
		{"zzz", ""},
	} {
		if got := Suggest(tc.word, keys); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{"a.toml", 3, "calendar.call_month", "13 is out of range (allowed 1-12)"}, "a.toml:3: calendar.call_month: 13 is out of range (allowed 1-12)"},
		{Problem{SetOrigin, 0, "years", "x"}, "--set: years: x"},
		{Problem{"", 0, "years", "x"}, "years: x"},
		{Problem{"a.toml", 2, "", "syntax error: y"}, "a.toml:2: syntax error: y"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
