package tomltable

import "fmt"

// maxNameLen bounds an experiment's or calibration's name.
const maxNameLen = 64

// nameRule says in words what a name may be.
const nameRule = "1-64 letters, digits, '.', '_' or '-', not starting with '.'"

// checkName reports why name is not a safe single path element, or ""
// when it is. Names become directory and file names (out/NAME,
// NAME.shard-I-of-N, Slurm job names), so nothing in one may lead outside
// the output folder: no separator, no "..", no control character.
func checkName(name string) string {
	if name == "" || len(name) > maxNameLen {
		return fmt.Sprintf("%d characters", len(name))
	}
	if name[0] == '.' {
		return "starts with '.'"
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return fmt.Sprintf("contains %q", c)
		}
	}
	return ""
}

// Name returns the required name at k, checked to be one safe path
// element (see checkName).
func (t Table) Name(k string) string {
	s := t.Str(k, true)
	if s == "" {
		return ""
	}
	if why := checkName(s); why != "" {
		t.P.Add(t.Key(k), "%q %s (allowed: %s)", s, why, nameRule)
		return ""
	}
	return s
}
