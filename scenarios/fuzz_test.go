package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzLoad feeds arbitrary text to the loader: it must never panic; a
// failure must be *Errors with at least one problem; a success must encode
// and load back to an equal Scenario. The seed corpus is the built-in
// library and the bad-scenario cases.
//
//	go test -fuzz=FuzzLoad -fuzztime=60s ./scenarios/
func FuzzLoad(f *testing.F) {
	for _, name := range Builtins() {
		src, _ := BuiltinSource(name)
		f.Add(src, "")
	}
	bad, _ := filepath.Glob("testdata/bad/*.toml")
	for _, path := range bad {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, "calendar.call_month=10")
	}
	f.Fuzz(func(t *testing.T, src []byte, set string) {
		var sets []string
		if set != "" {
			sets = []string{set}
		}
		s, err := LoadSource("fuzz.toml", src, "testdata/fuzz-nonexistent", sets)
		if err != nil {
			var errs *Errors
			if !errors.As(err, &errs) || len(errs.Problems) == 0 {
				t.Fatalf("error %T without problems: %v", err, err)
			}
			for _, p := range errs.Problems {
				if p.Msg == "" {
					t.Fatalf("empty message in %+v", p)
				}
			}
			return
		}
		b, err := Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		back, err := LoadSource("encoded.toml", b, "", nil)
		if err != nil {
			t.Fatalf("encoded scenario does not load: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(s, back) {
			t.Fatalf("round trip changed the scenario:\n%s", b)
		}
	})
}
