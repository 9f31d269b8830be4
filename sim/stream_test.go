package sim

import "testing"

// StreamID names the generator Stream seeds: equal IDs give equal draws.
func TestStreamID(t *testing.T) {
	if StreamID(7, 4) == StreamID(7, 5) || StreamID(7, 4) == StreamID(8, 4) {
		t.Error("distinct streams share an ID")
	}
	a, b := Stream(7, 4), Stream(7, 4)
	for range 10 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("Stream is not a function of its arguments")
		}
	}
	if got := StreamID(7, 4); len(got) != 33 || got[16] != '-' {
		t.Errorf("StreamID = %q, want 16 hex digits, '-', 16 hex digits", got)
	}
}
