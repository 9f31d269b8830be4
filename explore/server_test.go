package explore

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cogov/experiments"
	"cogov/plots"
	"cogov/scenarios"
	"cogov/sim"
)

// tinyScenario writes a small scenario (two small cities, 3 years) that
// extends the baseline, so that runs take milliseconds.
func tinyScenario(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tiny.toml")
	src := `extends = "baseline"
name = "tiny"
years = 3

[community]
agents_per_community = 10

[[cities]]
name = "B city"
communities = 6
agencies = [4, 3, 2]

[[cities]]
name = "other city"
count = 1
communities = 3
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func newTestServer(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Ref == "" {
		cfg.Ref = tinyScenario(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func post(t *testing.T, ctx context.Context, url, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestRunAndProblems(t *testing.T) {
	_, ts := newTestServer(t, Config{Reps: 2,
		Figures: plots.Options{Metrics: map[string]plots.MetricInfo{"dependence_index": {Unit: "index"}}}})
	for _, tc := range []struct {
		name, body string
		code       int
		want       []string
	}{
		{"start", `{"sets":{}}`, 200, []string{`"svg":"\u003csvg`, `"metric":"dependence_index","unit":"index"`}},
		{"change", `{"sets":{"mechanisms.risk.enabled":"true"}}`, 200,
			[]string{`"path":"mechanisms.risk.enabled","from":"false","to":"true"`}},
		{"out of range", `{"sets":{"calendar.festival_capacity":"1.5"}}`, 422,
			[]string{`"path":"calendar.festival_capacity"`, `--set: calendar.festival_capacity: 1.5 is out of range (allowed 0-1)`}},
		{"unknown key", `{"sets":{"calendar.nosuch":"1"}}`, 422, []string{`nosuch`}},
		{"bad json", `{"sets":`, 400, []string{"bad request body"}},
		{"unknown field", `{"sets":{},"x":1}`, 400, []string{"unknown field"}},
		{"wrong type", `{"sets":{"years":3}}`, 400, []string{"bad request body"}},
		{"too large", `{"sets":{"name":"` + strings.Repeat("x", maxBody) + `"}}`, 413, []string{"too large"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := post(t, context.Background(), ts.URL+"/api/run", tc.body)
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.code, b)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("answer lacks %s:\n%.300s", w, b)
				}
			}
		})
	}
	for _, tc := range []struct {
		method, path, ctype string
		code                int
	}{
		{"GET", "/api/run", "", 405},
		{"POST", "/api/run", "text/plain", 415},
		{"GET", "/nosuch", "", 404},
		{"GET", "/", "", 200},
		{"GET", "/api/params", "", 200},
	} {
		req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader("{}"))
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, resp.StatusCode, tc.code)
		}
	}
}

// TestParamsCoverCatalogue checks that every parameter of the catalogue
// is an input (in each element of an array of tables), but for those the
// page does not edit: the scenario's name, description and extends, and
// the element names arrays are matched by; and that inputs are of the
// right kind.
func TestParamsCoverCatalogue(t *testing.T) {
	s, _ := newTestServer(t, Config{Ref: "baseline"})
	index := regexp.MustCompile(`\[[0-9]+\]`)
	kinds := map[string]string{}
	catalogued := map[string]bool{} // catalogue paths: "cities[].communities"
	for _, g := range s.inputs() {
		for _, in := range g.Inputs {
			kinds[in.Path] = in.Control
			catalogued[index.ReplaceAllString(in.Path, "[]")] = true
		}
	}
	for _, p := range scenarios.Catalogue() {
		switch {
		case p.Path == "name", p.Path == "description", p.Path == "extends", strings.HasSuffix(p.Path, "[].name"):
			if catalogued[p.Path] {
				t.Errorf("%s is an input", p.Path)
			}
		case !catalogued[p.Path]:
			t.Errorf("catalogue parameter %s is no input", p.Path)
		}
		delete(catalogued, p.Path)
	}
	for path := range catalogued {
		t.Errorf("input %s is not in the catalogue", path)
	}
	for path, control := range map[string]string{
		"mechanisms.risk.enabled":           "switch",
		"calendar.festival_capacity":        "slider",
		"government.budget_10k_yuan":        "number",
		"government.pilot_budget_shares":    "text",
		"categories[0].allocation":          "select",
		"cities[0].communities":             "number",
		"calendar.implementation_end_month": "slider",
	} {
		if kinds[path] != control {
			t.Errorf("%s is a %q input, want %q", path, kinds[path], control)
		}
	}
}

// TestDownloadReproduces checks that the downloaded file extends the
// start, holds only the differences and loads to the scenario the page
// ran.
func TestDownloadReproduces(t *testing.T) {
	ref := tinyScenario(t)
	_, ts := newTestServer(t, Config{Ref: ref, Reps: 2})
	sets := `{"mechanisms.risk.enabled":"true","calendar.festival_capacity":"0.45","cities[1].communities":"4"}`
	resp, file := post(t, context.Background(), ts.URL+"/api/scenario", `{"sets":`+sets+`,"name":"mine"}`)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="mine.toml"`) {
		t.Fatalf("status %d, %v: %s", resp.StatusCode, resp.Header, file)
	}
	path := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(path, file, 0o644)
	got, err := scenarios.Load(path, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, file)
	}
	var m map[string]string
	json.Unmarshal([]byte(sets), &m)
	want, err := scenarios.Load(ref, append(setList(m), `name="mine"`))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := scenarios.Encode(got)
	b, _ := scenarios.Encode(want)
	if string(a) != string(b) {
		t.Errorf("the downloaded file does not reproduce the changes:\n%s", file)
	}
	abs, _ := filepath.Abs(ref)
	if !strings.Contains(string(file), `extends = "`+abs+`"`) || strings.Count(string(file), " = ") > 8 {
		t.Errorf("file does not extend the start with only the differences:\n%s", file)
	}
	// Invalid values download nothing.
	resp, b2 := post(t, context.Background(), ts.URL+"/api/scenario", `{"sets":{"years":"0"}}`)
	if resp.StatusCode != 422 || !strings.Contains(string(b2), "years") {
		t.Errorf("invalid download: status %d: %s", resp.StatusCode, b2)
	}
}

// TestCancelStopsRuns checks that a request whose client goes away stops
// its runs and frees its slot, and that the bound holds other requests.
func TestCancelStopsRuns(t *testing.T) {
	s, ts := newTestServer(t, Config{Ref: "baseline", Reps: 10, MaxConcurrent: 1, Workers: 1})
	if _, err := s.startResults(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/run", strings.NewReader(`{"sets":{"years":"200"}}`))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			t.Errorf("a cancelled 200-year request answered %d", resp.StatusCode)
		}
	}()
	waitFor(t, func() bool { return s.Active() == 1 })
	// The bound: a second request waits while the first runs, and gives
	// up when its own context ends.
	wctx, wcancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	req, _ := http.NewRequestWithContext(wctx, "POST", ts.URL+"/api/run", strings.NewReader(`{"sets":{}}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Errorf("a request beyond the bound answered %d while the slot was taken", resp.StatusCode)
	}
	wcancel()
	cancel()
	<-done
	waitFor(t, func() bool { return s.Active() == 0 })
}

// waitFor polls cond until it holds, failing after a long grace period.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 3000; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition never held")
}

// TestTimeoutStopsRuns checks that runs longer than the timeout are
// stopped and answered 503.
func TestTimeoutStopsRuns(t *testing.T) {
	s, ts := newTestServer(t, Config{Ref: "baseline", Reps: 10, Workers: 1, Timeout: time.Millisecond})
	s.once.Do(func() {}) // no start runs: the changed runs alone meet the timeout
	s.startRes = []*sim.Result{}
	resp, b := post(t, context.Background(), ts.URL+"/api/run", `{"sets":{"years":"200"}}`)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "were stopped") {
		t.Errorf("status %d: %s", resp.StatusCode, b)
	}
	waitFor(t, func() bool { return s.Active() == 0 })
}

// TestDownloadReproducesPage checks that cogov compare of the start and
// the downloaded file, with the page's replications and seed, gives the
// numbers the page showed.
func TestDownloadReproducesPage(t *testing.T) {
	ref := tinyScenario(t)
	_, ts := newTestServer(t, Config{Ref: ref, Reps: 3})
	sets := `{"sets":{"mechanisms.supervision.enabled":"true","supervision.audit_probability":"0.4"}}`
	resp, b := post(t, context.Background(), ts.URL+"/api/run", sets)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	var page answer
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	_, file := post(t, context.Background(), ts.URL+"/api/scenario", sets)
	path := filepath.Join(t.TempDir(), "changed.toml")
	os.WriteFile(path, file, 0o644)
	start, err := scenarios.Load(ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := scenarios.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := experiments.Compare(context.Background(), []*scenarios.Scenario{start, changed}, page.Seed, page.Reps, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	j := sim.DependenceIndex
	final := len(c.Results[1][0].Years) - 1
	want, wantDiff := ci(c.Summary(1, final, j)), ci(c.Diff(1, j))
	found := false
	for _, r := range page.Rows {
		if r.Metric != "dependence_index" {
			continue
		}
		found = true
		if r.Changed != want {
			t.Errorf("page showed %s, compare of the downloaded file gives %s", r.Changed, want)
		}
		if r.Diff != wantDiff {
			t.Errorf("page showed the difference %s, compare of the downloaded file gives %s", r.Diff, wantDiff)
		}
	}
	if !found {
		t.Error("the page has no dependence_index row")
	}
}
