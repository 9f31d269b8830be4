package design

import (
	"math"
	"strconv"
	"strings"

	"cogov/experiments/internal/tomltable"
)

// parseFactors reads the [[factor]] tables of a design of the given kind.
func parseFactors(p *tomltable.Problems, kind string, ts []tomltable.Table) []Factor {
	out := make([]Factor, 0, len(ts))
	paths := map[string]bool{}
	for _, t := range ts {
		t.Known(factorKeys)
		f := Factor{key: t.Path, Path: strings.TrimSpace(t.Str("path", true)), Name: t.Str("name", false)}
		if f.Name != "" && !validName(f.Name) {
			p.Add(t.Key("name"), "%q (allowed: letters, digits and _ . + -)", f.Name)
		}
		if f.Path == "" {
			continue
		}
		if paths[f.Path] {
			p.Add(t.Key("path"), "%q is varied by an earlier factor (allowed: each parameter once)", f.Path)
		}
		paths[f.Path] = true
		par, err := lookupParam(f.Path)
		if err != nil {
			p.Add(t.Key("path"), "%v", err)
			continue
		}
		f.Kind = par.kind
		parseFactorValues(t, kind, &f)
		checkFactorRange(t, par, &f)
		out = append(out, f)
	}
	nameFactors(p, out)
	return out
}

// checkFactorRange checks explicit values and the ends of a range against
// the parameter's allowed range in the scenarios catalogue.
func checkFactorRange(t tomltable.Table, par param, f *Factor) {
	if f.HasRange {
		for _, end := range []struct {
			key string
			v   float64
		}{{"min", f.Min}, {"max", f.Max}} {
			if err := par.checkRange(f.Path, end.v); err != nil {
				t.P.Add(t.Key(end.key), "%v", err)
			}
		}
		return
	}
	if !t.Has("values") {
		return
	}
	for _, v := range f.Values {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			continue
		}
		if err := par.checkRange(f.Path, x); err != nil {
			t.P.Add(t.Key("values"), "%v", err)
		}
	}
}

// parseFactorValues reads values, min, max and levels for a design kind.
func parseFactorValues(t tomltable.Table, kind string, f *Factor) {
	p := t.P
	lo, hasLo := t.Float("min")
	hi, hasHi := t.Float("max")
	f.Min, f.Max = lo, hi
	f.HasRange = hasLo && hasHi
	hasValues, hasLevels := t.Has("values"), t.Has("levels")
	if hasLo != hasHi {
		p.Add(t.Path, "min and max go together (allowed: both, or neither)")
	}
	if f.HasRange {
		switch {
		case f.Kind == KindBool || f.Kind == KindString:
			p.Add(t.Key("min"), "%s is %s and has no range (allowed: values = [...]%s)", f.Path, f.Kind, boolHint(f.Kind))
			f.HasRange = false
		case lo == hi:
			p.Add(t.Key("max"), "%s equals min (allowed: max > min; for a single value, values = [%s])", tomltable.FormatFloat(hi), tomltable.FormatFloat(lo))
			f.HasRange = false
		case !(lo < hi):
			p.Add(t.Key("max"), "%s is not above min %s (allowed: max > min)", tomltable.FormatFloat(hi), tomltable.FormatFloat(lo))
			f.HasRange = false
		case f.Kind == KindInt && lo != math.Trunc(lo):
			p.Add(t.Key("min"), "%s is not an integer (allowed: integers, %s is an integer parameter)", tomltable.FormatFloat(lo), f.Path)
		case f.Kind == KindInt && hi != math.Trunc(hi):
			p.Add(t.Key("max"), "%s is not an integer (allowed: integers, %s is an integer parameter)", tomltable.FormatFloat(hi), f.Path)
		}
	}
	switch kind {
	case KindGrid, KindFactorial:
		if hasValues && (hasLo || hasLevels) {
			p.Add(t.Key("values"), "values and a range (min, max, levels) both given (allowed: one of them)")
			return
		}
		if hasValues {
			f.Values = factorValues(t, f)
		} else if f.HasRange {
			levels := 2
			if kind == KindGrid {
				levels = t.Int("levels", tomltable.Required, 2, 100000)
			} else if hasLevels {
				levels = t.Int("levels", 2, 2, 2)
			}
			f.Levels = levels
			f.Values = rangeValues(t, f, levels)
		} else if f.Kind == KindBool && !hasLo {
			f.Values = []string{"false", "true"}
		} else if !hasLo {
			p.Add(t.Path, "no values (allowed: values = [...], or min, max and levels)")
		}
		if kind == KindFactorial && f.Values != nil && len(f.Values) != 2 {
			p.Add(t.Key("values"), "%d values (allowed: exactly 2 in a factorial design, low then high)", len(f.Values))
		}
	default: // list is handled elsewhere; lhs, sobol, morris
		if hasValues {
			p.Add(t.Key("values"), "not used by a %s design (allowed: min and max)", kind)
		}
		if hasLevels {
			p.Add(t.Key("levels"), "not used by a %s design (allowed: min and max; morris levels go in [design])", kind)
		}
		switch {
		case f.Kind == KindString:
			p.Add(t.Key("path"), "%s is a string and cannot be sampled by a %s design (allowed: numeric or boolean parameters)", f.Path, kind)
		case f.Kind != KindBool && !hasLo && !hasHi:
			p.Add(t.Path, "no range (allowed: min and max, inside the parameter's allowed range)")
		}
	}
}

func boolHint(k ParamKind) string {
	if k == KindBool {
		return ", or leave values out for [false, true]"
	}
	return ""
}

// factorValues converts explicit values to the factor's kind.
func factorValues(t tomltable.Table, f *Factor) []string {
	a := t.Array("values", "an array of values")
	if a == nil {
		return nil
	}
	if len(a) == 0 {
		t.P.Add(t.Key("values"), "empty (allowed: at least one value)")
		return nil
	}
	out := make([]string, 0, len(a))
	seen := map[string]bool{}
	for i, v := range a {
		s, ok := convertValue(v, f.Kind)
		if !ok {
			t.P.Add(t.Key("values"), "element %d is %s (allowed: %s, the type of %s)", i, tomltable.TypeName(v), f.Kind, f.Path)
			continue
		}
		if seen[s] {
			t.P.Add(t.Key("values"), "%s listed twice (allowed: distinct values)", s)
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// convertValue formats a decoded TOML value as a value of kind k.
func convertValue(v any, k ParamKind) (string, bool) {
	switch k {
	case KindInt:
		switch v := v.(type) {
		case int64:
			return strconv.FormatInt(v, 10), true
		case float64:
			if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
				return strconv.FormatInt(int64(v), 10), true
			}
		}
	case KindFloat:
		switch v := v.(type) {
		case int64:
			return tomltable.FormatFloat(float64(v)), true
		case float64:
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				return tomltable.FormatFloat(v), true
			}
		}
	case KindBool:
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), true
		}
	case KindString:
		if s, ok := v.(string); ok {
			return s, true
		}
	}
	return "", false
}

// rangeValues returns levels equally spaced values over [Min, Max],
// rounded for integer parameters.
func rangeValues(t tomltable.Table, f *Factor, levels int) []string {
	if !f.HasRange || levels < 2 {
		return nil
	}
	out := make([]string, levels)
	seen := map[string]bool{}
	for l := range levels {
		if u := float64(l) / float64(levels-1); f.Kind == KindFloat {
			out[l] = tomltable.FormatFloat(tidy(Scale(u, f.Min, f.Max)))
		} else {
			out[l] = f.value(u)
		}
		if seen[out[l]] {
			t.P.Add(t.Key("levels"), "%d levels over [%s, %s] repeat the integer %s (allowed: at most %d levels)",
				levels, tomltable.FormatFloat(f.Min), tomltable.FormatFloat(f.Max), out[l], int(f.Max-f.Min)+1)
			return nil
		}
		seen[out[l]] = true
	}
	return out
}

// tidy drops the binary noise of arithmetic on given values: x rounded to
// 12 significant digits, so that the grid level 0.2 + 0.5·0.8 is 0.6 and
// not 0.6000000000000001. The tidy value is the one run and written.
func tidy(x float64) float64 {
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil {
		return x
	}
	return v
}

// value maps the unit coordinate u in [0,1] to a value of the factor: a
// boolean is true when u >= 0.5; an integer is rounded (so a grid over
// [min, max] hits both ends); a number is scaled linearly.
func (f *Factor) value(u float64) string {
	switch f.Kind {
	case KindBool:
		return strconv.FormatBool(u >= 0.5)
	case KindInt:
		return strconv.FormatInt(int64(math.Round(Scale(u, f.Min, f.Max))), 10)
	}
	return tomltable.FormatFloat(Scale(u, f.Min, f.Max))
}

// sampleValue maps a sampled unit coordinate u in [0,1) to a value: an
// integer parameter takes each of its max-min+1 values with equal
// probability, floor(min + u·(max-min+1)); others as value.
func (f *Factor) sampleValue(u float64) string {
	if f.Kind == KindInt {
		n := math.Floor(f.Min + u*(f.Max-f.Min+1))
		return strconv.FormatInt(int64(min(n, f.Max)), 10)
	}
	return f.value(u)
}

// setValue returns the override path=value that gives the factor value v.
func (f *Factor) setValue(v string) string {
	if f.Kind == KindString {
		return f.Path + "=" + strconv.Quote(v)
	}
	return f.Path + "=" + v
}

func validName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_.+-", r)) {
			return false
		}
	}
	return true
}

// nameFactors gives every unnamed factor the shortest dotted suffix of its
// path (without a final ".enabled") that no other factor's path ends with,
// and checks names are unique.
func nameFactors(p *tomltable.Problems, fs []Factor) {
	for i := range fs {
		if fs[i].Name != "" {
			continue
		}
		parts := strings.Split(fs[i].Path, ".")
		if len(parts) > 1 && parts[len(parts)-1] == "enabled" {
			// mechanisms.risk.enabled is named risk.
			parts = parts[:len(parts)-1]
		}
		for n := 1; n <= len(parts); n++ {
			suffix := strings.Join(parts[len(parts)-n:], ".")
			unique := true
			for j := range fs {
				if j != i && (fs[j].Path == suffix || strings.HasSuffix(fs[j].Path, "."+suffix) || fs[j].Name == suffix) {
					unique = false
					break
				}
			}
			if unique || n == len(parts) {
				fs[i].Name = suffix
				break
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.Name] {
			p.Add(f.key+".name", "%q names an earlier factor too (allowed: a unique name)", f.Name)
		}
		seen[f.Name] = true
	}
}

// numLevels returns the number of grid or factorial values of the factor.
func (f *Factor) numLevels() int { return len(f.Values) }
