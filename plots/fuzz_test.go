package plots

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReaders feeds arbitrary text to the readers of the files cogov
// writes: each returns rows or an error, never panics, and what it reads
// draws or fails without a panic.
func FuzzReaders(f *testing.F) {
	f.Add("metric,factor,src,src_low,src_high,prcc,prcc_low,prcc_high,r2\nm,a,0.5,0.1,0.9,0.4,0,0.8,0.3\n")
	f.Add("scenario,reference,metric,year,n,diff,se,ci_low,ci_high\nb,a,m,2029,8,0.1,0.01,0.05,0.15\n")
	f.Add("target,observed,mean,ci_low,ci_high,tolerance,pass,reps,seed\nT,0.2,0.25,0.2,0.3,0.05,true,4,1\n")
	f.Add("metric,factor,src\nm,a,NaN\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if rows, err := ReadLHS(path); err == nil && len(rows) > 0 {
			LHSFigure(rows, Options{})
		}
		if d, err := ReadCompare(path); err == nil {
			DifferencesFigure(d, Options{})
		}
		if rows, err := ReadFit(path); err == nil && len(rows) > 0 {
			FitFigure(rows, Options{})
		}
	})
}
