package sim

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// StreamID names the generator Stream seeds: its two words seed the very
// PCG that Stream returns, and distinct runs or seeds get distinct IDs.
func TestStreamID(t *testing.T) {
	if StreamID(7, 4) == StreamID(7, 5) || StreamID(7, 4) == StreamID(8, 4) {
		t.Error("distinct streams share an ID")
	}
	id := StreamID(7, 4)
	hiText, loText, ok := strings.Cut(id, "-")
	if !ok || len(hiText) != 16 || len(loText) != 16 {
		t.Fatalf("StreamID = %q, want 16 hex digits, '-', 16 hex digits", id)
	}
	hi, err1 := strconv.ParseUint(hiText, 16, 64)
	lo, err2 := strconv.ParseUint(loText, 16, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("StreamID = %q: %v %v", id, err1, err2)
	}
	a, b := Stream(7, 4), rand.New(rand.NewPCG(hi, lo))
	for range 10 {
		if a.Uint64() != b.Uint64() {
			t.Fatal("Stream does not draw from the generator its ID names")
		}
	}
}
