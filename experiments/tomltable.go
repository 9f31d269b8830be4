package experiments

import (
	"math"
	"strconv"
	"strings"
)

// tbl is one table of a decoded TOML document, with typed accessors that
// report problems by key path.
type tbl struct {
	p    *problems
	path string // "" for the top level, "design", "factor[2]", ...
	m    map[string]any
}

// required marks an int key that has no default.
const required = math.MinInt

func (t tbl) key(k string) string {
	if t.path == "" {
		return k
	}
	return t.path + "." + k
}

func (t tbl) has(k string) bool { _, ok := t.m[k]; return ok }

// known reports every key of t not in allowed, with a suggestion.
func (t tbl) known(allowed []string) {
	for _, k := range sortedKeys(t.m) {
		if !contains(allowed, k) {
			t.p.add(t.key(k), "unknown key%s", suggest(k, allowed))
		}
	}
}

// typeName names the TOML type of a decoded value.
func typeName(v any) string {
	switch v := v.(type) {
	case int64:
		return "the integer " + strconv.FormatInt(v, 10)
	case float64:
		return "the float " + formatFloat(v)
	case string:
		return "the string " + strconv.Quote(v)
	case bool:
		return "the boolean " + strconv.FormatBool(v)
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	}
	return "a date or time"
}

// str returns the string at k ("" if absent or of the wrong type).
func (t tbl) str(k string, req bool) string {
	v, ok := t.m[k]
	if !ok {
		if req {
			t.p.add(t.key(k), "missing (allowed: a string)")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.p.add(t.key(k), "%s (allowed: a string)", typeName(v))
		return ""
	}
	if req && strings.TrimSpace(s) == "" {
		t.p.add(t.key(k), "empty (allowed: a non-empty string)")
	}
	return s
}

// int returns the integer at k, which must lie in [lo, hi]; def is
// returned when k is absent, and def == required makes k required.
func (t tbl) int(k string, def, lo, hi int) int {
	v, ok := t.m[k]
	if !ok {
		if def == required {
			t.p.add(t.key(k), "missing (allowed: an integer from %d to %d)", lo, hi)
			return lo
		}
		return def
	}
	n, ok := v.(int64)
	if !ok {
		t.p.add(t.key(k), "%s (allowed: an integer from %d to %d)", typeName(v), lo, hi)
		return max(def, lo)
	}
	if n < int64(lo) || n > int64(hi) {
		t.p.add(t.key(k), "%d is out of range (allowed: %d to %d)", n, lo, hi)
		return max(def, lo)
	}
	return int(n)
}

// float returns the number at k (an integer or a float) and whether it
// was given.
func (t tbl) float(k string) (float64, bool) {
	v, ok := t.m[k]
	if !ok {
		return 0, false
	}
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.p.add(t.key(k), "%v (allowed: a finite number)", v)
			return 0, false
		}
		return v, true
	}
	t.p.add(t.key(k), "%s (allowed: a number)", typeName(v))
	return 0, false
}

// array returns the array at k, or nil if absent or not an array.
func (t tbl) array(k string, allowed string) []any {
	v, ok := t.m[k]
	if !ok {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		t.p.add(t.key(k), "%s (allowed: %s)", typeName(v), allowed)
		return nil
	}
	return a
}

// strs returns the array of strings at k, or nil.
func (t tbl) strs(k string) []string {
	a := t.array(k, "an array of strings")
	if a == nil {
		return nil
	}
	out := make([]string, 0, len(a))
	for i, v := range a {
		s, ok := v.(string)
		if !ok {
			t.p.add(t.key(k), "element %d is %s (allowed: strings)", i, typeName(v))
			continue
		}
		out = append(out, s)
	}
	return out
}

// sets returns the array of "path=value" overrides at k.
func (t tbl) sets(k string) []string {
	out := t.strs(k)
	for _, s := range out {
		path, _, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(path) == "" {
			t.p.add(t.key(k), "%q is not an override (allowed: \"path=value\", such as \"supervision.audit_probability=0.3\")", s)
		}
	}
	return out
}

// table returns the sub-table at k, empty if absent.
func (t tbl) table(k string) tbl {
	sub := tbl{p: t.p, path: t.key(k), m: map[string]any{}}
	v, ok := t.m[k]
	if !ok {
		return sub
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.p.add(t.key(k), "%s (allowed: a table [%s])", typeName(v), t.key(k))
		return sub
	}
	sub.m = m
	return sub
}

// tables returns the array of tables at k, such as the [[factor]] tables.
func (t tbl) tables(k string) []tbl {
	v, ok := t.m[k]
	if !ok {
		return nil
	}
	ms, ok := v.([]map[string]any)
	if !ok {
		t.p.add(t.key(k), "%s (allowed: an array of tables [[%s]])", typeName(v), t.key(k))
		return nil
	}
	out := make([]tbl, len(ms))
	for i, m := range ms {
		out[i] = tbl{p: t.p, path: t.key(k) + "[" + strconv.Itoa(i) + "]", m: m}
	}
	return out
}
