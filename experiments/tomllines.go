package experiments

import (
	"strconv"
	"strings"
)

// keyLines maps the keys and table headers of a TOML document to the line
// (1-based) where each is defined. Keys are dotted paths; the n-th table of
// an array of tables [[x]] is written x[n] with n counted from 0, so the
// key path of the first factor is "factor[0].path".
type keyLines map[string]int

// scanKeyLines finds the line of every key and table header in src. It is a
// light scanner for error messages, not a parser: src is assumed to be
// valid TOML (the real parser reports syntax errors). Multi-line arrays,
// inline tables and multi-line strings are skipped over.
func scanKeyLines(src string) keyLines {
	out := keyLines{}
	counts := map[string]int{}
	table := ""
	lines := strings.Split(src, "\n")
	depth := 0  // open brackets and braces of a value spanning lines
	multi := "" // the closing delimiter of an open multi-line string
	for i, line := range lines {
		n := i + 1
		if multi != "" || depth > 0 {
			depth, multi = skipValue(line, depth, multi)
			continue
		}
		s := strings.TrimSpace(line)
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "[["):
			name := joinKey(splitKey(strings.TrimSuffix(stripComment(s[2:]), "]]")))
			table = name + "[" + strconv.Itoa(counts[name]) + "]"
			counts[name]++
			setLine(out, table, n)
			continue
		case s[0] == '[':
			table = resolveTable(joinKey(splitKey(strings.TrimSuffix(stripComment(s[1:]), "]"))), counts)
			setLine(out, table, n)
			continue
		}
		eq := keyEnd(s)
		if eq < 0 {
			continue
		}
		key := joinKey(splitKey(s[:eq]))
		if table != "" {
			key = table + "." + key
		}
		setLine(out, key, n)
		depth, multi = skipValue(s[eq+1:], 0, "")
	}
	return out
}

// setLine records the first definition of key.
func setLine(m keyLines, key string, n int) {
	if _, ok := m[key]; !ok {
		m[key] = n
	}
}

// resolveTable turns a [a.b] header below an array of tables [[a]] into
// the path of its latest element, a[i].b.
func resolveTable(name string, counts map[string]int) string {
	parts := strings.Split(name, ".")
	for i := len(parts) - 1; i > 0; i-- {
		prefix := strings.Join(parts[:i], ".")
		if c, ok := counts[prefix]; ok && c > 0 {
			return prefix + "[" + strconv.Itoa(c-1) + "]." + strings.Join(parts[i:], ".")
		}
	}
	return name
}

// keyEnd returns the index of the '=' ending the key of a key/value line,
// or -1.
func keyEnd(s string) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		}
	}
	return -1
}

// splitKey splits a possibly dotted, possibly quoted key into its parts.
func splitKey(s string) []string {
	var parts []string
	var b strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(b.String()))
			b.Reset()
		case c != ' ' && c != '\t':
			b.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(b.String()))
}

func joinKey(parts []string) string { return strings.Join(parts, ".") }

// stripComment removes a trailing # comment outside strings.
func stripComment(s string) string {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimSpace(s)
}

// skipValue scans (part of) a value, given the bracket depth and open
// multi-line string delimiter at its start, and returns them at its end.
func skipValue(s string, depth int, multi string) (int, string) {
	for i := 0; i < len(s); i++ {
		if multi != "" {
			if strings.HasPrefix(s[i:], multi) {
				i += len(multi) - 1
				multi = ""
			}
			continue
		}
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`):
			multi = s[i : i+3]
			i += 2
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if c == '"' && s[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case c == '#':
			return depth, multi
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		}
	}
	return max(depth, 0), multi
}

// line returns the line of key, or of its nearest enclosing table that has
// one, or 0.
func (k keyLines) line(key string) int {
	for key != "" {
		if n, ok := k[key]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}
