package plots_test

import (
	"bytes"
	"fmt"
	"math"

	"github.com/nnlesson/course/plots"
	"gonum.org/v1/gonum/mat"
)

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// A chart is built, then rendered or shown. Show does nothing outside a
// notebook, so this example runs anywhere.
func ExampleFunctions() {
	p, err := plots.Functions("The sigmoid and its slope", "z", "", -6, 6,
		plots.Curve{Name: "σ(z)", F: sigmoid},
		plots.Curve{Name: "σ′(z)", F: func(z float64) float64 { return sigmoid(z) * (1 - sigmoid(z)) }},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	plots.Show(p, nil) // inline in a GoNB notebook

	svg, err := plots.SVG(p, plots.HandoutWidth, plots.HandoutHeight) // for a file
	fmt.Println(err, bytes.HasPrefix(svg, []byte("<?xml")))
	// Output: <nil> true
}

// The slide's untrained network, shown a "3". The title carries the cost
// computed from the ten rounded outputs (the slide's 3.37 comes from outputs
// before rounding).
func ExampleOutputBars() {
	a := []float64{0.43, 0.28, 0.19, 0.88, 0.72, 0.01, 0.64, 0.86, 0.99, 0.63}
	p, err := plots.OutputBars(a, 3)
	fmt.Println(p.Title.Text, err)
	// Output: The network was shown a “3”: cost C = Σ (a − y)² = 3.36 <nil>
}

// Bad data is refused with a message in the reader's terms.
func ExampleDigitGrid_error() {
	images := [][]float64{make([]float64, 784), make([]float64, 783)}
	_, err := plots.DigitGrid("", images, []int{0, 1}, 0)
	fmt.Println(err)
	// Output: plots: DigitGrid: image 1 has 783 pixels; MNIST images have 28×28 = 784
}

// W^(L) is n_L × n_(L−1): three neurons after two inputs need a 3×2 matrix.
func ExampleNetworkDiagram_error() {
	W1 := mat.NewDense(2, 3, nil) // transposed by mistake
	W2 := mat.NewDense(1, 3, nil)
	_, err := plots.NetworkDiagram([]int{2, 3, 1}, []*mat.Dense{W1, W2})
	fmt.Println(err)
	// Output: plots: NetworkDiagram: W^(1) is 2×3; layer 1 has 3 neurons and layer 0 has 2, so W^(1) must be 3×2
}

// A training curve redrawn in place after every epoch. In a notebook the
// cell shows one chart that grows; the saved notebook keeps the last frame.
func ExampleLive() {
	live := plots.NewLive()
	var cost, accuracy []float64
	for epoch := 1; epoch <= 5; epoch++ {
		// … one epoch of training would go here …
		cost = append(cost, 1/float64(epoch))
		accuracy = append(accuracy, 1-0.5/float64(epoch))
		live.Update(plots.TrainingCurve(cost, accuracy))
	}
	fmt.Println("frames drawn outside a notebook:", live.Frames())
	// Output: frames drawn outside a notebook: 0
}
