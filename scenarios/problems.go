package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// SetOrigin is the File of a Problem caused by a --set override.
const SetOrigin = "--set"

// Problem is one thing wrong with a scenario: where it was set, the dotted
// key path, and what is wrong and what is allowed.
type Problem struct {
	// File is the scenario file that set the key ("library/NAME.toml" for a
	// built-in, SetOrigin for a command-line override, empty when unknown).
	File string
	// Line is the 1-based line in File, 0 when there is none.
	Line int
	// Key is the dotted key path, with [i] for array elements, e.g.
	// "cities[1].agencies"; empty for problems of a whole file.
	Key string
	// Msg says what is wrong and, in parentheses, what is allowed.
	Msg string
}

// String formats the problem as FILE:LINE: key.path: message, leaving out
// the parts that are empty.
func (p Problem) String() string {
	var b strings.Builder
	if at := p.place(); at != "" {
		b.WriteString(at + ": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// place formats where the problem was set: FILE:LINE, FILE without a
// line, or "" when the file is unknown.
func (p Problem) place() string {
	if p.File != "" && p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Errors is every problem found while loading or validating a scenario. It
// is the error type of Load and Validate.
type Errors struct {
	Problems []Problem
}

// Error prints one problem per line.
func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problems collects Problems in the order files were read, with a rank per
// file so that the final list reads file by file, line by line.
type problems struct {
	list []Problem
	seq  []int // sort key within a file: the line, or the override's position
	rank map[string]int
}

func (ps *problems) add(file string, line int, key, format string, args ...any) {
	ps.addSeq(file, line, line, key, format, args...)
}

// addSeq adds a problem sorted by seq within its file.
func (ps *problems) addSeq(file string, line, seq int, key, format string, args ...any) {
	if ps.rank == nil {
		ps.rank = map[string]int{}
	}
	if _, ok := ps.rank[file]; !ok {
		ps.rank[file] = len(ps.rank)
	}
	ps.list = append(ps.list, Problem{File: file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
	ps.seq = append(ps.seq, seq)
}

// seen registers file so that its problems sort in reading order even when
// they are found later.
func (ps *problems) seen(file string) {
	if ps.rank == nil {
		ps.rank = map[string]int{}
	}
	if _, ok := ps.rank[file]; !ok {
		ps.rank[file] = len(ps.rank)
	}
}

// err returns the sorted, de-duplicated problems as *Errors, or nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	rank := func(f string) int {
		if f == SetOrigin {
			return len(ps.rank) + 1 // overrides come after every file
		}
		return ps.rank[f]
	}
	idx := make([]int, len(ps.list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := ps.list[idx[i]], ps.list[idx[j]]
		if ra, rb := rank(a.File), rank(b.File); ra != rb {
			return ra < rb
		}
		return ps.seq[idx[i]] < ps.seq[idx[j]]
	})
	sorted := make([]Problem, len(idx))
	for i, k := range idx {
		sorted[i] = ps.list[k]
	}
	ps.list = sorted
	out := ps.list[:0:0]
	seen := map[Problem]bool{}
	for _, p := range ps.list {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return &Errors{Problems: out}
}

// Suggest returns the candidate closest to word, for "did you mean"
// messages: a case-insensitive match, a one-letter slip, a candidate that
// word begins (budget for budget_10k_yuan), or one within a small edit
// distance; "" when none is close.
func Suggest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if strings.ToLower(c) == lw {
			return c
		}
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if diff := len(lc) - len(lw); diff >= bestD || -diff >= bestD {
			continue // the distance is at least the difference in length
		}
		if d := editDistance(lw, lc); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= 1 {
		return best
	}
	if len(lw) >= 4 {
		for _, c := range candidates {
			if strings.HasPrefix(strings.ToLower(c), lw) {
				return c
			}
		}
	}
	if bestD <= max(2, len([]rune(word))/3) {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b (in bytes for
// ASCII text, in runes otherwise).
func editDistance(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return levenshtein([]byte(a), []byte(b))
	}
	return levenshtein([]rune(a), []rune(b))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func levenshtein[T byte | rune](a, b []T) int {
	prev := make([]int, 2*(len(b)+1))
	prev, cur := prev[:len(b)+1], prev[len(b)+1:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
