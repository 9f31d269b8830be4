package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestBuiltinsLoad(t *testing.T) {
	want := []string{"baseline", "budget-high", "budget-low", "long-window", "mech-all", "mech-dynamics",
		"mech-evaluation", "mech-risk", "mech-supervision", "multi-year", "no-festival",
		"supervision-strong", "supervision-weak"}
	for _, name := range want {
		if _, ok := BuiltinSource(name); !ok {
			t.Errorf("built-in %s is missing", name)
		}
	}
	for _, name := range Builtins() {
		s, err := Load(name, nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Name != name || s.Description == "" || s.Extends != "" {
			t.Errorf("%s: name %q, description %q, extends %q", name, s.Name, s.Description, s.Extends)
		}
		src, _ := BuiltinSource(name)
		if !strings.HasPrefix(string(src), "# "+name+": ") || !strings.Contains(string(src), "Question") {
			t.Errorf("%s: the file should start with \"# %s: ...\" and say what question it answers", name, name)
		}
	}
}

// TestBuiltinsShowOnlyDifferences checks that every built-in other than the
// baseline extends another and sets only keys whose values differ from its
// parent's (besides name and description).
func TestBuiltinsShowOnlyDifferences(t *testing.T) {
	for _, name := range Builtins() {
		if name == "baseline" {
			continue
		}
		src, _ := BuiltinSource(name)
		var raw map[string]any
		md, err := toml.Decode(string(src), &raw)
		if err != nil {
			t.Fatal(err)
		}
		parentName, _ := raw["extends"].(string)
		if parentName == "" {
			t.Errorf("%s: does not extend another scenario", name)
			continue
		}
		parent, err := Load(parentName, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range md.Keys() {
			path := key.String()
			if path == "name" || path == "description" || path == "extends" || md.Type(key...) == "Hash" {
				continue
			}
			v := valueAt(reflect.ValueOf(parent).Elem(), key)
			if v.IsValid() && tomlValue(v) == formatRaw(raw, key) {
				t.Errorf("%s: %s repeats the value of %s", name, path, parentName)
			}
		}
	}
}

func valueAt(v reflect.Value, keys []string) reflect.Value {
	for _, k := range keys {
		f, ok := fieldByTag(v.Type(), k)
		if !ok || v.Kind() != reflect.Struct {
			return reflect.Value{}
		}
		v = v.FieldByIndex(f.Index)
	}
	return v
}

func formatRaw(raw map[string]any, keys []string) string {
	var v any = raw
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[k]
	}
	switch x := v.(type) {
	case float64:
		return formatFloat(x)
	case int64:
		return tomlValue(reflect.ValueOf(x))
	}
	return tomlValue(reflect.ValueOf(v))
}

// TestEncodeRoundTrip encodes every built-in, plainly and with comments,
// and loads it back to an equal Scenario.
func TestEncodeRoundTrip(t *testing.T) {
	for _, name := range Builtins() {
		s, err := Load(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, enc := range []func(*Scenario) ([]byte, error){
			Encode,
			func(s *Scenario) ([]byte, error) { return EncodeCommented(s, "header\n\nmore") },
		} {
			b, err := enc(s)
			if err != nil {
				t.Fatal(err)
			}
			back, err := LoadSource(name+".toml", b, "", nil)
			if err != nil {
				t.Fatalf("%s: encoded scenario does not load:\n%v\n%s", name, err, b)
			}
			if !reflect.DeepEqual(s, back) {
				t.Errorf("%s: round trip changed the scenario:\n%+v\n%+v", name, s, back)
			}
		}
	}
}

func TestEncodeValues(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{2000.0, "2000.0"}, {0.3, "0.3"}, {1e-7, "1e-07"}, {-2.5, "-2.5"}, {1e20, "1e+20"},
		{"a\"b\\c\nd\x01", `"a\"b\\c\nd\u0001"`}, {[]float64{0.25, 0.5}, "[0.25, 0.5]"},
		{[]string{}, "[]"}, {uint64(18446744073709551615), "18446744073709551615"}, {true, "true"},
	} {
		if got := tomlValue(reflect.ValueOf(tc.v)); got != tc.want {
			t.Errorf("tomlValue(%#v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExtendsChain resolves a three-file chain with paths relative to each
// file: later files override earlier ones key by key, and an array of
// tables is replaced as a whole.
func TestExtendsChain(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "base/c.toml", "extends = \"mech-risk\"\nname = \"c\"\n[government]\nbudget_10k_yuan = 3000\nreview_noise = 0.2\n")
	write(t, dir, "sub/b.toml", "extends = \"../base/c.toml\"\nname = \"b\"\n[government]\nreview_noise = 0.3\n"+
		"[[cities]]\nname = \"solo\"\ncommunities = 10\nagencies = [1, 2, 3]\nproximity = 0.2\nlocal_budget_10k_yuan = 5\nmulti_role_share = 0\n")
	a := write(t, dir, "a.toml", "extends = \"sub/b.toml\"\nname = \"a\"\n[calendar]\ncontract_years = 2\n")
	s, err := Load(a, []string{"government.trust_initial=0.7"})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := Load("mech-risk", nil)
	switch {
	case s.Name != "a" || s.Calendar.ContractYears != 2:
		t.Errorf("child keys not applied: %q %d", s.Name, s.Calendar.ContractYears)
	case s.Government.ReviewNoise != 0.3 || s.Government.BudgetTenKYuan != 3000 || s.Government.TrustInitial != 0.7:
		t.Errorf("government = %+v", s.Government)
	case !s.Mechanisms.Risk.Enabled:
		t.Error("mech-risk at the root of the chain was not applied")
	case len(s.Cities) != 1 || s.Cities[0].Name != "solo" || s.Cities[0].Count != 0:
		t.Errorf("cities not replaced: %+v", s.Cities)
	case !reflect.DeepEqual(s.Categories, base.Categories) || s.Description != base.Description:
		t.Error("keys not overridden should keep the values of the chain's root, mech-risk")
	}
}

func TestSetOverrides(t *testing.T) {
	s, err := Load("baseline", []string{
		"government.budget_10k_yuan=3000",
		"name=my run",
		"cities[0].communities=50",
		"government.pilot_budget_shares=[0.5, 1.0]",
		"government.pilot_budget_shares[0]=0.1",
		"mechanisms.risk.enabled=true",
		`categories[0].eligible=["professional"]`,
		"calendar={festival_capacity = 1.0}",
		"seed=42",
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []any{s.Government.BudgetTenKYuan, s.Name, s.Cities[0].Communities, s.Government.PilotBudgetShares,
		s.Mechanisms.Risk.Enabled, s.Categories[0].Eligible, s.Calendar.FestivalCapacity, s.Calendar.CallMonth, s.Seed}
	want := []any{3000.0, "my run", 50, []float64{0.1, 1.0}, true, []string{"professional"}, 1.0, 11, uint64(42)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestValidateInCode(t *testing.T) {
	s, err := Load("baseline", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(s); err != nil {
		t.Fatalf("baseline: %v", err)
	}
	s.Calendar.CallMonth = 13
	s.Cities[1].Agencies = []int{1}
	err = Validate(s)
	var errs *Errors
	if !errors.As(err, &errs) || len(errs.Problems) != 2 {
		t.Fatalf("Validate = %v, want two problems", err)
	}
	if got := errs.Problems[0].String(); got != "calendar.call_month: 13 is out of range (allowed 1-12)" {
		t.Errorf("problem = %q", got)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	for ref, want := range map[string]string{
		filepath.Join(dir, "nope.toml"): "no such file",
		dir:                             "it is a directory",
		"/dev/null/x.toml":              "cannot read",
	} {
		_, err := Load(ref, nil)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), ref+": ") {
			t.Errorf("Load(%q) = %v, want %q", ref, err, want)
		}
	}
}

// TestInheritByName checks that an element of an array of tables named
// like an element of the parent starts from that element, even when moved,
// and that a range error it inherits points to the parent's line.
func TestInheritByName(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "p.toml", "extends = \"baseline\"\n[[cities]]\nname = \"B city\"\nproximity = 1.5\n\n[[cities]]\nname = \"other city\"\n")
	c := write(t, dir, "c.toml", "extends = \"p.toml\"\n[[cities]]\nname = \"other city\"\ncommunities = 7\n\n[[cities]]\nname = \"B city\"\n")
	_, err := Load(c, nil)
	want := filepath.Join(dir, "p.toml") + ":4: cities[1].proximity: 1.5 is out of range (allowed 0-1)"
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %s", err, want)
	}
	s, err := Load(c, []string{"cities[1].proximity=0.2"})
	if err != nil {
		t.Fatal(err)
	}
	base, _ := Load("baseline", nil)
	if s.Cities[0].Communities != 7 || s.Cities[0].Count != base.Cities[1].Count ||
		!reflect.DeepEqual(s.Cities[1].Agencies, base.Cities[0].Agencies) {
		t.Errorf("cities = %+v", s.Cities)
	}
}

func TestCheckFlag(t *testing.T) {
	cases := []struct {
		flag, path string
		v          float64
		want       string
	}{
		{"--years", "years", 15, ""},
		{"--years", "years", 0, "--years: 0 is out of range (allowed 1-200, the rule of years in a scenario)"},
		{"--years", "years", 3000, "--years: 3000 is out of range (allowed 1-200, the rule of years in a scenario)"},
		{"--seed", "seed", -5, "--seed: -5 is out of range (allowed >= 0, the rule of seed in a scenario)"},
		{"--x", "nope", 1, "--x: nope is not a scenario parameter"},
	}
	for _, c := range cases {
		err := CheckFlag(c.flag, c.path, c.v)
		if got := fmt.Sprint(err); (err == nil) != (c.want == "") || err != nil && got != c.want {
			t.Errorf("CheckFlag(%s, %s, %g) = %v, want %q", c.flag, c.path, c.v, err, c.want)
		}
	}
}

// A mechanism's settings without enabled = true change nothing: a warning
// says so (issue 14: intensity = 0.5 alone was silently valid).
func TestLoadWarnDisabledMechanism(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "risk.toml")
	os.WriteFile(path, []byte("extends = \"baseline\"\n\n[mechanisms.risk]\nintensity = 0.5\n"), 0o644)
	_, warns, err := LoadWarn(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := path + ":4: mechanisms.risk.intensity: warning: set, but mechanisms.risk.enabled is false, so it changes nothing"
	if len(warns) != 1 || !strings.HasPrefix(warns[0], want) {
		t.Errorf("warnings %q, want one starting %q", warns, want)
	}
	if _, warns, _ := LoadWarn(path, []string{"mechanisms.risk.enabled=true"}); len(warns) != 0 {
		t.Errorf("enabled: warnings %q", warns)
	}
	if _, warns, _ := LoadWarn("baseline", []string{"mechanisms.dynamics.intensity=0.3"}); len(warns) != 1 || !strings.HasPrefix(warns[0], "--set: mechanisms.dynamics.intensity: warning") {
		t.Errorf("--set: warnings %q", warns)
	}
	// The bid-rigging screen runs under selective bidding with risk off.
	screen := []string{"mechanisms.risk.exclusivity_threshold=0.5"}
	if _, warns, _ := LoadWarn("bid-rings", screen); len(warns) != 0 {
		t.Errorf("screen setting under selective bidding: warnings %q", warns)
	}
	if _, warns, _ := LoadWarn("baseline", screen); len(warns) != 1 {
		t.Errorf("screen setting without selective bidding: warnings %q, want one", warns)
	}
	for _, name := range Builtins() {
		if _, warns, _ := LoadWarn(name, nil); len(warns) != 0 {
			t.Errorf("built-in %s: warnings %q", name, warns)
		}
	}
}
