package experiments

import (
	"bufio"
	"bytes"
	"encoding/json"
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

// output is the open runs.csv and yearly.csv of a sweep directory, and
// with micro set its open micro-data files.
type output struct {
	runs, yearly                   appender
	micro                          bool
	agencies, contracts, microRows appender
	// next is the first run id to do and done the runs already on disk;
	// redone counts runs listed in runs.csv whose rows were not all on disk.
	next, done, redone int
}

// openOutput prepares dir for a sweep of pl's shard, with micro-data when
// agents is set: fresh, or, with resume, after the last whole run already
// written. The caller holds dir's lock.
func openOutput(dir string, pl *design.Plan, shard Shard, resume, agents bool) (*output, error) {
	want := NewManifest(pl, shard)
	want.Agents = agents
	old, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	switch {
	case err == nil && !resume:
		return nil, fmt.Errorf("%s: %w (use --resume to finish it, or another --out)", dir, ErrExists)
	case err == nil && !bytes.Equal(old, want.Bytes()):
		var m Manifest
		why := "it is not a manifest of cogov sweep"
		if json.Unmarshal(old, &m) == nil {
			if why = manifestDiff(m, want); why == "" {
				why = "it is formatted differently"
			}
		}
		return nil, fmt.Errorf("%s: %w: its %s differs from this sweep's: %s; use another --out", dir, ErrMismatch, ManifestFile, why)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	// No manifest: nothing can be resumed, as rows cannot be checked. A
	// sweep without --resume refuses to delete rows it finds; --resume
	// starts the sweep over.
	fresh := err != nil
	if fresh {
		for _, name := range []string{RunsFile, YearlyFile, AgenciesFile, ContractsFile, MicroRowsFile} {
			if rows, err := hasRows(filepath.Join(dir, name)); err != nil || rows && !resume {
				if err == nil {
					err = fmt.Errorf("%s: %w: it has %s rows but no %s, so they cannot be checked (remove them, use another --out, or --resume to run the sweep there again from the start)", dir, ErrExists, name, ManifestFile)
				}
				return nil, err
			}
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
		}
	}
	out := &output{next: shard.first(), micro: agents}
	rh := runsHeader(pl.Columns)
	ah, ch := microHeaders()
	type rowFile struct {
		a            *appender
		name, header string
	}
	files := []rowFile{{&out.runs, RunsFile, rh}, {&out.yearly, YearlyFile, yearlyHeader}}
	if agents {
		files = append(files, rowFile{&out.agencies, AgenciesFile, ah}, rowFile{&out.contracts, ContractsFile, ch},
			rowFile{&out.microRows, MicroRowsFile, microRowsHeader})
	}
	for _, f := range files {
		if f.a.f, err = openRows(filepath.Join(dir, f.name), f.header); err != nil {
			out.close()
			return nil, err
		}
	}
	heads := [3]int64{int64(len(ah)), int64(len(ch)), int64(len(microRowsHeader))}
	if err := out.recover(shard, int64(len(rh)), pl.Years*len(pl.Exp.Metrics), heads); err != nil {
		out.close()
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	// The manifest goes last: a directory with one is resumable. On resume
	// the same bytes are written again, restoring any lost file.
	if err := writeStatic(dir, pl, want); err != nil {
		out.close()
		return nil, err
	}
	return out, nil
}

// hasRows reports whether the row file at path holds more than a header
// line.
func hasRows(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if _, err := r.ReadBytes('\n'); err != nil {
		return false, nil // at most a partial header
	}
	_, err = r.ReadByte()
	return err == nil, nil
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

// recover keeps the runs whose rows are all on disk and finds where to go
// on. runs.csv lists finished runs in order and is committed after
// yearly.csv, so a run is whole when runs.csv lists it (in the shard's
// order) and yearly.csv holds its perRun rows, all of them, in order.
// With micro-data, which is committed before yearly.csv, the run must
// also have its row in MicroRowsFile and as many rows as that counts in
// AgenciesFile and ContractsFile (heads are their header lengths).
// Everything from the first run that fails this test is dropped and run
// again: partial rows of a killed process, rows of a run runs.csv does
// not list yet, and runs whose rows were lost (a truncated or deleted
// file). Redone counts the runs listed in runs.csv that were dropped.
func (o *output) recover(shard Shard, runsHeaderLen int64, perRun int, heads [3]int64) error {
	runs, err := newLineReader(o.runs.f, runsHeaderLen)
	if err != nil {
		return err
	}
	yearly, err := newLineReader(o.yearly.f, int64(len(yearlyHeader)))
	if err != nil {
		return err
	}
	runsEnd, yearlyEnd := runsHeaderLen, int64(len(yearlyHeader))
	var micro [3]*lineReader // agencies, contracts, rows
	microEnd := heads
	if o.micro {
		for i, a := range []*appender{&o.agencies, &o.contracts, &o.microRows} {
			if micro[i], err = newLineReader(a.f, heads[i]); err != nil {
				return err
			}
		}
	}
	id := shard.first()
	for ; ; id += shard.step() {
		line, err := runs.next()
		if err != nil {
			return err
		}
		if line == nil {
			break
		}
		got, err := leadingID(line)
		if err != nil || got%shard.step() != shard.first() {
			return fmt.Errorf("%s: row %q is not a run of this shard", RunsFile, bytes.TrimSpace(line))
		}
		if got != id || !yearly.skipRun(id, perRun) || o.micro && !microWhole(micro, id) {
			o.redone = 1
			break
		}
		runsEnd, yearlyEnd = runs.off, yearly.off
		if o.micro {
			microEnd = [3]int64{micro[0].off, micro[1].off, micro[2].off}
		}
		o.done++
	}
	for o.redone > 0 {
		line, err := runs.next()
		if err != nil {
			return err
		}
		if line == nil {
			break
		}
		o.redone++
	}
	o.next = shard.first() + o.done*shard.step()
	type fileEnd struct {
		f   *os.File
		end int64
	}
	ends := []fileEnd{{o.runs.f, runsEnd}, {o.yearly.f, yearlyEnd}}
	if o.micro {
		ends = append(ends, fileEnd{o.agencies.f, microEnd[0]}, fileEnd{o.contracts.f, microEnd[1]}, fileEnd{o.microRows.f, microEnd[2]})
	}
	for _, f := range ends {
		if err := f.f.Truncate(f.end); err != nil {
			return err
		}
		if _, err := f.f.Seek(0, io.SeekEnd); err != nil {
			return err
		}
	}
	return nil
}

// microWhole consumes run id's rows of the micro-data files (agencies,
// contracts, rows) and reports whether they are all there: its row in
// MicroRowsFile and exactly as many rows as that counts in the others.
func microWhole(r [3]*lineReader, id int) bool {
	line, err := r[2].next()
	if err != nil || line == nil {
		return false
	}
	got, counts, ok := parseMicroRow(line)
	return ok && got == id && r[0].skipRun(id, counts[0]) && r[1].skipRun(id, counts[1])
}

// lineReader reads the whole lines (ending in a newline) of a row file
// after its header; off is the offset after the last line consumed.
type lineReader struct {
	r    *bufio.Reader
	off  int64
	peek []byte // a line read but not consumed
}

func newLineReader(f *os.File, headerLen int64) (*lineReader, error) {
	if _, err := f.Seek(headerLen, io.SeekStart); err != nil {
		return nil, err
	}
	return &lineReader{r: bufio.NewReaderSize(f, 1<<16), off: headerLen}, nil
}

// next consumes and returns the next whole line, or nil at the end or
// before a partial last line.
func (lr *lineReader) next() ([]byte, error) {
	if lr.peek != nil {
		line := lr.peek
		lr.peek = nil
		lr.off += int64(len(line))
		return line, nil
	}
	line, err := lr.r.ReadBytes('\n')
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	lr.off += int64(len(line))
	return line, nil
}

// skipRun consumes the rows of run id and reports whether there were
// exactly want of them, the first at the reader's position.
func (lr *lineReader) skipRun(id, want int) bool {
	for n := 0; ; n++ {
		line, err := lr.next()
		if err != nil || line == nil {
			return n == want
		}
		got, err := leadingID(line)
		if err != nil || got != id {
			lr.peek = line
			lr.off -= int64(len(line))
			return n == want
		}
		if n == want {
			return false
		}
	}
}

// leadingID parses the run id at the start of a row.
func leadingID(line []byte) (int, error) {
	i := bytes.IndexByte(line, ',')
	if i < 0 {
		i = len(line)
	}
	return strconv.Atoi(string(bytes.TrimRight(line[:i], "\r\n")))
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
	o.agencies.pending.Write(r.micro.agencies)
	o.contracts.pending.Write(r.micro.contracts)
	o.microRows.pending.Write(r.micro.rows)
	o.yearly.pending.Write(r.yearly)
	o.runs.pending.Write(r.runs)
}

func (o *output) size() int {
	n := 0
	for _, a := range o.appenders() {
		n += a.pending.Len()
	}
	return n
}

// appenders lists the row files in the order they are committed: the
// micro-data (agencies, contracts, then the rows file counting them),
// yearly.csv, runs.csv last, so that every run listed in runs.csv has all
// its other rows on disk.
func (o *output) appenders() []*appender {
	return []*appender{&o.agencies, &o.contracts, &o.microRows, &o.yearly, &o.runs}
}

// commit makes the queued rows durable, in the order of appenders.
func (o *output) commit() error {
	for _, a := range o.appenders() {
		if err := a.commit(); err != nil {
			return err
		}
	}
	return nil
}

func (o *output) close() error {
	var errs []error
	for _, a := range o.appenders() {
		if a.f != nil {
			errs = append(errs, a.f.Close())
			a.f = nil
		}
	}
	return errors.Join(errs...)
}
