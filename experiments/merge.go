package experiments

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"cogov/internal/fsutil"
)

// ErrIncomplete is returned (wrapped) by Merge when the shards do not hold
// every run of the sweep exactly once.
var ErrIncomplete = errors.New("shards do not make a whole sweep")

// Merge merges the shard directories dirs of one sweep into out, which
// must not hold a sweep. Together the shards must hold every run exactly
// once; the merged files are then byte-identical to those of the unsharded
// sweep. Missing or unfinished shards are named, with the command that
// reruns them (see checkShards). Shards of a sweep with micro-data
// (Manifest.Agents) merge theirs too, each run's rows checked against
// MicroRowsFile. Rows are streamed, so memory does not
// grow with the sweep, and out gets its files only when the merge succeeds.
func Merge(dirs []string, out string) (err error) {
	if len(dirs) == 0 {
		return errors.New("merge: no directories given")
	}
	if err := checkShards(dirs); err != nil {
		return err
	}
	first, err := ReadManifest(dirs[0])
	if err != nil {
		return err
	}
	static := map[string][]byte{}
	for _, name := range []string{ExperimentFile, PointsFile} {
		if static[name], err = os.ReadFile(filepath.Join(dirs[0], name)); err != nil {
			return err
		}
	}
	whole := first
	whole.Shard, whole.ShardRuns = "", 0
	for _, d := range dirs[1:] {
		m, err := ReadManifest(d)
		if err != nil {
			return err
		}
		m.Shard, m.ShardRuns = "", 0
		if !bytes.Equal(m.Bytes(), whole.Bytes()) {
			return fmt.Errorf("%s and %s: %w: their %s differ beyond the shard: %s", dirs[0], d, ErrMismatch, ManifestFile, manifestDiff(whole, m))
		}
		for _, name := range []string{ExperimentFile, PointsFile} {
			b, err := os.ReadFile(filepath.Join(d, name))
			if err != nil {
				return err
			}
			if !bytes.Equal(b, static[name]) {
				return fmt.Errorf("%s and %s: %w: their %s differ", dirs[0], d, ErrMismatch, name)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(out, ManifestFile)); err == nil {
		return fmt.Errorf("%s: %w (merge into a new directory)", out, ErrExists)
	}
	if _, err := os.Stat(out); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		defer func() {
			if err != nil {
				os.Remove(out) // only if still empty
			}
		}()
	}
	lock, err := fsutil.Lock(out)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	for _, d := range dirs {
		if err := fsutil.CheckUnlocked(d); err != nil {
			return err
		}
	}
	runsTmp, err := mergeRows(dirs, out, RunsFile, whole.Runs, fixedRows(1))
	if err != nil {
		return err
	}
	defer os.Remove(runsTmp)
	yearlyTmp, err := mergeRows(dirs, out, YearlyFile, whole.Runs, fixedRows(whole.Years*len(whole.Metrics)))
	if err != nil {
		return err
	}
	defer os.Remove(yearlyTmp)
	var microTmp map[string]string
	if whole.Agents {
		if microTmp, err = mergeMicro(dirs, out, whole.Runs); err != nil {
			return err
		}
		for _, tmp := range microTmp {
			defer os.Remove(tmp)
		}
	}
	for _, name := range []string{ExperimentFile, PointsFile} {
		if err := fsutil.WriteFile(filepath.Join(out, name), static[name]); err != nil {
			return err
		}
	}
	if err := copyStoredScenarios(dirs[0], out, whole); err != nil {
		return err
	}
	if err := os.Rename(runsTmp, filepath.Join(out, RunsFile)); err != nil {
		return err
	}
	if err := os.Rename(yearlyTmp, filepath.Join(out, YearlyFile)); err != nil {
		return err
	}
	for _, name := range []string{AgenciesFile, ContractsFile, MicroRowsFile} {
		if tmp, ok := microTmp[name]; ok {
			if err := os.Rename(tmp, filepath.Join(out, name)); err != nil {
				return err
			}
		}
	}
	return fsutil.WriteFile(filepath.Join(out, ManifestFile), whole.Bytes())
}

// rowReader reads the rows of one shard's file, grouped by run id.
type rowReader struct {
	path string
	r    *bufio.Reader
	f    *os.File
	line []byte // current row, with its newline; nil at the end
	id   int
}

func (rr *rowReader) advance() error {
	line, err := rr.r.ReadBytes('\n')
	if errors.Is(err, io.EOF) {
		if len(line) > 0 {
			return fmt.Errorf("%s: partial last row %q (finish the shard with --resume): %w", rr.path, line, ErrIncomplete)
		}
		rr.line = nil
		return nil
	}
	if err != nil {
		return err
	}
	id, err := leadingID(line)
	if err != nil {
		return fmt.Errorf("%s: row %q has no run id", rr.path, bytes.TrimSpace(line))
	}
	rr.line, rr.id = line, id
	return nil
}

// fixedRows is the perRun of mergeRows for files with n rows per run.
func fixedRows(n int) func(int) (int, error) {
	return func(int) (int, error) { return n, nil }
}

// mergeMicro merges the micro-data files of dirs into temporary files in
// out, returned by file name: MicroRowsFile first, one row per run, then
// AgenciesFile and ContractsFile checked against the merged counts.
func mergeMicro(dirs []string, out string, runs int) (tmp map[string]string, err error) {
	tmp = map[string]string{}
	defer func() {
		if err != nil {
			for _, t := range tmp {
				os.Remove(t)
			}
		}
	}()
	if tmp[MicroRowsFile], err = mergeRows(dirs, out, MicroRowsFile, runs, fixedRows(1)); err != nil {
		delete(tmp, MicroRowsFile)
		return tmp, err
	}
	for i, name := range []string{AgenciesFile, ContractsFile} {
		counts, err := openMicroCounts(tmp[MicroRowsFile], i+1)
		if err != nil {
			return tmp, err
		}
		t, err := mergeRows(dirs, out, name, runs, counts.count)
		counts.close()
		if err != nil {
			return tmp, err
		}
		tmp[name] = t
	}
	return tmp, nil
}

// mergeRows merges the file name of every dir by run id into a temporary
// file in out, checking that the runs are exactly 0..runs-1, run r with
// perRun(r) rows (asked in run order), and returns the temporary file's
// path. A run with no rows may be absent.
func mergeRows(dirs []string, out, name string, runs int, perRun func(run int) (int, error)) (string, error) {
	readers := make([]*rowReader, len(dirs))
	defer func() {
		for _, rr := range readers {
			if rr != nil {
				rr.f.Close()
			}
		}
	}()
	var header []byte
	for i, d := range dirs {
		path := filepath.Join(d, name)
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		rr := &rowReader{path: path, f: f, r: bufio.NewReaderSize(f, 1<<16)}
		readers[i] = rr
		h, err := rr.r.ReadBytes('\n')
		if err != nil {
			return "", fmt.Errorf("%s: no header: %w", path, err)
		}
		if header == nil {
			header = h
		} else if !bytes.Equal(h, header) {
			return "", fmt.Errorf("%s: header %q differs from %s's: %w", path, bytes.TrimSpace(h), readers[0].path, ErrMismatch)
		}
		if err := rr.advance(); err != nil {
			return "", err
		}
	}
	tmp, err := os.CreateTemp(out, "."+name+".merge*")
	if err != nil {
		return "", err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<16)
	w.Write(header)
	for want := 0; want < runs; want++ {
		rows, err := perRun(want)
		if err != nil {
			return "", err
		}
		var src *rowReader
		for _, rr := range readers {
			if rr.line != nil && rr.id == want {
				if src != nil {
					return "", fmt.Errorf("run %d is in both %s and %s (merge each shard once): %w", want, src.path, rr.path, ErrIncomplete)
				}
				src = rr
			}
		}
		if src == nil && rows == 0 {
			continue
		}
		if src == nil {
			return "", fmt.Errorf("%s: run %d is missing from every directory (a shard is unfinished or left out: finish it with --resume): %w", name, want, ErrIncomplete)
		}
		n := 0
		for src.line != nil && src.id == want {
			w.Write(src.line)
			n++
			if err := src.advance(); err != nil {
				return "", err
			}
		}
		if n != rows {
			return "", fmt.Errorf("%s: run %d has %d rows, want %d (the file was truncated or edited: finish its sweep with --resume, which reruns short runs): %w", src.path, want, n, rows, ErrIncomplete)
		}
	}
	for _, rr := range readers {
		if rr.line != nil {
			return "", fmt.Errorf("%s: run %d is out of order or beyond the sweep's %d runs: %w", rr.path, rr.id, runs, ErrIncomplete)
		}
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", err
	}
	ok = true
	return tmp.Name(), nil
}
