package notebook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// CellTimeout bounds one cell's execution, so that a cell that waits for
// input (a slider, say) fails with a message instead of hanging the run.
const CellTimeout = 5 * time.Minute

// ErrNoJupyter says that Jupyter or the gonb kernel is missing; its text
// says how to install them.
var ErrNoJupyter = errors.New("run ./install.sh (it installs Jupyter and registers the GoNB kernel as \"gonb\")")

// Available reports whether Jupyter's nbconvert and the gonb kernel are
// installed; if not, the error says which is missing and how to get it.
func Available() error {
	if _, err := exec.LookPath("jupyter"); err != nil {
		return fmt.Errorf("jupyter is not on PATH: %w", ErrNoJupyter)
	}
	if err := exec.Command("jupyter", "nbconvert", "--version").Run(); err != nil {
		return fmt.Errorf("jupyter nbconvert does not run (%v): %w", err, ErrNoJupyter)
	}
	out, err := exec.Command("jupyter", "kernelspec", "list", "--json").Output()
	if err != nil {
		return fmt.Errorf("jupyter kernelspec list failed (%v): %w", err, ErrNoJupyter)
	}
	var specs struct {
		KernelSpecs map[string]json.RawMessage `json:"kernelspecs"`
	}
	if err := json.Unmarshal(out, &specs); err != nil {
		return fmt.Errorf("jupyter kernelspec list gave no JSON (%v): %w", err, ErrNoJupyter)
	}
	if _, ok := specs.KernelSpecs[Kernel]; !ok {
		return fmt.Errorf("the %q kernel is not registered with Jupyter: %w", Kernel, ErrNoJupyter)
	}
	return nil
}

// Execute runs the notebook at path headless on the gonb kernel (through
// `jupyter nbconvert --execute`) and writes the executed notebook, outputs
// and all, into outDir under the same name. Failing cells do not stop the
// run: every cell executes, and the returned notebook's Failures say which
// went wrong. The error is for a run that could not happen at all; a cell
// that runs longer than CellTimeout stops the run with a *TimeoutError.
func Execute(ctx context.Context, path, outDir string) (*Notebook, error) {
	return ExecuteWithin(ctx, path, outDir, CellTimeout)
}

// ExecuteWithin is Execute with a time limit of its own for each cell.
func ExecuteWithin(ctx context.Context, path, outDir string, limit time.Duration) (*Notebook, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	outAbs, err := filepath.Abs(outDir)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "jupyter", "nbconvert",
		"--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name="+Kernel,
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", max(1, int(limit.Seconds()))),
		"--output-dir", outAbs, abs)
	// Run from the notebook's folder, as Jupyter does: GONB_DIR, which the
	// lessons' first cell uses to reach the course's packages, is that folder.
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = append(os.Environ(), "PYDEVD_DISABLE_FILE_VALIDATION=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if t := timedOut(path, stderr.String(), limit); t != nil {
			return nil, t
		}
		return nil, fmt.Errorf("executing %s: %v\n%s", path, err, lastLines(stderr.String(), 20))
	}
	executed := filepath.Join(outAbs, filepath.Base(path))
	if err := setLexer(executed, "go"); err != nil {
		return nil, err
	}
	nb, err := Read(executed)
	if err != nil {
		return nil, err
	}
	nb.Path = path
	return nb, nil
}

// setLexer names the Pygments lexer in the metadata of the notebook at path
// where none is named. GoNB reports an empty one, and nbconvert then colours
// Go code as Python: a comment's "neuron's" opens a string.
func setLexer(path, lexer string) error {
	nb, err := Read(path)
	if err != nil {
		return err
	}
	info := nb.Metadata.LanguageInfo
	if info == nil {
		info = &LanguageInfo{}
		nb.Metadata.LanguageInfo = info
	}
	if info.PygmentsLexer != "" {
		return nil
	}
	info.PygmentsLexer = lexer
	return nb.Write(path)
}

// HTML converts an executed notebook (the file at executed) to an HTML page
// at htmlPath, with its outputs, charts inline.
func HTML(ctx context.Context, executed, htmlPath string, extraArgs ...string) error {
	outAbs, err := filepath.Abs(filepath.Dir(htmlPath))
	if err != nil {
		return err
	}
	args := append([]string{"nbconvert", "--to", "html"}, extraArgs...)
	args = append(args, "--output-dir", outAbs, "--output", strings.TrimSuffix(filepath.Base(htmlPath), ".html"), executed)
	cmd := exec.CommandContext(ctx, "jupyter", args...)
	cmd.Env = append(os.Environ(), "PYDEVD_DISABLE_FILE_VALIDATION=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("converting %s to HTML: %v\n%s", executed, err, lastLines(stderr.String(), 20))
	}
	return nil
}

// lastLines returns the last n lines of s, to keep a failing command's
// message short without losing its end, where the cause usually is.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// A TimeoutError says that a cell ran longer than its time limit; the run
// stopped there.
type TimeoutError struct {
	Path  string        // the notebook
	Cell  int           // the cell's 0-based index, or -1 when it cannot be told
	Name  string        // the cell as CellName names it
	Limit time.Duration // the time limit of a cell
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s ran longer than %s, the time limit of a cell", e.Name, formatLimit(e.Limit))
}

// formatLimit writes a time limit as a reader says it: "5 min", "20 s".
func formatLimit(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	return fmt.Sprintf("%g s", d.Seconds())
}

// timedOut reads nbconvert's error output for a cell that timed out and
// finds the cell by the preview nbclient prints of it; nil when no cell
// timed out.
func timedOut(path, stderr string, limit time.Duration) *TimeoutError {
	const mark = "A cell timed out while it was being executed"
	i := strings.Index(stderr, mark)
	if i < 0 {
		return nil
	}
	e := &TimeoutError{Path: path, Cell: -1, Name: "a cell", Limit: limit}
	const rule = "-------------------\n"
	rest := stderr[i:]
	a := strings.Index(rest, rule)
	if a < 0 {
		return e
	}
	rest = rest[a+len(rule):]
	b := strings.Index(rest, "\n"+rule)
	if b < 0 {
		b = strings.LastIndex(rest, "\n-------------------")
	}
	if b < 0 {
		return e
	}
	preview := rest[:b]
	nb, err := Read(path)
	if err != nil {
		return e
	}
	for k, c := range nb.Cells {
		if c.Type == "code" && cellPreview(string(c.Source)) == preview {
			e.Cell, e.Name = k, nb.CellName(k)
			return e
		}
	}
	return e
}

// cellPreview is nbclient's preview of a cell's source in a timeout
// message: the source itself, or for a cell of 11 lines or more the Python
// lists of its first and last five lines.
func cellPreview(src string) string {
	lines := strings.Split(strings.TrimSpace(src), "\n")
	if len(lines) < 11 {
		return src
	}
	return pyList(lines[:5]) + "\n...\n" + pyList(lines[len(lines)-5:])
}

// pyList writes a list of strings as Python's str() does.
func pyList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = pyRepr(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// pyRepr writes a string as Python's repr() does.
func pyRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == '\\' || r == rune(q):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f || (r >= 0x80 && r <= 0xff && !unicode.IsPrint(r)):
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
