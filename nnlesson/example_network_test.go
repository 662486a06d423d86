// This example walks a small network through the whole lecture: a 2-3-1
// network with the slide's notation, its forward pass layer by layer, the
// cost of its answers, backpropagation, the average gradient over the
// training data (the slide's table) and gradient descent steps, until it
// computes XOR, which no single neuron can.
package nnlesson_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/nnlesson/course/nnlesson"
)

// xorData is the training data: two inputs in, one wanted output y.
var xorData = []struct{ x, y []float64 }{
	{[]float64{0, 0}, []float64{0}},
	{[]float64{0, 1}, []float64{1}},
	{[]float64{1, 0}, []float64{1}},
	{[]float64{1, 1}, []float64{0}},
}

// averageCost is the cost over all the training data, (1/n) Σ_x C_x.
func averageCost(net *nnlesson.Network) float64 {
	var sum float64
	for _, d := range xorData {
		sum += nnlesson.Cost(net.FeedForward(d.x), d.y)
	}
	return sum / float64(len(xorData))
}

func Example_network() {
	// Layer 0 has 2 inputs, layer 1 three neurons, layer 2 one output.
	net := nnlesson.NewNetwork([]int{2, 3, 1}, rand.New(rand.NewPCG(1, 2)))
	fmt.Println(net, "with", net.NumParams(), "weights and biases")

	// The forward pass, a^(L) = σ(W^(L) a^(L−1) + b^(L)), layer by layer.
	zs, as := net.FeedForwardTrace([]float64{1, 0})
	for L := 1; L <= net.Layers(); L++ {
		r, c := net.W(L).Dims()
		fmt.Printf("layer %d: W is %d×%d, z = %.4f, a = %.4f\n", L, r, c,
			zs[L].RawVector().Data, as[L].RawVector().Data)
	}

	// Before training the answers are poor.
	fmt.Printf("cost before: %.4f\n", averageCost(net))

	// Gradient descent: every example's gradient, their average, one step.
	const eta = 2.0
	for step := 1; step <= 2000; step++ {
		var gs []*nnlesson.Gradient
		for _, d := range xorData {
			gs = append(gs, net.Backprop(d.x, d.y))
		}
		net.Step(nnlesson.AverageGradient(gs), eta)
		if step == 10 || step == 100 || step == 2000 {
			fmt.Printf("after %4d steps: cost %.4f\n", step, averageCost(net))
		}
	}

	for _, d := range xorData {
		fmt.Printf("%v → %.2f (want %v)\n", d.x, net.FeedForward(d.x)[0], d.y[0])
	}
	fmt.Printf("W^(2) =\n%.2f\n", mat.Formatted(net.W(2)))
	// Output:
	// 2-3-1 network (sigmoid) with 13 weights and biases
	// layer 1: W is 3×2, z = [2.2006 1.8676 -0.4003], a = [0.9003 0.8662 0.4012]
	// layer 2: W is 1×3, z = [-2.2921], a = [0.0918]
	// cost before: 0.4175
	// after   10 steps: cost 0.2516
	// after  100 steps: cost 0.2487
	// after 2000 steps: cost 0.0009
	// [0 0] → 0.03 (want 0)
	// [0 1] → 0.97 (want 1)
	// [1 0] → 0.97 (want 1)
	// [1 1] → 0.03 (want 0)
	// W^(2) =
	// [-1.41   8.73  -9.01]
}
