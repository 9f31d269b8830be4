package fsutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFile is the name of the advisory lock file in a locked directory.
const LockFile = ".cogov.lock"

// ErrLocked is returned (wrapped) by Lock when another process holds the
// directory's lock.
var ErrLocked = errors.New("directory is in use by another cogov process")

// DirLock is a held lock on a directory; Unlock releases it.
type DirLock struct {
	f    *os.File
	path string
}

// Lock takes the advisory lock of dir (which must exist): DIR/.cogov.lock
// holding this process's PID, locked with flock(2). The kernel drops the
// lock when its holder exits, however it exits, so a lock file left by a
// killed process is stale and taken over; a live holder makes Lock fail at
// once with an error wrapping ErrLocked that names its PID.
func Lock(dir string) (*DirLock, error) {
	path := filepath.Join(dir, LockFile)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder := readPID(f)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, lockedError(dir, holder)
			}
			return nil, fmt.Errorf("%s: lock %s: %w", dir, LockFile, err)
		}
		// The holder we waited on may have removed the file after we opened
		// it: then our lock is on a dead inode, and we try again.
		if same, err := samePath(f, path); err != nil || !same {
			f.Close()
			if err != nil {
				return nil, err
			}
			continue
		}
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, err
		}
		if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
			f.Close()
			return nil, err
		}
		return &DirLock{f: f, path: path}, nil
	}
}

// Unlock removes the lock file and releases the lock. It is safe to call
// on a nil lock and more than once.
func (l *DirLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path) // while still held, so no one locks a removed file
	if errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// lockedError is the error, wrapping ErrLocked, of dir locked by PID holder.
func lockedError(dir, holder string) error {
	return fmt.Errorf("%s: %w (PID %s holds %s; wait for it to finish or stop it)", dir, ErrLocked, holder, LockFile)
}

func readPID(f *os.File) string {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	if pid := strings.TrimSpace(string(b[:n])); pid != "" {
		return pid
	}
	return "unknown"
}

// samePath reports whether the open file f is still the file at path.
func samePath(f *os.File, path string) (bool, error) {
	a, err := f.Stat()
	if err != nil {
		return false, err
	}
	b, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(a, b), nil
}

// CheckUnlocked returns an error wrapping ErrLocked when another process
// holds dir's lock, without taking it (so dir may be read-only).
func CheckUnlocked(dir string) error {
	f, err := os.Open(filepath.Join(dir, LockFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return lockedError(dir, readPID(f))
		}
		return err
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
