package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"

	"cogov/internal/fsutil"
)

//go:embed library/*.toml
var library embed.FS

// maxExtends bounds the depth of an extends chain.
const maxExtends = 32

// Builtins lists the names of the built-in scenarios.
func Builtins() []string {
	return fsutil.TOMLNames(library, "library")
}

// BuiltinSource returns the TOML text of a built-in scenario.
func BuiltinSource(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasSuffix(name, ".toml") {
		return nil, false
	}
	b, err := library.ReadFile("library/" + name + ".toml")
	return b, err == nil
}

// Load resolves ref, a built-in scenario name or a path to a TOML file,
// following extends, applies the --set overrides (path=value) in order and
// validates the result. Every problem found is returned at once, as
// *Errors, each naming the file, line and key that caused it.
func Load(ref string, sets []string) (*Scenario, error) {
	s, _, err := LoadWarn(ref, sets)
	return s, err
}

// LoadSource is Load for TOML text in memory: name labels problems and dir
// resolves a relative extends.
func LoadSource(name string, src []byte, dir string, sets []string) (*Scenario, error) {
	l := newLoader()
	s, err := l.finish(l.file(name, src, dir, []link{{"source:" + name, name}}), sets)
	if err != nil {
		return nil, blameSets(err, sets, func() error { _, err := LoadSource(name, src, dir, nil); return err })
	}
	return s, nil
}

// loader resolves one scenario: its extends chain, overrides and checks.
type loader struct {
	fc     fieldCache
	ps     problems
	prov   provenance
	params map[string]ParamInfo
	fatal  bool // a file could not be read or parsed: values are incomplete
}

func newLoader() *loader {
	return &loader{fc: fieldCache{}, prov: newProvenance(), params: paramIndex()}
}

func (l *loader) finish(s *Scenario, sets []string) (*Scenario, error) {
	if s != nil && !l.fatal {
		for i, kv := range sets {
			l.applySet(s, i, kv)
		}
		l.check(s)
	}
	if err := l.ps.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// blameSets puts the problems that err (from loading with the overrides
// sets) finds at a file's key on the overrides when the scenario is valid
// without them (alone returns nil): the user may not have the file (a
// built-in), and the override is what to change.
func blameSets(err error, sets []string, alone func() error) error {
	var errs *Errors
	if len(sets) == 0 || !errors.As(err, &errs) || alone() != nil {
		return err
	}
	given := "--set " + strings.Join(sets, " --set ")
	var files, over []Problem
	for _, p := range errs.Problems {
		if p.File == SetOrigin {
			over = append(over, p)
			continue
		}
		p.Msg += fmt.Sprintf(" [the value comes from %s, valid before the overrides; it conflicts with %s]", p.place(), given)
		p.File, p.Line = SetOrigin, 0
		files = append(files, p)
	}
	return &Errors{Problems: append(over, files...)}
}

// check validates s, attributing each problem to the file and line that set
// the key, and skipping keys that hold no valid value.
func (l *loader) check(s *Scenario) {
	c := &checker{s: s, fc: l.fc, params: l.params, prov: l.prov, ps: &l.ps}
	c.run()
}

// resolve reads ref (relative to dir) and resolves it; from is the extends
// key that named it, if any.
func (l *loader) resolve(ref, dir string, chain []link, from origin) *Scenario {
	src, name, id, childDir, err := source(ref, dir, len(chain) > 0 && strings.HasPrefix(chain[len(chain)-1].id, "builtin:"))
	if err != nil {
		if from.file == "" {
			l.ps.add(ref, 0, "", "%s", err)
		} else {
			l.ps.add(from.file, from.line, "extends", "%s", err)
		}
		l.fatal = true
		return nil
	}
	for i, c := range chain {
		if c.id == id {
			var names []string
			for _, c := range chain[i:] {
				names = append(names, c.name)
			}
			names = append(names, name)
			l.ps.add(from.file, from.line, "extends", "cycle: %s (a scenario cannot extend itself)", strings.Join(names, " -> "))
			l.fatal = true
			return nil
		}
	}
	if len(chain) >= maxExtends {
		l.ps.add(from.file, from.line, "extends", "chain deeper than %d files (allowed up to %d)", len(chain), maxExtends)
		l.fatal = true
		return nil
	}
	return l.file(name, src, childDir, append(chain, link{id, name}))
}

// link is one file of an extends chain: its identity (absolute path or
// builtin:NAME) and the name problems use.
type link struct{ id, name string }

// file parses one scenario file, resolves its parent and applies the file
// onto it.
func (l *loader) file(name string, src []byte, dir string, chain []link) *Scenario {
	l.ps.seen(name)
	if line, msg := CheckShape(src); msg != "" {
		l.ps.add(name, line, "", "%s", msg)
		l.fatal = true
		return nil
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l.ps.add(name, errorLine(string(src), pe.Position), "", "syntax error: %s", pe.Message)
		} else {
			l.ps.add(name, 0, "", "syntax error: %v", err)
		}
		l.fatal = true
		return nil
	}
	d := &decoder{fc: l.fc, file: name, lines: indexLines(string(src)), ps: &l.ps, prov: l.prov, params: l.params}
	s := &Scenario{}
	required := true
	if ext, ok := raw["extends"]; ok {
		delete(raw, "extends")
		ref, isString := ext.(string)
		switch {
		case !isString:
			d.typeError("extends", ext, "a string: a built-in name or a .toml path")
			l.fatal = true
		case ref != "":
			required = false
			if parent := l.resolve(ref, dir, chain, d.at("extends")); parent != nil {
				s = parent
			}
		}
	}
	// With a failed parent, the file is still checked for unknown keys and
	// types, onto an empty scenario.
	d.table(raw, reflect.ValueOf(s).Elem(), "", required && !l.fatal)
	s.Extends = ""
	return s
}

// source finds ref: a built-in name, or a file path relative to dir. It
// returns the text, the name problems use, an identity for cycle checks,
// and the directory that the file's own extends is relative to. A built-in
// may only extend built-ins.
func source(ref, dir string, inBuiltin bool) (src []byte, name, id, childDir string, err error) {
	if b, ok := BuiltinSource(ref); ok {
		return b, "library/" + ref + ".toml", "builtin:" + ref, "", nil
	}
	if inBuiltin {
		return nil, "", "", "", errors.New(quote(ref) + " is not a built-in scenario (built-ins extend only built-ins: " + strings.Join(Builtins(), ", ") + ")")
	}
	path := ref
	if dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	b, rerr := readScenarioFile(path)
	if rerr != nil {
		msg := "cannot read " + path + ": " + rerr.Error()
		if errors.Is(rerr, os.ErrNotExist) {
			msg = "no such file " + path
		}
		hint := ""
		if s := Suggest(ref, Builtins()); s != "" {
			hint = "did you mean " + quote(s) + "? "
		}
		return nil, "", "", "", errors.New(quote(ref) + ": " + msg + " (" + hint + "want a built-in name: " + strings.Join(Builtins(), ", ") + "; or a .toml file)")
	}
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		abs = path
	}
	return b, path, abs, filepath.Dir(path), nil
}

// readScenarioFile reads a scenario file by the rule of every input file
// (fsutil.ReadInput).
func readScenarioFile(path string) ([]byte, error) {
	return fsutil.ReadInput(path, fsutil.MaxInputFile)
}

// errorLine is the line of a parse error's first byte. (The parser counts
// an offending newline as the start of the next line.)
func errorLine(src string, p toml.Position) int {
	if p.Start >= 0 && p.Start <= len(src) {
		return 1 + strings.Count(src[:p.Start], "\n")
	}
	return p.Line
}

func quote(s string) string { return tomlString(s) }
