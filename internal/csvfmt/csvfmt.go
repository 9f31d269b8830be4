// Package csvfmt formats the lines of the CSV files runs, sweeps,
// comparisons and calibrations write.
package csvfmt

import "strings"

// Field quotes s as one CSV field when it holds a comma, a quote or a line
// break.
func Field(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// Line is fields as one CSV line, each quoted as Field does, ending in a
// newline. fields is modified.
func Line(fields ...string) string {
	for i, f := range fields {
		fields[i] = Field(f)
	}
	return strings.Join(fields, ",") + "\n"
}
