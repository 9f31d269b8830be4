package experiments

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// TestCompareTableAlignsCJK checks that the terminal table keeps its
// columns aligned with Chinese scenario names, which take two terminal
// columns a character (a rune count misaligned them).
func TestCompareTableAlignsCJK(t *testing.T) {
	scens := tinyScenarios(t, "baseline", "mech-supervision")
	scens[1].Name = "监督保障"
	c, err := Compare(context.Background(), scens, 5, 2, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	c.WriteTable(&b)
	lines := strings.Split(b.String(), "\n")
	head, first := lines[0], lines[1]
	if !strings.Contains(head, "监督保障 (2016)") {
		t.Fatalf("header %q", head)
	}
	// The scenario's column ends at the same terminal column in the
	// header and in the first row.
	name := "监督保障 (2016)"
	wHead := runewidth.StringWidth(head[:strings.Index(head, name)+len(name)])
	cells := regexp.MustCompile(`-?[0-9.]+ ± [0-9.]+`).FindAllStringIndex(first, -1)
	if len(cells) < 2 {
		t.Fatalf("first row %q", first)
	}
	if wRow := runewidth.StringWidth(first[:cells[1][1]]); wHead != wRow {
		t.Errorf("the column ends at %d in the header, %d in the first row:\n%s\n%s", wHead, wRow, head, first)
	}
}
