// Package tomltable reads the tables of a decoded TOML document with typed
// accessors that report every problem as FILE:LINE: key: what is wrong
// (what is allowed). The experiment and calibration files share it.
package tomltable

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"cogov/scenarios"
)

// Problems collects validation errors, each located by key.
type Problems struct {
	// File names the source in messages; Lines locates its keys.
	File  string
	Lines scenarios.KeyLines
	errs  []error
}

// Add records that key is wrong: format says what is wrong and, in
// parentheses, what is allowed.
func (p *Problems) Add(key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if n := p.Lines.Line(key); n > 0 {
		p.errs = append(p.errs, fmt.Errorf("%s:%d: %s: %s", p.File, n, key, msg))
	} else {
		p.errs = append(p.errs, fmt.Errorf("%s: %s: %s", p.File, key, msg))
	}
}

// AddError records an error that is located already.
func (p *Problems) AddError(err error) { p.errs = append(p.errs, err) }

// Err joins the problems recorded, or is nil.
func (p *Problems) Err() error { return errors.Join(p.errs...) }

// Decode decodes a TOML file's text into its top table, whose problems
// are located by the file's key lines; a syntax error is returned at once
// as FILE:LINE: message.
func Decode(file string, src []byte) (Table, error) {
	if line, msg := scenarios.CheckShape(src); msg != "" {
		return Table{}, fmt.Errorf("%s:%d: %s", file, line, msg)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Table{}, fmt.Errorf("%s:%d: %s", file, pe.Position.Line, pe.Message)
		}
		return Table{}, fmt.Errorf("%s: %w", file, err)
	}
	return Table{P: &Problems{File: file, Lines: scenarios.IndexKeyLines(string(src))}, m: raw}, nil
}

// Table is one table of a decoded TOML document, with typed accessors that
// report problems by key path.
type Table struct {
	// P collects the problems of the whole document.
	P *Problems
	// Path is the table's key path: "" for the top level, "design",
	// "factor[2]", ...
	Path string
	m    map[string]any
}

// Required marks an int key that has no default.
const Required = math.MinInt

// Key is the key path of key k of t, as problems name it.
func (t Table) Key(k string) string {
	if t.Path == "" {
		return k
	}
	return t.Path + "." + k
}

// Has reports whether t sets k.
func (t Table) Has(k string) bool { _, ok := t.m[k]; return ok }

// Known reports every key of t not in allowed, with a suggestion.
func (t Table) Known(allowed []string) {
	for _, k := range sortedKeys(t.m) {
		if !slices.Contains(allowed, k) {
			t.P.Add(t.Key(k), "unknown key%s", Suggest(k, allowed))
		}
	}
}

// TypeName names the TOML type of a decoded value.
func TypeName(v any) string {
	switch v := v.(type) {
	case int64:
		return "the integer " + strconv.FormatInt(v, 10)
	case float64:
		return "the float " + FormatFloat(v)
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

// Str returns the string at k ("" if absent or of the wrong type).
func (t Table) Str(k string, req bool) string {
	v, ok := t.m[k]
	if !ok {
		if req {
			t.P.Add(t.Key(k), "missing (allowed: a string)")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.P.Add(t.Key(k), "%s (allowed: a string)", TypeName(v))
		return ""
	}
	if req && strings.TrimSpace(s) == "" {
		t.P.Add(t.Key(k), "empty (allowed: a non-empty string)")
	}
	return s
}

// Int returns the integer at k, which must lie in [lo, hi]; def is
// returned when k is absent, and def == Required makes k required.
func (t Table) Int(k string, def, lo, hi int) int {
	v, ok := t.m[k]
	if !ok {
		if def == Required {
			t.P.Add(t.Key(k), "missing (allowed: an integer from %d to %d)", lo, hi)
			return lo
		}
		return def
	}
	n, ok := v.(int64)
	if !ok {
		t.P.Add(t.Key(k), "%s (allowed: an integer from %d to %d)", TypeName(v), lo, hi)
		return max(def, lo)
	}
	if n < int64(lo) || n > int64(hi) {
		t.P.Add(t.Key(k), "%d is out of range (allowed: %d to %d)", n, lo, hi)
		return max(def, lo)
	}
	return int(n)
}

// Float returns the number at k (an integer or a float) and whether it
// was given.
func (t Table) Float(k string) (float64, bool) {
	v, ok := t.m[k]
	if !ok {
		return 0, false
	}
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.P.Add(t.Key(k), "%v (allowed: a finite number)", v)
			return 0, false
		}
		return v, true
	}
	t.P.Add(t.Key(k), "%s (allowed: a number)", TypeName(v))
	return 0, false
}

// Array returns the array at k, or nil if absent or not an array.
func (t Table) Array(k string, allowed string) []any {
	v, ok := t.m[k]
	if !ok {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		t.P.Add(t.Key(k), "%s (allowed: %s)", TypeName(v), allowed)
		return nil
	}
	return a
}

// Strs returns the array of strings at k, or nil.
func (t Table) Strs(k string) []string {
	a := t.Array(k, "an array of strings")
	if a == nil {
		return nil
	}
	out := make([]string, 0, len(a))
	for i, v := range a {
		s, ok := v.(string)
		if !ok {
			t.P.Add(t.Key(k), "element %d is %s (allowed: strings)", i, TypeName(v))
			continue
		}
		out = append(out, s)
	}
	return out
}

// Sets returns the array of "path=value" overrides at k.
func (t Table) Sets(k string) []string {
	out := t.Strs(k)
	for _, s := range out {
		path, _, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(path) == "" {
			t.P.Add(t.Key(k), "%q is not an override (allowed: \"path=value\", such as \"supervision.audit_probability=0.3\")", s)
		}
	}
	return out
}

// Sub returns the sub-table at k, empty if absent.
func (t Table) Sub(k string) Table {
	sub := Table{P: t.P, Path: t.Key(k), m: map[string]any{}}
	v, ok := t.m[k]
	if !ok {
		return sub
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.P.Add(t.Key(k), "%s (allowed: a table [%s])", TypeName(v), t.Key(k))
		return sub
	}
	sub.m = m
	return sub
}

// Tables returns the array of tables at k, such as the [[factor]] tables.
func (t Table) Tables(k string) []Table {
	v, ok := t.m[k]
	if !ok {
		return nil
	}
	ms, ok := v.([]map[string]any)
	if !ok {
		t.P.Add(t.Key(k), "%s (allowed: an array of tables [[%s]])", TypeName(v), t.Key(k))
		return nil
	}
	out := make([]Table, len(ms))
	for i, m := range ms {
		out[i] = Table{P: t.P, Path: t.Key(k) + "[" + strconv.Itoa(i) + "]", m: m}
	}
	return out
}

// FormatFloat formats a number in the shortest form that reads back
// exactly.
func FormatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// DidYouMean returns `; did you mean "x"? (hint)` for the key of keys
// closest to key (scenarios.Suggest), or ` (hint)`.
func DidYouMean(key string, keys []string, hint string) string {
	if best := scenarios.Suggest(key, keys); best != "" {
		return fmt.Sprintf("; did you mean %q? (%s)", best, hint)
	}
	return " (" + hint + ")"
}

// Suggest returns `; did you mean "x"?` for the key of keys closest to key,
// and the list of allowed keys.
func Suggest(key string, keys []string) string {
	sorted := append([]string(nil), keys...)
	sort.Strings(sorted)
	allowed := " (allowed: " + strings.Join(sorted, ", ") + ")"
	if best := scenarios.Suggest(key, keys); best != "" {
		return fmt.Sprintf("; did you mean %q?%s", best, allowed)
	}
	return allowed
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
