package scenarios

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

//go:embed library/*.toml
var library embed.FS

// Builtins lists the names of the built-in scenarios.
func Builtins() []string {
	entries, _ := library.ReadDir("library")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(out)
	return out
}

// BuiltinSource returns the TOML text of a built-in scenario.
func BuiltinSource(name string) ([]byte, bool) {
	b, err := library.ReadFile("library/" + name + ".toml")
	return b, err == nil
}

// Load resolves ref, a built-in scenario name or a path to a TOML file,
// following extends, applies the --set overrides in order and validates the
// result.
func Load(ref string, sets []string) (*Scenario, error) {
	s, err := resolve(ref, "", nil)
	if err != nil {
		return nil, err
	}
	for _, kv := range sets {
		if err := applySet(s, kv); err != nil {
			return nil, err
		}
	}
	if err := Validate(s); err != nil {
		return nil, err
	}
	return s, nil
}

// resolve loads ref relative to dir, with chain holding the files being
// resolved (to report cycles).
func resolve(ref, dir string, chain []string) (*Scenario, error) {
	src, name, err := source(ref, dir)
	if err != nil {
		return nil, err
	}
	for _, c := range chain {
		if c == name {
			return nil, fmt.Errorf("%s: extends cycle: %s -> %s", name, strings.Join(chain, " -> "), name)
		}
	}
	chain = append(chain, name)
	var head struct {
		Extends string `toml:"extends"`
	}
	if _, err := toml.Decode(string(src), &head); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &Scenario{}
	if head.Extends != "" {
		parentDir := dir
		if !strings.HasPrefix(name, "builtin:") {
			parentDir = filepath.Dir(name)
		}
		if s, err = resolve(head.Extends, parentDir, chain); err != nil {
			return nil, err
		}
		s.Categories, s.Cities, s.AgencyTypes = clone(s.Categories), clone(s.Cities), clone(s.AgencyTypes)
	}
	md, err := toml.Decode(string(src), s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %s", name, und[0])
	}
	s.Extends = ""
	return s, nil
}

func clone[T any](xs []T) []T { return append([]T(nil), xs...) }

// source returns the text and display name of ref: a built-in name, or a
// file path relative to dir.
func source(ref, dir string) ([]byte, string, error) {
	if b, ok := BuiltinSource(ref); ok && !strings.HasSuffix(ref, ".toml") {
		return b, "builtin:" + ref, nil
	}
	path := ref
	if dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, path, fmt.Errorf("scenario %q: not a built-in (%s) and not a readable file: %w",
			ref, strings.Join(Builtins(), ", "), err)
	}
	return b, path, nil
}

// applySet applies one --set path=value override by decoding it as TOML.
func applySet(s *Scenario, kv string) error {
	path, value, ok := strings.Cut(kv, "=")
	if !ok || path == "" {
		return fmt.Errorf("--set %s: want path=value", kv)
	}
	keys := strings.Split(strings.TrimSpace(path), ".")
	var doc string
	if len(keys) > 1 {
		doc = "[" + strings.Join(keys[:len(keys)-1], ".") + "]\n"
	}
	v := strings.TrimSpace(value)
	if _, err := toml.Decode("x = "+v, &map[string]any{}); err != nil {
		v = fmt.Sprintf("%q", v)
	}
	doc += keys[len(keys)-1] + " = " + v + "\n"
	md, err := toml.Decode(doc, s)
	if err != nil {
		return fmt.Errorf("--set %s: %w", kv, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("--set %s: unknown key %s", kv, und[0])
	}
	return nil
}
