package scenarios

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

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
	for _, f := range d.fc.fields(t) {
		names = append(names, f.name)
	}
	if s := Suggest(key, names); s != "" {
		d.problem(kp, "unknown key (did you mean %q?)", s)
		return
	}
	// A key of another table: suggest its full path.
	paths, lasts := d.fc.leafNames()
	if s := Suggest(key, lasts); s != "" {
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
