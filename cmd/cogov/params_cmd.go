package main

import (
	"bytes"
	"fmt"
	"io"

	"cogov/internal/fsutil"
	"cogov/scenarios"
)

// cmdParams prints the parameter catalogue as a table or as Markdown.
func cmdParams(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("params", stderr)
	asMarkdown := fs.Bool("markdown", false, "write Markdown (as committed in docs/PARAMETERS.md)")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return badInput("unexpected argument %q", pos[0])
	}
	params := scenarios.Catalogue()
	var b bytes.Buffer
	if *asMarkdown {
		b.Write(scenarios.ParamsMarkdown(params))
	} else if err := scenarios.WriteParamsTable(&b, params); err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := fsutil.WriteFile(*out, b.Bytes()); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}
