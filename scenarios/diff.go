package scenarios

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// Change is one parameter whose value differs between two scenarios.
type Change struct {
	// Path is the concrete key path, e.g. "cities[0].communities".
	Path string `json:"path"`
	// From and To are the two values written as TOML.
	From string `json:"from"`
	To   string `json:"to"`
}

// Diff lists the parameters whose values differ from base to s, in schema
// order. The scenarios' name, description and extends are left out. An
// array of tables whose elements differ in number or names is one change
// at the array's path.
func Diff(base, s *Scenario) []Change {
	var out []Change
	walkDiff(reflect.ValueOf(base).Elem(), reflect.ValueOf(s).Elem(), "", func(path string, a, b reflect.Value) {
		out = append(out, Change{Path: path, From: diffValue(a), To: diffValue(b)})
	})
	return out
}

// diffValue writes a value as TOML, or an array of tables as its element
// names.
func diffValue(v reflect.Value) string {
	if !isTable(v.Type()) {
		return tomlValue(v)
	}
	var names []string
	for i := range v.Len() {
		names = append(names, tomlString(v.Index(i).FieldByName("Name").String()))
	}
	return fmt.Sprintf("%d tables [%s]", v.Len(), strings.Join(names, ", "))
}

// skipDiff are the top-level keys that name a scenario rather than set
// the model.
var skipDiff = map[string]bool{"name": true, "description": true, "extends": true}

// walkDiff calls diff for each leaf path where a and b (structs of one
// type) differ, and for each array of tables whose shape differs.
func walkDiff(a, b reflect.Value, path string, diff func(path string, a, b reflect.Value)) {
	for _, f := range tomlFields(a.Type()) {
		if path == "" && skipDiff[f.name] {
			continue
		}
		fa, fb := a.FieldByIndex(f.field.Index), b.FieldByIndex(f.field.Index)
		p := joinPath(path, f.name)
		switch {
		case fa.Kind() == reflect.Struct:
			walkDiff(fa, fb, p, diff)
		case isTable(fa.Type()):
			if !sameShape(fa, fb) {
				diff(p, fa, fb)
				continue
			}
			for i := range fa.Len() {
				walkDiff(fa.Index(i), fb.Index(i), fmt.Sprintf("%s[%d]", p, i), diff)
			}
		case tomlValue(fa) != tomlValue(fb):
			diff(p, fa, fb)
		}
	}
}

// sameShape reports whether two arrays of tables have the same number of
// elements with the same names in the same order.
func sameShape(a, b reflect.Value) bool {
	if a.Len() != b.Len() {
		return false
	}
	for i := range a.Len() {
		if a.Index(i).FieldByName("Name").String() != b.Index(i).FieldByName("Name").String() {
			return false
		}
	}
	return true
}

// ExtendsFile writes s as a scenario file that extends parentRef (a
// built-in name or a file path) and holds only the parameters in which s
// differs from parent, the resolved parentRef. Loading the file gives a
// scenario equal to s. An array of tables with a change is written whole
// by element name: every element with its name and its changed keys (an
// element inherits the rest from the parent's element of the same name),
// or every key when the elements' names or number changed.
func ExtendsFile(parentRef string, parent, s *Scenario, header string) []byte {
	var buf bytes.Buffer
	for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if header != "" {
			buf.WriteString(strings.TrimRight("# "+l, " ") + "\n")
		}
	}
	fmt.Fprintf(&buf, "extends = %s\nname = %s\n", tomlString(parentRef), tomlString(s.Name))
	if s.Description != parent.Description {
		fmt.Fprintf(&buf, "description = %s\n", tomlString(s.Description))
	}
	writeDiffTable(&buf, reflect.ValueOf(parent).Elem(), reflect.ValueOf(s).Elem(), "", false)
	return buf.Bytes()
}

// writeDiffTable writes the keys of b that differ from a under the table
// header path (written before the first key, unless headed), then its
// sub-tables.
func writeDiffTable(buf *bytes.Buffer, a, b reflect.Value, path string, headed bool) {
	fields := tomlFields(b.Type())
	for _, f := range fields {
		if path == "" && skipDiff[f.name] {
			continue
		}
		fa, fb := a.FieldByIndex(f.field.Index), b.FieldByIndex(f.field.Index)
		if isTable(fb.Type()) || fb.Kind() == reflect.Struct || tomlValue(fa) == tomlValue(fb) {
			continue
		}
		if !headed && path != "" {
			fmt.Fprintf(buf, "\n[%s]\n", path)
			headed = true
		}
		fmt.Fprintf(buf, "%s = %s\n", tomlKey(f.name), tomlValue(fb))
	}
	for _, f := range fields {
		fa, fb := a.FieldByIndex(f.field.Index), b.FieldByIndex(f.field.Index)
		p := joinPath(path, f.name)
		switch {
		case fb.Kind() == reflect.Struct:
			writeDiffTable(buf, fa, fb, p, false)
		case isTable(fb.Type()):
			writeDiffArray(buf, fa, fb, p)
		}
	}
}

// writeDiffArray writes an array of tables that differs from a's: each
// element by name with its changed keys, or in full when the shape
// changed.
func writeDiffArray(buf *bytes.Buffer, a, b reflect.Value, path string) {
	changed := false
	same := sameShape(a, b)
	if same {
		for i := range b.Len() {
			walkDiff(a.Index(i), b.Index(i), "", func(string, reflect.Value, reflect.Value) { changed = true })
		}
	}
	if same && !changed {
		return
	}
	for i := range b.Len() {
		fmt.Fprintf(buf, "\n[[%s]]\n", path)
		e := b.Index(i)
		fmt.Fprintf(buf, "name = %s\n", tomlString(e.FieldByName("Name").String()))
		if same {
			writeElemDiff(buf, a.Index(i), e)
			continue
		}
		var full encoder
		full.table(e, "", "")
		for _, l := range strings.SplitAfter(full.buf.String(), "\n") {
			if l != "" && !strings.HasPrefix(l, "name = ") {
				buf.WriteString(l)
			}
		}
	}
}

// writeElemDiff writes the plain keys of element b that differ from a
// (elements of arrays of tables hold no sub-tables).
func writeElemDiff(buf *bytes.Buffer, a, b reflect.Value) {
	for _, f := range tomlFields(b.Type()) {
		fa, fb := a.FieldByIndex(f.field.Index), b.FieldByIndex(f.field.Index)
		if f.name != "name" && tomlValue(fa) != tomlValue(fb) {
			fmt.Fprintf(buf, "%s = %s\n", tomlKey(f.name), tomlValue(fb))
		}
	}
}
