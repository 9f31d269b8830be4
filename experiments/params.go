package experiments

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"cogov/scenarios"
)

// ParamKind is the type of a scenario parameter a factor varies.
type ParamKind int

// The kinds of scenario parameters a factor can vary.
const (
	KindFloat ParamKind = iota
	KindInt
	KindBool
	KindString
)

// String names the kind as the error messages do.
func (k ParamKind) String() string {
	return [...]string{"a number", "an integer", "a boolean", "a string"}[k]
}

// reservedPaths are scenario keys an experiment controls itself.
var reservedPaths = map[string]string{
	"name":        "the experiment names its points",
	"description": "the experiment describes itself",
	"extends":     "use scenario or a point's scenario",
	"seed":        "the experiment's seed sets every run's seed",
	"years":       "the experiment's years sets every run's length",
}

var scenarioType = reflect.TypeFor[scenarios.Scenario]()

// tomlName returns the TOML key of a struct field, or "".
func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

// paramKind returns the kind of the scalar scenario parameter at the dotted
// path, such as "supervision.audit_probability", or an error saying what is
// wrong and what is allowed.
func paramKind(path string) (ParamKind, error) {
	if why, ok := reservedPaths[path]; ok {
		return 0, fmt.Errorf("%q cannot be a factor (%s)", path, why)
	}
	t := scenarioType
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if t.Kind() != reflect.Struct {
			return 0, fmt.Errorf("%q is not a parameter: %s is not a table", path, strings.Join(parts[:i], "."))
		}
		var keys []string
		var field *reflect.StructField
		for j := range t.NumField() {
			f := t.Field(j)
			name := tomlName(f)
			if name == "" {
				continue
			}
			keys = append(keys, name)
			if name == p {
				field = &f
			}
		}
		if field == nil {
			where := strings.Join(parts[:i], ".")
			if where == "" {
				where = "the scenario"
			}
			return 0, fmt.Errorf("%q is not a parameter: no key %q in %s%s", path, p, where, suggest(p, keys))
		}
		t = field.Type
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return KindInt, nil
	case reflect.Float32, reflect.Float64:
		return KindFloat, nil
	case reflect.Bool:
		return KindBool, nil
	case reflect.String:
		return KindString, nil
	case reflect.Struct:
		return 0, fmt.Errorf("%q is a table, not a parameter (allowed: one of its keys, such as %s.%s)", path, path, tomlName(t.Field(0)))
	}
	return 0, fmt.Errorf("%q is a list; a factor varies one scalar parameter (number, integer, boolean or string)", path)
}

// paramValue returns the value of the scalar parameter at path in s,
// formatted as a factor value, or "" if there is none.
func paramValue(s *scenarios.Scenario, path string) string {
	v := reflect.ValueOf(s).Elem()
	for _, p := range strings.Split(path, ".") {
		if v.Kind() != reflect.Struct {
			return ""
		}
		found := false
		for j := range v.NumField() {
			if tomlName(v.Type().Field(j)) == p {
				v, found = v.Field(j), true
				break
			}
		}
		if !found {
			return ""
		}
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return formatFloat(v.Float())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return v.String()
	}
	return ""
}

// formatFloat formats a factor value in the shortest form that reads back
// exactly.
func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// suggest returns `; did you mean "x"?` for the closest of keys to key, and
// the list of allowed keys.
func suggest(key string, keys []string) string {
	best, bestD := "", 1<<30
	for _, k := range keys {
		if d := editDistance(strings.ToLower(key), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	allowed := " (allowed: " + strings.Join(sorted, ", ") + ")"
	if best != "" && bestD <= max(2, len(key)/3) {
		return fmt.Sprintf("; did you mean %q?%s", best, allowed)
	}
	return allowed
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
