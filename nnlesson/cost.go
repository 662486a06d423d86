package nnlesson

import "fmt"

// The cost of the slide "The cost function" is written here once. Everything
// that computes a cost or its derivative — Cost and CostPrime, Backprop and
// Chain, and the training package's fast path and evaluation — calls
// OutputCost and OutputCostPrime, so a different cost (cross-entropy, in a
// later course) is one edit of these two functions.

// OutputCost returns the share of the cost of one output neuron: its
// activation a against the wanted value y,
//
//	(a − y)²
func OutputCost(a, y float64) float64 {
	d := a - y
	return d * d
}

// OutputCostPrime returns the derivative of OutputCost with respect to a,
// the ∂C/∂a factor of the chain rule for one output neuron:
//
//	∂C/∂a = 2(a − y)
func OutputCostPrime(a, y float64) float64 {
	return 2 * (a - y)
}

// Cost returns the cost of the slide "The cost function" for one example:
// the network's outputs a against the wanted outputs y,
//
//	C = Σ_{i=0}^{n−1} (a_i − y_i)²
//
// exactly the slide's C, with no factor ½. A large cost means the network
// answers this example badly: the untrained network of the slide costs 3.37
// on its "3". Cost panics if a and y differ in length.
func Cost(a, y []float64) float64 {
	checkTarget(a, y)
	var C float64
	for i := range a {
		C += OutputCost(a[i], y[i])
	}
	return C
}

// CostPrime returns the derivative of the cost with respect to each output,
// the ∂C/∂a factor of the chain rule:
//
//	∂C/∂a_i = 2(a_i − y_i)
//
// It panics if a and y differ in length.
func CostPrime(a, y []float64) []float64 {
	checkTarget(a, y)
	dCdA := make([]float64, len(a))
	for i := range a {
		dCdA[i] = OutputCostPrime(a[i], y[i])
	}
	return dCdA
}

// checkTarget panics unless there is one wanted output per output.
func checkTarget(a, y []float64) {
	if len(a) != len(y) {
		panic(fmt.Sprintf("nnlesson: the cost compares each output with its target: got %d outputs a but %d targets y", len(a), len(y)))
	}
}

// OneHot returns the wanted outputs y for a digit: n values, all 0 except a 1
// at position digit. OneHot(3, 10) is the slide's target for a "3":
// [0 0 0 1 0 0 0 0 0 0]. It panics unless 0 ≤ digit < n.
func OneHot(digit, n int) []float64 {
	if digit < 0 || digit >= n {
		panic(fmt.Sprintf("nnlesson: OneHot needs a digit in 0…%d for %d outputs, got %d", n-1, n, digit))
	}
	y := make([]float64, n)
	y[digit] = 1
	return y
}
