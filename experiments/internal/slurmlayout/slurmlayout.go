// Package slurmlayout names the files of a Slurm sweep directory and
// quotes for bash and sbatch --array. It is shared by package slurm, which
// writes the directory, and by the sweep runner, whose merge error points
// at the scripts beside the shards (the runner cannot import slurm, which
// imports it).
package slurmlayout

import (
	"strconv"
	"strings"
)

// The files and folders of a sweep directory written by slurm.Emit.
const (
	SweepScript = "sweep.sbatch" // the job array: task I runs shard I/N
	MergeScript = "merge.sbatch" // merges the shards into the directory
	Submit      = "submit.sh"    // submits both, the merge after the array
	Manifest    = "slurm.json"   // the binary, its SHA-256 and version
	ShardsDir   = "shards"       // shards/I holds shard I/N
	LogsDir     = "logs"         // the jobs' output
)

// ShellQuote quotes s as one word for bash: unchanged when it holds only
// safe characters, otherwise in single quotes.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ArrayRanges formats sorted task indices as a Slurm --array list, with
// runs of consecutive indices as ranges: 1-3,7.
func ArrayRanges(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(ids[i])+"-"+strconv.Itoa(ids[j]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
