package nnlesson_test

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/nnlesson/course/nnlesson"
)

// The slide "Many neurons": three inputs o^(0), two neurons in layer 1.
var (
	slideW = mat.NewDense(2, 3, []float64{
		0.2, -0.5, 0.1, // w_00 w_01 w_02
		0.4, 0.3, -0.2, // w_10 w_11 w_12
	})
	slideO0 = mat.NewVecDense(3, []float64{1.0, 0.5, 0.25}) // o_0^(0) o_1^(0) o_2^(0)
	slideB  = mat.NewVecDense(2, []float64{0.1, -0.3})      // b_0 b_1
)

func TestLayerSlideExample(t *testing.T) {
	z, a := nnlesson.Layer(slideW, slideO0, slideB, nnlesson.SigmoidActivation)

	// The slide's sums written out term by term.
	w := func(k, j int) float64 { return slideW.At(k, j) }
	o := slideO0.AtVec
	z0 := o(0)*w(0, 0) + o(1)*w(0, 1) + o(2)*w(0, 2) + slideB.AtVec(0)
	z1 := o(0)*w(1, 0) + o(1)*w(1, 1) + o(2)*w(1, 2) + slideB.AtVec(1)
	// And by hand: 0.2 − 0.25 + 0.025 + 0.1 and 0.4 + 0.15 − 0.05 − 0.3.
	for k, want := range []float64{0.075, 0.2} {
		if math.Abs(z.AtVec(k)-want) > 1e-15 || math.Abs([]float64{z0, z1}[k]-want) > 1e-15 {
			t.Errorf("z_%d = %v, written-out sum %v, want %v", k, z.AtVec(k), []float64{z0, z1}[k], want)
		}
		if got, want := a.AtVec(k), nnlesson.Sigmoid(want); got != want {
			t.Errorf("a_%d = %v, want σ(z_%d) = %v", k, got, k, want)
		}
	}
	if z.Len() != 2 || a.Len() != 2 {
		t.Errorf("got %d z and %d a, want 2 each (two neurons)", z.Len(), a.Len())
	}
}

func TestLayerReLU(t *testing.T) {
	b := mat.NewVecDense(2, []float64{-0.2, -0.3}) // z = (−0.025, 0.2)
	z, a := nnlesson.Layer(slideW, slideO0, b, nnlesson.ReLUActivation)
	if a.AtVec(0) != 0 || a.AtVec(1) != z.AtVec(1) || z.AtVec(1) <= 0 {
		t.Errorf("ReLU layer: z = %v, a = %v; want a_0 = 0 and a_1 = z_1 > 0", z.RawVector().Data, a.RawVector().Data)
	}
}

func TestLayerBadSizes(t *testing.T) {
	wantPanic(t, func() {
		nnlesson.Layer(slideW, mat.NewVecDense(4, nil), slideB, nnlesson.SigmoidActivation)
	}, "nnlesson: layer weights are 2×3, so the previous layer must have 3 activations, got 4")
	wantPanic(t, func() {
		nnlesson.Layer(slideW, slideO0, mat.NewVecDense(3, nil), nnlesson.SigmoidActivation)
	}, "nnlesson: ", "2 biases, got 3")
	wantPanic(t, func() {
		nnlesson.Layer(slideW, slideO0, slideB, nnlesson.Activation{})
	}, "nnlesson: ", "SigmoidActivation")
}

func ExampleLayer() {
	// The slide "Many neurons": inputs o^(0), a 2×3 weight matrix, two biases.
	W := mat.NewDense(2, 3, []float64{
		0.2, -0.5, 0.1,
		0.4, 0.3, -0.2,
	})
	o0 := mat.NewVecDense(3, []float64{1.0, 0.5, 0.25})
	b := mat.NewVecDense(2, []float64{0.1, -0.3})

	z, a := nnlesson.Layer(W, o0, b, nnlesson.SigmoidActivation)
	fmt.Printf("z = W o^(0) + b =\n%.4f\n", mat.Formatted(z))
	fmt.Printf("o^(1) = σ(z) =\n%.4f\n", mat.Formatted(a))
	// Output:
	// z = W o^(0) + b =
	// ⎡0.0750⎤
	// ⎣0.2000⎦
	// o^(1) = σ(z) =
	// ⎡0.5187⎤
	// ⎣0.5498⎦
}
