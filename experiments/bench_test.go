package experiments

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"cogov/experiments/design"
	"cogov/internal/sweeptest"
)

// BenchmarkSweepThroughput measures sweep throughput on the default
// scenario for 15 years with 1 and 2 workers; b.N is the number of runs.
// Parallel efficiency is (runs/s with 2 workers) / (2 x runs/s with 1);
// cpu-ms/run (user and system time of the process) shows the cost of
// running in parallel apart from other load on the machine.
//
//	go test -run XXX -bench SweepThroughput -benchtime 40x ./experiments/
func BenchmarkSweepThroughput(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			pl := sweeptest.LoadPlan(b, "testdata/throughput.toml", design.Overrides{Replications: b.N})
			dir := filepath.Join(b.TempDir(), "sweep")
			cpu0 := cpuTime()
			b.ResetTimer()
			st, err := Sweep(context.Background(), pl, dir, SweepOptions{Workers: w})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.ReportMetric(float64(st.Ran)/b.Elapsed().Seconds(), "runs/s")
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(st.Ran), "cpu-ms/run")
		})
	}
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakHeap runs a sweep of the grid experiment's tiny scenario with the
// given number of one-year runs and returns, in MiB, the largest heap seen
// (runtime.MemStats.HeapAlloc, live data and garbage, sampled every 250
// runs) and the largest live heap (HeapAlloc right after a forced garbage
// collection, every 1,000 runs and at the end).
func peakHeap(tb testing.TB, runs int) (heap, live float64) {
	pl := sweeptest.LoadPlan(tb, "testdata/grid.toml", design.Overrides{Years: 1, Replications: runs / 6})
	var peak, peakLive uint64
	var ms runtime.MemStats
	o := SweepOptions{Workers: 2, Progress: func(done, total int) {
		if done%250 == 0 || done == total {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		if done%1000 == 0 || done == total {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peakLive = max(peakLive, ms.HeapAlloc)
		}
	}}
	if _, err := Sweep(context.Background(), pl, filepath.Join(tb.TempDir(), "sweep"), o); err != nil {
		tb.Fatal(err)
	}
	return float64(peak) / (1 << 20), float64(peakLive) / (1 << 20)
}

// BenchmarkSweepMemory reports the peak heap and peak live heap of sweeps
// of 2,000 and 20,000 one-year runs of a tiny scenario: neither grows with
// the number of runs.
//
//	go test -run XXX -bench SweepMemory -benchtime 1x ./experiments/
func BenchmarkSweepMemory(b *testing.B) {
	for _, runs := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("runs=%d", runs), func(b *testing.B) {
			var peak, live float64
			for range b.N {
				h, l := peakHeap(b, runs)
				peak, live = max(peak, h), max(live, l)
			}
			b.ReportMetric(peak, "peak-heap-MiB")
			b.ReportMetric(live, "peak-live-MiB")
			b.ReportMetric(float64(b.N*runs)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}

// TestSweepMemoryFlat checks that four times more runs do not need more
// memory than the bounds of the reorder buffer (4 runs per worker) and of
// the pending rows (committed every MiB or second, so at most about 2 MiB
// of buffer capacity each for runs.csv and yearly.csv).
func TestSweepMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 5,000 short runs")
	}
	_, small := peakHeap(t, 1000)
	_, large := peakHeap(t, 4000)
	t.Logf("peak live heap: %.2f MiB for 1,000 runs, %.2f MiB for 4,000 runs", small, large)
	if large > small+4 {
		t.Errorf("peak live heap grew from %.2f to %.2f MiB", small, large)
	}
}
