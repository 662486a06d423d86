package plots

import (
	"bytes"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot/vg"
)

var (
	update = flag.Bool("update", false, "rewrite the golden SVG files in testdata/")
	view   = flag.String("view", "", "also write each golden chart as PNG into this folder, to look at")
)

// golden is one chart checked against testdata/<name>.svg.
type golden struct {
	name  string
	build func() (Chart, error)
	w, h  vg.Length // zero: the chart's standard size
	lang  string    // the language to build it in; "" is English
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func sigmoidPrime(z float64) float64 { s := sigmoid(z); return s * (1 - s) }

func relu(z float64) float64 { return math.Max(0, z) }

func reluPrime(z float64) float64 {
	if z > 0 {
		return 1
	}
	return 0
}

// chart adapts a builder's result to the golden table.
func chart[C Chart](c C, err error) (Chart, error) { return c, err }

// defaultFrame returns the default frame of a control, for the golden table.
func defaultFrame(c *Controls, err error) (Chart, error) { return frame(c, err, -1) }

// frame returns frame k of a control (the default if k < 0), for the golden table.
func frame(c *Controls, err error, k int) (Chart, error) {
	if err != nil {
		return nil, err
	}
	if k < 0 {
		k = c.Default
	}
	return c.Frames[k].Chart, nil
}

// chainFactors are the chain-rule factors of lesson 7's small network.
func chainFactors() nnlesson.ChainFactors {
	net := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
	return net.Chain(0.8, 1)[3]
}

var goldens = []golden{
	{name: "functions", build: func() (Chart, error) {
		return chart(Functions("Activation functions and their derivatives", "z", "", -5, 5,
			Curve{"σ(z)", sigmoid}, Curve{"σ′(z)", sigmoidPrime},
			Curve{"ReLU(z)", relu}, Curve{"ReLU′(z)", reluPrime}))
	}},
	{name: "functions_handout", w: HandoutWidth, h: HandoutHeight, build: func() (Chart, error) {
		return chart(Functions("The sigmoid squeezes z into (0, 1)", "z", "σ(z)", -8, 8, Curve{"σ(z)", sigmoid}))
	}},
	{name: "neuron_family", build: func() (Chart, error) {
		return chart(NeuronFamily(-6, 6, []float64{0.5, 1, 3, -1}, []float64{-3, 0, 3}))
	}},
	{name: "output_bars", build: func() (Chart, error) {
		return chart(OutputBars(slideOutputs, 3))
	}},
	{name: "cost_curve", build: func() (Chart, error) {
		return chart(CostCurve("Cost of one weight: C(w) = (w − 3)² + 1", "w", -1, 6, func(w float64) float64 { return (w-3)*(w-3) + 1 }))
	}},
	{name: "cost_surface", build: func() (Chart, error) {
		return chart(CostSurface("Cost of two weights", "w₁", "w₂", -3, 3, -2, 2, func(x, y float64) float64 {
			return (x-1)*(x-1) + 3*(y+0.5)*(y+0.5) + x*y
		}))
	}},
	{name: "descent_paths", build: func() (Chart, error) {
		f := func(x float64) float64 { return (x - 3) * (x - 3) }
		path := func(eta float64, n int) []float64 {
			xs := []float64{0}
			for range n {
				x := xs[len(xs)-1]
				xs = append(xs, x-eta*2*(x-3))
			}
			return xs
		}
		return chart(DescentPaths(f, -1, 7,
			DescentPanel{"η = 0.05: too small", path(0.05, 10)},
			DescentPanel{"η = 0.3: good", path(0.3, 10)},
			DescentPanel{"η = 1.1: too large", path(1.1, 10)}))
	}},
	{name: "training_curve", build: func() (Chart, error) {
		return chart(TrainingCurve([]float64{0.92, 0.41, 0.30, 0.26, 0.23, 0.215}, []float64{0.62, 0.85, 0.90, 0.91, 0.925, 0.93}))
	}},
	{name: "digit_grid", build: func() (Chart, error) {
		return chart(DigitGrid("", testDigits(), []int{0, 1, 7, 4}, 0))
	}},
	{name: "digit_predictions", build: func() (Chart, error) {
		return chart(DigitPredictions("Test digits and the network’s answers", testDigits(), []int{0, 1, 7, 4}, []int{0, 7, 7, 9}, 0))
	}},
	{name: "weight_image", build: func() (Chart, error) {
		return chart(WeightImage("What neuron 3 looks for", testWeights(3)))
	}},
	{name: "weight_grid", build: func() (Chart, error) {
		W := mat.NewDense(16, 784, nil)
		for j := range 16 {
			W.SetRow(j, testWeights(j))
		}
		return chart(WeightGrid("Layer 1: the weights of all 16 neurons", W, 0))
	}},
	{name: "confusion_matrix", build: func() (Chart, error) {
		return chart(ConfusionMatrix(testConfusion()))
	}},
	{name: "network_small", build: func() (Chart, error) {
		W1 := mat.NewDense(3, 2, []float64{0.8, -0.4, 0.1, 0.9, -1.2, 0.3})
		W2 := mat.NewDense(1, 3, []float64{1.5, -0.7, 0.2})
		return chart(NetworkDiagram([]int{2, 3, 1}, []*mat.Dense{W1, W2}))
	}},
	{name: "network_mnist", build: func() (Chart, error) {
		return chart(NetworkDiagram([]int{784, 16, 16, 10}, nil))
	}},
	{name: "chain_tree", build: func() (Chart, error) {
		return chart(ChainRuleTree(chainFactors(), 1))
	}},
	// One frame of each lesson's control.
	{name: "neuron_controls", build: func() (Chart, error) {
		return defaultFrame(NeuronControls(Slider("w", []float64{-1, 1, 2}, 1, "%.1f"), Slider("b", []float64{-2, 0}, -2, "%.0f")))
	}},
	{name: "slope_controls", build: func() (Chart, error) {
		return defaultFrame(SlopeControls(Slider("z", []float64{-6, 2, 6}, 2, "%.1f")))
	}},
	{name: "descent_controls", build: func() (Chart, error) {
		c, err := lesson6([]float64{0.1, 1.1}, []float64{-5})
		return frame(c, err, 1)
	}},
	{name: "nudge_controls", build: func() (Chart, error) {
		net := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
		c, err := NudgeControls(Slider("Δ", []float64{-2, 0, 2}, 2, "%.1f"), NetworkNudges(net, []float64{0.8}, []float64{1}, 4)...)
		return frame(c, err, -1)
	}},
	{name: "digit_controls", build: func() (Chart, error) {
		return defaultFrame(DigitControls("", testDigits()[2:3], []int{7}, func([]float64) []float64 { return slideOutputs }))
	}},
	{name: "training_controls", build: func() (Chart, error) {
		c, err := TrainingControls([]float64{0.92, 0.41, 0.30, 0.26}, []float64{0.62, 0.85, 0.90, 0.91})
		return frame(c, err, 1)
	}},
	// The Polish edition (a few: every label goes through lang.Pick).
	{name: "neuron_family_pl", lang: "pl", build: func() (Chart, error) {
		return chart(NeuronFamily(-6, 6, []float64{0.5, 1, 3, -1}, []float64{-3, 0, 3}))
	}},
	{name: "output_bars_pl", lang: "pl", build: func() (Chart, error) {
		return chart(OutputBars(slideOutputs, 3))
	}},
	{name: "training_curve_pl", lang: "pl", build: func() (Chart, error) {
		return chart(TrainingCurve([]float64{0.92, 0.41, 0.30, 0.26, 0.23, 0.215}, []float64{0.62, 0.85, 0.90, 0.91, 0.925, 0.93}))
	}},
	{name: "confusion_matrix_pl", lang: "pl", build: func() (Chart, error) {
		return chart(ConfusionMatrix(testConfusion()))
	}},
	{name: "network_small_pl", lang: "pl", build: func() (Chart, error) {
		W1 := mat.NewDense(3, 2, []float64{0.8, -0.4, 0.1, 0.9, -1.2, 0.3})
		W2 := mat.NewDense(1, 3, []float64{1.5, -0.7, 0.2})
		return chart(NetworkDiagram([]int{2, 3, 1}, []*mat.Dense{W1, W2}))
	}},
	{name: "chain_tree_pl", lang: "pl", build: func() (Chart, error) {
		return chart(ChainRuleTree(chainFactors(), 1))
	}},
	{name: "descent_controls_pl", lang: "pl", build: func() (Chart, error) {
		c, err := lesson6([]float64{0.1, 1.1}, []float64{-5})
		return frame(c, err, 1)
	}},
}

// testConfusion is a made-up 10×10 confusion table: most answers right, a
// few typical mix-ups (4 and 9, 3 and 5, 7 and 2).
func testConfusion() [][]int {
	c := make([][]int, 10)
	for t := range c {
		c[t] = make([]int, 10)
		c[t][t] = 950 + 5*t
		c[t][(t+3)%10] = t % 3
	}
	c[4][9], c[9][4], c[3][5], c[5][3], c[7][2] = 31, 24, 18, 12, 9
	return c
}

// testWeights makes a smooth weight pattern for neuron j: a positive blob and
// a negative one at places that depend on j, plus a little seeded noise.
func testWeights(j int) []float64 {
	rng := rand.New(rand.NewPCG(uint64(j), 7))
	w := make([]float64, 784)
	ax, ay := 8+float64(j%4)*4, 8+float64(j/4)*4
	bx, by := 27-ax, 27-ay
	for r := range 28 {
		for c := range 28 {
			x, y := float64(c), float64(r)
			pos := math.Exp(-((x-ax)*(x-ax) + (y-ay)*(y-ay)) / 18)
			neg := math.Exp(-((x-bx)*(x-bx) + (y-by)*(y-by)) / 30)
			w[r*28+c] = 0.8*pos - 0.6*neg + 0.05*rng.NormFloat64()
		}
	}
	return w
}

// testDigits draws four crude digits (0, 1, 7, 4) as MNIST images, without
// any file: a ring, a bar, a seven and a four.
func testDigits() [][]float64 {
	stroke := func(px []float64, x0, y0, x1, y1 float64) {
		for t := 0.0; t <= 1; t += 0.01 {
			x, y := x0+t*(x1-x0), y0+t*(y1-y0)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					r, c := int(y)+dy, int(x)+dx
					if r >= 0 && r < 28 && c >= 0 && c < 28 {
						v := 1 - 0.3*math.Hypot(float64(dx), float64(dy))
						px[r*28+c] = math.Max(px[r*28+c], v)
					}
				}
			}
		}
	}
	zero, one, seven, four := make([]float64, 784), make([]float64, 784), make([]float64, 784), make([]float64, 784)
	for a := 0.0; a < 2*math.Pi; a += 0.05 {
		stroke(zero, 14+6*math.Cos(a), 14+9*math.Sin(a), 14+6*math.Cos(a+0.05), 14+9*math.Sin(a+0.05))
	}
	stroke(one, 15, 4, 13, 24)
	stroke(seven, 8, 6, 20, 6)
	stroke(seven, 20, 6, 12, 24)
	stroke(four, 16, 4, 7, 17)
	stroke(four, 7, 17, 21, 17)
	stroke(four, 17, 9, 17, 24)
	return [][]float64{zero, one, seven, four}
}

// slideOutputs are the outputs of the slide "The cost function" for a "3".
var slideOutputs = []float64{0.43, 0.28, 0.19, 0.88, 0.72, 0.01, 0.64, 0.86, 0.99, 0.63}

func TestGolden(t *testing.T) {
	if *view != "" {
		if err := os.MkdirAll(*view, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			if g.lang != "" {
				lang.Use(g.lang)
				defer lang.Use(lang.English)
			}
			c, err := g.build()
			if err != nil {
				t.Fatalf("building %s: %v", g.name, err)
			}
			w, h := g.w, g.h
			if w == 0 {
				w, h = preferredSize(c)
			}
			got, err := SVG(c, w, h)
			if err != nil {
				t.Fatalf("rendering %s: %v", g.name, err)
			}
			again, err := SVG(c, w, h)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Errorf("%s: rendering twice gave different SVG; output must be deterministic", g.name)
			}
			if *view != "" {
				png, err := PNG(c, w, h)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(*view, g.name+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(*view, g.name+".svg"), got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join("testdata", g.name+".svg")
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
				t.Errorf("%s differs from %s (%d vs %d bytes); if the change is intended, look at it with -view=DIR and rerun with -update", g.name, path, len(got), len(want))
			}
		})
	}
}

// The SVG fixes that browsers need are applied.
func TestSVGIsBrowserReady(t *testing.T) {
	fig, err := CostSurface("", "x", "y", 0, 1, 0, 1, func(x, y float64) float64 { return x + y })
	if err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(fig, NotebookWidth, NotebookHeight)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	for _, want := range []string{`<svg role="img" style="max-width:100%;height:auto;`, `<image preserveAspectRatio="none" `, "data:image/png;base64,", "font-family:Liberation Sans,Arial"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if n := strings.Count(s, "<image "); n != strings.Count(s, `<image preserveAspectRatio="none" `) || n < 2 {
		t.Errorf("%d images; want a heat map and a colour bar, both stretched", n)
	}
}

// Every chart says what it shows, in the lesson's language, and no format
// verb is left unfilled in either language.
func TestTextAlternatives(t *testing.T) {
	t.Cleanup(func() { lang.Use(lang.English) })
	titleRE := regexp.MustCompile(`<svg role="img" [^>]*>\n<title>([^<]+)</title>\n<desc>([^<]+)</desc>`)
	for _, code := range []string{lang.English, lang.Polish} {
		lang.Use(code)
		for _, g := range goldens {
			if g.lang != "" && g.lang != code {
				continue
			}
			c, err := g.build()
			if err != nil {
				t.Fatalf("%s (%s): %v", g.name, code, err)
			}
			w, h := preferredSize(c)
			svg, err := SVG(c, w, h)
			if err != nil {
				t.Fatal(err)
			}
			m := titleRE.FindSubmatch(svg)
			if m == nil || len(m[2]) < 40 {
				t.Errorf("%s (%s): no <title> and <desc> that say what it shows", g.name, code)
				continue
			}
			if bytes.Contains(svg, []byte("%!")) {
				t.Errorf("%s (%s): a format verb went wrong: %s", g.name, code, svg[bytes.Index(svg, []byte("%!")):][:40])
			}
		}
	}
}
