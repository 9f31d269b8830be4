package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Hostile nesting and keys are refused before decoding (issue 14: depth
// 5,000 took 1.1 GB; 200k-segment headers 14-19 GB).
func TestCheckShape(t *testing.T) {
	deep := func(n int) string { return "x = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n) + "\n" }
	cases := []struct {
		name, src string
		line      int
		want      string
	}{
		{"baseline", string(must(BuiltinSource("baseline"))), 0, ""},
		{"nested inline tables", "a = 1\n" + deep(5000), 2, "nested deeper than 32 levels"},
		{"nested arrays", "a = " + strings.Repeat("[", 40) + strings.Repeat("]", 40), 1, "nested deeper than 32 levels"},
		{"ok depth", deep(30), 0, ""},
		{"long header", "[" + strings.Repeat("a.", 200000) + "b]\n", 1, "more than 16 dotted parts"},
		{"long dotted key", "\n" + strings.Repeat("a.", 200000) + "b = 1\n", 2, "more than 16 dotted parts"},
		{"long key", strings.Repeat("k", 300) + " = 1\n", 1, "longer than 256 bytes"},
		{"dots in strings and numbers", "a = \"x.y.z\"\nb = 1.5\nc = '''\n[[[[\n'''\n\"q.r\" = 2\n[[point]]\nset = [\"a.b.c=1\"]\n", 0, ""},
		{"brackets in comments", "a = 1 # [[[[{{{{\n", 0, ""},
	}
	for _, c := range cases {
		line, msg := CheckShape([]byte(c.src))
		if line != c.line || !strings.Contains(msg, c.want) || (c.want == "") != (msg == "") {
			t.Errorf("%s: line %d, %q; want line %d, %q", c.name, line, msg, c.line, c.want)
		}
	}
	path := filepath.Join(t.TempDir(), "deep.toml")
	os.WriteFile(path, []byte("extends = \"baseline\"\n"+deep(20000)), 0o644)
	_, err := Load(path, nil)
	if err == nil || !strings.Contains(err.Error(), path+":2: arrays and inline tables nested deeper than 32 levels") {
		t.Errorf("Load: %v", err)
	}
}

func must(b []byte, ok bool) []byte {
	if !ok {
		panic("no such built-in")
	}
	return b
}
