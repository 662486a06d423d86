package check

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlesson/course/exercise"
	"github.com/nnlesson/course/mnist"
	"github.com/nnlesson/course/nnlesson"
)

func TestLesson01(t *testing.T) {
	// An image whose pixels all differ, so that a swapped row and column shows.
	x := make([]float64, mnist.Pixels)
	for i := range x {
		x[i] = float64(i) / mnist.Pixels
	}
	// Twenty small images and a random network that reads them.
	rng := rand.New(rand.NewPCG(5, 6))
	pixels, labels := make([]byte, 20*4), make([]byte, 20)
	for i := range pixels {
		pixels[i] = byte(rng.IntN(256))
	}
	data, err := mnist.NewDataset(pixels, labels, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	net := nnlesson.NewNetwork([]int{4, 5, 10}, rand.New(rand.NewPCG(7, 8)))

	inBothLanguages(t, func(t *testing.T, pl bool) {
		// The teacher's solutions.
		want(t, "numParams solution", func() {
			NumParams(func(sizes []int) int {
				n := 0
				for L := 1; L < len(sizes); L++ {
					n += sizes[L]*sizes[L-1] + sizes[L]
				}
				return n
			})
		}, "pass")
		want(t, "pixel solution", func() { Pixel(func(x []float64, r, c int) float64 { return x[28*r+c] }, x) }, "pass")
		want(t, "answer solution", func() { Answer(argmax, net, data) }, "pass")

		// The mistakes each check names.
		sum := func(term func(n, nPrev int) int) func([]int) int {
			return func(sizes []int) int {
				total := 0
				for L := 1; L < len(sizes); L++ {
					total += term(sizes[L], sizes[L-1])
				}
				return total
			}
		}
		want(t, "numParams: weights only", func() { NumParams(sum(func(n, nPrev int) int { return n * nPrev })) }, "fail",
			pick(pl, "the weights alone", "same wagi"), "23860")
		want(t, "numParams: input biases too", func() {
			NumParams(func(sizes []int) int { return sum(func(n, nPrev int) int { return n*nPrev + n })(sizes) + sizes[0] })
		}, "fail", pick(pl, "the input layer biases too", "także w warstwie wejściowej"))
		want(t, "numParams: biases of layer L−1", func() { NumParams(sum(func(n, nPrev int) int { return n*nPrev + nPrev })) }, "fail",
			pick(pl, "per neuron of layer L−1", "na neuron warstwy L−1"))
		want(t, "numParams: something else", func() { NumParams(func([]int) int { return 13002 }) }, "fail",
			pick(pl, "you counted 13002; the network holds 23860", "zwraca 13002, a liczba parametrów sieci to 23860"))
		want(t, "pixel: rows and columns swapped", func() { Pixel(func(x []float64, r, c int) float64 { return x[28*c+r] }, x) }, "fail",
			pick(pl, "rows and columns are swapped", "wiersze i kolumny są zamienione"))
		want(t, "pixel: one row too far", func() { Pixel(func(x []float64, r, c int) float64 { return x[(28*r+c+28)%784] }, x) }, "fail",
			pick(pl, "the pixel there, number 210", "piksel w tym miejscu (numer 210)"))
		want(t, "answer: the least active", func() { Answer(argmin, net, data) }, "fail",
			pick(pl, "the slide's example", "przykładu ze slajdu"), pick(pl, "the largest is output 8, you answered 5", "największe jest wyjście 8, a answer zwraca 5"),
			pick(pl, "least active", "najmniej aktywne"))
		want(t, "answer: counted from 1", func() { Answer(func(o []float64) int { return argmax(o) + 1 }, net, data) }, "fail",
			pick(pl, "numbered from 0", "numerowane od 0"))
		want(t, "answer: first above ½", func() {
			Answer(func(o []float64) int {
				for j := range o {
					if o[j] > 0.5 {
						return j
					}
				}
				return 0
			}, net, data)
		}, "fail", pick(pl, "the largest is output 8, you answered 3.", "największe jest wyjście 8, a answer zwraca 3."))

		// The student edition's stubs.
		want(t, "numParams stub", func() { NumParams(func([]int) int { return stub[int]() }) }, "todo")
		want(t, "pixel stub", func() { Pixel(func([]float64, int, int) float64 { return stub[float64]() }, x) }, "todo")
		want(t, "answer stub", func() { Answer(func([]float64) int { return stub[int]() }, net, data) }, "todo")
	})
}

func TestPixelWantsAnImage(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Pixel took an image of 783 pixels without a word")
		}
	}()
	Pixel(func([]float64, int, int) float64 { return 0 }, make([]float64, 783))
}

// argmax is the teacher's answer: the index of the largest of xs.
func argmax(xs []float64) int {
	best := 0
	for j := range xs {
		if xs[j] > xs[best] {
			best = j
		}
	}
	return best
}

// TestLesson01Names: each check names its verdict by the call the student
// writes, the same in both languages, so that the two editions' verdicts
// pair up cell by cell.
func TestLesson01Names(t *testing.T) {
	sameName(t, "numParams(sizes)", func() { NumParams(func([]int) int { return 0 }) })
	sameName(t, "pixel(x, r, c)", func() { Pixel(func([]float64, int, int) float64 { return 0 }, make([]float64, mnist.Pixels)) })
}

// sameName requires run's one verdict to name name in English and in Polish.
func sameName(t *testing.T, name string, run func()) {
	t.Helper()
	inBothLanguages(t, func(t *testing.T, pl bool) {
		t.Helper()
		if got := exercise.Verdicts(run); len(got) != 1 || got[0].Func != name {
			t.Errorf("verdicts %+v, want one named %q", got, name)
		}
	})
}
