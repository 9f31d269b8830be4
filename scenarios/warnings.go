package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// LoadWarn is Load that also returns warnings: settings that are valid but
// change nothing, such as a mechanism's intensity set in a user's file or
// by --set while the mechanism is not enabled. Each reads
// FILE:LINE: key: warning: ... (what to do).
func LoadWarn(ref string, sets []string) (*Scenario, []string, error) {
	l := newLoader()
	s, err := l.finish(l.resolve(ref, "", nil, origin{}), sets)
	if err != nil {
		return nil, nil, blameSets(err, sets, func() error { _, err := Load(ref, nil); return err })
	}
	return s, l.warnings(s), nil
}

// screenKeys are the risk mechanism's settings of the bid-rigging
// screen, which runs and is measured under selective bidding whether or
// not the mechanism is on.
var screenKeys = map[string]bool{
	"mechanisms.risk.network_window": true, "mechanisms.risk.link_alpha": true,
	"mechanisms.risk.cohesion_threshold": true, "mechanisms.risk.exclusivity_threshold": true,
}

// warnings lists the mechanism settings given outside the built-in
// library for mechanisms left disabled (the screen's settings only when
// bidding is not selective, since the screen runs only then).
func (l *loader) warnings(s *Scenario) []string {
	enabled := map[string]bool{
		"dynamics": s.Mechanisms.Dynamics.Enabled, "risk": s.Mechanisms.Risk.Enabled,
		"supervision": s.Mechanisms.Supervision.Enabled, "evaluation": s.Mechanisms.Evaluation.Enabled,
	}
	var out []string
	for path, o := range l.prov.set {
		parts := strings.SplitN(path, ".", 3)
		if len(parts) < 3 || parts[0] != "mechanisms" || parts[2] == "enabled" || strings.HasPrefix(o.file, "library/") {
			continue
		}
		on, known := enabled[parts[1]]
		if !known || on || (screenKeys[path] && s.Agencies.BidsPerSlot > 0) {
			continue
		}
		msg := fmt.Sprintf("warning: set, but mechanisms.%s.enabled is false, so it changes nothing (add enabled = true to the [mechanisms.%s] table, or --set mechanisms.%s.enabled=true)",
			parts[1], parts[1], parts[1])
		out = append(out, Problem{File: o.file, Line: o.line, Key: path, Msg: msg}.String())
	}
	sort.Strings(out)
	return out
}
