// Package plots reads cogov result files (CSV) and draws report-quality
// figures with gonum.org/v1/plot.
//
// It depends on no other cogov package: it only reads the files the
// simulation and experiment code write.
//
//   - yearly.csv (single run): year,<metric>,...
//   - summary.csv (sweep or scenario comparison, long format):
//     point,label,year,metric,n,mean,sd,ci_low,ci_high
//   - points.csv (factor values per design point): point,label,<factor>,...
//   - effects.csv: metric,effect,estimate,ci_low,ci_high
//   - morris.csv: metric,factor,mu,mu_star,sigma,mu_star_low,mu_star_high
//   - sobol.csv: metric,factor,s1,s1_low,s1_high,st,st_low,st_high
//   - fit.csv (calibration): target,observed,mean,ci_low,ci_high,tolerance
//
// Readers (ReadYearly, ReadSummary, ReadPoints, ReadEffects, ReadMorris,
// ReadSobol, ReadFit) accept any column order, fail on a missing required column
// and name the file and line of any error. Figure functions
// (YearlyPanels, TimeSeriesPanels, TimeSeries, Heatmap, EffectsFigure,
// MorrisFigure, SobolFigure, FitFigure) return a *Figure that renders to PNG, SVG
// or PDF; DrawAll draws everything a result folder allows.
//
// Figures use the colour-blind-safe Okabe-Ito palette for series (a
// label's colour is fixed by its position in Options.Labels) and
// viridis for heatmaps, sans-serif text (12 pt titles, 10 pt axis
// labels), and legends outside the plot area. Output is deterministic:
// the same data give byte-identical PNG, SVG and PDF files, which are
// written atomically.
package plots
