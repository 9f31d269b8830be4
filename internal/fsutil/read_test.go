package fsutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsRegular(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(file, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{file: true, link: true, dir: false, filepath.Join(dir, "missing"): false, os.DevNull: false} {
		if got := IsRegular(path); got != want {
			t.Errorf("IsRegular(%s) = %v, want %v", path, got, want)
		}
	}
}
