package main

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
