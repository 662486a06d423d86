package plots_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/nnlesson/course/nnlesson"
	"github.com/nnlesson/course/plots"
)

// The cells of the lessons with controls. (These examples are compiled, not
// run: each builds dozens of charts.)

// Lesson 2: w and b of a one-input neuron; the switching point x = −b/w
// is marked and printed. 8 × 9 = 72 frames, about 0.5 MB.
func ExampleNeuronControls() {
	plots.ShowControls(plots.NeuronControls(
		plots.Slider("w", []float64{-2, -1, -0.5, 0, 0.5, 1, 2, 4}, 1, "%.1f"),
		plots.Slider("b", plots.Values(-4, 4, 1), -2, "%.0f")))
}

// Lesson 4: z moves along σ and ReLU; σ′(z) and ReLU′(z) are printed.
// 33 frames, about 0.33 MB.
func ExampleSlopeControls() {
	plots.ShowControls(plots.SlopeControls(plots.Slider("z", plots.Values(-8, 8, 0.5), 2, "%.1f")))
}

// Lesson 6: η and the starting point x₀; the four regimes can be found.
// 9 × 6 = 54 frames, about 0.8 MB.
func ExampleDescentControls() {
	f := func(x float64) float64 { return (x-3)*(x-3) + 1 }
	fPrime := func(x float64) float64 { return 2 * (x - 3) }
	plots.ShowControls(plots.DescentControls(f, fPrime, -10, 12,
		nnlesson.DescentSettings{Tolerance: 0.001, MaxSteps: 50, Limit: 100},
		plots.Slider("η", []float64{0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0, 1.1}, 0.1, "%.2f"),
		plots.Slider("x₀", []float64{-8, -5, -2, 1, 5, 8}, -5, "%.0f")))
}

// Lesson 7: nudge one weight or bias of the small network; the cost's change
// beside the gradient's prediction. 6 × 9 = 54 frames, about 0.4 MB.
func ExampleNudgeControls() {
	chainNet := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
	plots.ShowControls(plots.NudgeControls(plots.Slider("Δ", plots.Values(-2, 2, 0.5), 0.5, "%.1f"),
		plots.NetworkNudges(chainNet, []float64{0.8}, []float64{1})...))
}

// Lesson 7: the chain rule's dependency tree, each factor on its edge.
func ExampleChainRuleTree() {
	chainNet := nnlesson.NewNetwork([]int{1, 1, 1, 1}, rand.New(rand.NewPCG(1, 2)))
	plots.Show(plots.ChainRuleTree(chainNet.Chain(0.8, 1)[3], 1))
}

// Lesson 8: step through the network's mistakes (here: made-up images and a
// made-up network), and replay the training epoch by epoch.
func ExampleDigitControls() {
	images := [][]float64{make([]float64, 784), make([]float64, 784)}
	labels := []int{3, 5}
	answer := func(image []float64) []float64 { return []float64{0, 0, 0, 0.2, 0, 0.7, 0, 0, 0.1, 0} }
	plots.ShowControls(plots.DigitControls(fmt.Sprintf("%d of the network's mistakes", len(images)), images, labels, answer))
	plots.ShowControls(plots.TrainingControls([]float64{0.9, 0.4, 0.3}, []float64{0.6, 0.85, 0.9}))
}
