// Package sweeptest holds the helpers that the tests of the sweep runner,
// of package slurm and of the command share.
package sweeptest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"cogov/experiments/design"
)

// LoadPlan loads experiment ref and plans it with overrides o, failing the
// test on an error.
func LoadPlan(t testing.TB, ref string, o design.Overrides) *design.Plan {
	t.Helper()
	e, err := design.Load(ref)
	if err != nil {
		t.Fatal(err)
	}
	pl, err := design.NewPlan(e, o)
	if err != nil {
		t.Fatal(err)
	}
	return pl
}

// SameFiles fails the test unless directories a and b hold byte-identical
// files names.
func SameFiles(t testing.TB, a, b string, names ...string) {
	t.Helper()
	for _, name := range names {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s (%d bytes) and %s (%d bytes)", name, a, len(x), b, len(y))
		}
	}
}

// FakeBinary writes a stand-in for the cogov binary, for the scripts of
// --emit slurm to name, and returns its path.
func FakeBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cogov")
	if err := os.WriteFile(bin, []byte("not really cogov"), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}
