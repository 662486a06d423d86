package nnlesson

import (
	"encoding/json"
	"fmt"
	"math"
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

// MarshalJSON writes an activation as its name ("sigmoid", "relu"), so that
// Settings can be saved beside a trained network; an unset one is "".
func (a Activation) MarshalJSON() ([]byte, error) {
	return json.Marshal(a.Name)
}

// UnmarshalJSON reads an activation by its name (see ActivationByName); ""
// leaves it unset.
func (a *Activation) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("nnlesson: an activation is saved as its name, got %s", b)
	}
	if name == "" {
		*a = Activation{}
		return nil
	}
	known, err := ActivationByName(name)
	if err != nil {
		return err
	}
	*a = known
	return nil
}
