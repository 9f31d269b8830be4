// Package splitmix is Steele, Lea and Flood's SplitMix64 (OOPSLA 2014):
// the seed mixer of the run streams (package sim) and the generator of the
// residents' monthly draws (package agents).
package splitmix

// Golden is SplitMix64's increment, the odd integer nearest 2^64/φ.
const Golden = 0x9e3779b97f4a7c15

// Next advances the state x by Golden and returns the new state and its
// 64-bit output, the finaliser of the new state.
func Next(x uint64) (state, out uint64) {
	x += Golden
	return x, Mix(x)
}

// Mix is SplitMix64's finaliser (variant 13 of Stafford's mixers).
func Mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
