package scenarios

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Validate checks a scenario built in code (not loaded from a file): every
// value against the catalogue's range, and the consistency rules. It
// returns every problem as *Errors (with no file or line), or nil.
func Validate(s *Scenario) error {
	var ps problems
	c := &checker{s: s, fc: fieldCache{}, params: paramIndex(), prov: newProvenance(), ps: &ps}
	c.run()
	return ps.err()
}

// checker validates one resolved scenario. Problems are attributed to the
// file and line that set the key (from the provenance); keys that already
// failed (wrong type, missing) or are out of range are not checked again
// by the consistency rules.
type checker struct {
	s      *Scenario
	fc     fieldCache
	params map[string]ParamInfo
	prov   provenance
	ps     *problems
	failed map[string]bool // paths out of range
}

func (c *checker) run() {
	c.failed = map[string]bool{}
	c.ranges()
	c.calendar()
	c.categories()
	c.cities()
	c.agencyTypes()
	c.sizes()
	c.residentRanges()
	c.strategies()
}

// add reports a problem with the value at path.
func (c *checker) add(path, format string, args ...any) {
	o := c.prov.where(path)
	c.ps.addSeq(o.file, o.line, o.line+o.seq, path, format, args...)
}

// ok reports whether every path holds a valid, in-range value, so that a
// rule combining them may be checked.
func (c *checker) ok(paths ...string) bool {
	for _, p := range paths {
		if c.prov.skip(p) {
			return false
		}
		for q := p; q != ""; q = parentPath(q) {
			if c.failed[q] {
				return false
			}
		}
	}
	return true
}

// ranges checks every parameter against its catalogue range or options.
func (c *checker) ranges() {
	var walk func(v reflect.Value, path, norm string)
	walk = func(v reflect.Value, path, norm string) {
		for _, f := range c.fc.fields(v.Type()) {
			fv := v.FieldByIndex(f.field.Index)
			p, n := joinPath(path, f.name), joinPath(norm, f.name)
			switch {
			case fv.Kind() == reflect.Struct:
				walk(fv, p, n)
			case isTable(fv.Type()):
				for i := range fv.Len() {
					walk(fv.Index(i), fmt.Sprintf("%s[%d]", p, i), n+"[]")
				}
			default:
				if info, ok := c.params[n]; ok && !c.prov.skip(p) {
					c.leaf(fv, p, info)
				}
			}
		}
	}
	walk(reflect.ValueOf(c.s).Elem(), "", "")
}

// leaf checks one value (each element, for arrays).
func (c *checker) leaf(v reflect.Value, path string, p ParamInfo) {
	if v.Kind() == reflect.Slice {
		for i := range v.Len() {
			c.scalar(v.Index(i), fmt.Sprintf("%s[%d]", path, i), path, p)
		}
		return
	}
	c.scalar(v, path, path, p)
}

func (c *checker) scalar(v reflect.Value, key, path string, p ParamInfo) {
	var x float64
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		x = float64(v.Int())
	case reflect.Uint, reflect.Uint64:
		x = float64(v.Uint())
	case reflect.Float64:
		x = v.Float()
	case reflect.String:
		if len(p.Options) > 0 && !slices.Contains(p.Options, v.String()) {
			c.add(key, "%s is not allowed (allowed: %s%s)", quote(v.String()), strings.Join(p.Options, ", "), didYouMean(v.String(), p.Options))
			c.failed[path] = true
		}
		return
	default:
		return
	}
	if !p.Contains(x) {
		c.add(key, "%s is out of range (allowed %s)", formatNumber(x), strings.TrimPrefix(p.Allowed, "each "))
		c.failed[path] = true
	}
}

// didYouMean is "; did you mean X?" for a close candidate, or "".
func didYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return "; did you mean " + quote(s) + "?"
	}
	return ""
}

// agencyTypeNames lists the names of the scenario's agency types.
func (c *checker) agencyTypeNames() []string {
	var out []string
	for _, t := range c.s.AgencyTypes {
		out = append(out, t.Name)
	}
	return out
}

// unique reports empty and repeated names of a list at path.
func (c *checker) unique(path, what string, names []string) {
	seen := map[string]int{}
	for i, n := range names {
		key := fmt.Sprintf("%s[%d].name", path, i)
		if !c.ok(key) {
			continue
		}
		if strings.TrimSpace(n) == "" {
			c.add(key, "empty (every %s needs a name)", what)
			continue
		}
		if j, dup := seen[n]; dup {
			c.add(key, "%s repeats %s[%d].name (names must be unique)", quote(n), path, j)
			continue
		}
		seen[n] = i
	}
}
