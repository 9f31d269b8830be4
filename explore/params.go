package explore

import (
	"encoding/json"
	"math"
	"net/http"
	"strings"

	"cogov/scenarios"
)

// input is one parameter of the page: its concrete path, the kind of
// input that edits it, its starting value and its catalogue entry.
type input struct {
	Path    string `json:"path"`
	Element string `json:"element,omitempty"`
	// Control is "slider" (a bounded number), "number", "switch" (a
	// boolean), "select" (a string with options) or "text" (other strings
	// and arrays, as TOML).
	Control string   `json:"control"`
	Integer bool     `json:"integer,omitempty"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
	Step    float64  `json:"step,omitempty"`
	Options []string `json:"options,omitempty"`
	Value   string   `json:"value"`
	Unit    string   `json:"unit"`
	Allowed string   `json:"allowed"`
	Meaning string   `json:"meaning"`
	Source  string   `json:"source"`
}

// group is the parameters of one TOML table, as cogov params --markdown
// groups them.
type group struct {
	Table  string  `json:"table"`
	Inputs []input `json:"inputs"`
}

// inputs lists the starting scenario's parameters grouped by table.
func (s *Server) inputs() []group {
	var out []group
	for _, st := range scenarios.Settings(s.start) {
		p := st.Param
		in := input{Path: st.Path, Element: st.Element, Value: st.Value, Unit: p.Unit,
			Allowed: p.Allowed, Meaning: p.Meaning, Source: p.Source}
		switch {
		case p.Kind == scenarios.KindBool:
			in.Control = "switch"
		case p.Kind == scenarios.KindString && len(p.Options) > 0:
			in.Control, in.Options = "select", p.Options
			in.Value = strings.Trim(in.Value, `"`)
		case p.Kind == scenarios.KindString:
			in.Control, in.Value = "text", strings.Trim(in.Value, `"`)
		case p.Kind == scenarios.KindInt || p.Kind == scenarios.KindFloat:
			in.Control, in.Integer = "number", p.Kind == scenarios.KindInt
			lo, hi := p.Min, p.Max
			if !math.IsInf(lo, 0) {
				in.Min = &lo
			}
			if !math.IsInf(hi, 0) {
				in.Max = &hi
			}
			in.Step = 1
			if in.Min != nil && in.Max != nil && hi-lo <= 1000 {
				in.Control = "slider"
				if !in.Integer {
					in.Step = (hi - lo) / 100
				}
			} else if !in.Integer {
				in.Step = 0
			}
		default: // arrays
			in.Control = "text"
		}
		table := scenarios.Section(p.Path)
		if len(out) == 0 || out[len(out)-1].Table != table {
			out = append(out, group{Table: table})
		}
		out[len(out)-1].Inputs = append(out[len(out)-1].Inputs, in)
	}
	return out
}

func (s *Server) params(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"start": s.start.Name, "description": s.start.Description, "ref": s.cfg.Ref,
		"reps": s.cfg.Reps, "seed": s.start.Seed, "groups": s.inputs(),
	})
}
