package sim

import (
	"fmt"
	"math/rand/v2"

	"cogov/internal/splitmix"
)

// Stream returns the random stream of run number run under master seed
// master: a PCG generator whose two state words are SplitMix64 mixes of the
// seed and the run index. Every run has its own stream, so results never
// depend on how runs are ordered or spread over workers.
func Stream(master, run uint64) *rand.Rand {
	hi, lo := streamWords(master, run)
	return rand.New(rand.NewPCG(hi, lo))
}

// StreamID names the random stream of run number run under master seed
// master: its two PCG seed words in hexadecimal, hi-lo. Two runs share a
// stream exactly when their IDs are equal.
func StreamID(master, run uint64) string {
	hi, lo := streamWords(master, run)
	return fmt.Sprintf("%016x-%016x", hi, lo)
}

func streamWords(master, run uint64) (hi, lo uint64) {
	hi = splitmix64(master)
	return hi, splitmix64(hi ^ splitmix64(run+0x632be59bd9b4e019))
}

// splitmix64 is SplitMix64's output for state x: the finaliser of x +
// Golden.
func splitmix64(x uint64) uint64 {
	_, out := splitmix.Next(x)
	return out
}
