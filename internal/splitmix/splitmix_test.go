package splitmix

import "testing"

// The first outputs of SplitMix64 from state 0 are the reference values
// of the algorithm's published implementation (splitmix64.c by Vigna).
func TestNextReference(t *testing.T) {
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}
	x := uint64(0)
	for i, w := range want {
		var out uint64
		x, out = Next(x)
		if out != w {
			t.Errorf("output %d = %#x, want %#x", i, out, w)
		}
	}
}
