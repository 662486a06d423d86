package nnlesson_test

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"github.com/nnlesson/course/nnlesson"
)

func TestSigmoid(t *testing.T) {
	for _, tc := range []struct {
		z, want float64
	}{
		{0, 0.5},
		{1, 1 / (1 + math.Exp(-1))},   // 0.7311
		{-1, 1 / (1 + math.Exp(1))},   // 0.2689
		{2, 1 / (1 + math.Exp(-2))},   // 0.8808
		{-40, 1 / (1 + math.Exp(40))}, // tiny, but not 0
		{1000, 1},                     // e^(−1000) underflows to 0: exactly 1
		{-1000, 0},                    // the naive 1/(1+e^1000) is 1/Inf = 0 too, but e^1000 overflows
		{math.Inf(1), 1},
		{math.Inf(-1), 0},
	} {
		got := nnlesson.Sigmoid(tc.z)
		if math.Abs(got-tc.want) > 1e-15 || math.IsNaN(got) {
			t.Errorf("Sigmoid(%v) = %v, want %v", tc.z, got, tc.want)
		}
	}
}

func TestSigmoidSymmetry(t *testing.T) {
	// σ(−z) = 1 − σ(z): the two branches of Sigmoid must agree.
	for _, z := range []float64{0.1, 0.5, 3, 10, 30} {
		if got, want := nnlesson.Sigmoid(-z), 1-nnlesson.Sigmoid(z); math.Abs(got-want) > 1e-15 {
			t.Errorf("Sigmoid(%v) = %v, want 1 − Sigmoid(%v) = %v", -z, got, z, want)
		}
	}
}

func TestReLU(t *testing.T) {
	for _, tc := range []struct {
		z, want, prime float64
	}{
		{-2, 0, 0},
		{-1e300, 0, 0},
		{0, 0, 0}, // the corner: ReLUPrime(0) = 0 by convention
		{0.5, 0.5, 1},
		{3, 3, 1},
		{1e300, 1e300, 1},
	} {
		if got := nnlesson.ReLU(tc.z); got != tc.want {
			t.Errorf("ReLU(%v) = %v, want %v", tc.z, got, tc.want)
		}
		if got := nnlesson.ReLUPrime(tc.z); got != tc.prime {
			t.Errorf("ReLUPrime(%v) = %v, want %v", tc.z, got, tc.prime)
		}
	}
}

func TestPrimesMatchNumericalDerivative(t *testing.T) {
	for _, act := range []nnlesson.Activation{nnlesson.SigmoidActivation, nnlesson.ReLUActivation} {
		// ReLU has a corner at 0, where the derivative does not exist: skip it.
		for _, z := range []float64{-5, -2, -0.7, -0.1, 0.1, 0.3, 1, 2.5, 6} {
			num := fd.Derivative(act.F, z, &fd.Settings{Formula: fd.Central})
			if got := act.Prime(z); math.Abs(got-num) > 1e-8 {
				t.Errorf("%s: Prime(%v) = %v, central difference gives %v", act.Name, z, got, num)
			}
		}
	}
}

func TestLargeZIsSafe(t *testing.T) {
	for _, act := range []nnlesson.Activation{nnlesson.SigmoidActivation, nnlesson.ReLUActivation} {
		for _, z := range []float64{-1e308, -750, -710, 710, 750, 1e308} {
			if v, p := act.F(z), act.Prime(z); math.IsNaN(v) || math.IsNaN(p) || math.IsInf(p, 0) {
				t.Errorf("%s at z = %v: f = %v, f′ = %v", act.Name, z, v, p)
			}
		}
	}
	if p := nnlesson.SigmoidPrime(1000); p != 0 {
		t.Errorf("SigmoidPrime(1000) = %v, want 0 (the sigmoid is flat there)", p)
	}
}

func ExampleSigmoid() {
	for _, z := range []float64{-4, -1, 0, 1, 4} {
		fmt.Printf("σ(%2.0f) = %.4f   σ′(%2.0f) = %.4f\n", z, nnlesson.Sigmoid(z), z, nnlesson.SigmoidPrime(z))
	}
	// Output:
	// σ(-4) = 0.0180   σ′(-4) = 0.0177
	// σ(-1) = 0.2689   σ′(-1) = 0.1966
	// σ( 0) = 0.5000   σ′( 0) = 0.2500
	// σ( 1) = 0.7311   σ′( 1) = 0.1966
	// σ( 4) = 0.9820   σ′( 4) = 0.0177
}

func ExampleReLU() {
	for _, z := range []float64{-2, 0, 0.5, 3} {
		fmt.Printf("ReLU(%.1f) = %.4f   ReLU′(%.1f) = %.0f\n", z, nnlesson.ReLU(z), z, nnlesson.ReLUPrime(z))
	}
	// Output:
	// ReLU(-2.0) = 0.0000   ReLU′(-2.0) = 0
	// ReLU(0.0) = 0.0000   ReLU′(0.0) = 0
	// ReLU(0.5) = 0.5000   ReLU′(0.5) = 1
	// ReLU(3.0) = 3.0000   ReLU′(3.0) = 1
}

func TestActivationByName(t *testing.T) {
	for _, want := range []nnlesson.Activation{nnlesson.SigmoidActivation, nnlesson.ReLUActivation} {
		got, err := nnlesson.ActivationByName(want.Name)
		if err != nil || got.Name != want.Name || got.F(0.5) != want.F(0.5) || got.Prime(-0.5) != want.Prime(-0.5) {
			t.Errorf("ActivationByName(%q) = %v, %v", want.Name, got, err)
		}
	}
	_, err := nnlesson.ActivationByName("tanh")
	if err == nil || err.Error() != `nnlesson: unknown activation "tanh": the lecture has "sigmoid" and "relu"` {
		t.Errorf("ActivationByName(\"tanh\"): error %v", err)
	}
}
