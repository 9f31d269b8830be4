package fsutil

import (
	"os"
	"path/filepath"
	"strings"
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

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.toml")
	if err := os.WriteFile(file, []byte("years = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadInput(file, 10); err != nil || string(b) != "years = 3\n" {
		t.Errorf("read %q, %v", b, err)
	}
	for _, tc := range []struct {
		path string
		max  int64
		want string
	}{
		{file, 9, "larger than 10 bytes (allowed up to 9 bytes)"},
		{dir, 10, "it is a directory"},
		{os.DevNull, 10, "not a regular file"},
		{filepath.Join(dir, "missing"), 10, "no such file"},
	} {
		if _, err := ReadInput(tc.path, tc.max); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadInput(%s, %d): %v, want %q", tc.path, tc.max, err, tc.want)
		}
	}
}
