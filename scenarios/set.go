package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// applySet applies one command-line override, "path=value". The path is a
// dotted key path with element indices for arrays ("cities[0].communities",
// "government.pilot_budget_shares[1]"); the value is a TOML value, or plain
// text taken as a string. Problems name SetOrigin as their file.
func (l *loader) applySet(s *Scenario, seq int, kv string) {
	d := &decoder{fc: l.fc, file: SetOrigin, seq: seq, ps: &l.ps, prov: l.prov, params: l.params}
	path, value, ok := strings.Cut(kv, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		d.problem("", "%s: want path=value (e.g. government.budget_10k_yuan=3000)", quote(kv))
		return
	}
	if path == "extends" {
		d.problem(path, "cannot be overridden: the parent is resolved before any override, so it would be ignored (allowed: extends in a scenario file, then --set on top)")
		return
	}
	segs, err := splitSetPath(path)
	if err != "" {
		d.problem(path, "%s (want a dotted key path such as cities[0].communities)", err)
		return
	}
	if msg := numberRange(value); msg != "" {
		d.problem(path, "%s", msg)
		return
	}
	raw := setValue(value)
	v, prefix := reflect.ValueOf(s).Elem(), ""
	for i, sg := range segs {
		last := i == len(segs)-1
		f, ok := fieldByTag(v.Type(), sg.key)
		if !ok {
			d.unknown(prefix, sg.key, v.Type())
			return
		}
		kp := joinPath(prefix, sg.key)
		fv := v.FieldByIndex(f.Index)
		if sg.index >= 0 {
			if fv.Kind() != reflect.Slice {
				d.problem(kp, "is not an array (drop [%d])", sg.index)
				return
			}
			if sg.index >= fv.Len() {
				if fv.Len() == 0 {
					d.problem(kp, "index %d is out of range (the array is empty)", sg.index)
				} else {
					d.problem(kp, "index %d is out of range (allowed 0-%d)", sg.index, fv.Len()-1)
				}
				return
			}
			fv, kp = fv.Index(sg.index), fmt.Sprintf("%s[%d]", kp, sg.index)
		}
		if last {
			d.value(raw, fv, kp, false)
			return
		}
		switch {
		case fv.Kind() == reflect.Struct:
			v, prefix = fv, kp
		case isTable(fv.Type()):
			d.problem(kp, "is an array of tables (give an element index, e.g. %s[0].%s)", kp, segs[i+1].key)
			return
		default:
			d.problem(kp, "is a value, not a table (nothing can be set under it)")
			return
		}
	}
}

// setSeg is one segment of an override path: a key and an optional index.
type setSeg struct {
	key   string
	index int // -1 when none
}

// splitSetPath parses "a.b[2].c"; it returns a message when malformed.
func splitSetPath(path string) ([]setSeg, string) {
	var out []setSeg
	for _, part := range strings.Split(path, ".") {
		sg := setSeg{key: part, index: -1}
		if i := strings.IndexByte(part, '['); i >= 0 {
			if !strings.HasSuffix(part, "]") {
				return nil, "unclosed [ in " + quote(part)
			}
			n, err := strconv.Atoi(part[i+1 : len(part)-1])
			if err != nil || n < 0 {
				return nil, "index in " + quote(part) + " is not a whole number >= 0"
			}
			sg.key, sg.index = part[:i], n
		}
		if sg.key == "" {
			return nil, "empty key in " + quote(path)
		}
		out = append(out, sg)
	}
	return out, ""
}

// setValue decodes an override's value as TOML, falling back to the text
// itself as a string (so that --set name=my-run works unquoted).
func setValue(text string) any {
	t := strings.TrimSpace(text)
	var m map[string]any
	if _, err := toml.Decode("v = "+t, &m); err == nil && len(m) == 1 {
		if v, ok := m["v"]; ok {
			return v
		}
	}
	return t
}

// numberRange says why text, which reads as a number, cannot be one: too
// large for an integer or a float. It returns "" for any other text.
func numberRange(text string) string {
	t := strings.ReplaceAll(strings.TrimSpace(text), "_", "")
	if _, err := strconv.ParseInt(t, 10, 64); errors.Is(err, strconv.ErrRange) {
		return fmt.Sprintf("%s is too large for an integer (allowed -9223372036854775808 to 9223372036854775807; write a number as 1e20)", strings.TrimSpace(text))
	}
	if _, err := strconv.ParseFloat(t, 64); errors.Is(err, strconv.ErrRange) {
		return fmt.Sprintf("%s is out of the range of a number (allowed finite numbers, magnitude below 1.8e308)", strings.TrimSpace(text))
	}
	return ""
}
