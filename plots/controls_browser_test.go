package plots

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestControlsInBrowser opens a page of two controls, built by this package
// and wired by ControlScript, from disk in headless Chromium with no
// network at all, as a student opens a handout from a USB stick, and moves
// the controls: the keyboard and the mouse on the sliders, a choice in the
// list. The frame shown, the value printed beside each slider and the
// screen reader's line must follow; printing must show the default frame.
// The first control is included as a live notebook shows it (its own
// script), the second as a handout does (one script for the page), so the
// script also runs twice. The browser half is testdata/controls_browser.cjs
// (playwright-core, as scripts/live drives Jupyter).
//
// It needs chromium, Node.js, playwright-core in scripts/live/node_modules
// (installed with npm ci from the pinned lock file if missing) and unshare;
// without them it skips, and under CI=true it fails. -short skips it.
func TestControlsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the browser in -short mode")
	}
	browser, node, modules := requireBrowser(t)
	neuron, err := NeuronControls(
		Slider("w", []float64{-1, -0.5, 0.5, 1, 2, 4}, 0.5, "%.1f"),
		Slider("b", []float64{-2, 0, 2}, 0, "%.0f"))
	if err != nil {
		t.Fatal(err)
	}
	nudge, err := NudgeControls(Slider("Δ", []float64{-1, -0.5, 0.5, 1}, 0.5, "%.1f"),
		Nudge{Name: "w", Slope: 2, Cost: func(d float64) float64 { return (1 + d) * (1 + d) }},
		Nudge{Name: "b", Slope: -1, Cost: func(d float64) float64 { return (d - 0.5) * (d - 0.5) }})
	if err != nil {
		t.Fatal(err)
	}
	live, _ := renderControls(neuron, nil)
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Controls</title></head><body>` + "\n" +
		live + nudge.HTML() + "<script>\n" + ControlScript + "</script>\n</body></html>\n"
	file := filepath.Join(t.TempDir(), "controls.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "unshare", "--net", "--map-root-user", "--", node, "testdata/controls_browser.cjs", url)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules, "CHROMIUM="+browser)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the browser run failed: %v\n%s", err, stderr.String())
	}
	var got struct {
		Requests, Errors []string
		Steps            []struct {
			What, Caption, SVGTitle, Wired, Status string
			Visible, Outputs, Valuetext            []string
			Disabled                               bool
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("the browser's report is not JSON: %v\n%s", err, stdout.String())
	}
	if len(got.Requests) > 0 {
		t.Errorf("the page asked for %q; a handout must need nothing but itself", got.Requests)
	}
	if len(got.Errors) > 0 {
		t.Errorf("the page's script failed: %q", got.Errors)
	}
	// Frame K of the neuron control is w's index × 3 + b's index.
	want := []struct {
		what     string
		frame    int
		outputs  []string
		caption  string
		announce bool
	}{
		{"loaded", neuron.Default, []string{"0.5", "0"}, "w = 0.5, b = 0: x = −b/w = 0.00", false},
		{"slider +2", 4*3 + 1, []string{"2.0", "0"}, "w = 2.0, b = 0: x = −b/w = 0.00", true},
		{"slider home", 0*3 + 1, []string{"−1.0", "0"}, "w = −1.0, b = 0: x = −b/w = 0.00", true},
		{"second slider end", 0*3 + 2, []string{"−1.0", "2"}, "w = −1.0, b = 2: x = −b/w = 2.00", true},
		{"choice loaded", nudge.Default, nil, nudge.Frames[nudge.Default].Caption, false},
		{"choice 1", nudge.FrameOf(1, 2), nil, nudge.Frames[nudge.FrameOf(1, 2)].Caption, true},
		{"print", neuron.Default, nil, neuron.Frames[neuron.Default].Caption, false},
	}
	if len(got.Steps) != len(want) {
		t.Fatalf("the browser took %d steps, want %d: %+v", len(got.Steps), len(want), got.Steps)
	}
	for i, w := range want {
		s := got.Steps[i]
		if s.What != w.what {
			t.Fatalf("step %d is %q, want %q", i, s.What, w.what)
		}
		if len(s.Visible) != 1 || s.Visible[0] != itoa(w.frame) {
			t.Errorf("%s: the page shows frames %q, want exactly frame %d", w.what, s.Visible, w.frame)
		}
		if s.Caption != w.caption {
			t.Errorf("%s: the caption reads %q, want %q", w.what, s.Caption, w.caption)
		}
		if s.SVGTitle == "" {
			t.Errorf("%s: the chart shown has no <title>", w.what)
		}
		if w.outputs != nil && strings.Join(s.Outputs, "|") != strings.Join(w.outputs, "|") {
			t.Errorf("%s: the sliders show %q, want %q", w.what, s.Outputs, w.outputs)
		}
		if w.outputs != nil && strings.Join(s.Valuetext, "|") != strings.Join(w.outputs, "|") {
			t.Errorf("%s: the sliders tell a screen reader %q, want %q", w.what, s.Valuetext, w.outputs)
		}
		if s.Disabled || s.Wired != "1" {
			t.Errorf("%s: the control is not wired (disabled %v, data-wired %q)", w.what, s.Disabled, s.Wired)
		}
		if w.announce && s.Status != w.caption {
			t.Errorf("%s: a screen reader hears %q, want the caption %q", w.what, s.Status, w.caption)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// requireBrowser returns Chromium, Node.js and the folder of playwright-core's
// module, or skips the test (fails it under CI=true). A missing
// playwright-core is installed from scripts/live's lock file, as
// scripts/check-live-notebook.sh does.
func requireBrowser(t *testing.T) (browser, node, modules string) {
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
		fail("no Chromium to open the controls with: apt-get install chromium")
		return
	}
	var err error
	if node, err = exec.LookPath("node"); err != nil {
		fail("no Node.js to drive Chromium with: apt-get install nodejs npm")
		return
	}
	if err := exec.Command("unshare", "--net", "--map-root-user", "true").Run(); err != nil {
		fail("cannot start a program without network (unshare --net --map-root-user: %v)", err)
		return
	}
	live, err := filepath.Abs(filepath.Join("..", "scripts", "live"))
	if err != nil {
		t.Fatal(err)
	}
	modules = filepath.Join(live, "node_modules")
	if _, err := os.Stat(filepath.Join(modules, "playwright-core")); err != nil {
		npm := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		npm.Dir = live
		if out, err := npm.CombinedOutput(); err != nil {
			fail("no playwright-core in scripts/live/node_modules, and npm ci failed: %v\n%s", err, out)
			return
		}
	}
	return browser, node, modules
}
