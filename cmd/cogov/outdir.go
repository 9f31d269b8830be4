package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"cogov/experiments"
	"cogov/internal/fsutil"
)

// claimOutput prepares the result folder dir of cogov run or compare, by
// the sweep's rule: a new or empty folder is used; a folder holding
// another result is refused unless force is set, and then replaced whole,
// so no stale file (a figure of an earlier run) is left beside the new
// ones. A non-empty folder that is not a cogov result (no manifest.json)
// is never emptied. The returned lock is held until released.
func claimOutput(dir string, force bool) (*fsutil.DirLock, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, badInput("--out %s: not a directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := fsutil.Lock(dir)
	if errors.Is(err, fsutil.ErrLocked) {
		return nil, usageError{err}
	}
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return e.Name() == fsutil.LockFile })
	if len(entries) == 0 {
		return lock, nil
	}
	_, err = os.Stat(filepath.Join(dir, experiments.ManifestFile))
	result := err == nil
	switch {
	case !result:
		lock.Unlock()
		return nil, badInput("--out %s: the folder holds %d files but no %s, so it is not a cogov result; nothing was written (use an empty or new folder)", dir, len(entries), experiments.ManifestFile)
	case !force:
		lock.Unlock()
		return nil, badInput("--out %s: the folder holds another result (%s and %d more files); use --force to replace it whole, or another --out", dir, experiments.ManifestFile, len(entries)-1)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			lock.Unlock()
			return nil, fmt.Errorf("--force: %w", err)
		}
	}
	return lock, nil
}
