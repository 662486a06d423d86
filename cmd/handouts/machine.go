package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nnlesson/course/internal/notebook"
)

// Nothing of the computer that builds the handouts may reach a page: its
// home folder, its cache folder (where the trained networks are kept), the
// course's folder, the build's own temporary folder. A lesson whose output
// or prose shows one fails, naming the cell; every page written is checked
// again.

// machinePaths returns the paths of this computer that no page may show,
// longest first, each also as "~/…" where it lies in the home folder.
func machinePaths(work string) []string {
	var paths []string
	add := func(p string) {
		if p == "" {
			return
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if p = filepath.Clean(p); p == "/" || len(p) < 4 || slices.Contains(paths, p) {
			return
		}
		paths = append(paths, p)
	}
	home, _ := os.UserHomeDir()
	cache, _ := os.UserCacheDir()
	cwd, _ := os.Getwd()
	add(home)
	add(cache)
	add(os.Getenv("NNLESSON_CACHE"))
	add(cwd)
	add(work)
	if home != "" {
		for _, p := range slices.Clone(paths) {
			if rel, err := filepath.Rel(home, p); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
				paths = append(paths, "~/"+rel)
			}
		}
	}
	slices.SortFunc(paths, func(a, b string) int { return len(b) - len(a) })
	return paths
}

// shows returns the first of paths that text shows, as a whole path (not
// the start of a longer name: /home/ann is not in /home/anna), or "".
func shows(text string, paths []string) string {
	for _, p := range paths {
		for i := 0; ; {
			j := strings.Index(text[i:], p)
			if j < 0 {
				break
			}
			end := i + j + len(p)
			if end == len(text) || !isPathChar(text[end]) {
				return p
			}
			i = end
		}
	}
	return ""
}

func isPathChar(c byte) bool {
	return c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// machineShown returns a problem for each cell of an executed lesson that
// shows a path of this computer.
func (b *builder) machineShown(nb *notebook.Notebook) []string {
	var out []string
	for i, c := range nb.Cells {
		texts := []string{}
		if c.Type == "markdown" || c.Type == "raw" {
			texts = append(texts, string(c.Source))
		}
		for _, o := range c.Outputs {
			texts = append(texts, string(o.Text), o.EValue)
			for mime := range o.Data {
				texts = append(texts, o.Data.Text(mime))
			}
		}
		for _, t := range texts {
			if p := shows(t, b.machine); p != "" {
				out = append(out, fmt.Sprintf("%s shows a folder of the computer that builds the handouts (%s): a handout must not; say where things are kept in general terms", nb.CellName(i), p))
				break
			}
		}
	}
	return out
}

// machineCheck checks every page written for a path of this computer.
func (b *builder) machineCheck() []string {
	var out []string
	pages, _ := filepath.Glob(filepath.Join(b.out, "*.html"))
	for _, page := range pages {
		data, err := os.ReadFile(page)
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		if p := shows(string(data), b.machine); p != "" {
			out = append(out, fmt.Sprintf("%s shows a folder of the computer that built it (%s)", page, p))
		}
	}
	return out
}
