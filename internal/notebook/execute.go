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
// went wrong. The error is for a run that could not happen at all.
func Execute(ctx context.Context, path, outDir string) (*Notebook, error) {
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
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", int(CellTimeout.Seconds())),
		"--output-dir", outAbs, abs)
	// Run from the notebook's folder, as Jupyter does: GONB_DIR, which the
	// lessons' first cell uses to reach the course's packages, is that folder.
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = append(os.Environ(), "PYDEVD_DISABLE_FILE_VALIDATION=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
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
