package experiments

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"

	"cogov/sim"
)

// The micro-data files of a sweep run with SweepOptions.Agents: the rows
// cogov run --agents writes for one run (sim.Result.WriteAgenciesCSV and
// WriteContractsCSV), each behind a leading run_id column, every run's
// rows together in run-id order; and MicroRowsFile, which counts each
// run's rows so that resume and merge can tell a run's rows are whole.
const (
	AgenciesFile  = "agencies.csv"       // run_id,<agencies.csv of cogov run --agents>
	ContractsFile = "contracts.csv"      // run_id,<contracts.csv of cogov run --agents>
	MicroRowsFile = "microdata_rows.csv" // run_id,agencies,contracts: the rows of each run
)

// microRowsHeader is the first line of MicroRowsFile.
const microRowsHeader = "run_id,agencies,contracts\n"

// microHeaders returns the first lines of AgenciesFile and ContractsFile:
// the headers of cogov run's files behind run_id.
func microHeaders() (agencies, contracts string) {
	var a, c bytes.Buffer
	empty := &sim.Result{}
	empty.WriteAgenciesCSV(&a)  // a bytes.Buffer does not fail
	empty.WriteContractsCSV(&c) // nor here
	return "run_id," + a.String(), "run_id," + c.String()
}

// microOut is one run's micro-data, formatted.
type microOut struct {
	agencies, contracts, rows []byte
}

// formatMicro formats the micro-data of run id.
func formatMicro(id string, res *sim.Result) (microOut, error) {
	var a, c bytes.Buffer
	if err := res.WriteAgenciesCSV(&a); err != nil {
		return microOut{}, err
	}
	if err := res.WriteContractsCSV(&c); err != nil {
		return microOut{}, err
	}
	var m microOut
	var na, nc int
	var err error
	if m.agencies, na, err = prefixRows(id, a.Bytes(), len(res.AgencyYears)); err != nil {
		return microOut{}, fmt.Errorf("%s: %w", AgenciesFile, err)
	}
	if m.contracts, nc, err = prefixRows(id, c.Bytes(), len(res.ContractRows)); err != nil {
		return microOut{}, fmt.Errorf("%s: %w", ContractsFile, err)
	}
	m.rows = []byte(id + "," + strconv.Itoa(na) + "," + strconv.Itoa(nc) + "\n")
	return m, nil
}

// prefixRows drops the header line of csv and puts id and a comma before
// every other line, checking there are want of them: a row spanning lines
// (a name holding a line break, which the sweep's row files cannot hold)
// is an error.
func prefixRows(id string, csv []byte, want int) ([]byte, int, error) {
	_, body, _ := bytes.Cut(csv, []byte{'\n'})
	n := bytes.Count(body, []byte{'\n'})
	if n != want || bytes.IndexByte(body, '\r') >= 0 {
		return nil, 0, fmt.Errorf("%d lines for %d rows: a name of the scenario holds a line break", n, want)
	}
	out := make([]byte, 0, len(body)+n*(len(id)+1))
	for len(body) > 0 {
		line, rest, _ := bytes.Cut(body, []byte{'\n'})
		out = append(out, id...)
		out = append(out, ',')
		out = append(out, line...)
		out = append(out, '\n')
		body = rest
	}
	return out, n, nil
}

// microCounts reads MicroRowsFile (or a merge's copy of it) in run order,
// giving the rows of each run in one of its columns.
type microCounts struct {
	path string
	f    *os.File
	r    *bufio.Reader
	col  int // 1 agencies, 2 contracts
}

func openMicroCounts(path string, col int) (*microCounts, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	mc := &microCounts{path: path, f: f, r: bufio.NewReaderSize(f, 1<<16), col: col}
	if _, err := mc.r.ReadBytes('\n'); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: no header: %w", path, err)
	}
	return mc, nil
}

// count returns the rows of run id, which must be the next row.
func (mc *microCounts) count(id int) (int, error) {
	line, err := mc.r.ReadBytes('\n')
	if err != nil {
		return 0, fmt.Errorf("%s: no row for run %d: %w", mc.path, id, ErrIncomplete)
	}
	got, counts, ok := parseMicroRow(line)
	if !ok || got != id {
		return 0, fmt.Errorf("%s: row %q is not the row of run %d: %w", mc.path, bytes.TrimSpace(line), id, ErrIncomplete)
	}
	return counts[mc.col-1], nil
}

func (mc *microCounts) close() { mc.f.Close() }

// parseMicroRow parses a whole row of MicroRowsFile: the run id and its
// agencies and contracts rows.
func parseMicroRow(line []byte) (int, [2]int, bool) {
	var out [3]int
	fields := bytes.Split(bytes.TrimSuffix(line, []byte{'\n'}), []byte{','})
	if len(fields) != 3 || len(line) == 0 || line[len(line)-1] != '\n' {
		return 0, [2]int{}, false
	}
	for i, f := range fields {
		v, err := strconv.Atoi(string(f))
		if err != nil || v < 0 {
			return 0, [2]int{}, false
		}
		out[i] = v
	}
	return out[0], [2]int{out[1], out[2]}, true
}
