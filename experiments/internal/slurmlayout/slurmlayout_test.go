package slurmlayout

import (
	"strconv"
	"strings"
	"testing"
)

func TestArrayRangesAndShellQuote(t *testing.T) {
	for ids, want := range map[string]string{"": "", "3": "3", "1 2 3": "1-3", "2 5": "2,5", "1 2 4 6 7 8 10": "1-2,4,6-8,10"} {
		var xs []int
		for _, f := range strings.Fields(ids) {
			x, _ := strconv.Atoi(f)
			xs = append(xs, x)
		}
		if got := ArrayRanges(xs); got != want {
			t.Errorf("ArrayRanges(%v) = %q, want %q", xs, got, want)
		}
	}
	for in, want := range map[string]string{"/a/b-c_d.toml": "/a/b-c_d.toml", "a b": "'a b'", "it's": `'it'\''s'`, "$x": "'$x'", "": "''"} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
