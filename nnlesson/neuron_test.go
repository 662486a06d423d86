package nnlesson_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

// recoverMessage runs f and returns the message it panicked with, or "" if
// it did not panic.
func recoverMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// wantPanic checks that f panics with a message containing every one of want.
func wantPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	msg := recoverMessage(f)
	if msg == "" {
		t.Errorf("no panic, want one saying %q", want)
		return
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("panic %q does not contain %q", msg, w)
		}
	}
}

func TestWeightedSum(t *testing.T) {
	for _, tc := range []struct {
		w, a []float64
		b    float64
		want float64
	}{
		{nil, nil, 0.5, 0.5}, // no inputs: only the bias
		{[]float64{2}, []float64{3}, 1, 7},
		{[]float64{0.5, -1, 2}, []float64{1, 0.25, 0.5}, -0.1, 0.5*1 - 1*0.25 + 2*0.5 - 0.1},
		{[]float64{1, 1, 1, 1}, []float64{0, 0, 0, 0}, -3, -3},
	} {
		if got := nnlesson.WeightedSum(tc.w, tc.a, tc.b); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("WeightedSum(%v, %v, %v) = %v, want %v", tc.w, tc.a, tc.b, got, tc.want)
		}
	}
	wantPanic(t, func() { nnlesson.WeightedSum([]float64{1, 2}, []float64{1, 2, 3}, 0) },
		"nnlesson: ", "2 weights", "3 activations")
}

func TestNeuron(t *testing.T) {
	n := nnlesson.Neuron{W: []float64{0.5, -1, 2}, B: -0.1, F: nnlesson.SigmoidActivation}
	a := []float64{1, 0.25, 0.5}
	z := 0.5*1 - 1*0.25 + 2*0.5 - 0.1 // 1.15
	if got := n.Z(a); math.Abs(got-z) > 1e-15 {
		t.Errorf("Z = %v, want %v", got, z)
	}
	if got, want := n.Output(a), 1/(1+math.Exp(-z)); math.Abs(got-want) > 1e-15 {
		t.Errorf("Output = %v, want σ(%v) = %v", got, z, want)
	}
	n.F = nnlesson.ReLUActivation
	n.B = -2 // z = −0.75: ReLU gives 0
	if got := n.Output(a); got != 0 {
		t.Errorf("ReLU output for z < 0 = %v, want 0", got)
	}
	wantPanic(t, func() { nnlesson.Neuron{W: []float64{1}}.Output([]float64{1}) }, "nnlesson: ", "F and Prime")
}

func ExampleWeightedSum() {
	a := []float64{0.9, 0.2, 0.6}  // activations of the previous layer
	w := []float64{1.5, -2.0, 0.5} // their weights
	b := -1.0                      // the bias
	z := nnlesson.WeightedSum(w, a, b)
	fmt.Printf("z = %.4f\n", z)
	fmt.Printf("σ(z) = %.4f\n", nnlesson.Sigmoid(z))
	// Output:
	// z = 0.2500
	// σ(z) = 0.5622
}

func ExampleNeuron() {
	n := nnlesson.Neuron{
		W: []float64{1.5, -2.0, 0.5},
		B: -1.0,
		F: nnlesson.SigmoidActivation,
	}
	a := []float64{0.9, 0.2, 0.6}
	fmt.Printf("z = %.4f, a = %.4f\n", n.Z(a), n.Output(a))
	// Output:
	// z = 0.2500, a = 0.5622
}
