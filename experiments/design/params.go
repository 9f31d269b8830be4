package design

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"cogov/experiments/internal/tomltable"
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

// tomlName returns the TOML key of a struct field, or "".
func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

// param is what a factor needs to know of a scenario parameter.
type param struct {
	kind ParamKind
	info scenarios.ParamInfo
}

// lookupParam returns the scalar scenario parameter at the dotted path, such
// as "supervision.audit_probability" or "cities[0].communities", from the
// scenarios catalogue, or an error saying what is wrong and what is allowed.
func lookupParam(path string) (param, error) {
	if why, ok := reservedPaths[path]; ok {
		return param{}, fmt.Errorf("%q cannot be a factor (%s)", path, why)
	}
	info, ok := scenarios.Param(path)
	if !ok {
		var paths []string
		for _, p := range scenarios.Catalogue() {
			paths = append(paths, p.Path)
		}
		return param{}, fmt.Errorf("%q is not a parameter%s", path, tomltable.DidYouMean(path, paths, "cogov params lists them"))
	}
	element := strings.HasSuffix(path, "]")
	switch info.Kind {
	case scenarios.KindInt:
		return param{KindInt, info}, nil
	case scenarios.KindFloat:
		return param{KindFloat, info}, nil
	case scenarios.KindBool:
		return param{KindBool, info}, nil
	case scenarios.KindString:
		return param{KindString, info}, nil
	case scenarios.KindInts:
		if element {
			return param{KindInt, info}, nil
		}
	case scenarios.KindFloats:
		if element {
			return param{KindFloat, info}, nil
		}
	case scenarios.KindStrings:
		if element {
			return param{KindString, info}, nil
		}
	}
	return param{}, fmt.Errorf("%q is an %s; a factor varies one value (allowed: an element, such as %s[0])", path, info.Kind, path)
}

// checkRange reports a number outside the parameter's catalogue range.
func (p param) checkRange(path string, v float64) error {
	if p.kind == KindBool || p.kind == KindString || p.info.Contains(v) {
		return nil
	}
	return fmt.Errorf("%s is outside the range of %s (allowed %s)", tomltable.FormatFloat(v), path, p.info.Allowed)
}

// paramValue returns the value of the scalar parameter at path in s,
// formatted as a factor value, or "" if there is none.
func paramValue(s *scenarios.Scenario, path string) string {
	v := reflect.ValueOf(s).Elem()
	for _, p := range strings.Split(path, ".") {
		key, index := p, -1
		if i := strings.IndexByte(p, '['); i >= 0 && strings.HasSuffix(p, "]") {
			n, err := strconv.Atoi(p[i+1 : len(p)-1])
			if err != nil {
				return ""
			}
			key, index = p[:i], n
		}
		if v.Kind() != reflect.Struct {
			return ""
		}
		found := false
		for j := range v.NumField() {
			if tomlName(v.Type().Field(j)) == key {
				v, found = v.Field(j), true
				break
			}
		}
		if !found {
			return ""
		}
		if index >= 0 {
			if v.Kind() != reflect.Slice || index >= v.Len() {
				return ""
			}
			v = v.Index(index)
		}
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return tomltable.FormatFloat(v.Float())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return v.String()
	}
	return ""
}
