// Package explore serves cogov's explorer: a local web page with every
// parameter of the catalogue as an input. Changing one reruns a few
// replications of the changed scenario and redraws the key figures
// against the starting scenario, with 95 % CI bands, drawn by the same
// plots code as the PNG figures. Invalid values get the messages of the
// command line; the changes download as a scenario file that extends the
// starting one with only the differences.
//
// The server bounds the number of concurrent run batches, stops a
// request's runs when the request is cancelled or times out, and answers
// bad requests with a 4xx status and a message.
package explore

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"cogov/experiments"
	"cogov/plots"
	"cogov/scenarios"
	"cogov/sim"
)

// Limits on requests.
const (
	maxBody = 64 << 10 // bytes of a request body
	maxSets = 400      // changed parameters in one request
	// MaxReps is the most replications a server runs per scenario.
	MaxReps = 30
)

// Config sets up a Server.
type Config struct {
	// Ref is the starting scenario: a built-in name or a file path.
	Ref string
	// Reps is the replications run of each scenario per change, 2 to
	// MaxReps; default 4.
	Reps int
	// MaxConcurrent bounds the run batches (one per request) running at
	// once; default 2. Requests beyond it wait, and give up when
	// cancelled.
	MaxConcurrent int
	// Workers is the goroutines of one batch; default GOMAXPROCS.
	Workers int
	// Timeout bounds one request's runs; default 2 minutes.
	Timeout time.Duration
	// Figures are the options of the page's figure (metrics' units and
	// descriptions, label colours), as the command line draws its
	// figures; the table's units are those of Figures.Metrics. Labels,
	// Format and Title are the explorer's own.
	Figures plots.Options
}

// Server is the explorer's HTTP handler.
type Server struct {
	cfg    Config
	ref    string // what downloaded files extend
	start  *scenarios.Scenario
	sem    chan struct{}
	mux    *http.ServeMux
	active atomic.Int64

	once     sync.Once
	startRes []*sim.Result
	startErr error
}

// New loads the starting scenario and returns the explorer's handler. A
// starting scenario that does not load is the error of scenarios.Load.
func New(cfg Config) (*Server, error) {
	if cfg.Reps == 0 {
		cfg.Reps = 4
	}
	if cfg.Reps < 2 || cfg.Reps > MaxReps {
		return nil, fmt.Errorf("replications %d: allowed 2-%d", cfg.Reps, MaxReps)
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 2
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	start, err := scenarios.Load(cfg.Ref, nil)
	if err != nil {
		return nil, err
	}
	ref := cfg.Ref
	if _, builtin := scenarios.BuiltinSource(ref); !builtin {
		if ref, err = filepath.Abs(ref); err != nil {
			return nil, err
		}
	}
	s := &Server{cfg: cfg, ref: ref, start: start, sem: make(chan struct{}, cfg.MaxConcurrent), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.page)
	s.mux.HandleFunc("GET /api/params", s.params)
	s.mux.HandleFunc("POST /api/run", s.run)
	s.mux.HandleFunc("POST /api/scenario", s.download)
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// Active returns the number of run batches running now.
func (s *Server) Active() int { return int(s.active.Load()) }

//go:embed page.html
var pageHTML []byte

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:")
	w.Write(pageHTML)
}

// request is the body of /api/run and /api/scenario: parameter paths and
// their new values as --set takes them, and for a download the new
// scenario's name.
type request struct {
	Sets map[string]string `json:"sets"`
	Name string            `json:"name"`
}

// problem is a validation message for the page: the parameter it is
// about and the message as the command line prints it.
type problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// httpError is a JSON error answer.
func httpError(w http.ResponseWriter, code int, msg string, probs []problem) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"error": msg, "problems": probs})
}

// decode reads a request body and loads the changed scenario; on a bad
// request it answers and returns nil.
func (s *Server) decode(w http.ResponseWriter, r *http.Request) (*scenarios.Scenario, []scenarios.Change) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		httpError(w, http.StatusUnsupportedMediaType, "want Content-Type: application/json", nil)
		return nil, nil
	}
	var req request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		code := http.StatusBadRequest
		if errors.As(err, new(*http.MaxBytesError)) {
			code = http.StatusRequestEntityTooLarge
		}
		httpError(w, code, "bad request body: "+err.Error(), nil)
		return nil, nil
	}
	if len(req.Sets) > maxSets {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("%d changed parameters (allowed up to %d)", len(req.Sets), maxSets), nil)
		return nil, nil
	}
	sets := setList(req.Sets)
	if req.Name != "" {
		sets = append(sets, "name="+scenarioString(req.Name))
	}
	changed, err := scenarios.Load(s.cfg.Ref, sets)
	if err != nil {
		var perr *scenarios.Errors
		if !errors.As(err, &perr) {
			httpError(w, http.StatusInternalServerError, err.Error(), nil)
			return nil, nil
		}
		var probs []problem
		for _, p := range perr.Problems {
			probs = append(probs, problem{Path: p.Key, Message: p.String()})
		}
		httpError(w, http.StatusUnprocessableEntity, "invalid parameter values", probs)
		return nil, nil
	}
	return changed, scenarios.Diff(s.start, changed)
}

// setList turns the request's map into --set overrides in a fixed order.
func setList(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, p := range slices.Sorted(maps.Keys(m)) {
		out = append(out, p+"="+m[p])
	}
	return out
}

// scenarioString quotes a name as a TOML string for --set.
func scenarioString(name string) string {
	b, _ := json.Marshal(name) // a JSON string is a TOML basic string
	return string(b)
}

// runBatch runs the replications of scen under its master seed (the
// start's, unless the page changed seed: common random numbers), within
// the server's bound on concurrent batches and the request's context.
func (s *Server) runBatch(ctx context.Context, scen *scenarios.Scenario) ([]*sim.Result, error) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.sem }()
	s.active.Add(1)
	defer s.active.Add(-1)
	return experiments.Replicate(ctx, scen, scen.Seed, s.cfg.Reps, scen.Years, s.cfg.Workers)
}

// startResults runs the starting scenario once, for every request.
func (s *Server) startResults(ctx context.Context) ([]*sim.Result, error) {
	s.once.Do(func() {
		s.startRes, s.startErr = s.runBatch(context.WithoutCancel(ctx), s.start)
	})
	return s.startRes, s.startErr
}

func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	changed, changes := s.decode(w, r)
	if changed == nil {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	base, err := s.startResults(ctx)
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	res, err := s.runBatch(ctx, changed)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		httpError(w, http.StatusServiceUnavailable, "the runs took longer than "+s.cfg.Timeout.String()+" and were stopped", nil)
		return
	case errors.Is(err, context.Canceled):
		return // the client has gone
	case err != nil:
		httpError(w, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	out, err := s.answer(base, res, changes)
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error(), nil)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	changed, _ := s.decode(w, r)
	if changed == nil {
		return
	}
	file := scenarios.ExtendsFile(s.ref, s.start, changed,
		fmt.Sprintf("%s: made in cogov explore (cogov %s) from %s; only the changed parameters are written.",
			changed.Name, sim.Version, s.cfg.Ref))
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fileName(changed.Name)+".toml"))
	w.Write(file)
}

// fileName makes a download file name of a scenario name.
func fileName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '/' || r == '\\' || r == '"' || r < ' ':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "scenario"
	}
	return b.String()
}
