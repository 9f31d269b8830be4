package experiments

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"cogov/experiments/design"
)

// ErrExists is returned (wrapped) by Sweep when the directory already
// holds a sweep and Resume is not set.
var ErrExists = errors.New("directory already holds a sweep")

// ErrMismatch is returned (wrapped) when a directory holds a sweep of
// another experiment, shard or model version than the one asked for.
var ErrMismatch = errors.New("directory holds a different sweep")

// output is the open runs.csv and yearly.csv of a sweep directory.
type output struct {
	runs, yearly appender
	// next is the first run id to do and done the runs already on disk.
	next, done int
}

// openOutput prepares dir for a sweep of pl's shard: fresh, or, with
// resume, after the last whole run already written.
func openOutput(dir string, pl *design.Plan, shard Shard, resume bool) (*output, error) {
	manifest := NewManifest(pl, shard).Bytes()
	old, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	switch {
	case err == nil && !resume:
		return nil, fmt.Errorf("%s: %w (use --resume to finish it, or another --out)", dir, ErrExists)
	case err == nil && !bytes.Equal(old, manifest):
		return nil, fmt.Errorf("%s: %w: its %s differs from this experiment's (another experiment file, --years, --replications, --shard or cogov version); use another --out", dir, ErrMismatch, ManifestFile)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	fresh := err != nil // no manifest: nothing to resume
	if fresh {
		for _, name := range []string{RunsFile, YearlyFile} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
		}
	}
	out := &output{next: shard.first()}
	rh := runsHeader(pl.Columns)
	if out.runs.f, err = openRows(filepath.Join(dir, RunsFile), rh); err != nil {
		return nil, err
	}
	if out.yearly.f, err = openRows(filepath.Join(dir, YearlyFile), yearlyHeader); err != nil {
		out.close()
		return nil, err
	}
	if err := out.recover(shard, int64(len(rh))); err != nil {
		out.close()
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	// The manifest goes last: a directory with one is resumable. On resume
	// the same bytes are written again, restoring any lost file.
	if err := writeStatic(dir, pl, shard); err != nil {
		out.close()
		return nil, err
	}
	return out, nil
}

// openRows opens a row file for appending, writing header if the file is
// new or holds less than a whole header; an existing different header is
// an error.
func openRows(path, header string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	head := make([]byte, len(header))
	n, err := io.ReadFull(f, head)
	switch {
	case err == nil && string(head) != header:
		f.Close()
		return nil, fmt.Errorf("%s: header %q is not %q: %w", path, firstLine(head), firstLine([]byte(header)), ErrMismatch)
	case err != nil && n < len(header):
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, err
		}
		if _, err := f.WriteAt([]byte(header), 0); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, err
		}
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return string(b[:i])
	}
	return string(b)
}

// recover drops partial rows and rows of runs not recorded in runs.csv
// (runs.csv is committed after yearly.csv), and finds where to go on.
func (o *output) recover(shard Shard, runsHeaderLen int64) error {
	last, err := trimTail(o.runs.f, runsHeaderLen, func([]byte) bool { return true })
	if err != nil {
		return err
	}
	lastID := -1
	if last != nil {
		if lastID, err = leadingID(last); err != nil || lastID%shard.step() != shard.first() {
			return fmt.Errorf("%s: last row %q is not a run of this shard", RunsFile, last)
		}
		o.next = lastID + shard.step()
		o.done = (lastID-shard.first())/shard.step() + 1
	}
	_, err = trimTail(o.yearly.f, int64(len(yearlyHeader)), func(line []byte) bool {
		id, err := leadingID(line)
		return err == nil && id <= lastID
	})
	return err
}

// leadingID parses the run id at the start of a row.
func leadingID(line []byte) (int, error) {
	i := bytes.IndexByte(line, ',')
	if i < 0 {
		i = len(line)
	}
	return strconv.Atoi(string(line[:i]))
}

// trimTail truncates f after its last whole line (ending in a newline)
// that keep accepts, never before offset min (the header), and returns
// that line without its newline, or nil if none is left.
func trimTail(f *os.File, min int64, keep func(line []byte) bool) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	end := fi.Size()
	var kept []byte
	for end > min {
		start, line, err := lineBefore(f, min, end)
		if err != nil {
			return nil, err
		}
		if line[len(line)-1] == '\n' && keep(line[:len(line)-1]) {
			kept = line[:len(line)-1]
			break
		}
		end = start
	}
	if err := f.Truncate(max(end, min)); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return nil, err
	}
	return kept, nil
}

// lineBefore returns the last line of f[min:end], which may lack its
// newline, and its start offset.
func lineBefore(f *os.File, min, end int64) (int64, []byte, error) {
	size := int64(4096)
	for {
		start := max(min, end-size)
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, start); err != nil {
			return 0, nil, err
		}
		// Skip the line's own newline when looking for the previous one.
		if i := bytes.LastIndexByte(buf[:len(buf)-1], '\n'); i >= 0 {
			return start + int64(i) + 1, buf[i+1:], nil
		}
		if start == min {
			return start, buf, nil
		}
		size *= 2
	}
}

// add queues a finished run's rows.
func (o *output) add(r runOut) {
	o.yearly.pending.Write(r.yearly)
	o.runs.pending.Write(r.runs)
}

func (o *output) size() int { return o.yearly.pending.Len() + o.runs.pending.Len() }

// commit makes the queued rows durable: yearly.csv first, so that every run
// listed in runs.csv has all its yearly rows on disk.
func (o *output) commit() error {
	if err := o.yearly.commit(); err != nil {
		return err
	}
	return o.runs.commit()
}

func (o *output) close() error {
	var errs []error
	for _, a := range []*appender{&o.yearly, &o.runs} {
		if a.f != nil {
			errs = append(errs, a.f.Close())
			a.f = nil
		}
	}
	return errors.Join(errs...)
}
