package fsutil

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxInputFile bounds a hand-written input file: a scenario, experiment or
// calibration file is a few kilobytes.
const MaxInputFile = 4 << 20

// ReadInput reads an input file by the one rule every input file meets: a
// regular file (not a directory, device or pipe, which could block or
// never end) of at most max bytes. A file growing past max while read is
// cut off and refused too.
func ReadInput(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case fi.IsDir():
		return nil, errors.New("it is a directory")
	case !fi.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case fi.Size() > max:
		return nil, fmt.Errorf("larger than %s (allowed up to %s)", size(fi.Size()), size(max))
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %s", size(max))
	}
	return b, nil
}

// OpenInput opens a result file (a CSV handed to plot) by the same rule,
// without a size bound: a regular file, not a directory, device or pipe.
func OpenInput(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file", path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// IsRegular reports whether path is a regular file (following symbolic
// links): not missing, a directory, device or pipe.
func IsRegular(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
