package scenarios

import (
	"fmt"
	"strconv"
	"strings"
)

// CheckFlag checks the value v of a command-line flag (such as --years)
// that sets the scenario parameter path, with the parameter's own
// catalogue rule, the one a file's value meets. Its error reads
// "--flag: what is wrong (allowed ...)".
func CheckFlag(flag, path string, v float64) error {
	p, ok := Param(path)
	if !ok {
		return fmt.Errorf("%s: %s is not a scenario parameter", flag, path)
	}
	if !p.Contains(v) {
		return fmt.Errorf("%s: %s is out of range (allowed %s, the rule of %s in a scenario)", flag, strconv.FormatFloat(v, 'f', -1, 64), strings.TrimPrefix(p.Allowed, "each "), path)
	}
	return nil
}
