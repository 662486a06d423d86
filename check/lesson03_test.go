package check

import (
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/nnlesson/course/nnlesson"
)

func TestLesson03(t *testing.T) {
	// The lesson's layer: two neurons reading three inputs.
	W := mat.NewDense(2, 3, []float64{2.0, -3.0, 1.5, -1.0, 0.5, 2.0})
	b := mat.NewVecDense(2, []float64{-1.0, 0.5})

	// weightedSums written with a given slip: bias (how often b[k] is added:
	// 0, 1 or once per input) and f applied to each sum.
	sums := func(bias string, f func(float64) float64) func(w [][]float64, aPrev, b []float64) []float64 {
		return func(w [][]float64, aPrev, b []float64) []float64 {
			z := make([]float64, len(w))
			for k := range w {
				if bias == "once" {
					z[k] = b[k]
				}
				for j := range aPrev {
					z[k] += w[k][j] * aPrev[j]
					if bias == "per input" {
						z[k] += b[k]
					}
				}
				z[k] = f(z[k])
			}
			return z
		}
	}
	same := func(z float64) float64 { return z }

	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "weightedSums solution", func() { WeightedSums(sums("once", same)) }, "pass")
		want(t, "weightShape solution", func() { WeightShape(func(sizes []int, L int) (int, int) { return sizes[L], sizes[L-1] }) }, "pass")
		want(t, "byHand solution", func() { ByHand(func() []float64 { return []float64{-4.0, 1.0} }, W, b) }, "pass")
		want(t, "byHand rounded", func() { ByHand(func() []float64 { return []float64{-4.001, 0.999} }, W, b) }, "pass")

		// The mistakes each check names.
		want(t, "weightedSums without b", func() { WeightedSums(sums("none", same)) }, "fail",
			pick(pl, "without the biases", "bez biasów"), "(0.5, -1)", "(0, 2.5)", "(0.1, 1.5)")
		want(t, "weightedSums adds b per input", func() { WeightedSums(sums("per input", same)) }, "fail",
			pick(pl, "once per input", "tyle razy, ile jest wejść"))
		want(t, "weightedSums returns σ(z)", func() { WeightedSums(sums("once", nnlesson.Sigmoid)) }, "fail",
			pick(pl, "activations σ(z)", "aktywacje σ(z)"))
		want(t, "weightedSums wrong on the random layer only", func() {
			WeightedSums(func(w [][]float64, aPrev, b []float64) []float64 {
				if len(w) == 2 {
					return sums("once", same)(w, aPrev, b)
				}
				return make([]float64, len(w))
			})
		}, "fail", pick(pl, "expected z =", "powinno być z ="))
		want(t, "weightShape swapped", func() { WeightShape(func(sizes []int, L int) (int, int) { return sizes[L-1], sizes[L] }) }, "fail",
			pick(pl, "W^(1) is 2×3, you said 3×2: rows and columns are swapped", "W^(1) ma wymiary 2×3, a weightShape zwraca 3×2: wiersze i kolumny są zamienione"))
		want(t, "weightShape square", func() { WeightShape(func(sizes []int, L int) (int, int) { return sizes[L], sizes[L] }) }, "fail",
			pick(pl, "W^(1) is 2×3, you said 2×2", "W^(1) ma wymiary 2×3, a weightShape zwraca 2×2"))
		want(t, "byHand without b", func() { ByHand(func() []float64 { return []float64{-3.0, 0.5} }, W, b) }, "fail",
			pick(pl, "left out the biases", "brakuje biasów"))
		want(t, "byHand with σ", func() {
			ByHand(func() []float64 { return []float64{nnlesson.Sigmoid(-4), nnlesson.Sigmoid(1)} }, W, b)
		}, "fail", pick(pl, "no activation function", "nie ma funkcji aktywacji"))

		// The student edition's stubs.
		want(t, "weightedSums stub", func() {
			WeightedSums(func([][]float64, []float64, []float64) []float64 { return stub[[]float64]() })
		}, "todo")
		want(t, "weightShape stub", func() { WeightShape(func([]int, int) (int, int) { return stub[int](), 0 }) }, "todo")
		want(t, "byHand stub", func() { ByHand(stub[[]float64], W, b) }, "todo")
	})
}

func TestLesson03Names(t *testing.T) {
	sameName(t, "weightedSums(w, aPrev, b)", func() { WeightedSums(func([][]float64, []float64, []float64) []float64 { return nil }) })
	sameName(t, "weightShape(sizes, L)", func() { WeightShape(func([]int, int) (int, int) { return 0, 0 }) })
	sameName(t, "byHand", func() { ByHand(func() []float64 { return nil }, mat.NewDense(2, 3, nil), mat.NewVecDense(2, nil)) })
}
