package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
)

// origin is where a key got its value.
type origin struct {
	file string
	line int
	seq  int // position of a --set override
}

// provenance records, for every concrete key path of the scenario being
// resolved, the file and line that last set it, and which paths hold no
// valid value (wrong type, missing) so that validation skips them.
type provenance struct {
	set map[string]origin
	bad map[string]bool
}

func newProvenance() provenance {
	return provenance{set: map[string]origin{}, bad: map[string]bool{}}
}

// where returns the origin of path or of its nearest ancestor.
func (p provenance) where(path string) origin {
	for q := path; q != ""; q = parentPath(q) {
		if o, ok := p.set[q]; ok {
			return o
		}
	}
	return origin{}
}

// skip reports whether path, or an ancestor of it, holds no valid value.
func (p provenance) skip(path string) bool {
	for q := path; q != ""; q = parentPath(q) {
		if p.bad[q] {
			return true
		}
	}
	return false
}

// under reports whether key is path or lies under it.
func under(key, path string) bool {
	return key == path || strings.HasPrefix(key, path+"[") || strings.HasPrefix(key, path+".")
}

// take removes and returns the provenance of path and everything under it
// (an array being replaced).
func (p provenance) take(path string) provenance {
	out := newProvenance()
	for k, v := range p.bad {
		if under(k, path) {
			out.bad[k] = v
			delete(p.bad, k)
		}
	}
	for k, v := range p.set {
		if under(k, path) {
			out.set[k] = v
			delete(p.set, k)
		}
	}
	return out
}

// restore copies into p the saved provenance under from, renamed to lie
// under to (an inherited array element that moved).
func (saved provenance) restore(p provenance, from, to string) {
	for k, v := range saved.set {
		if under(k, from) {
			p.set[to+k[len(from):]] = v
		}
	}
	for k, v := range saved.bad {
		if under(k, from) {
			p.bad[to+k[len(from):]] = v
		}
	}
}

// namedElements maps the names of the elements of an array of tables to
// their first index (elements without a name field map nothing).
func namedElements(v reflect.Value) map[string]int {
	out := map[string]int{}
	f, ok := fieldByTag(v.Type().Elem(), "name")
	if !ok || f.Type.Kind() != reflect.String {
		return out
	}
	for i := range v.Len() {
		n := v.Index(i).FieldByIndex(f.Index).String()
		if _, dup := out[n]; !dup {
			out[n] = i
		}
	}
	return out
}

// deepCopy copies a struct value with fresh slices, so that an inherited
// element shares no memory with its parent.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			if out.Field(i).CanSet() {
				out.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
		return out
	}
	return v
}

// decoder applies one source's TOML tree (as decoded into map[string]any)
// onto a Scenario, matching keys case-sensitively against the toml tags and
// converting values strictly. Problems carry the source's file and lines.
type decoder struct {
	fc     fieldCache
	seq    int // position of the --set override being applied
	file   string
	lines  lineIndex // nil for --set
	ps     *problems
	prov   provenance
	params map[string]ParamInfo
}

func (d *decoder) line(path string) int { return d.lines.line(path) }

func (d *decoder) problem(path, format string, args ...any) {
	d.ps.addSeq(d.file, d.line(path), d.seq+d.line(path), path, format, args...)
}

// at is the origin of a key this decoder sets.
func (d *decoder) at(path string) origin { return origin{d.file, d.line(path), d.seq} }

// table applies raw onto struct v at path. With required set, keys the
// table lacks are reported missing: a scenario without extends, and every
// element of an array of tables that does not inherit from a parent's
// element of the same name, must set every parameter.
func (d *decoder) table(raw map[string]any, v reflect.Value, path string, required bool) {
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := d.line(joinPath(path, keys[i])), d.line(joinPath(path, keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		f, ok := d.fc.field(v.Type(), k)
		if !ok {
			d.unknown(path, k, v.Type())
			continue
		}
		d.value(raw[k], v.FieldByIndex(f.Index), joinPath(path, k), required)
	}
	if !required {
		return
	}
	for _, f := range d.fc.fields(v.Type()) {
		if _, ok := raw[f.name]; ok {
			continue
		}
		kp := joinPath(path, f.name)
		if p, ok := d.params[catalogueKey(kp)]; ok && p.Optional {
			continue
		}
		what := "missing key"
		switch ft := f.field.Type; {
		case ft.Kind() == reflect.Struct:
			what = "missing table [" + kp + "]"
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			what = "missing array of tables [[" + kp + "]]"
		}
		d.ps.addSeq(d.file, d.line(path), d.line(path), kp, "%s (%s)", what, missingHint(path))
		d.prov.bad[kp] = true
	}
}

// missingHint says why a key is required at path.
func missingHint(path string) string {
	if strings.HasSuffix(path, "]") {
		return "a new element sets every key; one named like an element of the parent scenario inherits its keys"
	}
	return "a scenario without extends sets every parameter; start from `cogov init` or extends = \"baseline\""
}

// unknown reports key, which struct type t at path does not have, with the
// closest known key or the keys allowed there.
func (d *decoder) unknown(path, key string, t reflect.Type) {
	kp := joinPath(path, key)
	var names []string
	for _, f := range tomlFields(t) {
		names = append(names, f.name)
	}
	if s := suggest(key, names); s != "" {
		d.problem(kp, "unknown key (did you mean %q?)", s)
		return
	}
	// A key of another table: suggest its full path.
	var paths, lasts []string
	for _, l := range schemaLeaves() {
		paths = append(paths, l.path)
		lasts = append(lasts, l.path[strings.LastIndex(l.path, ".")+1:])
	}
	if s := suggest(key, lasts); s != "" {
		for i, l := range lasts {
			if l == s && parentPath(paths[i]) != "" {
				d.problem(kp, "unknown key here (did you mean %s? it belongs in [%s])", paths[i], parentPath(paths[i]))
				return
			}
		}
	}
	where := "at the top level"
	if path != "" {
		where = "in [" + path + "]"
	}
	d.problem(kp, "unknown key (allowed %s: %s)", where, strings.Join(names, ", "))
}

// value applies one raw value onto field v at path.
func (d *decoder) value(raw any, v reflect.Value, path string, required bool) {
	switch {
	case v.Kind() == reflect.Struct:
		m, ok := raw.(map[string]any)
		if !ok {
			d.typeError(path, raw, "a table")
			return
		}
		d.prov.set[path] = d.at(path)
		d.table(m, v, path, required)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		elems, ok := tablesOf(raw)
		if !ok {
			d.typeError(path, raw, "an array of tables ([["+path+"]])")
			return
		}
		parent := namedElements(v)
		saved := d.prov.take(path)
		d.prov.set[path] = d.at(path)
		out := reflect.MakeSlice(v.Type(), len(elems), len(elems))
		for i, m := range elems {
			ep := fmt.Sprintf("%s[%d]", path, i)
			name, _ := m["name"].(string)
			j, inherit := parent[name]
			if inherit {
				// Start from the parent's element of the same name.
				out.Index(i).Set(deepCopy(v.Index(j)))
				saved.restore(d.prov, fmt.Sprintf("%s[%d]", path, j), ep)
			}
			d.prov.set[ep] = d.at(ep)
			d.table(m, out.Index(i), ep, !inherit)
		}
		if len(elems) == 0 {
			out = reflect.Zero(v.Type())
		}
		v.Set(out)
	case v.Kind() == reflect.Slice:
		arr, ok := raw.([]any)
		if !ok {
			d.typeError(path, raw, d.want(path))
			return
		}
		out := reflect.MakeSlice(v.Type(), len(arr), len(arr))
		good := true
		for i, x := range arr {
			if msg := convert(x, out.Index(i)); msg != "" {
				ek := fmt.Sprintf("%s[%d]", path, i)
				d.ps.addSeq(d.file, d.line(path), d.seq+d.line(path), ek, "%s (want %s)", msg, d.want(ek))
				good = false
			}
		}
		if len(arr) == 0 {
			out = reflect.Zero(v.Type())
		}
		d.assign(path, v, out, good)
	default:
		nv := reflect.New(v.Type()).Elem()
		if msg := convert(raw, nv); msg != "" {
			d.problem(path, "%s (want %s)", msg, d.want(path))
			d.assign(path, v, nv, false)
			return
		}
		d.assign(path, v, nv, true)
	}
}

// assign sets v to nv when good and records where it was set; otherwise it
// marks path as holding no valid value.
func (d *decoder) assign(path string, v, nv reflect.Value, good bool) {
	d.prov.set[path] = d.at(path)
	if !good {
		d.prov.bad[path] = true
		return
	}
	delete(d.prov.bad, path)
	v.Set(nv)
}

func (d *decoder) typeError(path string, raw any, want string) {
	d.problem(path, "%s is %s (want %s)", show(raw), tomlTypeName(raw), want)
	d.prov.bad[path] = true
}

// want describes the value a path takes, from the catalogue.
func (d *decoder) want(path string) string {
	elem := strings.HasSuffix(path, "]") // one element of an array of scalars
	if elem {
		path = path[:strings.LastIndex(path, "[")]
	}
	p, ok := d.params[catalogueKey(path)]
	if !ok {
		return "a value of the right type"
	}
	if elem {
		switch p.Kind {
		case KindInts:
			p.Kind = KindInt
		case KindFloats:
			p.Kind = KindFloat
		case KindStrings:
			p.Kind = KindString
		}
		p.Allowed = strings.TrimPrefix(p.Allowed, "each ")
	}
	return wantText(p)
}

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
