//go:build linux

package live

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	notebook "github.com/nnlesson/course/internal/notebook/notebooktest"
)

// The lessons the test runs, and what their controls must offer: lesson 2
// is the short one with sliders (w and b), lesson 7 the one with a choice
// list (which parameter to nudge) beside a slider (Δ).
var lessons = []struct {
	file     string
	controls int
	inputs   []input // each must be there and move by every way live.cjs tries
}{
	{"02-neuron.ipynb", 1, []input{{"w", "slider"}, {"b", "slider"}}},
	{"07-backpropagation.ipynb", 1, []input{{"Δ", "slider"}, {"nudged parameter", "select"}}},
}

type input struct{ symbol, kind string }

// The ways live.cjs moves each kind of input.
var ways = map[string][]string{"slider": {"key", "drag"}, "select": {"choose", "key"}}

// TestLiveNotebook runs lessons in the classic Jupyter notebook page in
// headless Chromium, as a teacher does: Cell → Run All, then, once the
// kernel is idle and every cell has run, it moves each control — a slider
// by the arrow key and by a mouse drag, a choice list by choosing and by the
// arrow key. It asserts that
//   - no cell shows an error, every exercise check is ✓, every cell ran
//     once and in order, so the cells below a control ran after it (a
//     control never blocks), and the kernel is idle;
//   - each control was built (its record has no error), is wired by its
//     script and shows its default frame, and only that frame;
//   - every move shows exactly one other frame, the one the inputs choose
//     (CONTROLS.md: K = the inputs' indices, mixed radix), with its caption,
//     and the slider's <output> shows the new value;
//   - the code cell below the control runs again after the moves;
//   - the notebooks folder is byte for byte as before: the page never saved
//     and Jupyter left no file behind.
//
// The notebooks are served where they are (no copy): live.cjs turns
// autosave off and never saves, the server refuses to write them
// (jupyter_config.py), and its runtime files and checkpoints go to a
// temporary folder. Needs Jupyter with the gonb kernel,
// Chromium, Node.js and playwright-core (npm ci installs the pinned one
// into scripts/live/node_modules when missing); without them it skips, and
// under CI=true it fails. -short skips it. Every wait is on a condition of
// the page, with generous time limits; nothing is timed.
func TestLiveNotebook(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the live notebook page in -short mode")
	}
	notebook.RequireJupyter(t)
	browser, node := requireBrowser(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "notebooks"))
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	// Registered before the server's clean-up, so it runs after it: once
	// the server and its kernels have stopped.
	t.Cleanup(func() {
		if d := diffSnapshots(before, snapshot(t, dir)); d != "" {
			t.Errorf("the notebooks folder changed during the test (the page saved, or Jupyter left a file):\n%s", d)
		}
	})
	ctx := testContext(t)
	server := startJupyter(t, ctx, dir)

	for _, lesson := range lessons {
		t.Run(strings.TrimSuffix(lesson.file, ".ipynb"), func(t *testing.T) {
			start := time.Now()
			r := runLive(t, ctx, node, browser, server.url(lesson.file))
			t.Logf("%s: Run All, %d code cells, %d controls moved, cell below rerun: %s",
				lesson.file, r.Cells, len(r.Moved), time.Since(start).Round(time.Second))
			if r.Hung != "" {
				t.Error(r.Hung)
			}
			checkRun(t, r)
			if r.Hung != "" {
				return
			}
			checkControls(t, r, lesson.controls, lesson.inputs)
		})
	}
}

// report is what live.cjs --json prints.
type report struct {
	Cells   int
	Numbers []struct {
		Cell   int
		Number any // the execution count; null or "*" if the cell did not run
	}
	Errors, MissingCharts, NotPassed, PageErrors []string
	Charts                                       int
	Checks                                       []struct {
		Cell         int
		Status, Func string
	}
	Controls []struct {
		Cell                 int
		Title, Frames, Error string
	}
	KernelIdle bool
	Hung       string // why Run All did not finish, if it did not
	Moved      []struct {
		Loaded state
		Moves  []struct {
			Input         int
			Symbol, Kind  string
			How           string
			Before, After state
		}
	}
	Rerun *struct {
		ControlCell, Cell int
		Before, After     any
		Errors            []string
	}
}

// state is what a control shows at one moment.
type state struct {
	Title     string
	Wired     bool
	Frames    int
	Visible   []string
	Caption   string
	IsDefault bool
	Status    string
	Inputs    []struct {
		Kind, Symbol string
		Index, Size  int
		Labels       []string
		Output       *string
		Valuetext    *string
		Disabled     bool
	}
}

// frameOf is the frame the inputs choose: their indices as one mixed-radix
// number, the first input most significant.
func (s state) frameOf() string {
	k := 0
	for _, in := range s.Inputs {
		k = k*in.Size + in.Index
	}
	return strconv.Itoa(k)
}

// shown checks that s shows exactly the frame its inputs choose, with a
// caption, and returns a complaint or "".
func (s state) shown() string {
	if len(s.Visible) != 1 {
		return fmt.Sprintf("shows frames %q, want exactly one", s.Visible)
	}
	if s.Visible[0] != s.frameOf() {
		return fmt.Sprintf("shows frame %s, but its inputs choose frame %s", s.Visible[0], s.frameOf())
	}
	if s.Caption == "" {
		return fmt.Sprintf("frame %s has no caption", s.Visible[0])
	}
	return ""
}

// checkRun: Run All ran every cell, once and in order, without an error,
// and every exercise check passed.
func checkRun(t *testing.T, r *report) {
	t.Helper()
	for _, e := range r.Errors {
		t.Errorf("a cell failed: %s", e)
	}
	for _, c := range r.MissingCharts {
		t.Errorf("%s draws a chart but shows none", c)
	}
	for _, c := range r.NotPassed {
		t.Errorf("the exercise check in %s is not ✓", c)
	}
	if len(r.Checks) == 0 {
		t.Error("the page shows no exercise check; the lessons have some")
	}
	for _, e := range r.PageErrors {
		t.Errorf("the page's JavaScript failed: %s", e)
	}
	if !r.KernelIdle {
		t.Error("the kernel is not idle after Run All")
	}
	if r.Cells == 0 || len(r.Numbers) != r.Cells {
		t.Fatalf("the page has %d code cells and %d execution counts", r.Cells, len(r.Numbers))
	}
	last := 0
	for _, n := range r.Numbers {
		f, ok := n.Number.(float64)
		if !ok {
			t.Errorf("cell %d did not run (In [%v])", n.Cell, n.Number)
			continue
		}
		if int(f) <= last {
			t.Errorf("cell %d ran as In [%d], after a cell above it (In [%d]): not once and in order", n.Cell, int(f), last)
		}
		last = int(f)
	}
}

// checkControls: each control is built, wired and shows its default frame;
// each move shows the frame its inputs choose, another one; the cell below
// the last control runs again afterwards.
func checkControls(t *testing.T, r *report, controls int, want []input) {
	t.Helper()
	if len(r.Controls) != controls || len(r.Moved) != controls {
		t.Fatalf("the lesson publishes %d control records and the page shows %d controls, want %d",
			len(r.Controls), len(r.Moved), controls)
	}
	for i, c := range r.Controls {
		if c.Error != "" {
			t.Errorf("the control in cell %d could not be built: %s", c.Cell, c.Error)
		}
		if n, _ := strconv.Atoi(c.Frames); n < 2 || n != r.Moved[i].Loaded.Frames {
			t.Errorf("the control in cell %d says it has %q frames, and the page has %d", c.Cell, c.Frames, r.Moved[i].Loaded.Frames)
		}
		if c.Cell >= r.Numbers[len(r.Numbers)-1].Cell {
			t.Errorf("the control is in the last code cell (%d); the test needs cells below it", c.Cell)
		}
	}
	moved := map[string]int{}
	for _, m := range r.Moved {
		l := m.Loaded
		if !l.Wired {
			t.Errorf("%q: its script did not wire it (no data-wired)", l.Title)
			continue
		}
		if bad := l.shown(); bad != "" {
			t.Errorf("%q after Run All: %s", l.Title, bad)
		} else if !l.IsDefault {
			t.Errorf("%q after Run All shows frame %s, not its default frame", l.Title, l.Visible[0])
		}
		for _, in := range l.Inputs {
			if in.Disabled {
				t.Errorf("%q: input %s is still disabled after its script ran", l.Title, in.Symbol)
			}
		}
		for _, mv := range m.Moves {
			what := fmt.Sprintf("%q, %s moved by %s", l.Title, mv.Symbol, mv.How)
			b, a := mv.Before, mv.After
			if len(a.Inputs) != len(b.Inputs) || mv.Input >= len(a.Inputs) {
				t.Errorf("%s: the control's inputs changed", what)
				continue
			}
			moved[mv.Symbol+"/"+mv.Kind+"/"+mv.How]++
			ib, ia := b.Inputs[mv.Input], a.Inputs[mv.Input]
			if ia.Index == ib.Index {
				t.Errorf("%s: the input did not move (index %d)", what, ia.Index)
				continue
			}
			if mv.How == "key" && ia.Index-ib.Index != 1 && ib.Index-ia.Index != 1 {
				t.Errorf("%s: one key press moved the input from %d to %d", what, ib.Index, ia.Index)
			}
			for j := range a.Inputs {
				if j != mv.Input && a.Inputs[j].Index != b.Inputs[j].Index {
					t.Errorf("%s: input %s moved too", what, a.Inputs[j].Symbol)
				}
			}
			if bad := a.shown(); bad != "" {
				t.Errorf("%s: the control %s", what, bad)
				continue
			}
			if a.Visible[0] == b.Visible[0] {
				t.Errorf("%s: the chart did not change (still frame %s)", what, a.Visible[0])
			}
			if a.Caption == b.Caption {
				t.Errorf("%s: the caption did not change (%q)", what, a.Caption)
			}
			if a.Status != a.Caption {
				t.Errorf("%s: a screen reader hears %q, want the caption %q", what, a.Status, a.Caption)
			}
			if ia.Kind == "slider" {
				label := ""
				if ia.Index < len(ia.Labels) {
					label = ia.Labels[ia.Index]
				}
				if ia.Output == nil || *ia.Output != label || ib.Output != nil && *ia.Output == *ib.Output {
					t.Errorf("%s: the value beside the slider reads %s (was %s), want %q", what, str(ia.Output), str(ib.Output), label)
				}
			}
		}
	}
	for _, in := range want {
		for _, how := range ways[in.kind] {
			if moved[in.symbol+"/"+in.kind+"/"+how] == 0 {
				t.Errorf("no %s %q was moved by %s: the lesson's controls are not what the test expects", in.kind, in.symbol, how)
			}
		}
	}
	// A control never blocks: after the moves the kernel still runs the cell below.
	switch rr := r.Rerun; {
	case rr == nil:
		t.Error("live.cjs did not run the cell below the control again")
	default:
		last := 0
		for _, n := range r.Numbers {
			if f, ok := n.Number.(float64); ok && int(f) > last {
				last = int(f)
			}
		}
		if after, ok := rr.After.(float64); !ok || int(after) <= last {
			t.Errorf("cell %d, below the control in cell %d, did not run again (In [%v]; Run All ended at In [%d])",
				rr.Cell, rr.ControlCell, rr.After, last)
		}
		for _, e := range rr.Errors {
			t.Errorf("cell %d, run again below the control, failed: %s", rr.Cell, e)
		}
	}
}

func str(s *string) string {
	if s == nil {
		return "nothing"
	}
	return strconv.Quote(*s)
}

// runLive runs live.cjs on url and returns its report. A live.cjs that
// reports failure with a report is left to the checks, which say why.
func runLive(t *testing.T, ctx context.Context, node, browser, url string) *report {
	t.Helper()
	// Run All may take what is left of the time but 3 minutes (for the
	// report, the controls and the cell below), so that a cell that never
	// ends is reported with the cells that did not run.
	run := 15 * time.Minute
	if deadline, ok := ctx.Deadline(); ok {
		run = min(run, max(time.Until(deadline)-3*time.Minute, time.Minute))
	}
	cmd := exec.CommandContext(ctx, node, "live.cjs", "--json", "--rerun-below",
		fmt.Sprintf("--run-timeout=%d", int(run.Seconds())), url)
	cmd.Env = append(os.Environ(), "CHROMIUM="+browser)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	// On time-out, SIGTERM lets playwright close Chromium; SIGKILL after 30 s.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var r report
	if jerr := json.Unmarshal(stdout.Bytes(), &r); jerr != nil {
		t.Fatalf("live.cjs gave no report (%v, %v):\n%s\n%s", err, jerr, stderr.String(), stdout.String())
	}
	t.Cleanup(func() {
		if err != nil && !t.Failed() {
			t.Errorf("live.cjs failed (%v) although every check here passed:\n%s", err, stderr.String())
		}
	})
	return &r
}

// testContext ends a minute before the test binary's deadline, so that the
// clean-up (server, kernels, browser) runs even when the test is too slow.
func testContext(t *testing.T) context.Context {
	d := 20 * time.Minute
	if deadline, ok := t.Deadline(); ok {
		d = time.Until(deadline) - time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// jupyter is a running `jupyter notebook` server.
type jupyter struct {
	port  int
	token string
}

func (j jupyter) url(file string) string {
	return fmt.Sprintf("http://127.0.0.1:%d/notebooks/%s?token=%s", j.port, file, j.token)
}

func (j jupyter) api(method, path string) (*http.Response, error) {
	req, err := http.NewRequest(method, fmt.Sprintf("http://127.0.0.1:%d/api/%s", j.port, path), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "token "+j.token)
	return (&http.Client{Timeout: time.Minute}).Do(req)
}

// startJupyter starts `jupyter notebook` serving dir on a free loopback port
// with a token of its own, its runtime files in a temporary folder, and
// waits until it answers. t.Cleanup shuts its kernels down and stops it.
func startJupyter(t *testing.T, ctx context.Context, dir string) jupyter {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	j := jupyter{port: l.Addr().(*net.TCPAddr).Port, token: randomToken(t)}
	l.Close()
	config, err := filepath.Abs("jupyter_config.py") // refuses to write the lessons
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	args := []string{"notebook", "--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", j.port),
		"--NotebookApp.port_retries=0", "--NotebookApp.token=" + j.token, "--notebook-dir=" + dir,
		"--config=" + config, "--FileCheckpoints.checkpoint_dir=" + filepath.Join(tmp, "checkpoints")}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root")
	}
	cmd := exec.Command("jupyter", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "JUPYTER_RUNTIME_DIR="+filepath.Join(tmp, "runtime"), "PYDEVD_DISABLE_FILE_VALIDATION=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	var log lockedBuffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("jupyter notebook did not start: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { j.stop(t, cmd, exited, &log) })

	for {
		if resp, err := j.api("GET", "status"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return j
			}
		}
		select {
		case <-exited:
			t.Fatalf("jupyter notebook exited before it answered:\n%s", log.String())
		case <-ctx.Done():
			t.Fatalf("jupyter notebook did not answer on port %d:\n%s", j.port, log.String())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// stop shuts the server's kernels down through its API (each kernel runs in
// a session of its own, so a signal to the server alone might leave it),
// then stops the server: SIGTERM, SIGKILL if it is still there after 30 s.
func (j jupyter) stop(t *testing.T, cmd *exec.Cmd, exited chan struct{}, log *lockedBuffer) {
	if resp, err := j.api("GET", "kernels"); err == nil {
		var kernels []struct{ ID string }
		json.NewDecoder(resp.Body).Decode(&kernels)
		resp.Body.Close()
		for _, k := range kernels {
			if resp, err := j.api("DELETE", "kernels/"+k.ID); err != nil {
				t.Errorf("could not shut the kernel %s down: %v", k.ID, err)
			} else if resp.Body.Close(); resp.StatusCode != http.StatusNoContent {
				t.Errorf("shutting the kernel %s down: %s", k.ID, resp.Status)
			}
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Errorf("jupyter notebook did not stop on SIGTERM within 30 s; killed:\n%s", log.String())
	}
}

// snapshot is every file and folder under dir, with its contents' hash.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			files[rel+"/"] = "folder"
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func diffSnapshots(before, after map[string]string) string {
	var d strings.Builder
	for f, h := range after {
		if old, ok := before[f]; !ok {
			fmt.Fprintf(&d, "  new: %s\n", f)
		} else if old != h {
			fmt.Fprintf(&d, "  changed: %s\n", f)
		}
	}
	for f := range before {
		if _, ok := after[f]; !ok {
			fmt.Fprintf(&d, "  gone: %s\n", f)
		}
	}
	return d.String()
}

func randomToken(t *testing.T) string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// lockedBuffer is the server's log, written by its process and read here.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// requireBrowser returns Chromium and Node.js, with playwright-core in
// node_modules here (npm ci installs the pinned one if it is missing), or
// skips the test; under CI=true it fails instead.
func requireBrowser(t *testing.T) (browser, node string) {
	t.Helper()
	fail := t.Skipf
	if os.Getenv("CI") == "true" {
		fail = t.Fatalf
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		fail("no Chromium to open the Jupyter page with: apt-get install chromium")
		return
	}
	node, err := exec.LookPath("node")
	if err != nil {
		fail("no Node.js to drive Chromium with: apt-get install nodejs npm")
		return
	}
	if _, err := os.Stat(filepath.Join("node_modules", "playwright-core")); errors.Is(err, fs.ErrNotExist) {
		npm := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		if out, err := npm.CombinedOutput(); err != nil {
			fail("no playwright-core in scripts/live/node_modules, and npm ci failed: %v\n%s", err, out)
			return
		}
	}
	return browser, node
}
