package check

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/lang"
	"github.com/nnlesson/course/nnlesson"
)

// Lesson 3, "Many neurons".

// WeightedSums checks exercise 1: weightedSums(w, aPrev, b) returns
// z_k = Σ_j w[k][j]·aPrev[j] + b[k] for every neuron k of a layer, with
// loops over plain slices. It tries the exercise's paper example (2 inputs,
// 2 neurons) and a random layer of 5 inputs and 4 neurons, against
// nnlesson.Layer's z.
func WeightedSums(weightedSums func(w [][]float64, aPrev, b []float64) []float64) bool {
	type layer struct {
		w        [][]float64
		aPrev, b []float64
	}
	random := nnlesson.NewNetwork([]int{5, 4}, rand.New(rand.NewPCG(3, 4)))
	layers := []layer{
		{w: [][]float64{{0.5, -1}, {2, 1}}, aPrev: []float64{1, 0.5}, b: []float64{0.1, -1}},
		{w: rows(random.W(1)), aPrev: []float64{0.1, 0.9, 0.5, 0.0, 0.3}, b: random.B(1).RawVector().Data},
	}
	return exercise.Check("weightedSums(w, aPrev, b)", func() error {
		for _, l := range layers {
			W := mat.NewDense(len(l.w), len(l.aPrev), nil)
			for k := range l.w {
				W.SetRow(k, l.w[k])
			}
			z, a := nnlesson.Layer(W, mat.NewVecDense(len(l.aPrev), l.aPrev), mat.NewVecDense(len(l.b), l.b), nnlesson.SigmoidActivation)
			var noBias mat.VecDense
			noBias.MulVec(W, mat.NewVecDense(len(l.aPrev), l.aPrev))
			biasPerInput := make([]float64, len(l.b))
			for k := range l.b {
				biasPerInput[k] = noBias.AtVec(k) + float64(len(l.aPrev))*l.b[k]
			}
			want := z.RawVector().Data
			got := weightedSums(copyRows(l.w), append([]float64(nil), l.aPrev...), append([]float64(nil), l.b...))
			if sameNumbers(got, want, 1e-9) {
				continue
			}
			hint := ""
			switch {
			case sameNumbers(got, noBias.RawVector().Data, 1e-9):
				hint = lang.Pick(" — these are the sums without the biases: add b[k] to neuron k",
					" — to sumy bez biasów: do sumy neuronu k dodaj b[k]")
			case sameNumbers(got, biasPerInput, 1e-9):
				hint = lang.Pick(" — b[k] was added once per input; add it once per neuron, outside the loop over j",
					" — b[k] zostało dodane tyle razy, ile jest wejść; dodaj je raz dla każdego neuronu, poza pętlą po j")
			case sameNumbers(got, a.RawVector().Data, 1e-9):
				hint = lang.Pick(" — these are the activations σ(z); the exercise asks for z itself",
					" — to są aktywacje σ(z), a zadanie pyta o samo z")
			}
			which := fmt.Sprintf(lang.Pick("w = %s, aPrev = %s, b = %s", "w = %s, aPrev = %s, b = %s"), matrix(l.w), numbers(l.aPrev), numbers(l.b))
			if len(l.w) > 2 {
				which = fmt.Sprintf(lang.Pick("a random layer of %d neurons reading %d inputs", "losowej warstwy (neurony: %d, wejścia: %d)"), len(l.w), len(l.aPrev))
			}
			return fmt.Errorf(lang.Pick("for %s you returned %s; expected z = %s%s",
				"dla %s funkcja weightedSums zwraca %s, a powinno być z = %s%s"), which, numbers(got), numbers(want), hint)
		}
		return nil
	})
}

// WeightShape checks exercise 2: weightShape(sizes, L) returns the shape of
// W^(L), n_L rows by n_(L−1) columns, which it compares with the matrices
// of networks of several sizes.
func WeightShape(weightShape func(sizes []int, L int) (rows, cols int)) bool {
	return exercise.Check("weightShape(sizes, L)", func() error {
		for _, sizes := range [][]int{{3, 2}, {784, 30, 10}, {784, 16, 16, 10}, {5, 7, 2, 9, 4}} {
			net := nnlesson.NewNetwork(sizes, rand.New(rand.NewPCG(1, 2)))
			for L := 1; L <= net.Layers(); L++ {
				r, c := net.W(L).Dims()
				gr, gc := weightShape(append([]int(nil), sizes...), L)
				switch {
				case gr == r && gc == c:
					continue
				case gr == c && gc == r:
					return fmt.Errorf(lang.Pick(
						"for sizes %v, W^(%d) is %d×%d, you said %d×%d: rows and columns are swapped — rows belong to layer L, columns to layer L−1",
						"dla rozmiarów %v macierz W^(%d) ma wymiary %d×%d, a weightShape zwraca %d×%d: wiersze i kolumny są zamienione — wiersze należą do warstwy L, kolumny do warstwy L−1"),
						sizes, L, r, c, gr, gc)
				}
				return fmt.Errorf(lang.Pick("for sizes %v, W^(%d) is %d×%d, you said %d×%d",
					"dla rozmiarów %v macierz W^(%d) ma wymiary %d×%d, a weightShape zwraca %d×%d"), sizes, L, r, c, gr, gc)
			}
		}
		return nil
	})
}

// ByHand checks exercise 3: byHand returns o^(1) = W·o^(0) + b for the
// input o^(0) = (0, 1, 0), worked out by hand for the lesson's W and b
// (so within ±0.005, for numbers typed in).
func ByHand(byHand func() []float64, W *mat.Dense, b *mat.VecDense) bool {
	var noBias, want mat.VecDense
	noBias.MulVec(W, mat.NewVecDense(3, []float64{0, 1, 0}))
	want.AddVec(&noBias, b)
	activations := make([]float64, want.Len())
	for k := range activations {
		activations[k] = nnlesson.Sigmoid(want.AtVec(k))
	}
	return exercise.Slice("byHand", byHand, want.RawVector().Data, 0.005,
		exercise.MistakeSlice(noBias.RawVector().Data, 0.005, lang.Pick(
			"you left out the biases b_0 and b_1.",
			"brakuje biasów b_0 i b_1.")),
		exercise.MistakeSlice(activations, 0.005, lang.Pick(
			"those are the activations σ(o); the slide's example has no activation function.",
			"to aktywacje σ(o), a w przykładzie ze slajdu nie ma funkcji aktywacji.")))
}

// rows returns the rows of W as slices.
func rows(W *mat.Dense) [][]float64 {
	r, _ := W.Dims()
	out := make([][]float64, r)
	for k := range out {
		out[k] = mat.Row(nil, k, W)
	}
	return out
}

// copyRows returns a copy of w, so that a student's function that writes
// into its arguments cannot change the check's numbers.
func copyRows(w [][]float64) [][]float64 {
	out := make([][]float64, len(w))
	for k := range w {
		out[k] = append([]float64(nil), w[k]...)
	}
	return out
}

// sameNumbers reports whether got and want have the same length and agree
// within tol.
func sameNumbers(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		if !(got[i]-want[i] <= tol && want[i]-got[i] <= tol) {
			return false
		}
	}
	return true
}

// numbers formats a list of numbers, four significant digits each.
func numbers(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%.4g", x)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// matrix formats the rows of a matrix as numbers does a list.
func matrix(w [][]float64) string {
	parts := make([]string, len(w))
	for k := range w {
		parts[k] = numbers(w[k])
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
