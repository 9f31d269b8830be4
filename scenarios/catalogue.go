package scenarios

import (
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// Kind is the TOML type of a parameter.
type Kind string

// The kinds of parameters.
const (
	KindInt     Kind = "integer"
	KindFloat   Kind = "number"
	KindBool    Kind = "boolean"
	KindString  Kind = "string"
	KindInts    Kind = "array of integers"
	KindFloats  Kind = "array of numbers"
	KindStrings Kind = "array of strings"
)

// ParamInfo is the catalogue entry of one parameter.
type ParamInfo struct {
	// Path is the dotted key path; "[]" marks the elements of an array of
	// tables, as in "cities[].communities".
	Path string
	Kind Kind
	// Unit of the value ("" for pure numbers, names and switches).
	Unit string
	// Min and Max bound numeric values (each element, for arrays), ±Inf
	// when unbounded; MinOpen excludes Min itself.
	Min, Max float64
	MinOpen  bool
	// Options lists the allowed values of a string parameter, if limited.
	Options []string
	// Allowed says in words what values are allowed, e.g. "1-12".
	Allowed string
	// Default is the baseline's value, written as TOML (element values
	// joined by " / " for fields of arrays of tables).
	Default string
	// Meaning is a one-line description.
	Meaning string
	// Source is where the value comes from in the paper ("paper §4" for
	// its section 四, "Table 1"), empty for model assumptions.
	Source string
	// Optional parameters may be left out of a scenario without extends.
	Optional bool
}

// Numeric reports whether the parameter (or its elements) is a number.
func (p ParamInfo) Numeric() bool {
	switch p.Kind {
	case KindInt, KindFloat, KindInts, KindFloats:
		return true
	}
	return false
}

// Contains reports whether v lies in the parameter's numeric range.
func (p ParamInfo) Contains(v float64) bool {
	if math.IsNaN(v) || v < p.Min || v > p.Max || (p.MinOpen && v == p.Min) {
		return false
	}
	return true
}

// Catalogue returns every parameter of the Scenario struct in schema order,
// with its kind from the struct, its range, unit and meaning from the
// catalogue data and its default from the built-in baseline. Fields without
// catalogue data are listed with an empty meaning (a test reports them).
func Catalogue() []ParamInfo {
	params := schemaParams()
	if base, err := Load("baseline", nil); err == nil {
		for i := range params {
			if params[i].Path != "extends" { // always empty once resolved
				params[i].Default = defaultText(base, params[i].Path)
			}
		}
	}
	return params
}

// schemaParams is the catalogue without defaults: what validation needs.
func schemaParams() []ParamInfo {
	var out []ParamInfo
	for _, f := range schemaLeaves() {
		p := ParamInfo{Path: f.path, Kind: f.kind, Min: math.Inf(-1), Max: math.Inf(1)}
		note := ""
		if e, ok := entryFor(f.path); ok {
			p.Unit, p.Meaning, p.Source, p.Optional = e.unit, e.meaning, e.source, e.optional
			p.Min, p.Max, p.MinOpen = e.b.min, e.b.max, e.b.minOpen
			p.Options = append([]string(nil), e.b.options...)
			note = e.b.note
		}
		p.Allowed = allowedText(p, note)
		out = append(out, p)
	}
	return out
}

// paramIndex maps each catalogue path to its entry (without defaults).
func paramIndex() map[string]ParamInfo {
	m := map[string]ParamInfo{}
	for _, p := range schemaParams() {
		m[p.Path] = p
	}
	return m
}

// Param returns the catalogue entry of a dotted path such as
// "calendar.implementation_end_month", "mechanisms.risk.intensity" or
// "cities[0].communities" (element indices may be given, empty or left
// out). Its Default is left empty: Catalogue gives defaults, which cost a
// load of the baseline.
func Param(path string) (ParamInfo, bool) {
	norm := normalizePath(path)
	for _, p := range schemaParams() {
		if p.Path == norm {
			return p, true
		}
	}
	return ParamInfo{}, false
}

var indexRE = regexp.MustCompile(`\[[0-9]*\]`)

// normalizePath turns "cities[3].communities" or "cities.communities" into
// the catalogue's "cities[].communities".
func normalizePath(path string) string {
	path = indexRE.ReplaceAllString(strings.TrimSpace(path), "")
	t := reflect.TypeFor[Scenario]()
	var out []string
	for _, k := range strings.Split(path, ".") {
		f, ok := fieldByTag(t, k)
		if !ok {
			return path
		}
		switch {
		case f.Type.Kind() == reflect.Struct:
			t = f.Type
			out = append(out, k)
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			t = f.Type.Elem()
			out = append(out, k+"[]")
		default:
			out = append(out, k)
		}
	}
	return strings.Join(out, ".")
}

// leaf is one parameter of the schema found by reflection.
type leaf struct {
	path string
	kind Kind
}

// schemaLeaves walks the Scenario type, nested structs and the element
// structs of arrays of tables, and returns every parameter in field order.
func schemaLeaves() []leaf {
	var out []leaf
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for _, f := range tomlFields(t) {
			path := joinPath(prefix, f.name)
			switch ft := f.field.Type; {
			case ft.Kind() == reflect.Struct:
				walk(ft, path)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(ft.Elem(), path+"[]")
			default:
				out = append(out, leaf{path, kindOf(ft)})
			}
		}
	}
	walk(reflect.TypeFor[Scenario](), "")
	return out
}

// kindOf maps a Go field type to its parameter kind.
func kindOf(t reflect.Type) Kind {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint64, reflect.Uint, reflect.Uint32:
		return KindInt
	case reflect.Float64, reflect.Float32:
		return KindFloat
	case reflect.Bool:
		return KindBool
	case reflect.String:
		return KindString
	case reflect.Slice:
		switch kindOf(t.Elem()) {
		case KindInt:
			return KindInts
		case KindFloat:
			return KindFloats
		case KindString:
			return KindStrings
		}
	}
	return Kind(t.String())
}

// tomlField is a struct field with its TOML key.
type tomlField struct {
	name  string
	field reflect.StructField
}

// tomlFields lists the exported fields of struct type t that have a toml
// tag, in order.
func tomlFields(t reflect.Type) []tomlField {
	var out []tomlField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		out = append(out, tomlField{name, f})
	}
	return out
}

// fieldCache memoizes tomlFields for one load (the decoder looks up a
// field for every key), and under the nil key the schema's leaf paths.
type fieldCache map[reflect.Type][]tomlField

// leafNames returns every parameter path of the schema and its last key.
func (fc fieldCache) leafNames() (paths, lasts []string) {
	leaves, ok := fc[nil]
	if !ok {
		for _, l := range schemaLeaves() {
			leaves = append(leaves, tomlField{name: l.path})
		}
		fc[nil] = leaves
	}
	for _, l := range leaves {
		paths = append(paths, l.name)
		lasts = append(lasts, l.name[strings.LastIndex(l.name, ".")+1:])
	}
	return paths, lasts
}

func (fc fieldCache) fields(t reflect.Type) []tomlField {
	fs, ok := fc[t]
	if !ok {
		fs = tomlFields(t)
		fc[t] = fs
	}
	return fs
}

func (fc fieldCache) field(t reflect.Type, key string) (reflect.StructField, bool) {
	for _, f := range fc.fields(t) {
		if f.name == key {
			return f.field, true
		}
	}
	return reflect.StructField{}, false
}

// catalogueKey turns a concrete path ("cities[3].communities") into its
// catalogue path ("cities[].communities").
func catalogueKey(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		b.WriteByte(path[i])
		if path[i] == '[' {
			for i+1 < len(path) && path[i+1] >= '0' && path[i+1] <= '9' {
				i++
			}
		}
	}
	return b.String()
}

// fieldByTag finds the field of struct type t whose TOML key is exactly key.
func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for _, f := range tomlFields(t) {
		if f.name == key {
			return f.field, true
		}
	}
	return reflect.StructField{}, false
}

// allowedText describes a parameter's allowed values in words.
func allowedText(p ParamInfo, note string) string {
	if note != "" {
		return note
	}
	switch p.Kind {
	case KindBool:
		return "true or false"
	case KindString, KindStrings:
		if len(p.Options) > 0 {
			return strings.Join(p.Options, ", ")
		}
		return "any text"
	}
	r := rangeText(p)
	if p.Kind == KindInts || p.Kind == KindFloats {
		return "each " + r
	}
	return r
}

// rangeText renders a numeric range: "1-12", ">= 0", "> 0" or "any".
func rangeText(p ParamInfo) string {
	lo, hi := formatNumber(p.Min), formatNumber(p.Max)
	switch {
	case math.IsInf(p.Min, -1) && math.IsInf(p.Max, 1):
		return "any number"
	case math.IsInf(p.Max, 1) && p.MinOpen:
		return "> " + lo
	case math.IsInf(p.Max, 1):
		return ">= " + lo
	case math.IsInf(p.Min, -1):
		return "<= " + hi
	case p.MinOpen:
		return "> " + lo + " and <= " + hi
	}
	return lo + "-" + hi
}

// formatNumber writes a number briefly: 12, 0.5, 1e+06.
func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e7 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// defaultText is the value of path in s as TOML; for fields of arrays of
// tables, the elements' values joined by " / ".
func defaultText(s *Scenario, path string) string {
	var vals []string
	var walk func(v reflect.Value, keys []string)
	walk = func(v reflect.Value, keys []string) {
		if len(keys) == 0 {
			vals = append(vals, tomlValue(v))
			return
		}
		k, elems := strings.CutSuffix(keys[0], "[]")
		f, ok := fieldByTag(v.Type(), k)
		if !ok {
			return
		}
		fv := v.FieldByIndex(f.Index)
		if !elems {
			walk(fv, keys[1:])
			return
		}
		for i := range fv.Len() {
			walk(fv.Index(i), keys[1:])
		}
	}
	walk(reflect.ValueOf(s).Elem(), strings.Split(path, "."))
	return strings.Join(vals, " / ")
}
