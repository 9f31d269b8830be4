package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestLock(t *testing.T) {
	dir := t.TempDir()
	l, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, LockFile))
	if strings.TrimSpace(string(b)) != strconv.Itoa(os.Getpid()) {
		t.Errorf("lock file holds %q, want this PID", b)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "PID "+strconv.Itoa(os.Getpid())) {
		t.Errorf("second lock: err = %v, want ErrLocked naming the holder", err)
	}
	if err := CheckUnlocked(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("CheckUnlocked of a held lock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := CheckUnlocked(dir); err != nil {
		t.Errorf("CheckUnlocked after Unlock: %v", err)
	}
	// A lock file of a dead process: stale, taken over.
	os.WriteFile(filepath.Join(dir, LockFile), []byte("999999999\n"), 0o644)
	l, err = Lock(dir)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	l.Unlock()
	l.Unlock() // twice is harmless
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left: %v", err)
	}
}
