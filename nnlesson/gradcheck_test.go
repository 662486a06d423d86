package nnlesson_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

// Backprop must equal the central-difference gradient on random networks of
// several shapes, with sigmoid and with ReLU.
//
// ReLU has a corner at z = 0, where the central difference straddles two
// slopes and cannot agree with ReLUPrime. With random weights, biases and
// inputs, a z within the step h ≈ 6e−6 of 0 has a probability of the order
// of 1e−5 per neuron: negligible, and the seeds below are fixed anyway.
func TestBackpropMatchesCentralDifferences(t *testing.T) {
	shapes := [][]int{{1, 1}, {2, 3, 1}, {3, 5, 4, 2}, {5, 4, 4, 3, 3}, {1, 1, 1, 1}, {784, 16, 16, 10}}
	acts := []struct {
		name          string
		hidden, final nnlesson.Activation
	}{
		{"sigmoid", nnlesson.SigmoidActivation, nnlesson.SigmoidActivation},
		{"relu hidden", nnlesson.ReLUActivation, nnlesson.SigmoidActivation},
		{"relu everywhere", nnlesson.ReLUActivation, nnlesson.ReLUActivation},
	}
	rng := newRand(42)
	for _, sizes := range shapes {
		for _, act := range acts {
			for trial := 0; trial < 3; trial++ {
				net := nnlesson.NewNetwork(sizes, rng)
				net.SetHiddenActivation(act.hidden)
				net.SetActivation(net.Layers(), act.final)
				x := make([]float64, sizes[0])
				for i := range x {
					x[i] = rng.Float64()
				}
				y := make([]float64, sizes[len(sizes)-1])
				for i := range y {
					y[i] = rng.Float64()
				}
				before := net.Params()
				bp := net.Backprop(x, y)
				num := nnlesson.NumericalGradient(net, x, y)
				if e := nnlesson.MaxRelativeError(bp, num); e > 1e-6 {
					t.Errorf("%v %s trial %d: backprop and central differences differ by %.3g (relative)", sizes, act.name, trial, e)
				}
				if !slices.Equal(before, net.Params()) {
					t.Errorf("%v: NumericalGradient changed the network", sizes)
				}
			}
			if len(sizes) > 0 && sizes[0] == 784 {
				break // one act of the large network is enough: it takes 26,004 forward passes
			}
		}
	}
}

// MaxRelativeError must notice a gradient that is wrong in one place.
func TestMaxRelativeErrorNoticesAMistake(t *testing.T) {
	net := nnlesson.NewNetwork([]int{3, 4, 2}, newRand(9))
	x, y := []float64{0.2, 0.4, 0.6}, []float64{1, 0}
	g := net.Backprop(x, y)
	if e := nnlesson.MaxRelativeError(g, g); e != 0 {
		t.Errorf("a gradient against itself: %v, want 0", e)
	}
	wrong := net.Backprop(x, y)
	wrong.W(1).Set(2, 1, wrong.W(1).At(2, 1)+1e-3) // one weight off by 0.001
	if e := nnlesson.MaxRelativeError(g, wrong); e < 1e-4 {
		t.Errorf("a gradient off by 0.001 in one weight: relative error %v, want it noticed (> 1e-4)", e)
	}
	// A mistake a student might make: forgetting the factor 2 of ∂C/∂a.
	half := net.Backprop(x, y)
	half.Scale(0.5)
	if e := nnlesson.MaxRelativeError(half, nnlesson.NumericalGradient(net, x, y)); e < 0.4 {
		t.Errorf("half the gradient: relative error %v, want about 0.5", e)
	}
	zero := net.NewGradient()
	if e := nnlesson.MaxRelativeError(zero, zero); e != 0 {
		t.Errorf("two zero gradients: %v, want 0", e)
	}
	wantPanic(t, func() { nnlesson.NumericalGradient(net, x, []float64{1}) },
		"nnlesson: the output layer has 2 neurons, got 1 targets y")
}

func ExampleNumericalGradient() {
	net := nnlesson.NewNetwork([]int{2, 3, 1}, rand.New(rand.NewPCG(1, 2)))
	x, y := []float64{0.5, 0.9}, []float64{1}
	bp := net.Backprop(x, y)
	num := nnlesson.NumericalGradient(net, x, y)
	fmt.Printf("∂C/∂w_0,0^(1): backprop %.6f, central difference %.6f\n", bp.W(1).At(0, 0), num.W(1).At(0, 0))
	fmt.Println("agree to 1e-6:", nnlesson.MaxRelativeError(bp, num) < 1e-6)
	// Output:
	// ∂C/∂w_0,0^(1): backprop 0.003821, central difference 0.003821
	// agree to 1e-6: true
}
