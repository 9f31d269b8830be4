package explore

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRequest sends arbitrary bodies to the download endpoint, which
// decodes and validates as /api/run does without running: the answer is
// a file or a 4xx, never a 5xx or a crash.
func FuzzRequest(f *testing.F) {
	f.Add(`{"sets":{"mechanisms.risk.enabled":"true"},"name":"x"}`)
	f.Add(`{"sets":{"calendar.festival_capacity":"1.5"}}`)
	f.Add(`{"sets":{"cities[9].communities":"3","years":"[1,2]"}}`)
	f.Add(`{"sets":{"name":"\u0000"}}`)
	f.Add(`[]`)
	s, err := New(Config{Ref: "baseline"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/scenario", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if c := rec.Code; c != http.StatusOK && (c < 400 || c >= 500) {
			t.Errorf("status %d for %q: %s", c, body, rec.Body.String())
		}
	})
}
