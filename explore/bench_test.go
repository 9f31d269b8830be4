package explore

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkChange is one change of the page on the baseline: 4
// replications of 15 years run and drawn.
func BenchmarkChange(b *testing.B) {
	s, err := New(Config{Ref: "baseline"})
	if err != nil {
		b.Fatal(err)
	}
	body := `{"sets":{"mechanisms.risk.enabled":"true"}}`
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/run", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/change")
}
