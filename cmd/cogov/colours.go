package main

import (
	"fmt"
	"io"

	"cogov/plots"
)

// scenarioColours fixes the palette position (plots.LabelColor) of the
// built-in scenarios and of the mechanisms sweep's points, so that a
// scenario has one colour in every figure of every folder: the baseline
// blue, all four mechanisms vermillion, and each mechanism the colour of
// its scenario whether it comes from cogov compare (mech-risk) or from
// a sweep's point (risk). Other labels take the free colours in order.
var scenarioColours = map[string]int{
	"baseline":         0,
	"mech-all":         1,
	"all":              1,
	"mech-dynamics":    2,
	"dynamics":         2,
	"mech-risk":        3,
	"risk":             3,
	"mech-supervision": 4,
	"supervision":      4,
	"mech-evaluation":  5,
	"evaluation":       5,
}

// warnFont says, on w, when some of texts (scenario names, labels) need a
// font with Chinese or other glyphs Liberation Sans lacks and none was
// found: the figures then show empty boxes in their place.
func warnFont(w io.Writer, texts ...string) {
	if plots.FallbackFont() != "" {
		return
	}
	for _, s := range texts {
		if plots.NeedsFallback(s) {
			fmt.Fprintf(w, "cogov: no font for %q in the figures (drawn as boxes): install Debian's fonts-droid-fallback or set %s=FILE.ttf\n",
				s, plots.FallbackFontEnv)
			return
		}
	}
}
