package plots

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

// tinyChart is a small chart for frame tests.
func tinyChart(title string) (Chart, error) {
	return Functions(title, "x", "", 0, 1, Curve{Name: "x", F: func(x float64) float64 { return x }})
}

// The frame builder calls the frame function once per combination, in
// mixed-radix order (first input most significant), finds the default
// frame, and prefixes each caption with the inputs' values.
func TestNewControlsFrames(t *testing.T) {
	var calls [][]float64
	frame := func(v []float64) (Chart, string, error) {
		calls = append(calls, append([]float64(nil), v...))
		c, err := tinyChart(fmt.Sprintf("a = %g, k = %g", v[0], v[1]))
		return c, fmt.Sprintf("sum %g", v[0]+v[1]), err
	}
	c, err := NewControls("Test", frame,
		Slider("a", []float64{-1, 0, 0.5}, 0.5, "%.1f"),
		Choice("k", []string{"zero", "one", "two", "three"}, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Frames) != 12 || len(calls) != 12 {
		t.Fatalf("%d frames from %d calls; want 3 × 4 = 12", len(c.Frames), len(calls))
	}
	for k, f := range c.Frames {
		ai, ki := k/4, k%4
		if f.Index[0] != ai || f.Index[1] != ki || c.FrameOf(ai, ki) != k {
			t.Errorf("frame %d has indices %v; want [%d %d]", k, f.Index, ai, ki)
		}
		if calls[k][0] != c.Params[0].Values[ai] || calls[k][1] != float64(ki) {
			t.Errorf("call %d got %v; want a = %g, k = %d", k, calls[k], c.Params[0].Values[ai], ki)
		}
		if !bytes.Contains(f.SVG, []byte(fmt.Sprintf("<title>a = %g, k = %d</title>", c.Params[0].Values[ai], ki))) {
			t.Errorf("frame %d does not show its own chart", k)
		}
	}
	if c.Default != 2*4+1 {
		t.Errorf("default frame %d; want a = 0.5 (index 2), k = one (1): 9", c.Default)
	}
	if got, want := c.Frames[0].Caption, "a = −1.0, zero: sum -1"; got != want {
		t.Errorf("caption %q; want %q", got, want)
	}
	if got, want := c.Frames[c.Default].Caption, "a = 0.5, one: sum 1.5"; got != want {
		t.Errorf("default caption %q; want %q", got, want)
	}

	// The markup: one figure per frame, only the default one shown.
	h := c.HTML()
	if n := strings.Count(h, `<figure class="nnlesson-frame"`); n != 12 {
		t.Errorf("%d figures; want 12", n)
	}
	if n := strings.Count(h, " hidden>"); n != 11 {
		t.Errorf("%d hidden figures; want 11", n)
	}
	if !strings.Contains(h, `<figure class="nnlesson-frame" data-frame="9" data-default>`) || strings.Count(h, "data-default") != 1 {
		t.Errorf("the default frame is not the one marked data-default")
	}
	for _, want := range []string{
		`role="group" aria-label="Test"`,
		`<label>a = <output>0.5</output> <input type="range" min="0" max="2" step="1" value="2" data-param="0" data-labels="−1.0|0.0|0.5" aria-label="a" aria-valuetext="0.5" disabled></label>`,
		`<select data-param="1" data-labels="zero|one|two|three" aria-label="k" disabled><option value="0">zero</option><option value="1" selected>one</option>`,
		`<figcaption>a = −1.0, zero: sum -1</figcaption>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML lacks %s", want)
		}
	}
	if strings.Contains(h, "<?xml") || strings.Contains(h, "<script") {
		t.Errorf("the control's HTML holds an XML declaration or a script")
	}

	// Determinism: the same control, built again, is the same bytes.
	calls = nil
	again, err := NewControls("Test", frame, c.Params...)
	if err != nil {
		t.Fatal(err)
	}
	if again.HTML() != h {
		t.Errorf("building the same control twice gave different HTML")
	}
}

// The markup of a small control is pinned in testdata/control.html, the
// contract with the handout builder (CONTROLS.md).
func TestControlMarkupGolden(t *testing.T) {
	c, err := NewControls("A “small” control", func(v []float64) (Chart, string, error) {
		c, err := Functions("", "x", "", 0, 1, Curve{F: func(x float64) float64 { return v[0] * x }})
		return c, "", err
	}, Slider("η", []float64{0.1, 0.3}, 0.3, "%.2f"))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "control.html", []byte(c.HTML()))
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./plots -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (%d vs %d bytes); if the change is intended, rerun with -update", name, path, len(got), len(want))
	}
}

func TestNewControlsRejectsBadInput(t *testing.T) {
	ok := func(v []float64) (Chart, string, error) { c, err := tinyChart(""); return c, "", err }
	many := make([]float64, 15)
	for i := range many {
		many[i] = float64(i)
	}
	tests := []struct {
		name  string
		build func() error
		want  string
	}{
		{"no inputs", func() error { _, err := NewControls("t", ok); return err }, "no inputs"},
		{"nil frame", func() error { _, err := NewControls("t", nil, Slider("a", []float64{1}, 1, "%g")); return err }, "frame function is nil"},
		{"default not a value", func() error {
			_, err := NewControls("t", ok, Slider("w", []float64{1, 2}, 1.5, "%g"))
			return err
		}, "Slider w: the default 1.5 is not one of its values (1, 2)"},
		{"no values", func() error { _, err := NewControls("t", ok, Slider("w", nil, 0, "%g")); return err }, "values is empty"},
		{"NaN value", func() error {
			_, err := NewControls("t", ok, Slider("w", []float64{math.NaN()}, 0, "%g"))
			return err
		}, "values[0] is NaN"},
		{"choice default", func() error { _, err := NewControls("t", ok, Choice("c", []string{"x"}, 3)); return err }, "the default 3 is not one of the options 0 … 0"},
		{"no options", func() error { _, err := NewControls("t", ok, Choice("c", nil, 0)); return err }, "no options"},
		{"bar in a label", func() error { _, err := NewControls("t", ok, Choice("c", []string{"|x|"}, 0)); return err }, "holds a “|”"},
		{"too many frames", func() error {
			_, err := NewControls("t", ok, Slider("a", many, 0, "%g"), Slider("b", many, 0, "%g"))
			return err
		}, "15 × 15 values make more than 200 frames"},
		{"frame error", func() error {
			_, err := NewControls("t", func(v []float64) (Chart, string, error) {
				if v[0] == 2 {
					return nil, "", errors.New("made up")
				}
				return ok(v)
			}, Slider("w", []float64{1, 2}, 1, "%.1f"))
			return err
		}, "plots: NewControls: t: at w = 2.0: made up"},
		{"nil chart", func() error {
			_, err := NewControls("t", func([]float64) (Chart, string, error) { return nil, "", nil }, Slider("w", []float64{1}, 1, "%g"))
			return err
		}, "returned no chart"},
		{"neuron choice", func() error {
			_, err := NeuronControls(Choice("w", []string{"a"}, 0), Slider("b", []float64{0}, 0, "%g"))
			return err
		}, "w must be a slider"},
		{"descent eta", func() error {
			_, err := DescentControls(math.Sin, math.Cos, 0, 1, nnlesson.DescentSettings{MaxSteps: 5},
				Slider("η", []float64{0, 0.1}, 0.1, "%g"), Slider("x₀", []float64{0}, 0, "%g"))
			return err
		}, "the learning rate η = 0 must be positive"},
		{"nudge sizes", func() error {
			net := nnlesson.NewNetwork([]int{1, 1}, rand.New(rand.NewPCG(1, 2)))
			_, err := NudgeControls(Slider("Δ", []float64{1}, 1, "%g"), NetworkNudges(net, []float64{1, 2}, []float64{1})...)
			return err
		}, "x has 2 values and y 1"},
		{"nudge large network", func() error {
			net := nnlesson.NewNetwork([]int{4, 4, 2}, rand.New(rand.NewPCG(1, 2)))
			_, err := NudgeControls(Slider("Δ", []float64{1}, 1, "%g"), NetworkNudges(net, make([]float64, 4), make([]float64, 2))...)
			return err
		}, "the network has 30 parameters; choose a few"},
		{"digits labels", func() error {
			_, err := DigitControls("", testDigits(), []int{1}, func([]float64) []float64 { return make([]float64, 10) })
			return err
		}, "4 images but 1 labels"},
		{"training accuracy", func() error { _, err := TrainingControls([]float64{1, 2}, []float64{0.5}); return err }, "2 costs but 1 accuracies"},
		{"chain tree factors", func() error {
			net := nnlesson.NewNetwork([]int{1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
			_, err := ChainRuleTree(net.Chain(0.5, 1)[1], 1)
			return err
		}, "give the output layer's factors"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.build()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v; want one containing %q", err, tc.want)
			}
		})
	}
}

func TestValues(t *testing.T) {
	vs := Values(0, 1, 0.1)
	if len(vs) != 11 || vs[3] != 0.3 || vs[10] != 1 {
		t.Errorf("Values(0, 1, 0.1) = %v; want 0, 0.1, …, 1 without rounding noise", vs)
	}
	if vs := Values(-2, 4, 0.5); len(vs) != 13 || vs[0] != -2 || vs[12] != 4 {
		t.Errorf("Values(-2, 4, 0.5) = %v", vs)
	}
	if Values(1, 0, 0.1) != nil || Values(0, 1, 0) != nil {
		t.Errorf("Values accepts an empty range or a zero step")
	}
	if got := Slider("b", []float64{-0.001, 2}, 2, "%.1f").Labels; got[0] != "0.0" || got[1] != "2.0" {
		t.Errorf("labels %q; want a zero without a minus", got)
	}
}

// The script is our own, small and safe to inline in a page that allows no
// network: it loads nothing and evaluates nothing.
func TestControlScriptIsSafe(t *testing.T) {
	for _, bad := range []string{"</script", "eval(", "Function(", "fetch(", "XMLHttpRequest", "import(", "http:", "https:", "src=", "innerHTML", "document.write"} {
		if strings.Contains(ControlScript, bad) {
			t.Errorf("controls.js contains %q", bad)
		}
	}
	for _, want := range []string{"data-wired", "aria-valuetext", "aria-live", "@media print"} {
		if !strings.Contains(ControlScript, want) {
			t.Errorf("controls.js lacks %q", want)
		}
	}
}

// ShowControls publishes the control's HTML with its script and a record
// of type ControlMIME; a control that cannot be built shows its error.
func TestShowControlsPublishesARecord(t *testing.T) {
	nb := useFakeNotebook(t, true)
	ShowControls(SlopeControls(Slider("z", []float64{-1, 0, 1}, 0, "%.0f")))
	ShowControls(SlopeControls(Slider("z", []float64{-1, 0, 1}, 5, "%.0f")))
	if len(nb.records) != 2 || nb.syncs != 2 {
		t.Fatalf("%d records, %d syncs; want 2 and 2", len(nb.records), nb.syncs)
	}
	for _, m := range nb.mimes {
		if m != ControlMIME {
			t.Errorf("published as %q; want %q", m, ControlMIME)
		}
	}
	r := nb.records[0]
	if r["title"] != "Move z: the slopes of σ and ReLU at z" || r["frames"] != "3" || r["error"] != "" {
		t.Errorf("record %v", r)
	}
	if !strings.Contains(nb.html[0], `data-nnlesson-control="1"`) || !strings.Contains(nb.html[0], "<script>\n"+ControlScript+"</script>") {
		t.Errorf("the output lacks the control or its script")
	}
	if r := nb.records[1]; r["error"] == "" || r["frames"] != "0" || !strings.Contains(nb.html[1], "✗") {
		t.Errorf("a control that cannot be built: record %v, html %.80q", r, nb.html[1])
	}
}

// Lesson 2: the switching point moves with w and b.
func TestNeuronControls(t *testing.T) {
	c, err := NeuronControls(Slider("w", []float64{-1, 0, 0.5, 1, 2}, 1, "%.1f"), Slider("b", Values(-2, 2, 1), -2, "%.0f"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Frames) != 25 || c.Default != c.FrameOf(3, 0) {
		t.Fatalf("%d frames, default %d; want 25, w = 1 and b = −2", len(c.Frames), c.Default)
	}
	for _, tc := range []struct {
		w, b int
		want string
	}{
		{3, 0, "w = 1.0, b = −2: x = −b/w = 2.00"},
		{2, 3, "w = 0.5, b = 1: x = −b/w = −2.00"},
		{0, 4, "w = −1.0, b = 2: x = −b/w = 2.00"},
		{1, 0, "w = 0.0, b = −2: a = σ(b) = 0.12 for every x: the neuron does not switch"},
	} {
		if got := c.Frames[c.FrameOf(tc.w, tc.b)].Caption; got != tc.want {
			t.Errorf("caption %q; want %q", got, tc.want)
		}
	}
}

// Lesson 4: the slopes are printed, and the sigmoid's vanishes far from 0.
func TestSlopeControls(t *testing.T) {
	c, err := SlopeControls(Slider("z", Values(-6, 6, 1), 0, "%.0f"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Frames) != 13 || c.Default != 6 {
		t.Fatalf("%d frames, default %d; want 13 and z = 0 (6)", len(c.Frames), c.Default)
	}
	for k, want := range map[int]string{
		6:  "z = 0: σ′(z) = 0.2500, ReLU′(z) = 0",
		7:  "z = 1: σ′(z) = 0.1966, ReLU′(z) = 1",
		12: "z = 6: σ′(z) = 0.0025, ReLU′(z) = 1",
		0:  "z = −6: σ′(z) = 0.0025, ReLU′(z) = 0",
	} {
		if got := c.Frames[k].Caption; got != want {
			t.Errorf("frame %d: caption %q; want %q", k, got, want)
		}
	}
}

// lesson6 is lesson 6's function and settings.
func lesson6(etas, starts []float64) (*Controls, error) {
	f := func(x float64) float64 { return (x-3)*(x-3) + 1 }
	fPrime := func(x float64) float64 { return 2 * (x - 3) }
	return DescentControls(f, fPrime, -10, 12, nnlesson.DescentSettings{Tolerance: 0.001, MaxSteps: 50, Limit: 100},
		Slider("η", etas, 0.1, "%.2f"), Slider("x₀", starts, -5, "%.0f"))
}

// Lesson 6: the four regimes can be found with the sliders.
func TestDescentControlsFindsTheRegimes(t *testing.T) {
	c, err := lesson6([]float64{0.01, 0.1, 0.9, 1.0, 1.1}, []float64{-5, 8})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"η = 0.01, x₀ = −5: crawls: still x = 0.0866 after 50 steps",
		"η = 0.10, x₀ = −5: converges: 44 steps to x = 2.9996",
		"η = 0.90, x₀ = −5: overshoots, then converges: 44 steps to x = 2.9996, from side to side",
		"η = 1.00, x₀ = −5: jumps from side to side: does not settle: x = −5.0000 after 50 steps",
		"η = 1.10, x₀ = −5: diverges: x runs away, x = 62.4407 after 11 steps",
	}
	for i, w := range want {
		if got := c.Frames[c.FrameOf(i, 0)].Caption; got != w {
			t.Errorf("caption %q; want %q", got, w)
		}
	}
	if c.Default != c.FrameOf(1, 0) {
		t.Errorf("default frame %d; want η = 0.1, x₀ = −5", c.Default)
	}
}

// Lesson 7: for a small nudge the cost changes as the gradient predicts.
func TestNudgeControlsAgreeForSmallNudges(t *testing.T) {
	net := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
	nudges := NetworkNudges(net, []float64{0.8}, []float64{1})
	if len(nudges) != 6 || nudges[0].Name != "w⁽¹⁾" || nudges[5].Name != "b⁽³⁾" {
		t.Fatalf("%d nudges named %q …; want 6, w⁽¹⁾ … b⁽³⁾", len(nudges), nudges[0].Name)
	}
	chain := net.Chain(0.8, 1)
	if math.Abs(nudges[4].Slope-chain[3].DCdW) > 1e-12 {
		t.Errorf("slope of w⁽³⁾ %g; want Chain's ∂C/∂w⁽³⁾ %g", nudges[4].Slope, chain[3].DCdW)
	}
	for _, n := range nudges {
		d := 1e-4
		dC := n.Cost(d) - n.Cost(0)
		if math.Abs(dC-n.Slope*d) > 1e-3*math.Abs(n.Slope*d)+1e-12 {
			t.Errorf("%s: ΔC = %g for Δ = %g, but ∂C/∂p · Δ = %g", n.Name, dC, d, n.Slope*d)
		}
	}
	c, err := NudgeControls(Slider("Δ", Values(-1, 1, 0.5), 0.5, "%.1f"), nudges...)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Frames) != 30 || c.Default != 3 || !c.Params[0].Choice {
		t.Fatalf("%d frames, default %d; want 6 × 5 = 30, the first parameter and Δ = 0.5", len(c.Frames), c.Default)
	}
	if got := c.Frames[c.FrameOf(4, 4)].Caption; !strings.HasPrefix(got, "w⁽³⁾, Δ = 1.0: ΔC = ") || !strings.Contains(got, "∂C/∂w⁽³⁾ · Δ = −0.01948 · 1.0 = −0.01948") {
		t.Errorf("caption %q", got)
	}
	// A network with many neurons: the names carry the neurons' indices.
	big := nnlesson.NewNetwork([]int{2, 3, 1}, rand.New(rand.NewPCG(1, 2)))
	if n := NetworkNudges(big, []float64{1, 0}, []float64{1}, 1, 8); n[0].Name != "w₀,₁⁽¹⁾" || n[1].Name != "b₂⁽¹⁾" {
		t.Errorf("names %q, %q; want w₀,₁⁽¹⁾ and b₂⁽¹⁾", n[0].Name, n[1].Name)
	}
}

// Lesson 8: each frame names the digit, the answer and the verdict.
func TestDigitControls(t *testing.T) {
	images := testDigits()
	labels := []int{0, 1, 7, 4}
	answer := func(px []float64) []float64 {
		out := make([]float64, 10)
		for j := range out {
			out[j] = 0.05
		}
		if px[14*28+14] > 0.5 { // ink in the middle: not a 0
			out[7] = 0.9
		} else {
			out[0] = 0.8
		}
		return out
	}
	c, err := DigitControls("Test digits", images, labels, answer)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Frames) != 4 || c.Default != 0 {
		t.Fatalf("%d frames, default %d; want 4 and the first", len(c.Frames), c.Default)
	}
	for k, want := range []string{"image = 1: a 0, answered 0 (a₀ = 0.80): right", "", "image = 3: a 7, answered 7 (a₇ = 0.90): right"} {
		if want != "" && c.Frames[k].Caption != want {
			t.Errorf("frame %d: caption %q; want %q", k, c.Frames[k].Caption, want)
		}
	}
	if got := c.Frames[1].Caption; !strings.Contains(got, "a 1, answered") || !strings.HasSuffix(got, ": wrong") {
		t.Errorf("frame 1: caption %q; want a wrong answer", got)
	}
}

// Lesson 8: the epoch control replays the training.
func TestTrainingControls(t *testing.T) {
	c, err := TrainingControls([]float64{0.9, 0.4, 0.3}, []float64{0.6, 0.85, 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Frames) != 3 || c.Default != 2 {
		t.Fatalf("%d frames, default %d; want 3 and the last epoch", len(c.Frames), c.Default)
	}
	if got, want := c.Frames[1].Caption, "epoch = 2: cost 0.4000, accuracy 85.00 %"; got != want {
		t.Errorf("caption %q; want %q", got, want)
	}
	// Epoch 1 shows one point; the axes are those of the whole run.
	if bytes.Contains(c.Frames[0].SVG, []byte(">0.4000<")) || !bytes.Contains(c.Frames[1].SVG, []byte(">0.4000<")) {
		t.Errorf("the frames do not follow the epochs")
	}
}
