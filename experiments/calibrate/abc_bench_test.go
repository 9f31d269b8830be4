package calibrate

import (
	"context"
	"syscall"
	"testing"
	"time"

	"cogov/experiments/abc"
)

// BenchmarkABCSMC runs ABC-SMC on the built-in baseline calibration's ten
// parameters and three targets (2015-2018) with 24 particles, 3
// generations and 2 replications per particle, on 2 workers. It reports
// simulations (particles evaluated) per second, model runs per second and
// the CPU time per simulation.
//
//	go test -run XXX -bench ABCSMC -benchtime 1x ./experiments/calibrate/
func BenchmarkABCSMC(b *testing.B) {
	c, err := Load("baseline")
	if err != nil {
		b.Fatal(err)
	}
	c.ABC.Particles, c.ABC.Generations, c.ABC.Reps, c.ABC.MinAcceptance, c.ABC.Budget = 24, 3, 2, 0.01, 0
	sims := 0
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		st, err := abc.Run(context.Background(), c.ABCConfig(2), c.Simulator(), nil)
		if err != nil {
			b.Fatal(err)
		}
		sims += st.Simulations()
	}
	b.StopTimer()
	b.ReportMetric(float64(sims)/b.Elapsed().Seconds(), "sims/s")
	b.ReportMetric(float64(sims*c.ABC.Reps)/b.Elapsed().Seconds(), "runs/s")
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(sims), "cpu-ms/sim")
}

// cpuTime is the user and system time of this process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
