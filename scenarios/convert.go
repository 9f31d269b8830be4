package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// wantText describes a parameter's type and range, e.g. "an integer 1-12".
func wantText(p ParamInfo) string {
	switch p.Kind {
	case KindInt:
		return "an integer " + p.Allowed
	case KindFloat:
		return "a number " + p.Allowed
	case KindBool:
		return "true or false"
	case KindString:
		return "a string: " + p.Allowed
	case KindInts:
		return "an array of integers, " + p.Allowed
	case KindFloats:
		return "an array of numbers, " + p.Allowed
	case KindStrings:
		return "an array of strings: " + p.Allowed
	}
	return string(p.Kind)
}

// tablesOf accepts [[array]] tables and inline arrays of inline tables.
func tablesOf(raw any) ([]map[string]any, bool) {
	switch x := raw.(type) {
	case []map[string]any:
		return x, true
	case []any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

// convert stores the TOML scalar raw into v, or says why it cannot.
func convert(raw any, v reflect.Value) string {
	bad := func() string { return show(raw) + " is " + tomlTypeName(raw) }
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		switch x := raw.(type) {
		case int64:
			v.SetInt(x)
		case float64:
			if x != math.Trunc(x) || math.Abs(x) > 1<<53 {
				return show(raw) + " is not a whole number"
			}
			v.SetInt(int64(x))
		default:
			return bad()
		}
	case reflect.Uint64, reflect.Uint:
		switch x := raw.(type) {
		case int64:
			if x < 0 {
				return show(raw) + " is negative"
			}
			v.SetUint(uint64(x))
		default:
			return bad()
		}
	case reflect.Float64:
		switch x := raw.(type) {
		case int64:
			v.SetFloat(float64(x))
		case float64:
			v.SetFloat(x)
		default:
			return bad()
		}
	case reflect.Bool:
		x, ok := raw.(bool)
		if !ok {
			return bad()
		}
		v.SetBool(x)
	case reflect.String:
		x, ok := raw.(string)
		if !ok {
			return bad()
		}
		v.SetString(x)
	default:
		return "cannot hold " + v.Type().String()
	}
	return ""
}

// tomlTypeName names the TOML type of a decoded value, with an article.
func tomlTypeName(raw any) string {
	switch raw.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	}
	return "a datetime"
}

// show renders a decoded value briefly for messages.
func show(raw any) string {
	var s string
	switch x := raw.(type) {
	case string:
		s = fmt.Sprintf("%q", x)
	case float64:
		s = formatFloat(x)
	case []map[string]any, map[string]any:
		return "the value"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	default:
		s = fmt.Sprint(x)
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:37]) + "..."
	}
	return s
}
