package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"

	"gonum.org/v1/gonum/optimize"

	"cogov/experiments/design"
	"cogov/experiments/internal/tomltable"
	"cogov/experiments/validate"
	"cogov/internal/csvfmt"
	"cogov/internal/fsutil"
)

// Run screens the free parameters with a Latin hypercube of
// c.Screen points, then refines the best point with Nelder-Mead (gonum
// optimize) for c.Iterations evaluations, in the unit cube of the
// parameters' ranges. Every evaluation runs c.Reps replications with the
// same seed, so parameter sets are compared on common random numbers.
// progress, if not nil, is called after each evaluation.
func Run(ctx context.Context, c *Calibration, workers int, progress func(Evaluation)) (*Result, error) {
	k := len(c.Params)
	res := &Result{}
	var bestChecks []validate.Check
	var firstErr error
	eval := func(stage string, u []float64) float64 {
		if firstErr != nil {
			return math.Inf(1)
		}
		cu := make([]float64, k)
		for i, x := range u {
			cu[i] = math.Max(0, math.Min(1, x))
		}
		sets := c.sets(cu)
		loss, checks, err := c.loss(ctx, sets, workers)
		if err != nil {
			firstErr = err
			return math.Inf(1)
		}
		// Leaving the cube costs as much as the distance outside it.
		for i, x := range u {
			loss += 100 * math.Abs(x-cu[i])
		}
		e := Evaluation{Stage: stage, U: cu, Sets: sets[len(c.Set):], Loss: loss}
		for _, ch := range checks {
			e.Means = append(e.Means, ch.Model.Mean)
		}
		res.Evaluations = append(res.Evaluations, e)
		if len(res.Evaluations) == 1 || loss < res.Best.Loss {
			res.Best, bestChecks = e, checks
		}
		if progress != nil {
			progress(e)
		}
		return loss
	}
	rng := rand.New(rand.NewPCG(c.Seed, 0xca11b7a7e))
	for _, u := range design.LatinHypercube(c.Screen, k, rng) {
		eval("screen", u)
		if firstErr != nil {
			return nil, firstErr
		}
	}
	if c.Iterations > 0 {
		p := optimize.Problem{Func: func(x []float64) float64 { return eval("refine", x) }}
		settings := &optimize.Settings{FuncEvaluations: c.Iterations}
		x0 := append([]float64(nil), res.Best.U...)
		_, err := optimize.Minimize(p, x0, settings, &optimize.NelderMead{SimplexSize: 0.1})
		if firstErr != nil {
			return nil, firstErr
		}
		if err != nil && !strings.Contains(err.Error(), "evaluation limit") {
			return nil, fmt.Errorf("refinement: %w", err)
		}
	}
	res.Fit = bestChecks
	prior, err := PriorPredictive(ctx, c, c.Screen)
	if err != nil {
		return nil, fmt.Errorf("prior predictive: %w", err)
	}
	res.Prior = prior
	return res, nil
}

// Write writes the result into dir: calibration.csv (every
// evaluation: stage, loss, each parameter's value), fit.csv (each target's
// observed value, model mean with 95 % CI, tolerance and pass) and
// best-sets.txt (the best parameters, one path=value a line, for --set)
// and prior.csv (every target's prior-predictive 5-95 % range and whether
// it was fitted).
func Write(dir string, c *Calibration, r *Result) error {
	var b strings.Builder
	head := []string{"evaluation", "stage", "loss"}
	for _, p := range c.Params {
		head = append(head, p.Path)
	}
	b.WriteString(csvfmt.Line(head...))
	for i, e := range r.Evaluations {
		row := []string{fmt.Sprint(i + 1), e.Stage, tomltable.FormatFloat(e.Loss)}
		for j, p := range c.Params {
			row = append(row, p.value(e.U[j]))
		}
		b.WriteString(csvfmt.Line(row...))
	}
	if err := fsutil.WriteFile(filepath.Join(dir, "calibration.csv"), []byte(b.String())); err != nil {
		return err
	}
	b.Reset()
	if err := writePrior(dir, c, r.Prior); err != nil {
		return err
	}
	if err := fsutil.WriteFile(filepath.Join(dir, validate.FitFile), validate.FitCSV(r.Fit, c.Reps, c.Seed)); err != nil {
		return err
	}
	return fsutil.WriteFile(filepath.Join(dir, "best-sets.txt"), []byte(strings.Join(r.Best.Sets, "\n")+"\n"))
}
