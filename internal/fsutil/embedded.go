package fsutil

import (
	"io/fs"
	"sort"
	"strings"
)

// TOMLNames lists the names, without ".toml", of the files in folder dir
// of fsys, sorted: the built-in scenarios or experiments of an embedded
// library.
func TOMLNames(fsys fs.ReadDirFS, dir string) []string {
	entries, _ := fsys.ReadDir(dir)
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
	}
	sort.Strings(out)
	return out
}
