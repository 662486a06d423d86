package check

import (
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

func TestLesson04(t *testing.T) {
	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "reluPrime solution", func() {
			ReLUPrime(func(z float64) float64 {
				if z > 0 {
					return 1
				}
				return 0
			})
		}, "pass")
		want(t, "sigmoidPrimeAtZero solution", func() { SigmoidPrimeAtZero(func() float64 { return 0.25 }) }, "pass")
		want(t, "saturation solution", func() {
			Saturation(func() float64 {
				z := 0.0
				for nnlesson.SigmoidPrime(z) >= 0.01 {
					z += 0.001
				}
				return z
			})
		}, "pass")
		want(t, "saturation by algebra, rounded", func() { Saturation(func() float64 { return 4.58 }) }, "pass")

		// The mistakes each check names.
		want(t, "reluPrime returns ReLU", func() { ReLUPrime(nnlesson.ReLU) }, "fail",
			pick(pl, "that is ReLU(z) itself", "to jest samo ReLU(z)"))
		want(t, "reluPrime with z ≥ 0", func() {
			ReLUPrime(func(z float64) float64 {
				if z >= 0 {
					return 1
				}
				return 0
			})
		}, "fail", "z > 0", pick(pl, "not z ≥ 0", "a nie z ≥ 0"))
		want(t, "sigmoidPrimeAtZero σ(0)", func() { SigmoidPrimeAtZero(func() float64 { return 0.5 }) }, "fail",
			pick(pl, "that is σ(0)", "to jest σ(0)"))
		want(t, "sigmoidPrimeAtZero 0", func() { SigmoidPrimeAtZero(func() float64 { return 0 }) }, "fail",
			pick(pl, "steepest at 0", "najbardziej stroma"))
		want(t, "saturation negative", func() { Saturation(func() float64 { return -4.585 }) }, "fail",
			pick(pl, "the negative one", "rozwiązanie ujemne"))
		want(t, "saturation returns s", func() { Saturation(func() float64 { return 0.9899 }) }, "fail",
			pick(pl, "that is s = σ(z)", "to jest s = σ(z)"))
		want(t, "saturation 0", func() { Saturation(func() float64 { return 0 }) }, "fail",
			pick(pl, "z must grow", "z musi rosnąć"))
		want(t, "saturation elsewhere", func() { Saturation(func() float64 { return 3 }) }, "fail", "4.58486")

		// The student edition's stubs.
		want(t, "reluPrime stub", func() { ReLUPrime(func(float64) float64 { return stub[float64]() }) }, "todo")
		want(t, "sigmoidPrimeAtZero stub", func() { SigmoidPrimeAtZero(stub[float64]) }, "todo")
		want(t, "saturation stub", func() { Saturation(stub[float64]) }, "todo")
	})
}
