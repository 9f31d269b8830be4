package scenarios

import (
	"reflect"
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
