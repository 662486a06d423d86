package check

import (
	"math"
	"testing"

	"github.com/nnlesson/course/nnlesson"
)

func TestLesson05(t *testing.T) {
	outputs := []float64{0.43, 0.28, 0.19, 0.88, 0.72, 0.01, 0.64, 0.86, 0.99, 0.63}
	y := nnlesson.OneHot(3, 10)
	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "quadraticCost solution", func() {
			QuadraticCost(func(a, y []float64) float64 {
				C := 0.0
				for i := range a {
					C += (a[i] - y[i]) * (a[i] - y[i])
				}
				return C
			}, outputs, y)
		}, "pass")
		want(t, "lazyCost solution", func() { LazyCost(func() float64 { return 9*0.01 + 0.81 }) }, "pass")
		want(t, "meanCost solution", func() {
			MeanCost(func(outs [][]float64, digits []int) float64 {
				total := 0.0
				for k := range outs {
					total += nnlesson.Cost(outs[k], nnlesson.OneHot(digits[k], 10))
				}
				return total / float64(len(outs))
			}, outputs)
		}, "pass")
		want(t, "meanCost worked out by hand", func() { MeanCost(func([][]float64, []int) float64 { return 1.7862 }, outputs) }, "pass")

		// The mistakes each check names.
		scaled := func(s float64) func(a, y []float64) float64 {
			return func(a, y []float64) float64 { return s * nnlesson.Cost(a, y) }
		}
		want(t, "quadraticCost with ½", func() { QuadraticCost(scaled(0.5), outputs, y) }, "fail",
			pick(pl, "For the slide's outputs, quadraticCost(outputs, y) returned 1.67925; expected 3.3585", "Dla wyjść ze slajdu quadraticCost(outputs, y) zwraca 1.67925; oczekiwano 3.3585"),
			pick(pl, "no factor ½", "nie ma czynnika ½"))
		want(t, "quadraticCost as a mean", func() {
			QuadraticCost(func(a, y []float64) float64 { return nnlesson.Cost(a, y) / float64(len(a)) }, outputs, y)
		}, "fail", pick(pl, "the mean of the squares", "średnia kwadratów"))
		want(t, "quadraticCost as a distance", func() {
			QuadraticCost(func(a, y []float64) float64 { return math.Sqrt(nnlesson.Cost(a, y)) }, outputs, y)
		}, "fail", pick(pl, "square root", "pierwiastek"))
		want(t, "quadraticCost without squares", func() {
			QuadraticCost(func(a, y []float64) float64 {
				s := 0.0
				for i := range a {
					s += math.Abs(a[i] - y[i])
				}
				return s
			}, outputs, y)
		}, "fail", pick(pl, "must be squared", "podnieść do kwadratu"))
		want(t, "quadraticCost of the slide only", func() {
			QuadraticCost(func(a, y []float64) float64 { return 3.3585 }, outputs, y)
		}, "fail", pick(pl, "For the small example, quadraticCost([0.2 0.7 0.1], [0 1 0]) returned 3.3585; expected 0.14",
			"Dla małego przykładu quadraticCost([0.2 0.7 0.1], [0 1 0]) zwraca 3.3585; oczekiwano 0.14"),
			pick(pl, "square each difference", "podnieś do kwadratu"))
		want(t, "quadraticCost of a perfect answer", func() {
			QuadraticCost(func(a, y []float64) float64 {
				if &a[0] == &y[0] { // wrong only for quadraticCost(y, y)
					return 0.1
				}
				return nnlesson.Cost(a, y)
			}, outputs, y)
		}, "fail", pick(pl, "For a perfect answer, quadraticCost(y, y) returned 0.1; expected 0", "Dla idealnej odpowiedzi quadraticCost(y, y) zwraca 0.1; oczekiwano 0"))
		want(t, "lazyCost of the 3 only", func() { LazyCost(func() float64 { return 0.81 }) }, "fail", pick(pl, "only the output for 3", "tylko kwadrat błędu wyjścia dla cyfry 3"))
		want(t, "lazyCost of the nine only", func() { LazyCost(func() float64 { return 0.09 }) }, "fail", pick(pl, "the nine outputs", "dziewięciu wyjść"))
		want(t, "lazyCost unsquared", func() { LazyCost(func() float64 { return 1.8 }) }, "fail", pick(pl, "each difference is squared", "podnosimy do kwadratu"))
		mean := func(f func(sum float64, n int) float64) func([][]float64, []int) float64 {
			return func(outs [][]float64, digits []int) float64 {
				sum := 0.0
				for k := range outs {
					sum += nnlesson.Cost(outs[k], nnlesson.OneHot(digits[k], 10))
				}
				return f(sum, len(outs))
			}
		}
		want(t, "meanCost as a sum", func() { MeanCost(mean(func(sum float64, n int) float64 { return sum }), outputs) }, "fail",
			pick(pl, "returned 5.3585; expected 1.78617", "zwraca 5.3585; oczekiwano 1.78617"), pick(pl, "the sum of the three costs", "suma trzech kosztów"))
		want(t, "meanCost of the first", func() {
			MeanCost(func(outs [][]float64, digits []int) float64 {
				return nnlesson.Cost(outs[0], nnlesson.OneHot(digits[0], 10))
			}, outputs)
		}, "fail", pick(pl, "only the first example's cost", "koszt tylko pierwszego przykładu"))
		want(t, "meanCost over the outputs too", func() {
			MeanCost(mean(func(sum float64, n int) float64 { return sum / float64(10*n) }), outputs)
		}, "fail", pick(pl, "divided by the ten outputs", "przez dziesięć wyjść"))
		want(t, "meanCost wrong", func() { MeanCost(mean(func(sum float64, n int) float64 { return sum / float64(n+1) }), outputs) }, "fail",
			pick(pl, "add up the cost of each example", "dodaj koszty przykładów"))

		// The student edition's stubs.
		want(t, "quadraticCost stub", func() {
			QuadraticCost(func(a, y []float64) float64 { return stub[float64]() }, outputs, y)
		}, "todo")
		want(t, "lazyCost stub", func() { LazyCost(stub[float64]) }, "todo")
		want(t, "meanCost stub", func() { MeanCost(func([][]float64, []int) float64 { return stub[float64]() }, outputs) }, "todo")
	})
}
