package check

import (
	"math"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 4, "Activation functions".

// ReLUPrime checks exercise 1: reluPrime returns ReLU's slope, 1 for z > 0
// and 0 otherwise — also at the corner z = 0, as nnlesson.ReLUPrime does.
func ReLUPrime(reluPrime func(float64) float64) bool {
	var cases []exercise.Case
	for _, z := range []float64{-2, -0.5, 0.5, 3, 0} { // the corner last, so that its hint is the one shown
		cases = append(cases, exercise.Case{In: z, Want: nnlesson.ReLUPrime(z)})
	}
	return exercise.Func1("reluPrime", reluPrime, cases,
		exercise.Mistake(nnlesson.ReLU, lang.Pick(
			"that is ReLU(z) itself; the slope of max(0, z) is 1 where the line rises and 0 where it is flat.",
			"to jest samo ReLU(z); nachylenie max(0, z) wynosi 1 tam, gdzie wykres rośnie, i 0 tam, gdzie jest płaski.")),
		exercise.Mistake(func(z float64) float64 {
			if z >= 0 {
				return 1
			}
			return 0
		}, lang.Pick(
			"at 0 the course takes the slope 0; use z > 0, not z ≥ 0.",
			"w punkcie 0 kurs przyjmuje nachylenie 0; warunek powinien brzmieć z > 0, a nie z ≥ 0.")))
}

// SigmoidPrimeAtZero checks exercise 2: sigmoidPrimeAtZero returns σ′(0),
// worked out by hand from σ′(z) = σ(z)(1 − σ(z)), to three decimals.
func SigmoidPrimeAtZero(sigmoidPrimeAtZero func() float64) bool {
	const tol = 0.0005
	return exercise.Float("sigmoidPrimeAtZero", sigmoidPrimeAtZero, nnlesson.SigmoidPrime(0), tol,
		exercise.MistakeValue(nnlesson.Sigmoid(0), tol, lang.Pick(
			"that is σ(0), the height of the curve; the slope is σ(0)(1 − σ(0)).",
			"to jest σ(0), czyli wysokość krzywej; nachylenie wynosi σ(0)(1 − σ(0)).")),
		exercise.MistakeValue(0, tol, lang.Pick(
			"the sigmoid is steepest at 0, so its slope there is not 0.",
			"sigmoida jest najbardziej stroma właśnie w 0, więc jej nachylenie nie może tam wynosić 0.")))
}

// Saturation checks exercise 3: saturation returns the z > 0 at which the
// sigmoid's slope σ′(z) falls to 0.01, to two decimals. The answer is worked
// out here from s(1 − s) = 0.01, s = σ(z): s = (1 + √(1 − 4·0.01))/2 and
// z = ln(s/(1 − s)) ≈ 4.585.
func Saturation(saturation func() float64) bool {
	const tol = 0.01
	s := (1 + math.Sqrt(1-4*0.01)) / 2
	z := math.Log(s / (1 - s))
	return exercise.Float("saturation", saturation, z, tol,
		exercise.MistakeValue(-z, tol, lang.Pick(
			"that is the negative one; σ′ is symmetric, σ′(−z) = σ′(z), so take the positive z.",
			"to jest rozwiązanie ujemne; σ′ jest funkcją parzystą, σ′(−z) = σ′(z), więc weź dodatnie z.")),
		exercise.MistakeValue(s, tol/10, lang.Pick(
			"that is s = σ(z), the sigmoid's height there; the exercise asks for z = ln(s/(1 − s)).",
			"to jest s = σ(z), czyli wysokość sigmoidy w tym punkcie; zadanie pyta o z = ln(s/(1 − s)).")),
		exercise.MistakeValue(0, tol, lang.Pick(
			"σ′(0) = 0.25; z must grow until σ′(z) is below 0.01.",
			"σ′(0) = 0.25; z musi rosnąć, aż σ′(z) spadnie poniżej 0.01.")))
}
