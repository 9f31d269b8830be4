package plots

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fixed, deterministic test data (no randomness).

var fixtureMetrics = []string{
	"dependence_index", "gov_funding_share", "contract_renewal_rate", "agency_count",
	"service_quality", "client_trust", "staff_turnover", "audit_findings",
	"innovation_share", "volunteer_hours", "grassroots_initiatives", "network_density",
	"reporting_burden", "budget_per_client", "complaints", "coverage_share", "autonomy_index",
}

// metricValue is a smooth, metric-specific curve; metrics whose index is
// 3, 9, 13 or 14 are counts (outside [0,1]), the others are shares.
func metricValue(m int, year, a, b float64) float64 {
	base := 0.2 + 0.6*(0.5+0.5*math.Sin(float64(m)*1.3+a*2+b))
	trend := 0.25 * (1 - math.Exp(-year/5)) * math.Cos(float64(m)+a-b)
	v := math.Max(0, math.Min(1, base+trend))
	switch m {
	case 3, 9, 13, 14:
		return 20 + 80*v
	}
	return v
}

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeYearly writes a single run with nm metrics over years 0..ny-1,
// including a missing value.
func writeYearly(t testing.TB, dir string, nm, ny int) string {
	var b strings.Builder
	b.WriteString("year," + strings.Join(fixtureMetrics[:nm], ",") + "\n")
	for y := range ny {
		fmt.Fprintf(&b, "%d", y)
		for m := range nm {
			if m == 1 && y == 3 {
				b.WriteString(",NaN")
				continue
			}
			fmt.Fprintf(&b, ",%.6g", metricValue(m, float64(y), 0.3, 0.7))
		}
		b.WriteString("\n")
	}
	return writeFile(t, dir, YearlyFile, b.String())
}

// sweepPoint is one design point of a fixture sweep.
type sweepPoint struct {
	id    int
	label string
	a, b  float64
}

// writeSummary writes summary.csv for the points, nm metrics and ny
// years (columns deliberately not in the documented order).
func writeSummary(t testing.TB, dir string, pts []sweepPoint, nm, ny int) string {
	var b strings.Builder
	b.WriteString("metric,point,label,year,mean,ci_low,ci_high,n,sd\n")
	for m := range nm {
		for _, p := range pts {
			for y := range ny {
				v := metricValue(m, float64(y), p.a, p.b)
				hw := 0.03 * (1 + 0.1*float64(y))
				if v > 1 {
					hw *= 50
				}
				fmt.Fprintf(&b, "%s,%d,%q,%d,%.6g,%.6g,%.6g,20,%.6g\n",
					fixtureMetrics[m], p.id, p.label, y, v, v-hw, v+hw, hw*2.2)
			}
		}
	}
	return writeFile(t, dir, SummaryFile, b.String())
}

// scenarioPoints are a few named scenarios for overlay figures.
func scenarioPoints() []sweepPoint {
	return []sweepPoint{
		{0, "baseline", 0, 0},
		{1, "audit_probability=0.5", 0.4, 0.1},
		{2, "contract_years=3", 0.1, 0.6},
		{3, "competitive_tender", 0.7, 0.9},
	}
}

// gridPoints are nx*ny points over two factors; points.csv is written
// with a third, constant factor.
func gridPoints(t testing.TB, dir string, nx, ny int) []sweepPoint {
	var pts []sweepPoint
	var b strings.Builder
	b.WriteString("point,label,audit.probability,contract.length_years,agency.start_count\n")
	for i := range nx {
		for j := range ny {
			a := float64(i) / float64(max(nx-1, 1))
			c := 1 + j
			id := i*ny + j
			label := fmt.Sprintf("audit.probability=%.2g,contract.length_years=%d", a, c)
			pts = append(pts, sweepPoint{id, label, a, float64(c) / float64(ny)})
			fmt.Fprintf(&b, "%d,%q,%.2g,%d,12\n", id, label, a, c)
		}
	}
	writeFile(t, dir, PointsFile, b.String())
	return pts
}

func writeEffects(t testing.TB, dir string, nm int) string {
	effects := []string{"dynamics", "risk", "supervision", "evaluation", "all", "dynamics:risk"}
	var b strings.Builder
	b.WriteString("metric,effect,estimate,ci_low,ci_high\n")
	for m := range nm {
		for k, e := range effects {
			est := 0.12 * math.Sin(float64(m*7+k*3))
			hw := 0.03 + 0.01*float64(k)
			fmt.Fprintf(&b, "%s,%s,%.4f,%.4f,%.4f\n", fixtureMetrics[m], e, est, est-hw, est+hw)
		}
	}
	return writeFile(t, dir, EffectsFile, b.String())
}

var fixtureFactors = []string{
	"government.audit_probability", "government.budget_growth", "agency.capacity.mean",
	"agency.capacity.sd", "contract.length_years", "evaluation.weight_outcomes", "community.trust0",
}

func writeMorris(t testing.TB, dir string, nm int) string {
	var b strings.Builder
	b.WriteString("metric,factor,mu,mu_star,sigma,mu_star_low,mu_star_high\n")
	for m := range nm {
		for k, f := range fixtureFactors {
			ms := 0.02 + 0.3*math.Abs(math.Sin(float64(m*5+k*2)))
			sg := ms * (0.3 + 0.9*math.Abs(math.Cos(float64(m+k*3))))
			fmt.Fprintf(&b, "%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f\n", fixtureMetrics[m], f, ms*0.8, ms, sg, ms*0.8, ms*1.2)
		}
	}
	return writeFile(t, dir, MorrisFile, b.String())
}

func writeSobol(t testing.TB, dir string, nm int) string {
	var b strings.Builder
	b.WriteString("metric,factor,s1,s1_low,s1_high,st,st_low,st_high\n")
	for m := range nm {
		for k, f := range fixtureFactors {
			s1 := 0.35 * math.Abs(math.Sin(float64(m*3+k*5)))
			st := s1 + 0.15*math.Abs(math.Cos(float64(m+k)))
			fmt.Fprintf(&b, "%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f\n", fixtureMetrics[m], f,
				s1, s1-0.05, s1+0.05, st, st-0.06, st+0.06)
		}
	}
	return writeFile(t, dir, SobolFile, b.String())
}
