package scenarios

import (
	"fmt"
	"reflect"
)

// Setting is one concrete parameter of a resolved scenario: an element's
// field of an array of tables appears once per element.
type Setting struct {
	// Path is the concrete key path, as --set takes it, e.g.
	// "cities[0].communities".
	Path string
	// Element names the array element the path lies in ("B city"), or "".
	Element string
	// Value is the parameter's value written as TOML.
	Value string
	// Param is the catalogue entry (Path "cities[].communities"), without
	// its default.
	Param ParamInfo
}

// Settings lists every parameter of s in schema order with its value,
// the elements of arrays of tables expanded. The name, description and
// extends keys are left out.
func Settings(s *Scenario) []Setting {
	params := paramIndex()
	var out []Setting
	var walk func(v reflect.Value, path, norm, elem string)
	walk = func(v reflect.Value, path, norm, elem string) {
		for _, f := range tomlFields(v.Type()) {
			if path == "" && skipDiff[f.name] {
				continue
			}
			fv := v.FieldByIndex(f.field.Index)
			p, n := joinPath(path, f.name), joinPath(norm, f.name)
			switch {
			case fv.Kind() == reflect.Struct:
				walk(fv, p, n, elem)
			case isTable(fv.Type()):
				for i := range fv.Len() {
					walk(fv.Index(i), fmt.Sprintf("%s[%d]", p, i), n+"[]", fv.Index(i).FieldByName("Name").String())
				}
			default:
				if elem != "" && f.name == "name" {
					continue // elements are matched by name: not a setting
				}
				out = append(out, Setting{Path: p, Element: elem, Value: tomlValue(fv), Param: params[n]})
			}
		}
	}
	walk(reflect.ValueOf(s).Elem(), "", "", "")
	return out
}
