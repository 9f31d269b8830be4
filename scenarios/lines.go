package scenarios

import (
	"strconv"
	"strings"
)

// lineIndex maps key paths of one TOML text to the line where they are set:
// "calendar.call_month", "categories[2].share", and table headers such as
// "calendar" or "categories[2]". BurntSushi/toml does not expose key
// positions, so the index comes from a light scan of the text, which is
// only ever run on text the TOML parser has accepted.
type lineIndex map[string]int

// line returns the line of path, or of its nearest ancestor that has one
// (keys inside inline tables take the line of the table's key); 0 if none.
func (ix lineIndex) line(path string) int {
	for path != "" {
		if l, ok := ix[path]; ok {
			return l
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath strips the last ".key" or "[i]" from path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// KeyLines maps the key paths of a TOML text to the lines (1-based) where
// they are set, for error messages: "calendar.call_month",
// "categories[2].share", table headers such as "calendar" and
// array-of-tables elements such as "categories[2]" (counted from 0).
type KeyLines struct{ ix lineIndex }

// IndexKeyLines scans src, text the TOML parser has accepted, for the line
// of every key, table header and array-of-tables element.
func IndexKeyLines(src string) KeyLines { return KeyLines{indexLines(src)} }

// Line returns the line of path, or of its nearest ancestor that has one;
// 0 if none.
func (k KeyLines) Line(path string) int { return k.ix.line(path) }

// At returns the line where path itself is set, if it is.
func (k KeyLines) At(path string) (int, bool) {
	n, ok := k.ix[path]
	return n, ok
}

// LineKey returns the dotted key of a key = value line ("" if the line is
// not one), with quoted parts unquoted.
func LineKey(line string) string {
	keys, rest := parseKey(line)
	if len(keys) == 0 || !strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
		return ""
	}
	return strings.Join(keys, ".")
}

// indexLines scans src and records the line of every key, table header and
// array-of-tables element.
func indexLines(src string) lineIndex {
	ix := lineIndex{}
	arrays := map[string]int{} // array-of-tables path -> elements so far
	var table string           // current table path, with element indices
	var sc valueScanner
	src = strings.TrimPrefix(src, "\ufeff") // a byte-order mark is not part of the first key
	for n, line := range strings.Split(src, "\n") {
		if sc.open() {
			sc.scan(line)
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "" || t[0] == '#':
		case strings.HasPrefix(t, "[["):
			keys, _ := parseKey(t[2:])
			path := resolveHeader(keys, arrays, true)
			i := arrays[path]
			arrays[path] = i + 1
			table = path + "[" + strconv.Itoa(i) + "]"
			setOnce(ix, path, n+1)
			ix[table] = n + 1
		case t[0] == '[':
			keys, _ := parseKey(t[1:])
			table = resolveHeader(keys, arrays, false)
			ix[table] = n + 1
		default:
			keys, rest := parseKey(t)
			if len(keys) == 0 {
				continue
			}
			path := joinPath(table, strings.Join(keys, "."))
			ix[path] = n + 1
			if rest = strings.TrimSpace(rest); strings.HasPrefix(rest, "=") {
				sc.scan(rest[1:])
			}
		}
	}
	return ix
}

func setOnce(ix lineIndex, path string, line int) {
	if _, ok := ix[path]; !ok {
		ix[path] = line
	}
}

func joinPath(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// resolveHeader turns the keys of a table header into a path, adding the
// current element index after every prefix that is an array of tables
// (except the last key of an [[array]] header, which names the array).
func resolveHeader(keys []string, arrays map[string]int, isArray bool) string {
	path := ""
	for i, k := range keys {
		path = joinPath(path, k)
		if isArray && i == len(keys)-1 {
			break
		}
		if n, ok := arrays[path]; ok && n > 0 {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

// parseKey reads a dotted key (bare or quoted parts) from the start of s
// and returns its parts and the rest of s.
func parseKey(s string) ([]string, string) {
	var keys []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return keys, s
		}
		var k string
		switch s[0] {
		case '"', '\'':
			end := closingQuote(s)
			if end < 0 {
				return keys, ""
			}
			k = s[1:end]
			if s[0] == '"' {
				if u, err := strconv.Unquote(s[:end+1]); err == nil {
					k = u
				}
			}
			s = s[end+1:]
		default:
			i := 0
			for i < len(s) && isBareKeyChar(s[i]) {
				i++
			}
			if i == 0 {
				return keys, s
			}
			k, s = s[:i], s[i:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " \t")
		if s == "" || s[0] != '.' {
			return keys, s
		}
		s = s[1:]
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// closingQuote returns the index of the quote closing the string that
// opens s[0], or -1.
func closingQuote(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// valueScanner follows a value across lines: open brackets of arrays and
// inline tables, and multi-line strings, so that their inner lines are not
// taken for keys.
type valueScanner struct {
	depth int
	ml    string // `"""` or `'''` while inside a multi-line string
}

func (v *valueScanner) open() bool { return v.depth > 0 || v.ml != "" }

func (v *valueScanner) scan(s string) {
	for i := 0; i < len(s); i++ {
		if v.ml != "" {
			switch {
			case v.ml == `"""` && s[i] == '\\':
				i++
			case strings.HasPrefix(s[i:], v.ml):
				i += 2
				for i+1 < len(s) && s[i+1] == v.ml[0] { // up to two more quotes belong to the string
					i++
				}
				v.ml = ""
			}
			continue
		}
		switch c := s[i]; c {
		case '#':
			return
		case '[', '{':
			v.depth++
		case ']', '}':
			if v.depth > 0 {
				v.depth--
			}
		case '"', '\'':
			if strings.HasPrefix(s[i:], string([]byte{c, c, c})) {
				v.ml = s[i : i+3]
				i += 2
				continue
			}
			if end := closingQuote(s[i:]); end >= 0 {
				i += end
			} else {
				return
			}
		}
	}
}
