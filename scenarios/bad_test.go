package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadScenarios loads every file in testdata/bad and compares the
// problems with the file's "# want:" lines, in order. "# set:" lines are
// passed as --set overrides.
func TestBadScenarios(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 25 {
		t.Errorf("only %d bad-scenario cases (want at least 25)", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want, sets []string
			for _, line := range strings.Split(string(src), "\n") {
				if w, ok := strings.CutPrefix(line, "# want: "); ok {
					want = append(want, w)
				}
				if s, ok := strings.CutPrefix(line, "# set: "); ok {
					sets = append(sets, s)
				}
			}
			if len(want) == 0 {
				t.Fatal("no # want: lines")
			}
			s, err := Load(path, sets)
			if err == nil {
				t.Fatalf("loaded %q without error", s.Name)
			}
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error is %T, want *Errors: %v", err, err)
			}
			got := strings.Split(errs.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				hint := ""
				if strings.Contains(errs.Error(), ": missing key") {
					hint = "\n(if the Scenario struct gained a field, add it to this file or mark it optional in the catalogue)"
				}
				t.Errorf("problems:\n%s\nwant:\n%s%s", strings.Join(got, "\n"), strings.Join(want, "\n"), hint)
			}
		})
	}
}
