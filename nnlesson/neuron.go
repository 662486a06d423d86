package nnlesson

import "fmt"

// WeightedSum returns z of the slide "How a neuron works": multiply each
// activation of the previous layer by its weight, add them up, add the bias,
//
//	z = Σ w_i a_i + b
//
// It panics if w and a differ in length: every activation needs its weight.
func WeightedSum(w, a []float64, b float64) float64 {
	if len(w) != len(a) {
		panic(fmt.Sprintf("nnlesson: a neuron needs one weight per activation: got %d weights w but %d activations a", len(w), len(a)))
	}
	z := b
	for i := range w {
		z += w[i] * a[i]
	}
	return z
}

// Neuron is one neuron of the slide "How a neuron works": a function that
// takes the n activations of the previous layer and returns one number,
// in <0, 1> for the sigmoid. W holds its weights w_1 … w_n, B its bias b
// (how easy or hard it is to activate the neuron) and F its activation.
type Neuron struct {
	W []float64
	B float64
	F Activation
}

// Z returns the neuron's weighted sum plus bias, z = Σ w_i a_i + b.
// It panics if a does not have one value per weight.
func (n Neuron) Z(a []float64) float64 { return WeightedSum(n.W, a, n.B) }

// Output returns the neuron's activation, f(z) = f(Σ w_i a_i + b).
func (n Neuron) Output(a []float64) float64 {
	n.F.check()
	return n.F.F(n.Z(a))
}
