// Package notebook reads the course's Jupyter notebooks (nbformat 4), checks
// that a committed lesson is clean, executes lessons headless on the GoNB
// kernel through Jupyter, and reports what went wrong in an executed one:
// which cell failed and why, and which cells drew no chart.
//
// It is the shared machinery of the notebook tests and of cmd/handouts.
package notebook

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Kernel is the name under which install.sh registers GoNB, and the kernel
// every lesson must name in its metadata.
const Kernel = "gonb"

// Text is a multi-line string field of nbformat: JSON allows either one
// string or a list of lines.
type Text string

// UnmarshalJSON accepts both forms.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("expected a string or a list of strings: %w", err)
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// Notebook is the part of an nbformat 4 notebook that the course reads.
type Notebook struct {
	Path          string `json:"-"`
	NBFormat      int    `json:"nbformat"`
	NBFormatMinor int    `json:"nbformat_minor"`
	Metadata      struct {
		KernelSpec struct {
			Name        string `json:"name"`
			DisplayName string `json:"display_name"`
			Language    string `json:"language"`
		} `json:"kernelspec"`
	} `json:"metadata"`
	Cells []Cell `json:"cells"`
}

// Cell is one notebook cell.
type Cell struct {
	Type           string   `json:"cell_type"`
	Source         Text     `json:"source"`
	Outputs        []Output `json:"outputs"`
	ExecutionCount *int     `json:"execution_count"`
}

// Output is one output of a code cell.
type Output struct {
	Type      string                     `json:"output_type"` // stream, display_data, execute_result, error
	Name      string                     `json:"name"`        // stdout or stderr, for streams
	Text      Text                       `json:"text"`
	Data      map[string]json.RawMessage `json:"data"`
	EName     string                     `json:"ename"`
	EValue    string                     `json:"evalue"`
	Traceback []string                   `json:"traceback"`
}

// DataText returns the output's data of the given MIME type as text, or "".
func (o Output) DataText(mime string) string {
	raw, ok := o.Data[mime]
	if !ok {
		return ""
	}
	var t Text
	if err := json.Unmarshal(raw, &t); err != nil {
		return ""
	}
	return string(t)
}

// Read parses the notebook at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb := &Notebook{Path: path}
	if err := json.Unmarshal(b, nb); err != nil {
		return nil, fmt.Errorf("%s is not a valid notebook (JSON): %w", path, err)
	}
	return nb, nil
}

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

// Hygiene returns what is wrong with a committed lesson: it must be nbformat
// 4, run on the gonb kernel, and carry no outputs (handouts carry them).
func (nb *Notebook) Hygiene() []string {
	var problems []string
	if nb.NBFormat != 4 {
		problems = append(problems, fmt.Sprintf("nbformat is %d, want 4", nb.NBFormat))
	}
	if k := nb.Metadata.KernelSpec.Name; k != Kernel {
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

// drawRE matches the calls through which a lesson shows a chart.
var drawRE = regexp.MustCompile(`\bplots\.(Show\w*|NewLive\w*)\(`)

// DrawsChart reports whether the source of cell i asks for a chart.
func (nb *Notebook) DrawsChart(i int) bool {
	return nb.Cells[i].Type == "code" && drawRE.MatchString(string(nb.Cells[i].Source))
}

// Charts counts the charts cell i of an executed notebook shows: SVG or
// PNG outputs.
func (nb *Notebook) Charts(i int) int {
	n := 0
	for _, o := range nb.Cells[i].Outputs {
		if o.Type != "display_data" && o.Type != "execute_result" {
			continue
		}
		if strings.Contains(o.DataText("text/html"), "<svg") || o.Data["image/svg+xml"] != nil || o.Data["image/png"] != nil {
			n++
		}
	}
	return n
}

// MissingCharts returns the cells of an executed notebook that ask for a
// chart and show none.
func (nb *Notebook) MissingCharts() []Failure {
	var out []Failure
	for i := range nb.Cells {
		if nb.DrawsChart(i) && nb.Charts(i) == 0 {
			out = append(out, Failure{Cell: i, Name: nb.CellName(i), Message: "it draws a chart, but no chart was shown"})
		}
	}
	return out
}
