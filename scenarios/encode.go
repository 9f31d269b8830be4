package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Encode writes a resolved scenario as TOML: every parameter, in schema
// order, with no extends. Loading the result gives back an equal Scenario.
func Encode(s *Scenario) ([]byte, error) {
	return encode(s, nil, "")
}

// EncodeCommented writes a scenario like Encode, with a comment above every
// parameter giving its unit, allowed range, meaning and source, and the
// header text (each line becomes a comment) at the top.
func EncodeCommented(s *Scenario, header string) ([]byte, error) {
	return encode(s, paramIndex(), header)
}

func encode(s *Scenario, params map[string]ParamInfo, header string) ([]byte, error) {
	if s == nil {
		return nil, fmt.Errorf("scenarios: Encode of a nil scenario")
	}
	e := &encoder{params: params}
	if header != "" {
		for _, l := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
			e.buf.WriteString(strings.TrimRight("# "+l, " ") + "\n")
		}
		e.buf.WriteString("\n")
	}
	e.table(reflect.ValueOf(s).Elem(), "", "")
	return e.buf.Bytes(), nil
}

type encoder struct {
	buf    bytes.Buffer
	params map[string]ParamInfo // nil: no comments
}

// table writes the plain keys of struct v, then its sub-tables and arrays
// of tables. path is the concrete path, norm the catalogue path.
func (e *encoder) table(v reflect.Value, path, norm string) {
	fields := tomlFields(v.Type())
	for _, f := range fields {
		fv := v.FieldByIndex(f.field.Index)
		if isTable(fv.Type()) {
			continue
		}
		if strings.Contains(f.field.Tag.Get("toml"), "omitempty") && fv.IsZero() {
			continue
		}
		e.comment(joinPath(norm, f.name))
		fmt.Fprintf(&e.buf, "%s = %s\n", tomlKey(f.name), tomlValue(fv))
	}
	for _, f := range fields {
		fv := v.FieldByIndex(f.field.Index)
		p, n := joinPath(path, f.name), joinPath(norm, f.name)
		switch {
		case fv.Kind() == reflect.Struct:
			if hasPlainKeys(fv.Type()) {
				fmt.Fprintf(&e.buf, "\n[%s]\n", p)
			}
			e.table(fv, p, n)
		case isTable(fv.Type()):
			for i := range fv.Len() {
				fmt.Fprintf(&e.buf, "\n[[%s]]\n", p)
				e.table(fv.Index(i), fmt.Sprintf("%s[%d]", p, i), n+"[]")
			}
		}
	}
}

// comment writes the catalogue entry of norm above its key: the meaning,
// then unit, allowed values and source.
func (e *encoder) comment(norm string) {
	p, ok := e.params[norm]
	if !ok {
		return
	}
	var facts []string
	if p.Unit != "" {
		facts = append(facts, "unit: "+p.Unit)
	}
	facts = append(facts, "allowed: "+p.Allowed)
	if p.Optional {
		facts = append(facts, "optional")
	}
	if p.Source != "" {
		facts = append(facts, "source: "+p.Source)
	}
	fmt.Fprintf(&e.buf, "# %s\n#   %s\n", p.Meaning, strings.Join(facts, "; "))
}

func isTable(t reflect.Type) bool {
	return t.Kind() == reflect.Struct || t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct
}

func hasPlainKeys(t reflect.Type) bool {
	for _, f := range tomlFields(t) {
		if !isTable(f.field.Type) {
			return true
		}
	}
	return false
}

// tomlKey quotes a key that is not a bare key.
func tomlKey(k string) string {
	for i := 0; i < len(k); i++ {
		if !isBareKeyChar(k[i]) {
			return tomlString(k)
		}
	}
	return k
}

// tomlValue writes a scalar or an array of scalars as a TOML value.
func tomlValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint64, reflect.Uint32:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float64, reflect.Float32:
		return formatFloat(v.Float())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return tomlString(v.String())
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = tomlValue(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprintf("%q", fmt.Sprint(v.Interface()))
}

// formatFloat writes a float as a TOML float that parses back exactly:
// 0.3, 2000.0, 1e-07, nan, inf.
func formatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	if a := math.Abs(x); a != 0 && (a < 1e-4 || a >= 1e15) {
		return strconv.FormatFloat(x, 'e', -1, 64)
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
