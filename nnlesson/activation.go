package nnlesson

import (
	"fmt"
	"math"
	"reflect"
)

// Sigmoid returns the logistic function of the slide "Activation functions",
//
//	σ(z) = 1 / (1 + e^(−z))
//
// It squeezes any real number into (0, 1). It is computed in a form that
// never overflows, so Sigmoid(-1000) is 0 and Sigmoid(1000) is 1.
func Sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z) // z < 0: e^z cannot overflow
	return e / (1 + e)
}

// SigmoidPrime returns the derivative of the logistic function,
//
//	σ′(z) = σ(z)(1 − σ(z))
//
// It is the ∂a/∂z factor of the chain rule.
func SigmoidPrime(z float64) float64 {
	s := Sigmoid(z)
	return s * (1 - s)
}

// ReLU returns the rectified linear unit, f(z) = max(0, z).
func ReLU(z float64) float64 {
	if z > 0 {
		return z
	}
	return 0
}

// ReLUPrime returns the derivative of ReLU: 1 for z > 0, otherwise 0
// (at z = 0, where ReLU has a corner, it takes 0 by convention).
func ReLUPrime(z float64) float64 {
	if z > 0 {
		return 1
	}
	return 0
}

// Activation is an activation function f with its derivative f′, the pair a
// layer needs: f for the forward pass, a = f(z), and f′ for backpropagation.
type Activation struct {
	Name  string                  // "sigmoid", "relu": used in messages and saved files
	F     func(z float64) float64 // f(z)
	Prime func(z float64) float64 // f′(z)
}

// The activations of the lecture.
var (
	SigmoidActivation = Activation{Name: "sigmoid", F: Sigmoid, Prime: SigmoidPrime}
	ReLUActivation    = Activation{Name: "relu", F: ReLU, Prime: ReLUPrime}
)

// check panics if a is not a usable activation (its zero value, for instance).
func (a Activation) check() {
	if a.F == nil || a.Prime == nil {
		panic(fmt.Sprintf("nnlesson: activation %q needs both F and Prime; use SigmoidActivation or ReLUActivation", a.Name))
	}
}

// String returns the activation's name.
func (a Activation) String() string { return a.Name }

// ActivationByName returns the activation called name, "sigmoid" or "relu",
// for reading a network's description back from a file.
func ActivationByName(name string) (Activation, error) {
	for _, a := range []Activation{SigmoidActivation, ReLUActivation} {
		if a.Name == name {
			return a, nil
		}
	}
	return Activation{}, fmt.Errorf("nnlesson: unknown activation %q: the lecture has %q and %q", name, SigmoidActivation.Name, ReLUActivation.Name)
}

// Known reports whether a is one of the lecture's activations,
// SigmoidActivation or ReLUActivation — the same functions, not just the
// same name. Only those can be saved by name and read back.
func Known(a Activation) bool {
	known, err := ActivationByName(a.Name)
	return err == nil && a.F != nil && a.Prime != nil &&
		reflect.ValueOf(a.F).Pointer() == reflect.ValueOf(known.F).Pointer() &&
		reflect.ValueOf(a.Prime).Pointer() == reflect.ValueOf(known.Prime).Pointer()
}
