package check

import (
	"math"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

func TestLesson02(t *testing.T) {
	w, a, b := []float64{2.0, -3.0, 1.5}, []float64{0.9, 0.2, 0.6}, -1.0
	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "myZ solution", func() {
			MyZ(func() float64 {
				z := b
				for i := range w {
					z += w[i] * a[i]
				}
				return z
			}, w, a, b)
		}, "pass")
		want(t, "sigmoid solution", func() { Sigmoid(func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }) }, "pass")
		want(t, "switchOn solution", func() { SwitchOn(func() float64 { return 6.0 / 2.0 }) }, "pass")

		// The mistakes each check names.
		want(t, "myZ without b", func() { MyZ(func() float64 { return nnlesson.WeightedSum(w, a, 0) }, w, a, b) }, "fail",
			pick(pl, "forget to add the bias b", "brakuje biasu b"))
		want(t, "myZ returns σ(z)", func() { MyZ(func() float64 { return nnlesson.Sigmoid(nnlesson.WeightedSum(w, a, b)) }, w, a, b) }, "fail",
			pick(pl, "that is σ(z)", "to jest σ(z)"))
		want(t, "sigmoid with e^z", func() { Sigmoid(func(z float64) float64 { return 1 / (1 + math.Exp(z)) }) }, "fail",
			pick(pl, "sign in the exponent", "znak w wykładniku"))
		want(t, "sigmoid's denominator", func() { Sigmoid(func(z float64) float64 { return 1 + math.Exp(-z) }) }, "fail",
			pick(pl, "the denominator", "mianownik"))
		want(t, "switchOn −3", func() { SwitchOn(func() float64 { return -3 }) }, "fail", pick(pl, "check the sign", "sprawdź znak"))
		want(t, "switchOn 6", func() { SwitchOn(func() float64 { return 6 }) }, "fail", pick(pl, "divide it by the weight", "podziel je"))

		// The student edition's stubs.
		want(t, "myZ stub", func() { MyZ(stub[float64], w, a, b) }, "todo")
		want(t, "sigmoid stub", func() { Sigmoid(func(float64) float64 { return stub[float64]() }) }, "todo")
		want(t, "switchOn stub", func() { SwitchOn(stub[float64]) }, "todo")
	})
}
