package exercise_test

import (
	"fmt"
	"math"

	"github.com/nnlesson/course/exercise"
)

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// The check cell of the exercise "write σ′(z)": test values, and a hint for
// the most common mistake. Here the student returned σ(z) itself.
func ExampleFunc1() {
	cases := []exercise.Case{{In: 0, Want: 0.25}, {In: -100, Want: 0}, {In: 100, Want: 0}}
	hint := exercise.Mistake(sigmoid, "did you return σ(z) instead of σ(z)(1 − σ(z))?")

	sigmoidPrime := func(z float64) float64 { return sigmoid(z) } // the student's answer
	exercise.Func1("sigmoidPrime", sigmoidPrime, cases, hint)

	sigmoidPrime = func(z float64) float64 { return sigmoid(z) * (1 - sigmoid(z)) } // corrected
	exercise.Func1("sigmoidPrime", sigmoidPrime, cases, hint)
	// Output:
	// ✗ sigmoidPrime(0) returned 0.5; expected 0.25 — did you return σ(z) instead of σ(z)(1 − σ(z))? (2 of 3 test values are wrong.)
	// ✓ sigmoidPrime is right for all 3 test values.
}

// reluPrime is the student's edition of an exercise: cmd/student replaced
// the solution by this stub. Its check says what to do, and does not crash.
func reluPrime(z float64) float64 {
	// TODO: return the slope of ReLU at z: 1 for z > 0, otherwise 0
	panic(exercise.NotWritten("return the slope of ReLU at z: 1 for z > 0, otherwise 0"))
}

func ExampleNotWritten() {
	passed := exercise.Func1("reluPrime", reluPrime, []exercise.Case{{In: -1, Want: 0}, {In: 2, Want: 1}})
	fmt.Println("passed:", passed)
	// Output:
	// ✎ reluPrime is not written yet: return the slope of ReLU at z: 1 for z > 0, otherwise 0. Replace the line panic(exercise.NotWritten(…)) with your code, run that cell, then this one again.
	// passed: false
}

// One step of backpropagation by hand: the student's number, rounded to
// three digits, is checked within ±0.001.
func ExampleFloat() {
	dCdW := func() float64 { return 2 * (0.8 - 1) * 0.16 } // forgot the factor a^(L−1) = 0.5
	exercise.Float("dCdW", dCdW, -0.032, 0.001,
		exercise.MistakeValue(-0.064, 0.001, "did you forget the factor ∂z/∂w = a^(L−1)?"))
	// Output:
	// ✗ dCdW() returned -0.064; expected -0.032 (± 0.001) — did you forget the factor ∂z/∂w = a^(L−1)?
}

// The weighted inputs of a layer, z = W·a + b, as a list.
func ExampleSlice() {
	z := func() []float64 { return []float64{0.5, -1.2} }
	exercise.Slice("z", z, []float64{0.5, -1.2}, 1e-9)
	// Output:
	// ✓ z() = [0.5 -1.2] is right.
}

// A free-form goal: the check runs the student's choice and says what
// happened when the goal is not met.
func ExampleCheck() {
	learningRate := func() float64 { return 1.5 } // the student's η
	exercise.Check("gradient descent on C(w) = (w − 3)² converges in at most 50 steps", func() error {
		eta, w := learningRate(), 0.0
		for step := 1; step <= 50; step++ {
			w -= eta * 2 * (w - 3)
			if math.Abs(w-3) < 1e-6 {
				return nil
			}
		}
		return fmt.Errorf("with η = %g, w is %.3g after 50 steps: η is too large, the steps overshoot", eta, w)
	})
	// Output:
	// ✗ Not yet: gradient descent on C(w) = (w − 3)² converges in at most 50 steps. With η = 1.5, w is -3.38e+15 after 50 steps: η is too large, the steps overshoot.
}
