// Package notebook is the course's one model of a Jupyter notebook
// (nbformat 4): it reads and writes notebooks byte for byte as nbformat does,
// checks that a committed lesson is clean, executes lessons headless on the
// GoNB kernel through Jupyter, and reports what went wrong in an executed
// one: which cell failed and why, which chart could not be drawn, which
// exercise check did not pass — read from the data the course's packages
// publish beside their HTML (CheckMIME, ChartMIME), not from their HTML.
//
// It is the shared machinery of the notebook tests, cmd/student and
// cmd/handouts.
package notebook

import (
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Kernel is the name under which install.sh registers GoNB, and the kernel
// every lesson must name in its metadata.
const Kernel = "gonb"

// Lessons returns the notebooks in dir in lesson order (their file names
// sort in lesson order: 01-…, 02-…).
func Lessons(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return nil, fmt.Errorf("no notebooks (*.ipynb) in %s", dir)
	}
	return paths, nil
}

// Title returns the text of the notebook's first level-1 heading, or its
// file name when it has none.
func (nb *Notebook) Title() string {
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		for _, line := range strings.Split(string(c.Source), "\n") {
			if strings.HasPrefix(line, "# ") {
				return strings.TrimSpace(strings.TrimPrefix(line, "# "))
			}
		}
	}
	return strings.TrimSuffix(filepath.Base(nb.Path), ".ipynb")
}

// KernelName returns the name of the kernel the notebook asks for, or "".
func (nb *Notebook) KernelName() string {
	if nb.Metadata.KernelSpec == nil {
		return ""
	}
	return nb.Metadata.KernelSpec.Name
}

// Hygiene returns what is wrong with a committed lesson: it must be nbformat
// 4, run on the gonb kernel, and carry no outputs (handouts carry them).
func (nb *Notebook) Hygiene() []string {
	var problems []string
	if nb.NBFormat != 4 {
		problems = append(problems, fmt.Sprintf("nbformat is %d, want 4", nb.NBFormat))
	}
	if k := nb.KernelName(); k != Kernel {
		problems = append(problems, fmt.Sprintf("kernelspec is %q, want %q (open it in Jupyter and choose Kernel → Change kernel → Go (gonb))", k, Kernel))
	}
	if len(nb.Cells) == 0 {
		problems = append(problems, "it has no cells")
	}
	for i, c := range nb.Cells {
		switch c.Type {
		case "code":
			if len(c.Outputs) > 0 || c.ExecutionCount != nil {
				problems = append(problems, fmt.Sprintf("%s keeps its outputs: clear them before committing (Cell → All Output → Clear)", nb.CellName(i)))
			}
		case "markdown", "raw":
		default:
			problems = append(problems, fmt.Sprintf("cell %d has unknown type %q", i+1, c.Type))
		}
	}
	return problems
}

// CellName names cell i (0-based) for a reader: its number in the notebook
// and the first line of its code.
func (nb *Notebook) CellName(i int) string {
	c := nb.Cells[i]
	first := ""
	for _, line := range strings.Split(string(c.Source), "\n") {
		if line = strings.TrimSpace(line); line != "" && line != "%%" {
			first = line
			break
		}
	}
	if len(first) > 60 {
		first = first[:57] + "..."
	}
	return fmt.Sprintf("cell %d (%s %q)", i+1, c.Type, first)
}

// A Failure is a cell of an executed notebook that went wrong.
type Failure struct {
	Cell    int    // 0-based index in the notebook
	Name    string // as CellName
	Message string // why, in the words of Go, GoNB or the lesson
}

func (f Failure) String() string { return f.Name + ": " + f.Message }

var (
	tagRE   = regexp.MustCompile(`(?s)<style.*?</style>|<script.*?</script>|<[^>]*>`)
	ansiRE  = regexp.MustCompile("\x1b\\[[0-9;]*m")
	spaceRE = regexp.MustCompile(`\n\s*\n+`)
)

// Failures returns the cells of an executed notebook that failed: an error
// output (a panic, a compile error, a non-zero exit), with the message that
// explains it.
func (nb *Notebook) Failures() []Failure {
	var out []Failure
	for i, c := range nb.Cells {
		var failed bool
		var why []string
		for _, o := range c.Outputs {
			switch {
			case o.Type == "error":
				failed = true
				why = append(why, strings.TrimSpace(o.EName+": "+o.EValue))
			case o.Type == "stream" && o.Name == "stderr":
				why = append(why, strings.TrimSpace(string(o.Text)))
			case o.Type == "display_data" && strings.Contains(o.DataText("text/html"), "gonb-err"):
				// GoNB shows compile errors as HTML; keep their text.
				txt := html.UnescapeString(tagRE.ReplaceAllString(o.DataText("text/html"), ""))
				why = append(why, strings.TrimSpace(spaceRE.ReplaceAllString(txt, "\n")))
			}
		}
		if failed {
			msg := ansiRE.ReplaceAllString(strings.Join(why, "\n"), "")
			out = append(out, Failure{Cell: i, Name: nb.CellName(i), Message: msg})
		}
	}
	return out
}
