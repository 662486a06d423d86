package check

import (
	"math"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 2, "How a neuron works".

// MyZ checks exercise 1: myZ returns z = Σ w_i a_i + b for the lesson's
// neuron, whose weights, activations and bias are w, a and b.
func MyZ(myZ func() float64, w, a []float64, b float64) bool {
	z := nnlesson.WeightedSum(w, a, b)
	return exercise.Float("myZ", myZ, z, 1e-9,
		exercise.MistakeValue(nnlesson.WeightedSum(w, a, 0), 1e-9, lang.Pick(
			"did you forget to add the bias b?",
			"brakuje biasu b: dodaj go do sumy.")),
		exercise.MistakeValue(nnlesson.Sigmoid(z), 1e-9, lang.Pick(
			"that is σ(z), the activation; the exercise asks for z itself.",
			"to jest σ(z), czyli aktywacja; zadanie pyta o samo z.")))
}

// Sigmoid checks exercise 2: sigmoid returns σ(z) = 1 / (1 + e^(−z)).
func Sigmoid(sigmoid func(float64) float64) bool {
	cases := []exercise.Case{{In: 0, Want: 0.5}, {In: 2, Want: nnlesson.Sigmoid(2)}, {In: -3, Want: nnlesson.Sigmoid(-3)}, {In: 1.1, Want: nnlesson.Sigmoid(1.1)}}
	return exercise.Func1("sigmoid", sigmoid, cases,
		exercise.Mistake(func(z float64) float64 { return 1 / (1 + math.Exp(z)) }, lang.Pick(
			"check the sign in the exponent: it is e^(−z).",
			"sprawdź znak w wykładniku: ma być e^(−z).")),
		exercise.Mistake(func(z float64) float64 { return 1 + math.Exp(-z) }, lang.Pick(
			"you returned the denominator 1 + e^(−z); σ is one divided by it.",
			"to jest mianownik 1 + e^(−z); σ to jedynka podzielona przez niego.")))
}

// SwitchOn checks exercise 3: switchOn returns the input x at which the
// neuron σ(2x − 6) is exactly ½, from w·x + b = 0.
func SwitchOn(switchOn func() float64) bool {
	return exercise.Float("switchOn", switchOn, 3, 1e-9,
		exercise.MistakeValue(-3, 1e-9, lang.Pick(
			"check the sign: 2x − 6 = 0 gives x = +3.",
			"sprawdź znak: z 2x − 6 = 0 wychodzi x = +3.")),
		exercise.MistakeValue(6, 1e-9, lang.Pick(
			"you returned −b; divide it by the weight w as well.",
			"to jest −b; podziel je jeszcze przez wagę w.")))
}
