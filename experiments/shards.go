package experiments

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"cogov/experiments/internal/slurmlayout"
)

// shardGap is a shard of a sweep that a merge cannot use yet.
type shardGap struct {
	index  int
	dir    string // "" when no directory was given for it
	reason string
}

// checkShards checks, before a merge, that dirs hold every shard 1..N of
// one sweep, each finished. Otherwise it returns an error wrapping
// ErrIncomplete that names the missing and unfinished shards and the
// command that reruns exactly those: the sbatch line when the shards were
// laid out by EmitSlurm (DIR/shards/I beside DIR/sweep.sbatch). Dirs that
// are not shards are left to Merge.
func checkShards(dirs []string) error {
	n := 0
	byIndex := map[int]string{}
	var gaps []shardGap
	var unread []string // dirs without a manifest
	for _, d := range dirs {
		m, err := ReadManifest(d)
		if errors.Is(err, ErrNoSweep) {
			unread = append(unread, d)
			continue
		}
		if err != nil || m.Shard == "" {
			return nil // Merge reports it
		}
		s, err := ParseShard(m.Shard)
		if err != nil {
			return fmt.Errorf("%s: %s shard %q: %w", d, ManifestFile, m.Shard, ErrMismatch)
		}
		if n == 0 {
			n = s.Of
		} else if s.Of != n {
			return fmt.Errorf("%s holds shard %s but %s one of %d shards: %w", d, m.Shard, dirs[0], n, ErrMismatch)
		}
		if prev, ok := byIndex[s.Index]; ok {
			return fmt.Errorf("shard %s is in both %s and %s (merge each shard once): %w", m.Shard, prev, d, ErrIncomplete)
		}
		byIndex[s.Index] = d
		if why := unfinished(d, s, m.Runs); why != "" {
			gaps = append(gaps, shardGap{s.Index, d, why})
		}
	}
	if n == 0 {
		return nil
	}
	for _, d := range unread {
		i, err := strconv.Atoi(filepath.Base(d))
		if err != nil || i < 1 || i > n || byIndex[i] != "" {
			_, err := ReadManifest(d)
			return err
		}
		byIndex[i] = d
		why := "no " + ManifestFile + " (the task has not started its sweep)"
		if _, err := os.Stat(d); err != nil {
			why = "no such directory"
		}
		gaps = append(gaps, shardGap{i, d, why})
	}
	for i := 1; i <= n; i++ {
		if byIndex[i] == "" {
			gaps = append(gaps, shardGap{i, "", "not among the directories given"})
		}
	}
	if len(gaps) == 0 {
		return nil
	}
	sort.Slice(gaps, func(a, b int) bool { return gaps[a].index < gaps[b].index })
	return shardsError(gaps, n, dirs)
}

// unfinished returns why the shard in dir is not finished, or "".
func unfinished(dir string, s Shard, runs int) string {
	count := s.count(runs)
	last := s.first() + (count-1)*s.step()
	for _, name := range []string{RunsFile, YearlyFile} {
		id, partial, err := lastRowID(filepath.Join(dir, name))
		switch {
		case err != nil:
			return err.Error()
		case partial:
			return name + " ends in a partial row (the task stopped while writing)"
		case count == 0 || id == last:
			continue
		case name == RunsFile:
			done := 0
			if id >= 0 {
				done = (id-s.first())/s.step() + 1
			}
			return fmt.Sprintf("%s holds %d of its %d runs", name, done, count)
		default:
			return fmt.Sprintf("%s stops before the rows of run %d, the shard's last", name, last)
		}
	}
	return ""
}

// lastRowID returns the run id of the last row of a row file (-1 for a
// header only) and whether the file ends without a newline.
func lastRowID(path string) (int, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false, fmt.Errorf("no %s", filepath.Base(path))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, false, err
	}
	if fi.Size() == 0 {
		return -1, true, nil
	}
	start, line, err := lineBefore(f, 0, fi.Size())
	if err != nil {
		return 0, false, err
	}
	if line[len(line)-1] != '\n' {
		return 0, true, nil
	}
	if start == 0 {
		return -1, false, nil
	}
	id, err := leadingID(line)
	if err != nil {
		return 0, false, fmt.Errorf("%s: last row has no run id", filepath.Base(path))
	}
	return id, false, nil
}

// shardsError lists the gaps and how to fill them.
func shardsError(gaps []shardGap, n int, dirs []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d shards missing or unfinished:", len(gaps), n)
	ids := make([]int, len(gaps))
	for i, g := range gaps {
		ids[i] = g.index
		where := ""
		if g.dir != "" {
			where = g.dir + ": "
		}
		fmt.Fprintf(&b, "\n  shard %d/%d: %s%s", g.index, n, where, g.reason)
	}
	array := slurmlayout.ArrayRanges(ids)
	if script := slurmScriptBeside(dirs); script != "" {
		fmt.Fprintf(&b, "\nrerun exactly those tasks (each resumes its shard), then merge again:\n  sbatch --array=%s %s\n  (or both at once: bash %s %s)",
			array, slurmlayout.ShellQuote(script), slurmlayout.ShellQuote(filepath.Join(filepath.Dir(script), slurmlayout.Submit)), array)
	} else {
		b.WriteString("\nfinish each with the experiment and flags it was made with (--resume goes on where it stopped), then merge again:")
		for _, g := range gaps {
			dir := g.dir
			if dir == "" {
				dir = "DIR"
			}
			fmt.Fprintf(&b, "\n  cogov sweep EXPERIMENT --shard %d/%d --out %s --resume", g.index, n, slurmlayout.ShellQuote(dir))
		}
		fmt.Fprintf(&b, "\nor, for a Slurm job array written by cogov sweep --emit slurm: sbatch --array=%s DIR/%s", array, slurmlayout.SweepScript)
	}
	return fmt.Errorf("%w: %s", ErrIncomplete, b.String())
}

// slurmScriptBeside returns DIR/sweep.sbatch when the shard directories
// are DIR/shards/I and it exists, or "".
func slurmScriptBeside(dirs []string) string {
	parent := ""
	for _, d := range dirs {
		p := filepath.Dir(filepath.Dir(filepath.Clean(d)))
		if filepath.Base(filepath.Dir(filepath.Clean(d))) != slurmlayout.ShardsDir || (parent != "" && p != parent) {
			return ""
		}
		parent = p
	}
	script := filepath.Join(parent, slurmlayout.SweepScript)
	if _, err := os.Stat(script); err != nil {
		return ""
	}
	return script
}

// ShellQuote quotes s as one word for bash, as the commands this package
// prints are quoted (cmd/cogov quotes the command that resumes a sweep
// with it).
func ShellQuote(s string) string { return slurmlayout.ShellQuote(s) }
