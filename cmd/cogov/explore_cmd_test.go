package main

import (
	"net"
	"strings"
	"testing"
)

func TestExploreCommandBadInput(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"reps", []string{"explore", "--reps", "1"}, "--replications: 1 is out of range (allowed 2-30)"},
		{"max runs", []string{"explore", "--max-runs", "0"}, "--max-runs: 0 is out of range (allowed 1-64)"},
		{"addr", []string{"explore", "--addr", "nonsense"}, "want HOST:PORT"},
		{"port in use", []string{"explore", "--addr", busy.Addr().String()}, busy.Addr().String()},
		{"scenario", []string{"explore", "--scenario", "nosuch"}, "nosuch"},
		{"argument", []string{"explore", "extra"}, `unknown command "extra"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr := cogov(t, 2, tc.args...)
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
		})
	}
}
