package slurm

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cogov/experiments"
	"cogov/experiments/design"
	"cogov/experiments/internal/slurmlayout"
	"cogov/internal/sweeptest"
)

func TestSlurmOptionsValidate(t *testing.T) {
	ok := Options{Shards: 4, CPUsPerTask: 1, Binary: "/bin/cogov"}
	cases := []struct {
		name string
		edit func(*Options)
		want string // "" for valid
	}{
		{"defaults", func(*Options) {}, ""},
		{"one shard", func(o *Options) { o.Shards = 1 }, ""},
		{"a task per run", func(o *Options) { o.Shards = 18 }, ""},
		{"all set", func(o *Options) { o.Time, o.Mem, o.Partition, o.CPUsPerTask = "1-12:00:00", "4G", "short,long", 8 }, ""},
		{"long hours", func(o *Options) { o.Time = "100:00:00" }, ""},
		{"memory in MB", func(o *Options) { o.Mem = "512" }, ""},
		{"no shards", func(o *Options) { o.Shards = 0 }, "--shards 0: want at least 1"},
		{"negative shards", func(o *Options) { o.Shards = -2 }, "--shards -2"},
		{"more shards than runs", func(o *Options) { o.Shards = 19 }, "only 18 runs"},
		{"no cpus", func(o *Options) { o.CPUsPerTask = 0 }, "--cpus-per-task 0"},
		{"time in minutes", func(o *Options) { o.Time = "90" }, `--time "90": want HH:MM:SS`},
		{"time MM:SS", func(o *Options) { o.Time = "10:00" }, "--time"},
		{"time 61 minutes", func(o *Options) { o.Time = "01:61:00" }, "--time"},
		{"time zero", func(o *Options) { o.Time = "00:00:00" }, "--time"},
		{"time words", func(o *Options) { o.Time = "2h" }, "--time"},
		{"mem with B", func(o *Options) { o.Mem = "4GB" }, `--mem "4GB"`},
		{"mem zero", func(o *Options) { o.Mem = "0" }, "--mem"},
		{"mem negative", func(o *Options) { o.Mem = "-1G" }, "--mem"},
		{"partition with space", func(o *Options) { o.Partition = "a b" }, "--partition"},
		{"partition injection", func(o *Options) { o.Partition = "x;rm" }, "--partition"},
		{"no binary", func(o *Options) { o.Binary = "" }, "no cogov binary"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := ok
			c.edit(&o)
			err := o.Validate(18)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrOptions)):
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestEmitSlurmScripts(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "../testdata/grid.toml", design.Overrides{})
	bin := sweeptest.FakeBinary(t)
	sum, _ := fileSHA256(bin)
	root := t.TempDir()
	cases := []struct {
		name string
		dir  string
		o    Options
		want map[string][]string // file: substrings it must hold
		not  map[string][]string // file: substrings it must not hold
	}{
		{"plain", "plain", Options{Shards: 4, CPUsPerTask: 1},
			map[string][]string{
				SweepScript: {"#!/bin/bash\n", "#SBATCH --array=1-4\n", "#SBATCH --cpus-per-task=1\n",
					"#SBATCH --job-name=cogov-tiny-grid\n", "/plain/logs/sweep-%A_%a.out\n", "want=" + sum,
					`exec "$cogov" sweep "$dir"/experiment.toml --shard "$i"/4 --workers 1 --out "$dir"/shards/"$i" --resume --no-plots` + "\n"},
				MergeScript: {`"$cogov" merge "$dir/shards"/* --out "$dir"`, "/plain/logs/merge-%j.out\n", "want=" + sum},
				Submit: {`array=${1:-1-4}`, `jid=$(sbatch --parsable --array="$array" "$dir/sweep.sbatch")`,
					`--dependency="afterok:$jid"`, `--kill-on-invalid-dep=yes "$dir/merge.sbatch"`},
				Manifest: {`"binary_sha256": "` + sum + `"`, `"cogov_version": "`, `"shards": 4`, `"runs": 18`},
			},
			map[string][]string{SweepScript: {"--time", "--mem", "--partition", "--years", "--check", "--agents"}, MergeScript: {"--array"}}},
		{"every flag", "all", Options{Shards: 18, CPUsPerTask: 2, Time: "1-00:30:00", Mem: "2G", Partition: "short",
			Overrides: design.Overrides{Years: 3, Replications: 3}, Check: true, Agents: true},
			map[string][]string{
				SweepScript: {"#SBATCH --array=1-18\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --time=1-00:30:00\n",
					"#SBATCH --mem=2G\n", "#SBATCH --partition=short\n", `--shard "$i"/18 --workers 2`, "--years 3 --replications 3 --check --agents\n"},
				MergeScript: {"#SBATCH --cpus-per-task=1\n", "#SBATCH --time=1-00:30:00\n", "#SBATCH --partition=short\n"},
			}, nil},
		{"quoted paths", "it's a dir $HOME %d", Options{Shards: 2, CPUsPerTask: 1},
			map[string][]string{
				SweepScript: {`dir='` + root + `/it'\''s a dir $HOME %d'` + "\n",
					`#SBATCH --output="` + root + `/it's a dir $HOME %%d/logs/sweep-%A_%a.out"` + "\n"},
				Submit: {`dir='` + root + `/it'\''s a dir $HOME %d'` + "\n"},
			}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.o.Binary = bin
			s, err := Emit(pl, filepath.Join(root, c.dir), c.o)
			if err != nil {
				t.Fatal(err)
			}
			if want := "bash " + slurmlayout.ShellQuote(filepath.Join(root, c.dir, Submit)); s.Submit != want {
				t.Errorf("Submit = %q, want %q", s.Submit, want)
			}
			for file, subs := range c.want {
				b, err := os.ReadFile(filepath.Join(s.Dir, file))
				if err != nil {
					t.Fatal(err)
				}
				for _, sub := range subs {
					if !strings.Contains(string(b), sub) {
						t.Errorf("%s lacks %q:\n%s", file, sub, b)
					}
				}
				for _, sub := range c.not[file] {
					if strings.Contains(string(b), sub) {
						t.Errorf("%s holds %q:\n%s", file, sub, b)
					}
				}
			}
			if b, _ := os.ReadFile(filepath.Join(s.Dir, experiments.ExperimentFile)); string(b) != string(pl.Exp.Source) {
				t.Errorf("%s is not the experiment file", experiments.ExperimentFile)
			}
			for _, name := range []string{SweepScript, MergeScript, Submit} {
				if fi, err := os.Stat(filepath.Join(s.Dir, name)); err != nil || fi.Mode().Perm() != 0o755 {
					t.Errorf("%s: mode %v, %v; want 0755", name, fi.Mode(), err)
				}
			}
			if fi, err := os.Stat(filepath.Join(s.Dir, LogsDir)); err != nil || !fi.IsDir() {
				t.Errorf("no %s directory: %v", LogsDir, err)
			}
		})
	}
}

func TestEmitSlurmRefuses(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "../testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	done := filepath.Join(root, "done")
	sweep(t, pl, done, experiments.SweepOptions{Workers: 1})
	o := Options{Shards: 2, CPUsPerTask: 1, Binary: sweeptest.FakeBinary(t)}
	if _, err := Emit(pl, done, o); !errors.Is(err, experiments.ErrExists) {
		t.Errorf("into a sweep: err = %v, want experiments.ErrExists", err)
	}
	fresh := filepath.Join(root, "fresh")
	bad := o
	bad.Time = "2h"
	if _, err := Emit(pl, fresh, bad); !errors.Is(err, ErrOptions) {
		t.Errorf("bad time: err = %v", err)
	}
	bad = o
	bad.Binary = filepath.Join(root, "nosuch")
	if _, err := Emit(pl, fresh, bad); !errors.Is(err, ErrOptions) {
		t.Errorf("missing binary: err = %v", err)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Errorf("refused options wrote %s", fresh)
	}
}

// TestEmitSlurmRelativeScenario checks that the copy the tasks run finds a
// scenario file given relative to the experiment, from any directory, and
// makes the same points.
func TestEmitSlurmRelativeScenario(t *testing.T) {
	root := t.TempDir()
	for path, text := range map[string]string{
		"scen/tiny.toml": "extends = \"baseline\"\nname = \"tiny\"\n\n[community]\nagents_per_community = 10\n",
		"exp/rel.toml": "name = \"rel\"\nscenario = \"../scen/tiny.toml\"  # relative\nyears = 1\n\n" +
			"[[point]]\nlabel = \"base\"\nscenario = \"baseline\"\n\n[[point]]\nlabel = \"tiny\"\n  scenario = '../scen/tiny.toml'\n",
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(path)), 0o755)
		if err := os.WriteFile(filepath.Join(root, path), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(root)
	pl := sweeptest.LoadPlan(t, "exp/rel.toml", design.Overrides{})
	s, err := Emit(pl, "out", Options{Shards: 2, CPUsPerTask: 1, Binary: sweeptest.FakeBinary(t)})
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(root, "scen", "tiny.toml")
	if len(s.Record.Absolute) != 2 || !strings.HasSuffix(s.Record.Absolute[1], " -> "+abs) {
		t.Errorf("Absolute = %q", s.Record.Absolute)
	}
	t.Chdir(t.TempDir())
	copyPlan := sweeptest.LoadPlan(t, filepath.Join(s.Dir, experiments.ExperimentFile), design.Overrides{})
	if copyPlan.Points[0].Scenario != "baseline" || copyPlan.Points[1].Scenario != abs {
		t.Errorf("the copy's points use %q and %q", copyPlan.Points[0].Scenario, copyPlan.Points[1].Scenario)
	}
	if string(pointsText(copyPlan)) != strings.ReplaceAll(string(pointsText(pl)), "../scen/tiny.toml", abs) {
		t.Errorf("the copy's points differ:\n%s\nfrom\n%s", pointsText(copyPlan), pointsText(pl))
	}
}

// slurmShards sweeps shards 1..n of pl into DIR/shards/I, as the array
// tasks of Emit do, and returns their directories.
func slurmShards(t *testing.T, pl *design.Plan, dir string, n int) []string {
	t.Helper()
	var dirs []string
	for i := 1; i <= n; i++ {
		d := filepath.Join(dir, ShardsDir, strconv.Itoa(i))
		sweep(t, pl, d, experiments.SweepOptions{Workers: 1, Shard: experiments.Shard{Index: i, Of: n}, Resume: true})
		dirs = append(dirs, d)
	}
	return dirs
}

func TestMergeNamesMissingShards(t *testing.T) {
	pl := sweeptest.LoadPlan(t, "../testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	whole := filepath.Join(root, "whole")
	sweep(t, pl, whole, experiments.SweepOptions{Workers: 1})
	dir := filepath.Join(root, "array")
	if _, err := Emit(pl, dir, Options{Shards: 5, CPUsPerTask: 1, Binary: sweeptest.FakeBinary(t)}); err != nil {
		t.Fatal(err)
	}
	dirs := slurmShards(t, pl, dir, 5)
	// Shard 2 never ran; shard 3 was killed after its first run (a partial
	// second row); shard 5 stopped between runs; shard 4 has no manifest.
	os.RemoveAll(dirs[1])
	runs3 := filepath.Join(dirs[2], experiments.RunsFile)
	b, _ := os.ReadFile(runs3)
	lines := strings.SplitAfter(string(b), "\n")
	os.WriteFile(runs3, []byte(lines[0]+lines[1]+lines[2][:3]), 0o644)
	runs5 := filepath.Join(dirs[4], experiments.RunsFile)
	b, _ = os.ReadFile(runs5)
	os.WriteFile(runs5, []byte(strings.Join(strings.SplitAfter(string(b), "\n")[:3], "")), 0o644)
	os.Remove(filepath.Join(dirs[3], experiments.ManifestFile))
	given := []string{dirs[0], dirs[2], dirs[3], dirs[4]} // as the glob shards/* finds them
	script := filepath.Join(dir, SweepScript)
	cases := []struct {
		name string
		dirs []string
		want []string
	}{
		{"slurm layout", given, []string{
			"4 of 5 shards missing or unfinished:\n",
			"  shard 2/5: not among the directories given\n",
			"  shard 3/5: " + dirs[2] + ": runs.csv ends in a partial row (the task stopped while writing)\n",
			"  shard 4/5: " + dirs[3] + ": no manifest.json (the task has not started its sweep)\n",
			"  shard 5/5: " + dirs[4] + ": runs.csv holds 2 of its 3 runs\n",
			"rerun exactly those tasks (each resumes its shard), then merge again:\n  sbatch --array=2-5 " + script + "\n",
			"bash " + filepath.Join(dir, Submit) + " 2-5",
		}},
		{"one shard given", dirs[:1], []string{"  shard 2/5: not among", "  shard 5/5: not among", "sbatch --array=2-5 " + script}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := experiments.Merge(c.dirs, filepath.Join(root, "merged"))
			if !errors.Is(err, experiments.ErrIncomplete) {
				t.Fatalf("err = %v, want experiments.ErrIncomplete", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%s", w, err)
				}
			}
		})
	}
	// Without sweep.sbatch beside the shards, the message is generic.
	os.Rename(script, script+".away")
	err := experiments.Merge(given, filepath.Join(root, "merged"))
	for _, w := range []string{"cogov sweep EXPERIMENT --shard 2/5 --out DIR --resume", "--shard 3/5 --out " + dirs[2] + " --resume",
		"sbatch --array=2-5 DIR/sweep.sbatch"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("generic message lacks %q:\n%v", w, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "merged")); err == nil {
		t.Error("a refused merge wrote its directory")
	}
	// Rerunning the tasks resumes their shards; then the merge is whole.
	st := sweep(t, pl, dirs[4], experiments.SweepOptions{Workers: 1, Shard: experiments.Shard{Index: 5, Of: 5}, Resume: true})
	if st.Resumed != 2 || st.Ran != 1 {
		t.Errorf("shard 5 resumed %d and ran %d runs, want 2 and 1", st.Resumed, st.Ran)
	}
	slurmShards(t, pl, dir, 5)
	if err := experiments.Merge(dirs, dir); err != nil {
		t.Fatal(err)
	}
	sweeptest.SameFiles(t, whole, dir, sweepFiles...)
}

// TestSlurmScriptsRun runs the emitted scripts with bash, a stand-in cogov
// that records its arguments and a stand-in sbatch, in a directory whose
// name needs quoting.
func TestSlurmScriptsRun(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	pl := sweeptest.LoadPlan(t, "../testdata/grid.toml", design.Overrides{})
	root := t.TempDir()
	bin := filepath.Join(root, "bin", "cogov")
	os.MkdirAll(filepath.Dir(bin), 0o755)
	record := "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > \"$ARGS\"\n"
	os.WriteFile(bin, []byte(record), 0o755)
	sbatch := filepath.Join(root, "bin", "sbatch")
	os.WriteFile(sbatch, []byte("#!/bin/sh\necho \"$@\" >> \"$ARGS\"\necho \"4$#;cluster\"\n"), 0o755)
	dir := filepath.Join(root, `it's "$x" %d`)
	if _, err := Emit(pl, dir, Options{Shards: 3, CPUsPerTask: 2, Binary: bin}); err != nil {
		t.Fatal(err)
	}
	args := filepath.Join(root, "args")
	run := func(script string, env ...string) (string, string, error) {
		os.Remove(args)
		cmd := exec.Command("bash", append([]string{filepath.Join(dir, script)}, env...)...)
		cmd.Env = append(os.Environ(), "ARGS="+args, "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "SLURM_ARRAY_TASK_ID=2")
		out, err := cmd.CombinedOutput()
		b, _ := os.ReadFile(args)
		return string(b), string(out), err
	}
	lines := func(xs ...string) string { return strings.Join(xs, "\n") + "\n" }
	got, out, err := run(SweepScript)
	if want := lines("sweep", dir+"/experiment.toml", "--shard", "2/3", "--workers", "2", "--out", dir+"/shards/2", "--resume", "--no-plots"); err != nil || got != want {
		t.Errorf("task 2 ran cogov with\n%s(%v %s), want\n%s", got, err, out, want)
	}
	got, out, err = run(MergeScript)
	if want := lines("merge", dir+"/shards/*", "--out", dir); err != nil || got != want {
		t.Errorf("the merge ran cogov with\n%s(%v %s), want\n%s", got, err, out, want)
	}
	got, out, err = run(Submit, "2,3")
	want := "--parsable --array=2,3 " + dir + "/sweep.sbatch\n--parsable --dependency=afterok:43 --kill-on-invalid-dep=yes " + dir + "/merge.sbatch\n"
	if err != nil || got != want || !strings.Contains(out, "submitted job array 43 (tasks 2,3) and merge job 44") {
		t.Errorf("submit.sh ran sbatch with\n%s(%v %s), want\n%s", got, err, out, want)
	}
	if _, out, err := run(Submit, "2;rm"); err == nil || !strings.Contains(out, "want task indices") {
		t.Errorf("submit.sh took a bad array: %v %s", err, out)
	}
	os.WriteFile(bin, []byte(record+"# rebuilt\n"), 0o755)
	if _, out, err := run(SweepScript); err == nil || !strings.Contains(out, "is not the cogov binary that wrote this script") {
		t.Errorf("a task ran another binary: %v %s", err, out)
	}
}

func sweep(t testing.TB, pl *design.Plan, dir string, o experiments.SweepOptions) experiments.SweepStats {
	t.Helper()
	st, err := experiments.Sweep(context.Background(), pl, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// sweepFiles are the files every sweep directory holds.
var sweepFiles = []string{experiments.ExperimentFile, experiments.ManifestFile, experiments.PointsFile, experiments.RunsFile, experiments.YearlyFile}

// pointsText lists pl's columns, then its points one a line: label and
// the columns' values, as points.csv has them.
func pointsText(pl *design.Plan) string {
	b := strings.Join(pl.Columns, ",") + "\n"
	for _, p := range pl.Points {
		b += p.Label + "," + strings.Join(p.Values, ",") + "\n"
	}
	return b
}
